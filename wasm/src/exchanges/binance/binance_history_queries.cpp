// Which time windows to ask for deposits and withdrawals. Without a window Binance
// returns only the last 90 days, and a window must be shorter than 90 days
// (exchange-apis.md §1.4), so the whole history is a series of 89-day windows
// {startMs, endMs}, newest first, from nowMs back to sinceMs (default and floor:
// Binance's launch, 2017-07-14 00:00 UTC; nothing is older).
//
// The windows sit on a fixed grid anchored at the launch rather than at nowMs, so
// every window but the newest has the same params on every sync: the extension keys
// its resume cursors by params, and a grid that moved with the clock would never
// resume and would leave a cursor behind per window per sync.
//
// Withdrawal history is heavy (cost 600 of the bucket per call, binance_requests.cpp):
// some 35 windows for a key used since 2017 spend about 21000 tokens, which the
// extension's rate limiter paces at the bucket's refill rate (a call every 6 s after the
// first ten); the planner does not thin them out.
#include <algorithm>

#include "core/error.hpp"
#include "exchanges/binance/binance.hpp"

namespace kf::exchanges {

namespace {

using nlohmann::json;

constexpr int64_t kDayMs = 24LL * 3600 * 1000;
constexpr int64_t kLaunchMs = 1499990400000;  // 2017-07-14T00:00:00Z
constexpr int64_t kWindowMs = 89 * kDayMs;    // < 90 days with a day to spare
// 9999-12-31T23:59:59.999Z: bounds the number of windows (about 33000) a bad clock can ask for.
constexpr int64_t kLatestMs = 253402300799999;

std::vector<json> transferWindows(const HistoryQueryInput& input) {
  if (input.nowMs < kLaunchMs || input.nowMs > kLatestMs)
    throw CoreError(ErrorKind::InvalidInput,
                    "field 'nowMs' must lie between Binance's launch (2017-07-14) and the year "
                    "9999, got " +
                        std::to_string(input.nowMs));
  const int64_t since = std::max(input.sinceMs.value_or(kLaunchMs), kLaunchMs);
  const int64_t first = (since - kLaunchMs) / kWindowMs;  // grid cells, both ≥ 0
  const int64_t last = (input.nowMs - kLaunchMs) / kWindowMs;
  std::vector<json> windows;
  windows.reserve(static_cast<size_t>(last - first + 1));
  for (int64_t cell = last; cell >= first; --cell) {
    const int64_t start = kLaunchMs + cell * kWindowMs;
    // Binance's bounds are inclusive: each window ends 1 ms before the next begins.
    const int64_t end = std::min(start + kWindowMs - 1, input.nowMs);
    windows.push_back({{"startMs", start}, {"endMs", end}});
  }
  return windows;
}

}  // namespace

std::vector<json> Binance::planHistory(Operation op, const HistoryQueryInput& input) const {
  if (op == Operation::Deposits || op == Operation::Withdrawals) return transferWindows(input);
  return Exchange::planHistory(op, input);  // trades: one query per market
}

}  // namespace kf::exchanges
