#include "exchanges/binance/binance_assets.hpp"

namespace kf::exchanges::binance {

namespace {

// Real assets whose ticker starts with "LD" (never Simple Earn wrappers).
constexpr std::string_view kRealLdAssets[] = {"LDO"};

// Assets Binance Simple Earn (flexible) offers, for accounts whose answer omits the
// underlying asset (omitZeroBalances=true). Not exhaustive: the account's own asset list
// covers the rest.
constexpr std::string_view kEarnAssets[] = {
    "BTC",  "ETH", "BNB",  "USDT", "USDC",  "FDUSD", "BUSD", "TUSD", "DAI",  "SOL",
    "XRP",  "ADA", "DOGE", "DOT",  "MATIC", "POL",   "LTC",  "TRX",  "AVAX", "LINK",
    "ATOM", "UNI", "SHIB", "TON",  "NEAR",  "ARB",   "OP",   "APT",  "SUI",  "FIL",
    "ETC",  "BCH", "XLM",  "AXS",  "SAND",  "MANA",  "LDO",  "EUR",  "PEPE", "WLD",
    "INJ",  "SEI", "TIA",  "ENA",  "AAVE",  "ALGO",  "ICP",  "HBAR"};

// Quote assets of Binance spot markets, longest first within each family so that
// "ETHFDUSD" is not read as "ETHFD"+"USD".
constexpr std::string_view kQuoteAssets[] = {
    "FDUSD", "USDT", "USDC", "TUSD", "BUSD", "USDP", "AEUR", "EURI", "BIDR", "IDRT",
    "BVND",  "DOGE", "DAI",  "BTC",  "ETH",  "BNB",  "EUR",  "TRY",  "BRL",  "GBP",
    "AUD",   "RUB",  "UAH",  "ZAR",  "NGN",  "PLN",  "RON",  "ARS",  "JPY",  "MXN",
    "COP",   "CZK",  "XRP",  "TRX",  "DOT",  "SOL",  "PAX",  "UST"};

template <size_t N>
bool contains(const std::string_view (&list)[N], std::string_view s) {
  for (auto item : list)
    if (item == s) return true;
  return false;
}

}  // namespace

NormalizedAsset normalizeAsset(std::string_view code, const std::set<std::string>& accountAssets) {
  if (code.size() > 2 && code.substr(0, 2) == "LD" && !contains(kRealLdAssets, code)) {
    const std::string underlying(code.substr(2));
    if (accountAssets.count(underlying) || contains(kEarnAssets, underlying))
      return {underlying, "earn"};
  }
  return {std::string(code), "spot"};
}

std::optional<std::pair<std::string, std::string>> splitSymbol(std::string_view symbol) {
  std::string_view best;
  for (auto quote : kQuoteAssets) {
    if (symbol.size() > quote.size() && symbol.substr(symbol.size() - quote.size()) == quote &&
        quote.size() > best.size())
      best = quote;
  }
  if (best.empty()) return std::nullopt;
  return std::make_pair(std::string(symbol.substr(0, symbol.size() - best.size())),
                        std::string(best));
}

}  // namespace kf::exchanges::binance
