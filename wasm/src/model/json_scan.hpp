// A strict pull scanner over JSON text for the common, plain case: it reads values in
// place (string_views into the text, numbers as their text) without building a DOM.
// It handles only what it can read with certainty; anything else (escapes or non-ASCII
// bytes in strings, exponents or very long numbers, deep nesting, invalid JSON) throws
// JsonScanner::Unhandled, and the caller then takes the general path (parseExact and
// the DOM), which either gives the same answer or the proper error. So text this
// scanner accepts is always valid JSON that parseExact reads to the same values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace kf {

namespace scan_detail {
// Bytes that end the plain run of a string: the closing quote, and what the scanner
// leaves to the general path (escapes, control characters, non-ASCII).
struct StopTable {
  bool stop[256] = {};
  constexpr StopTable() {
    for (int c = 0; c < 256; ++c) stop[c] = c < 0x20 || c >= 0x80 || c == '"' || c == '\\';
  }
};
inline constexpr StopTable kStop{};
}  // namespace scan_detail

// The scanner's small, hot steps are inline (forced: compilers otherwise keep them
// out of line for their throws), since the fast parsers call them per field.
#if defined(__GNUC__) || defined(__clang__)
#define KF_SCAN_INLINE __attribute__((always_inline)) inline
#else
#define KF_SCAN_INLINE inline
#endif

class JsonScanner {
 public:
  // Not an error: "take the general path".
  struct Unhandled {};

  enum class Kind { String, Number, True, False, Null, Object, Array };

  explicit JsonScanner(std::string_view text, size_t maxDepth = 32) : text_(text), max_(maxDepth) {}

  // The kind of the next value (whitespace skipped), not consumed.
  KF_SCAN_INLINE Kind peek() {
    switch (next()) {
      case '"':
        return Kind::String;
      case '{':
        return Kind::Object;
      case '[':
        return Kind::Array;
      case 't':
        return Kind::True;
      case 'f':
        return Kind::False;
      case 'n':
        return Kind::Null;
      default:
        return numberOrUnhandled();
    }
  }

  KF_SCAN_INLINE void beginObject() {
    expect('{');
    push();
  }
  // The next key of the current object, or false after its closing '}'.
  KF_SCAN_INLINE bool nextKey(std::string_view& key) {
    if (!another('}')) return false;
    if (next() != '"') unhandled();
    key = string();
    expect(':');
    return true;
  }
  KF_SCAN_INLINE void beginArray() {
    expect('[');
    push();
  }
  // True when another element follows, false after the closing ']'.
  KF_SCAN_INLINE bool nextElement() { return another(']'); }

  KF_SCAN_INLINE std::string_view string() {
    expect('"');
    const char* const begin = text_.data() + pos_;
    const char* const end = text_.data() + text_.size();
    const char* p = begin;
    while (p < end && !scan_detail::kStop.stop[static_cast<unsigned char>(*p)]) ++p;
    if (p == end || *p != '"') unhandled();  // unterminated, or left to the general path
    const auto len = static_cast<size_t>(p - begin);
    pos_ += len + 1;
    return {begin, len};
  }
  std::string_view number();  // the number's text: -?(0|[1-9]\d*)(\.\d+)?, no exponent
  bool boolean();
  void null();
  // Consumes any one value, checking it as strictly as the rest.
  void skip();
  // Only whitespace may follow the top-level value.
  void finish();

  [[noreturn]] static void unhandled() { throw Unhandled{}; }

 private:
  KF_SCAN_INLINE void ws() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c > ' ' || (c != ' ' && c != '\n' && c != '\r' && c != '\t')) return;
      ++pos_;
    }
  }
  KF_SCAN_INLINE char next() {  // the next non-whitespace character, not consumed ('\0' at the end)
    ws();
    return pos_ < text_.size() ? text_[pos_] : '\0';
  }
  KF_SCAN_INLINE void expect(char c) {
    if (next() != c) unhandled();
    ++pos_;
  }
  void literal(std::string_view word);
  KF_SCAN_INLINE void push() {
    if (depth_ >= max_ || depth_ >= kMaxStack) unhandled();
    started_[depth_++] = false;
  }
  // After a container's first element a ',' must come before the next; `close` ends it.
  KF_SCAN_INLINE bool another(char close) {
    const char c = next();
    if (c == close) {
      ++pos_;
      --depth_;
      return false;
    }
    if (started_[depth_ - 1]) {
      if (c != ',') unhandled();
      ++pos_;
    }
    started_[depth_ - 1] = true;
    return true;
  }
  Kind numberOrUnhandled() const;

  std::string_view text_;
  size_t pos_ = 0;
  size_t max_;
  size_t depth_ = 0;
  // Per open container: has it had an element yet (decides whether a ',' must come).
  static constexpr size_t kMaxStack = 64;
  bool started_[kMaxStack] = {};
};

// The value of a JSON number's text when it is an integer that fits int64_t (as
// nlohmann reads it: unsigned when positive, signed when negative); nullopt otherwise.
std::optional<int64_t> jsonInteger(std::string_view numberText);

}  // namespace kf
