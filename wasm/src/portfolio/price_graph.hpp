// Prices from the exchanges' public tickers: every ticker BASE/QUOTE is an edge
// BASE->QUOTE at `last` and QUOTE->BASE at 1/last (18 decimals, HalfEven). An asset's
// USD price is found by fixed rules, tried in order (the first that applies wins):
//   1. USD itself: 1.
//   2. A direct ticker with USD (X/USD or USD/X).
//   3. A stablecoin (kStablecoins) without one: 1, "at par".
//   4. Through a stablecoin, in kStablecoins order: X/S x usd(S).
//   5. Through BTC, then ETH: X/BTC x usd(BTC).
//   6. Through fiat, in order EUR, GBP, JPY, CHF, CAD, AUD: X/EUR x usd(EUR).
// A path never visits an asset twice and uses at most 4 tickers. When several tickers connect the
// same two assets, the one chosen is: from an exchange where the asset being priced is held, then
// by exchange order binance, coinbase, kraken, others alphabetically, then the ticker in its own
// direction (X/Q) before the inverse (Q/X), then input order. Each hop multiplies and rounds to 18
// decimals (HalfEven).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/decimal.hpp"

namespace kf::portfolio {

struct Ticker {
  std::string exchange, base, quote;
  Decimal last;
  std::optional<Decimal> open24h;
};

// USDT, USDC, DAI, FDUSD, TUSD, USDP, PYUSD, BUSD, USDS: worth one USD.
const std::vector<std::string>& stablecoins();
bool isStablecoin(std::string_view asset);
// binance 0, coinbase 1, kraken 2, any other 3 (then alphabetical).
int exchangeRank(std::string_view exchange);
bool exchangeBefore(std::string_view a, std::string_view b);

// A price of one asset in USD and how it was found.
struct UsdQuote {
  Decimal price;                        // at most 18 decimals
  std::optional<Decimal> price24h;      // the same path at open24h, when every hop has it
  std::vector<std::string> path;        // "BTC/USDT@binance", "USDT/USD@kraken", "USDC=USD (par)"
  std::vector<std::string> parStables;  // stablecoins on the path valued at par
};

class PriceGraph {
 public:
  // heldOn: asset -> exchanges where it is held (the first tie-break between tickers).
  // Tickers with last <= 0 or base == quote are ignored; open24h <= 0 counts as absent.
  PriceGraph(const std::vector<Ticker>& tickers,
             const std::map<std::string, std::set<std::string>>& heldOn);

  std::optional<UsdQuote> usd(const std::string& asset) const;

 private:
  struct Edge {
    Decimal rate;
    std::optional<Decimal> rate24h;
    std::string label;
  };
  std::optional<UsdQuote> usd(const std::string& asset, std::vector<std::string>& visiting) const;
  const Edge* edge(const std::string& from, const std::string& to) const;

  // (from, to) -> the chosen ticker for that hop.
  std::map<std::pair<std::string, std::string>, Edge> edges_;
};

}  // namespace kf::portfolio
