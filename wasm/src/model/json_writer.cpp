#include "model/json_writer.hpp"

#include <algorithm>

namespace kf {

namespace {

// Printable ASCII other than '"' and '\': copied as is by nlohmann's serializer.
struct PlainTable {
  bool plain[256] = {};
  constexpr PlainTable() {
    for (int c = 0x20; c <= 0x7e; ++c) plain[c] = c != '"' && c != '\\';
  }
};
constexpr PlainTable kPlain;

bool plain(std::string_view s) {
  for (const char c : s)
    if (!kPlain.plain[static_cast<unsigned char>(c)]) return false;
  return true;
}

}  // namespace

std::string jsonString(std::string_view value) {
  if (plain(value)) return "\"" + std::string(value) + "\"";
  // Escapes, control characters and UTF-8 (valid or not): nlohmann's own rules, exactly.
  return nlohmann::json(std::string(value))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void JsonWriter::grow(size_t n) {
  buf_.resize(std::max(buf_.size() * 2, len_ + n + 64));
}

void JsonWriter::quoted(std::string_view s) {
  if (!plain(s)) {
    put(jsonString(s));
    return;
  }
  char* p = room(s.size() + 2);
  p[0] = '"';
  if (!s.empty()) std::memcpy(p + 1, s.data(), s.size());
  p[s.size() + 1] = '"';
  len_ += s.size() + 2;
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

JsonWriter& JsonWriter::key(std::string_view name) {
  // ,"name":  in one step
  char* p = room(name.size() + 4);
  size_t i = 0;
  if (needComma_) p[i++] = ',';
  p[i++] = '"';
  std::memcpy(p + i, name.data(), name.size());
  i += name.size();
  p[i++] = '"';
  p[i++] = ':';
  len_ += i;
  needComma_ = false;
  return *this;
}

JsonWriter& JsonWriter::escapedKey(std::string_view name) {
  separate();
  quoted(name);
  put(':');
  needComma_ = false;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view value) {
  separate();
  quoted(value);
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
    auto small = static_cast<uint64_t>(m);  // the common case: 64-bit division only
    do {
      *--p = static_cast<char>('0' + small % 10);
      small /= 10;
    } while (small != 0);
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
  char* p = buf + sizeof buf;
  // Digits from the magnitude as unsigned, so INT64_MIN needs no special case.
  uint64_t m = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  do {
    *--p = static_cast<char>('0' + m % 10);
    m /= 10;
  } while (m != 0);
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
