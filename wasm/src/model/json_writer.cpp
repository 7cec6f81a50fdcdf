#include "model/json_writer.hpp"

#include <algorithm>

namespace kf {

namespace {

// "00" to "99": two digits per division when formatting numbers.
struct DigitPairs {
  char text[200] = {};
  constexpr DigitPairs() {
    for (int i = 0; i < 100; ++i) {
      text[2 * i] = static_cast<char>('0' + i / 10);
      text[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
  }
};
constexpr DigitPairs kPairs;

// The decimal digits of v, written backwards ending at `end`; the first digit's address.
// 32-bit divisions where they suffice (64-bit ones cost several times more in wasm).
char* digitsOf32(uint32_t v, char* end) {
  char* p = end;
  while (v >= 100) {
    const uint32_t pair = (v % 100) * 2;
    v /= 100;
    p -= 2;
    p[0] = kPairs.text[pair];
    p[1] = kPairs.text[pair + 1];
  }
  if (v >= 10) {
    p -= 2;
    p[0] = kPairs.text[v * 2];
    p[1] = kPairs.text[v * 2 + 1];
  } else {
    *--p = static_cast<char>('0' + v);
  }
  return p;
}

char* digitsOf(uint64_t m, char* end) {
  while (m > UINT32_MAX) {  // eight digits at a time from the low end
    auto low = static_cast<uint32_t>(m % 100000000);
    m /= 100000000;
    for (int i = 0; i < 4; ++i) {
      const uint32_t pair = (low % 100) * 2;
      low /= 100;
      end -= 2;
      end[0] = kPairs.text[pair];
      end[1] = kPairs.text[pair + 1];
    }
  }
  return digitsOf32(static_cast<uint32_t>(m), end);
}

}  // namespace

std::string jsonString(std::string_view value) {
  if (write_detail::plain(value)) return "\"" + std::string(value) + "\"";
  // Escapes, control characters and UTF-8 (valid or not): nlohmann's own rules, exactly.
  return nlohmann::json(std::string(value))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void JsonWriter::grow(size_t n) {
  buf_.resize(std::max(buf_.size() * 2, len_ + n + 64));
}

void JsonWriter::escaped(std::string_view s) {
  put(jsonString(s));
}

std::string JsonWriter::take() {
  buf_.resize(len_);
  len_ = 0;
  needComma_ = false;
  return std::move(buf_);
}

JsonWriter& JsonWriter::open(char bracket) {
  separate();
  put(bracket);
  needComma_ = false;
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  put(bracket);
  needComma_ = true;
  return *this;
}

JsonWriter& JsonWriter::escapedKey(std::string_view name) {
  separate();
  quoted(name);
  put(':');
  needComma_ = false;
  return *this;
}

JsonWriter& JsonWriter::stringOrNull(std::string_view value) {
  return value.empty() ? null() : string(value);
}

JsonWriter& JsonWriter::decimal(const Decimal& value) {
  separate();
  // Decimal::toString's layout: optional '-', at least one integer digit, then exactly
  // `scale` fraction digits. |coefficient| < 10^38: at most 39 digits with a leading 0.
  const __int128 c = value.coefficient();
  const int scale = value.scale();
  unsigned __int128 m =
      c < 0 ? -static_cast<unsigned __int128>(c) : static_cast<unsigned __int128>(c);
  char digits[48];
  char* const end = digits + sizeof digits;
  char* p = end;
  if ((m >> 64) == 0) {
    p = digitsOf(static_cast<uint64_t>(m), end);  // the common case: 64-bit division only
  } else {
    do {
      *--p = static_cast<char>('0' + static_cast<int>(m % 10));
      m /= 10;
    } while (m != 0);
  }
  while (end - p <= scale) *--p = '0';
  const auto count = static_cast<size_t>(end - p);
  char* out = room(count + 4);
  size_t i = 0;
  out[i++] = '"';
  if (c < 0) out[i++] = '-';
  const size_t whole = count - static_cast<size_t>(scale);
  std::memcpy(out + i, p, whole);
  i += whole;
  if (scale > 0) {
    out[i++] = '.';
    std::memcpy(out + i, p + whole, static_cast<size_t>(scale));
    i += static_cast<size_t>(scale);
  }
  out[i++] = '"';
  len_ += i;
  return *this;
}

JsonWriter& JsonWriter::integer(int64_t value) {
  separate();
  char buf[24];
  // Digits from the magnitude as unsigned, so INT64_MIN needs no special case.
  const uint64_t m = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  char* p = digitsOf(m, buf + sizeof buf);
  if (value < 0) *--p = '-';
  put(std::string_view(p, static_cast<size_t>(buf + sizeof buf - p)));
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  separate();
  put(value ? std::string_view("true") : std::string_view("false"));
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  put("null");
  return *this;
}

JsonWriter& JsonWriter::value(const nlohmann::json& value) {
  separate();
  put(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  separate();
  put(json);
  return *this;
}

}  // namespace kf
