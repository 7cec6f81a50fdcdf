#include "portfolio/demo_script.hpp"

namespace kf::portfolio::demo {

namespace {

using K = Event::Kind;

Event deposit(const char* ex, int days, int hour, const char* asset, const char* amount,
              const char* network = "") {
  return {K::Deposit, ex, days, hour, asset, "", amount, "", "0", "", network};
}
Event withdrawal(const char* ex, int days, int hour, const char* asset, const char* amount,
                 const char* fee, const char* network = "") {
  return {K::Withdrawal, ex, days, hour, asset, "", amount, "", fee, "", network};
}
Event buy(const char* ex, int days, int hour, const char* base, const char* quote,
          const char* amount, const char* price, const char* fee, const char* feeAsset) {
  return {K::Buy, ex, days, hour, base, quote, amount, price, fee, feeAsset, ""};
}
Event sell(const char* ex, int days, int hour, const char* base, const char* quote,
           const char* amount, const char* price, const char* fee, const char* feeAsset) {
  return {K::Sell, ex, days, hour, base, quote, amount, price, fee, feeAsset, ""};
}

}  // namespace

// Two years of a plausible retail history. Fees: Binance 0.1% (often paid in BNB),
// Coinbase 0.6%, Kraken 0.26%. Withdrawals debit amount + fee.
const std::vector<Event>& events() {
  static const std::vector<Event> list = {
      deposit("binance", 730, 9, "USDT", "20000", "TRX"),
      buy("binance", 720, 14, "BTC", "USDT", "0.25", "27150.00", "0.00025", "BTC"),
      buy("binance", 700, 10, "ETH", "USDT", "2.5", "1650.00", "0.0025", "ETH"),
      deposit("coinbase", 700, 16, "USD", "15000"),
      buy("binance", 690, 11, "BNB", "USDT", "5", "215.40", "0.005", "BNB"),
      buy("coinbase", 690, 18, "BTC", "USD", "0.2", "29800.00", "35.76", "USD"),
      buy("coinbase", 650, 15, "ETH", "USD", "3", "1850.00", "33.30", "USD"),
      buy("binance", 640, 8, "SOL", "USDT", "40", "21.35", "0.00396", "BNB"),
      buy("binance", 600, 12, "ADA", "USDT", "3000", "0.2612", "0.0036", "BNB"),
      deposit("kraken", 600, 20, "EUR", "8000"),
      buy("kraken", 590, 9, "BTC", "EUR", "0.1", "25400.0", "6.6040", "EUR"),
      buy("binance", 560, 13, "LINK", "USDT", "150", "6.84", "0.0048", "BNB"),
      buy("kraken", 560, 17, "DOT", "EUR", "400", "4.52", "4.7008", "EUR"),
      buy("kraken", 540, 10, "ETH", "EUR", "1", "1580.00", "4.1080", "EUR"),
      buy("coinbase", 520, 15, "SOL", "USD", "30", "59.50", "10.71", "USD"),
      deposit("binance", 500, 9, "USDT", "5000", "TRX"),
      buy("binance", 480, 11, "BTC", "USDT", "0.1", "42380.50", "0.0001", "BTC"),
      sell("binance", 430, 16, "SOL", "USDT", "15", "98.20", "1.473", "USDT"),
      buy("coinbase", 420, 12, "USDC", "USD", "1000", "1", "0", "USD"),
      buy("binance", 400, 14, "ETH", "BTC", "1", "0.0535", "0.001", "ETH"),
      // BTC moved from Coinbase to Kraken: the same transaction on both sides.
      withdrawal("coinbase", 380, 10, "BTC", "0.05", "0.00005", "bitcoin"),
      deposit("kraken", 380, 13, "BTC", "0.05", "Bitcoin"),
      buy("kraken", 330, 11, "DOT", "EUR", "150", "6.90", "2.6910", "EUR"),
      buy("binance", 300, 15, "BNB", "USDT", "2", "305.00", "0.002", "BNB"),
      withdrawal("binance", 250, 9, "ETH", "0.5", "0.0012", "ETH"),
      sell("coinbase", 200, 17, "ETH", "USD", "1", "3400.00", "20.40", "USD"),
      sell("kraken", 180, 14, "BTC", "EUR", "0.04", "57800.0", "6.0112", "EUR"),
      sell("binance", 150, 10, "BTC", "USDT", "0.05", "63500.00", "3.175", "USDT"),
      deposit("coinbase", 120, 9, "USD", "2000"),
      buy("binance", 90, 13, "LINK", "USDT", "50", "14.10", "0.0012", "BNB"),
      buy("coinbase", 60, 16, "BTC", "USD", "0.02", "61200.00", "7.34", "USD"),
      buy("binance", 40, 11, "SOL", "USDT", "10", "145.60", "0.0025", "BNB"),
      buy("kraken", 25, 12, "DOT", "EUR", "30", "6.20", "0.4836", "EUR"),
      buy("binance", 20, 15, "ADA", "USDT", "500", "0.4450", "0.0011", "BNB"),
      withdrawal("kraken", 12, 15, "EUR", "500", "0.09"),
      buy("coinbase", 8, 10, "ETH", "USD", "0.25", "3420.00", "5.13", "USD"),
  };
  return list;
}

const std::vector<AccountMove>& accountMoves() {
  static const std::vector<AccountMove> list = {
      {"binance", "USDT", "earn", "5000"},
      {"binance", "ADA", "earn", "3000"},
      {"coinbase", "ETH", "staked", "1.5"},
      {"kraken", "DOT", "staked", "500"},
  };
  return list;
}

// Enough fiat pairs that every supported currency (valuation.hpp) can be shown.
const std::vector<DemoTicker>& tickers() {
  static const std::vector<DemoTicker> list = {
      {"binance", "BTC", "USDT", "67250.12", "66000.00"},
      {"binance", "ETH", "USDT", "3512.40", "3400.00"},
      {"binance", "ETH", "BTC", "0.05223", "0.05150"},
      {"binance", "BNB", "USDT", "590.10", "600.50"},
      {"binance", "SOL", "USDT", "151.20", "148.10"},
      {"binance", "ADA", "USDT", "0.4521", "0.4402"},
      {"binance", "LINK", "USDT", "14.62", "14.95"},
      {"binance", "DOT", "USDT", "7.118", "7.010"},
      {"binance", "USDC", "USDT", "1.0001", "0.9999"},
      {"coinbase", "BTC", "USD", "67245.01", "66005.00"},
      {"coinbase", "ETH", "USD", "3511.55", "3400.95"},
      {"coinbase", "SOL", "USD", "151.23", "148.00"},
      {"coinbase", "ADA", "USD", "0.4519", "0.4400"},
      {"coinbase", "LINK", "USD", "14.63", "14.94"},
      {"coinbase", "USDT", "USD", "1.0001", "0.9999"},
      {"kraken", "BTC", "USD", "67240.1", "66010.0"},
      {"kraken", "BTC", "EUR", "62100.0", "61000.0"},
      {"kraken", "ETH", "USD", "3511.90", "3401.20"},
      {"kraken", "ETH", "EUR", "3236.20", "3150.10"},
      {"kraken", "DOT", "USD", "7.1234", "7.0000"},
      {"kraken", "DOT", "EUR", "6.565", "6.480"},
      {"kraken", "USDT", "USD", "1.0002", "0.9998"},
      {"kraken", "EUR", "USD", "1.08500", "1.08000"},
      {"kraken", "GBP", "USD", "1.27100", "1.26950"},
      {"kraken", "USD", "JPY", "155.420", "154.870"},
      {"kraken", "USD", "CHF", "0.90120", "0.90300"},
      {"kraken", "USD", "CAD", "1.36750", "1.37020"},
      {"kraken", "AUD", "USD", "0.66120", "0.65900"},
  };
  return list;
}

}  // namespace kf::portfolio::demo
