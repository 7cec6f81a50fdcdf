// Reading fields of an answer with JsonScanner, for the fast parsers
// (exchanges/fast_responses.hpp): the same values response_fields.hpp reads from the
// DOM, and JsonScanner::Unhandled for everything else (the general path then reads it
// and reports any error with its context).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "model/decimal.hpp"
#include "model/json_scan.hpp"

namespace kf::exchanges::fast {

using Kind = JsonScanner::Kind;

// Marks a field as read; a field seen twice is left to the general path (nlohmann keeps
// the last value).
inline void once(unsigned& seen, unsigned bit) {
  if (seen & bit) JsonScanner::unhandled();
  seen |= bit;
}

inline std::string_view stringOf(JsonScanner& s) {
  if (s.peek() != Kind::String) JsonScanner::unhandled();
  return s.string();
}

// optionalString: absent or null → nullopt.
inline std::optional<std::string_view> optionalStringOf(JsonScanner& s) {
  if (s.peek() == Kind::Null) {
    s.null();
    return std::nullopt;
  }
  return stringOf(s);
}

// optionalBool: null → nullopt; a boolean; anything else unhandled.
inline std::optional<bool> optionalBoolOf(JsonScanner& s) {
  if (s.peek() == Kind::Null) {
    s.null();
    return std::nullopt;
  }
  return s.boolean();
}

// decimalValue: a string or a number, read from its exact text. Decimal::parse throws
// for text it refuses; fastParseResponse treats that as "general path".
inline Decimal decimalOf(JsonScanner& s) {
  switch (s.peek()) {
    case Kind::String:
      return Decimal::parse(s.string());
    case Kind::Number:
      return Decimal::parse(s.number());
    default:
      JsonScanner::unhandled();
  }
}

// intField for integers sent as JSON numbers (digit strings: the general path).
inline int64_t integerOf(JsonScanner& s) {
  if (s.peek() != Kind::Number) JsonScanner::unhandled();
  const auto value = jsonInteger(s.number());
  if (!value) JsonScanner::unhandled();
  return *value;
}

// The text of a string or number value (times in seconds, ids).
inline std::string_view scalarTextOf(JsonScanner& s) {
  switch (s.peek()) {
    case Kind::String:
      return s.string();
    case Kind::Number:
      return s.number();
    default:
      JsonScanner::unhandled();
  }
}

}  // namespace kf::exchanges::fast
