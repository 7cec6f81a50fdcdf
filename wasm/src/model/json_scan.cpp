#include "model/json_scan.hpp"

namespace kf {

namespace {
// Numbers longer than this could overflow a double in nlohmann's reading (which then
// fails); they are left to the general path.
constexpr size_t kMaxNumberChars = 64;

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

JsonScanner::Kind JsonScanner::numberOrUnhandled() const {
  const char c = pos_ < text_.size() ? text_[pos_] : '\0';
  if (c == '-' || isDigit(c)) return Kind::Number;
  unhandled();
}

std::string_view JsonScanner::number() {
  ws();
  const size_t begin = pos_;
  size_t i = pos_;
  const size_t n = text_.size();
  if (i < n && text_[i] == '-') ++i;
  if (i >= n || !isDigit(text_[i])) unhandled();
  if (text_[i] == '0') {
    ++i;
  } else {
    while (i < n && isDigit(text_[i])) ++i;
  }
  if (i < n && text_[i] == '.') {
    ++i;
    const size_t fraction = i;
    while (i < n && isDigit(text_[i])) ++i;
    if (i == fraction) unhandled();
  }
  if (i < n && (text_[i] == 'e' || text_[i] == 'E')) unhandled();
  if (i - begin > kMaxNumberChars) unhandled();
  pos_ = i;
  return text_.substr(begin, i - begin);
}

void JsonScanner::literal(std::string_view word) {
  ws();
  if (text_.substr(pos_, word.size()) != word) unhandled();
  pos_ += word.size();
}

bool JsonScanner::boolean() {
  switch (peek()) {
    case Kind::True:
      literal("true");
      return true;
    case Kind::False:
      literal("false");
      return false;
    default:
      unhandled();
  }
}

void JsonScanner::null() {
  literal("null");
}

void JsonScanner::skip() {
  switch (peek()) {
    case Kind::String:
      string();
      return;
    case Kind::Number:
      number();
      return;
    case Kind::True:
      literal("true");
      return;
    case Kind::False:
      literal("false");
      return;
    case Kind::Null:
      literal("null");
      return;
    case Kind::Object: {
      beginObject();
      std::string_view key;
      while (nextKey(key)) skip();
      return;
    }
    case Kind::Array:
      beginArray();
      while (nextElement()) skip();
      return;
  }
}

void JsonScanner::finish() {
  if (depth_ != 0) unhandled();
  ws();
  if (pos_ != text_.size()) unhandled();
}

std::optional<int64_t> jsonInteger(std::string_view text) {
  const bool negative = !text.empty() && text[0] == '-';
  const size_t start = negative ? 1 : 0;
  if (text.size() <= start || text.size() - start > 19) return std::nullopt;
  uint64_t m = 0;
  for (size_t i = start; i < text.size(); ++i) {
    if (!isDigit(text[i])) return std::nullopt;         // a fraction: not an integer
    m = m * 10 + static_cast<uint64_t>(text[i] - '0');  // 19 digits cannot wrap uint64
  }
  if (negative) {
    if (m > static_cast<uint64_t>(INT64_MAX) + 1) return std::nullopt;
    return static_cast<int64_t>(0 - m);
  }
  if (m > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
  return static_cast<int64_t>(m);
}

}  // namespace kf
