#include "exchanges/common/response_time.hpp"

#include <string>

namespace kf::exchanges::response {

namespace {

bool digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads exactly `n` digits at `pos`.
std::optional<int> digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!digit(s[i])) return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

}  // namespace

std::optional<int64_t> secondsTextToMs(std::string_view text) {
  if (text.empty() || text.size() > 40) return std::nullopt;
  int64_t seconds = 0;
  size_t i = 0;
  for (; i < text.size() && digit(text[i]); ++i) {
    if (seconds > 100'000'000'000LL) return std::nullopt;  // beyond year 5000
    seconds = seconds * 10 + (text[i] - '0');
  }
  if (i == 0) return std::nullopt;
  int64_t ms = seconds * 1000;
  if (i == text.size()) return ms;
  if (text[i] != '.' || i + 1 == text.size()) return std::nullopt;
  int64_t scale = 100;
  for (++i; i < text.size(); ++i) {
    if (!digit(text[i])) return std::nullopt;
    ms += (text[i] - '0') * scale;
    scale /= 10;
  }
  return ms;
}

std::optional<int64_t> isoTextToMs(std::string_view s) {
  const auto year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
  const auto hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  if (s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      s[13] != ':' || s[16] != ':')
    return std::nullopt;
  if (*year < 1970 || *month < 1 || *month > 12 || *day < 1 || *day > daysInMonth(*year, *month) ||
      *hour > 23 || *minute > 59 || *second > 60)
    return std::nullopt;
  size_t i = 19;
  int64_t ms = 0;
  if (i < s.size() && s[i] == '.') {
    int64_t scale = 100;
    size_t start = ++i;
    for (; i < s.size() && digit(s[i]); ++i) {
      ms += (s[i] - '0') * scale;
      scale /= 10;
    }
    if (i == start || i - start > 12) return std::nullopt;
  }
  int64_t offsetMinutes = 0;
  if (i < s.size()) {
    const char z = s[i];
    if ((z == 'Z' || z == 'z') && i + 1 == s.size()) {
      // UTC
    } else if ((z == '+' || z == '-') && s.size() == i + 6 && s[i + 3] == ':') {
      const auto oh = digits(s, i + 1, 2), om = digits(s, i + 4, 2);
      if (!oh || !om || *oh > 23 || *om > 59) return std::nullopt;
      offsetMinutes = (*oh * 60 + *om) * (z == '+' ? 1 : -1);
    } else {
      return std::nullopt;
    }
  }
  const int64_t days =
      daysFromCivil(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
  const int64_t secs = days * 86400 + *hour * 3600 + *minute * 60 + *second - offsetMinutes * 60;
  if (secs < 0) return std::nullopt;
  return secs * 1000 + ms;
}

std::optional<int64_t> httpDateToMs(std::string_view s) {
  // "Www, DD Mon YYYY HH:MM:SS GMT": rewritten as ISO text so one parser checks it.
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (s.size() != 29 || s.substr(3, 2) != ", " || s.substr(25) != " GMT") return std::nullopt;
  int month = 0;
  for (int i = 0; i < 12; ++i)
    if (s.substr(8, 3) == kMonths[i]) month = i + 1;
  if (month == 0 || s[7] != ' ' || s[11] != ' ' || s[16] != ' ') return std::nullopt;
  std::string iso;
  iso.append(s.substr(12, 4)).append("-");
  iso.append(month < 10 ? "0" : "").append(std::to_string(month)).append("-");
  iso.append(s.substr(5, 2)).append("T").append(s.substr(17, 8)).append("Z");
  return isoTextToMs(iso);
}

}  // namespace kf::exchanges::response
