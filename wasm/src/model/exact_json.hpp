// JSON parsing that never turns a number into a double. Exchange responses carry
// amounts as JSON numbers now and then (0.1, 1e-8, 80-digit integers); a double would
// silently change them. parseExact keeps every non-integer number, and every integer
// beyond 64 bits, as a JSON string holding its exact original text, ready for
// Decimal::parse / Decimal::fromJson. Integers that fit stay int64/uint64.
#pragma once

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

namespace kf {

inline constexpr std::size_t kMaxJsonDepth = 512;

// Throws CoreError(Malformed) naming the byte position for invalid JSON (including
// invalid UTF-8, trailing text, numbers beyond double range such as 1e400, which no
// exchange sends) and for nesting deeper than maxDepth arrays/objects. Duplicate
// object keys keep the last value, as nlohmann::json::parse does.
nlohmann::json parseExact(std::string_view text, std::size_t maxDepth = kMaxJsonDepth);

}  // namespace kf
