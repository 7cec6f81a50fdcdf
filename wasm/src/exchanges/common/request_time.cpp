#include "exchanges/common/request_time.hpp"

#include "core/error.hpp"

namespace kf::exchanges::request {

namespace {

void appendPadded(std::string& out, int64_t value, std::size_t width) {
  std::string digits = std::to_string(value);
  if (digits.size() < width) out.append(width - digits.size(), '0');
  out += digits;
}

}  // namespace

std::string msToRfc3339(int64_t ms) {
  constexpr int64_t kYear10000Ms = 253402300800000;
  if (ms < 0 || ms >= kYear10000Ms)
    throw CoreError(ErrorKind::InvalidInput, "time out of range (years 1970..9999)");
  const int64_t secs = ms / 1000;
  const int64_t rem = secs % 86400;
  // Civil date from days since the epoch (H. Hinnant's algorithm): no C library
  // time zone state involved.
  const int64_t days = secs / 86400 + 719468;
  const int64_t era = days / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  std::string out;
  appendPadded(out, year, 4);
  out += '-';
  appendPadded(out, month, 2);
  out += '-';
  appendPadded(out, day, 2);
  out += 'T';
  appendPadded(out, rem / 3600, 2);
  out += ':';
  appendPadded(out, rem % 3600 / 60, 2);
  out += ':';
  appendPadded(out, rem % 60, 2);
  out += 'Z';
  return out;
}

}  // namespace kf::exchanges::request
