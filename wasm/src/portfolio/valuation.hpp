// Net worth: holdings valued with the prices of price_graph.hpp, merged by asset
// across exchanges and accounts, by exchange, with allocation shares and 24-hour change.
//
// Rules (simple enough to recompute elsewhere):
// - Each asset gets one price in the target currency T: usd(asset) / usd(T) at 18
//   decimals, HalfEven (usd() as in price_graph.hpp; for T = USD no division; for the
//   asset T itself exactly 1).
// - value = amount x price, rounded once to 18 decimals HalfEven ("internal value");
//   the same for each (exchange, account) part of the split.
// - total = sum of the assets' internal values, rounded once to the output scale;
//   an exchange's value = sum of its parts' internal values, rounded once.
//   Output scale: 2 decimals for USD, EUR, GBP, CHF, CAD, AUD; 0 for JPY; 8 for BTC, ETH;
//   rounding HalfEven. So the displayed parts need not add up to the displayed total.
// - share = internal value / internal total x 100, 2 decimals HalfEven ("0.00" if total is 0).
// - 24h: an asset's price24hAgo is the same path at each ticker's open24h (covered only
//   when every hop, including the target currency's path, has open24h; USD and par hops
//   always do). value24hAgo = the same amount x price24hAgo, so it measures price moves
//   only, not deposits, withdrawals or trades. change24h = sum over covered assets of
//   (value - value24hAgo); total24hAgo = total - change24h (uncovered assets count as
//   unchanged); change24hPct = change24h / total24hAgo x 100 (2 decimals); all null when
//   no asset is covered.
// - Assets without a price path are listed in `unpriced` and left out of every total.
//   If T itself has no price, every asset is unpriced and total is null.
// - Zero holdings are skipped; a negative holding is invalid input.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/decimal.hpp"
#include "portfolio/price_graph.hpp"

namespace kf::portfolio {

struct BalanceHolding {
  std::string exchange, account, asset;
  Decimal total;
};

struct ValuedPart {
  std::string exchange, account;
  Decimal amount, value;
};

struct ValuedAsset {
  std::string asset;
  Decimal amount, price, value;  // price and value in the target currency, 18 decimals
  std::optional<Decimal> value24hAgo;
  std::vector<std::string> path;
  std::vector<ValuedPart> split;  // by value desc, then exchange order, then account
};

struct UnpricedAsset {
  std::string asset;
  Decimal amount;
  std::vector<std::string> exchanges;
};

struct ExchangeTotal {
  std::string exchange;
  Decimal value;
};

struct Valuation {
  std::string currency;
  int outputScale = 2;
  std::optional<Decimal> total;  // internal; nullopt when the currency has no price
  std::optional<Decimal> change24h;
  std::vector<ValuedAsset> assets;       // by value desc, then asset name
  std::vector<ExchangeTotal> exchanges;  // by value desc, then exchange order
  std::vector<UnpricedAsset> unpriced;   // by asset name
  std::vector<std::string> notes;
};

// USD, EUR, GBP, JPY, CHF, CAD, AUD, BTC, ETH.
const std::vector<std::string>& supportedCurrencies();
// Output decimals of a supported currency; throws CoreError(InvalidInput) otherwise.
int currencyScale(const std::string& currency);

Valuation valuePortfolio(const std::string& currency, const std::vector<BalanceHolding>& holdings,
                         const std::vector<Ticker>& tickers);

}  // namespace kf::portfolio
