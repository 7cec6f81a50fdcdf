// Dates of the report files, all in UTC from integer milliseconds since the Unix
// epoch. Integer civil-calendar arithmetic (no time zone database, no locale).
#pragma once

#include <cstdint>
#include <string>

namespace kf::report {

struct UtcTime {
  int year, month, day, hour, minute, second, millisecond;
};

inline constexpr int64_t kMaxReportMs = 253402300799999;  // 9999-12-31T23:59:59.999Z

// Throws CoreError(InvalidInput) outside 1970-01-01 .. 9999-12-31 (no exchange or
// tax record predates the epoch, and four-digit years keep every format fixed-width).
UtcTime utcFromMs(int64_t ms);

std::string isoUtc(int64_t ms);           // 2026-11-28T14:05:09.123Z
std::string dateIso(int64_t ms);          // 2026-11-28 (file names)
std::string dateUs(int64_t ms);           // 11/28/2026 (Form 8949: Mo., day, yr.)
std::string koinlyDate(int64_t ms);       // 2026-11-28 14:05 UTC
std::string coinTrackerDate(int64_t ms);  // 11/28/2026 14:05:09
int utcYear(int64_t ms);

}  // namespace kf::report
