// Reads a costBasis call into the engine's input. The request:
//   {method: "fifo"|"lifo"|"hifo"|"average" (default "fifo"), currency (required),
//    holdingPeriodDays: 365, feeTreatment: "default" (the only one), pooling: "exchange"
//    (default) | "universal", taxYear?: 2025, timezone: "UTC" | "+HH:MM",
//    priceMaxAgeMs: 172800000, transferWindowMs: 172800000,
//    trades: [normalized trades; `cost` defaults to amount * price],
//    transfers: [normalized transfers; only status "ok" counts, the fee is in the asset],
//    prices: {"BTC": [[timeMs, "price"], ...], ...}}
// With taxYear, events up to the end of that year are processed, all earlier history
// included: disposals and withdrawals are those of the year, unpriced events those up
// to its end, and remainingLots the holdings at its end.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "portfolio/cost_basis.hpp"

namespace kf::portfolio {

struct CostBasisRequest {
  Ledger ledger;
  HistoricalPrices prices;
  CostBasisOptions options;
  std::optional<int> taxYear;
  std::int64_t fromMs = INT64_MIN;  // report disposals in [fromMs, options.untilMs)
};

// Throws CoreError(InvalidInput) naming the field (e.g. "trades[3].amount: ...").
CostBasisRequest parseCostBasisRequest(const nlohmann::json& in);

Method methodFromString(std::string_view name);  // throws CoreError(InvalidInput)
std::string_view to_string(Method method);

// "UTC", "Z", "+HH:MM" or "-HH:MM" (also "UTC+HH:MM") -> offset from UTC in ms.
// Named zones need a time-zone database the core does not carry: CoreError(Unsupported).
std::int64_t utcOffsetMs(std::string_view timezone);
// Milliseconds since the epoch of January 1 of `year`, 00:00 at the given offset.
std::int64_t yearStartMs(int year, std::int64_t offsetMs);

}  // namespace kf::portfolio
