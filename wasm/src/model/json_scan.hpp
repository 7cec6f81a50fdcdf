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

class JsonScanner {
 public:
  // Not an error: "take the general path".
  struct Unhandled {};

  enum class Kind { String, Number, True, False, Null, Object, Array };

  explicit JsonScanner(std::string_view text, size_t maxDepth = 32) : text_(text), max_(maxDepth) {}

  // The kind of the next value (whitespace skipped), not consumed.
  Kind peek();

  void beginObject();
  // The next key of the current object, or false after its closing '}'.
  bool nextKey(std::string_view& key);
  void beginArray();
  // True when another element follows, false after the closing ']'.
  bool nextElement();

  std::string_view string();
  std::string_view number();  // the number's text: -?(0|[1-9]\d*)(\.\d+)?, no exponent
  bool boolean();
  void null();
  // Consumes any one value, checking it as strictly as the rest.
  void skip();
  // Only whitespace may follow the top-level value.
  void finish();

  [[noreturn]] static void unhandled() { throw Unhandled{}; }

 private:
  void ws() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
      ++pos_;
    }
  }
  char next() {  // the next non-whitespace character, not consumed ('\0' at the end)
    ws();
    return pos_ < text_.size() ? text_[pos_] : '\0';
  }
  void expect(char c) {
    if (next() != c) unhandled();
    ++pos_;
  }
  void literal(std::string_view word);
  void push();

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
