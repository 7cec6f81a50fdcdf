#include "portfolio/report_time.hpp"

#include <cstdio>

#include "core/error.hpp"

namespace kf::report {

namespace {

constexpr int64_t kMsPerDay = 86'400'000;

// Days since 1970-01-01 → civil date (H. Hinnant, "chrono-Compatible Low-Level Date
// Algorithms"), valid for every day in our range.
void civilFromDays(int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

template <typename... Args>
std::string format(const char* fmt, Args... args) {
  char buf[40];
  const int n = std::snprintf(buf, sizeof buf, fmt, args...);
  return std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
}

}  // namespace

UtcTime utcFromMs(int64_t ms) {
  if (ms < 0 || ms > kMaxReportMs)
    throw CoreError(ErrorKind::InvalidInput,
                    "time " + std::to_string(ms) + " ms is outside 1970..9999");
  UtcTime t{};
  civilFromDays(ms / kMsPerDay, t.year, t.month, t.day);
  const int64_t inDay = ms % kMsPerDay;
  t.hour = static_cast<int>(inDay / 3'600'000);
  t.minute = static_cast<int>(inDay / 60'000 % 60);
  t.second = static_cast<int>(inDay / 1000 % 60);
  t.millisecond = static_cast<int>(inDay % 1000);
  return t;
}

std::string isoUtc(int64_t ms) {
  const auto t = utcFromMs(ms);
  return format("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", t.year, t.month, t.day, t.hour, t.minute,
                t.second, t.millisecond);
}

std::string dateIso(int64_t ms) {
  const auto t = utcFromMs(ms);
  return format("%04d-%02d-%02d", t.year, t.month, t.day);
}

std::string dateUs(int64_t ms) {
  const auto t = utcFromMs(ms);
  return format("%02d/%02d/%04d", t.month, t.day, t.year);
}

// Koinly's documented form is "YYYY-MM-DD HH:MM UTC" (support.koinly.io article 9489976).
std::string koinlyDate(int64_t ms) {
  const auto t = utcFromMs(ms);
  return format("%04d-%02d-%02d %02d:%02d UTC", t.year, t.month, t.day, t.hour, t.minute);
}

// CoinTracker's documented form is "MM/DD/YYYY HH:MM:SS" (support.cointracker.io 4413071299729).
std::string coinTrackerDate(int64_t ms) {
  const auto t = utcFromMs(ms);
  return format("%02d/%02d/%04d %02d:%02d:%02d", t.month, t.day, t.year, t.hour, t.minute,
                t.second);
}

int utcYear(int64_t ms) {
  return utcFromMs(ms).year;
}

}  // namespace kf::report
