// Historical prices of assets in the person's currency, as the extension gathers them
// from exchange candles (daily or hourly closes). The price of an asset at a moment is
// the latest point at or before it, if that point is at most `maxAgeMs` old; otherwise
// there is no price. Nothing is assumed: a stablecoin has a price only when a series
// for it is given (the person's currency itself is priced by the engine, at 1).
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "model/decimal.hpp"
#include "portfolio/cost_basis_ledger.hpp"

namespace kf::portfolio {

struct PricePoint {
  std::int64_t timeMs;
  Decimal price;
};

class HistoricalPrices {
 public:
  HistoricalPrices() = default;
  explicit HistoricalPrices(std::int64_t maxAgeMs) : maxAgeMs_(maxAgeMs) {}

  // Points must be in strictly increasing time order with positive prices
  // (CoreError(InvalidInput) naming the asset otherwise). Replaces any earlier series.
  void setSeries(NameId asset, std::vector<PricePoint> points, std::string_view assetName);
  std::optional<Decimal> at(NameId asset, std::int64_t timeMs) const;
  std::int64_t maxAgeMs() const { return maxAgeMs_; }

 private:
  std::int64_t maxAgeMs_ = 2LL * 24 * 3600 * 1000;
  std::vector<std::vector<PricePoint>> series_;  // indexed by asset id
  // Per asset, the index the last lookup found: the cost-basis engine asks in time
  // order, so the next answer is usually the same point or the one after it. A hint
  // only; a miss falls back to binary search. (The core is single-threaded.)
  mutable std::vector<std::size_t> hint_;
};

// {"BTC": [[timeMs, "price"], ...], ...}; interns the asset names into `assets`.
HistoricalPrices parseHistoricalPrices(const nlohmann::json& prices, NameTable& assets,
                                       std::int64_t maxAgeMs);

}  // namespace kf::portfolio
