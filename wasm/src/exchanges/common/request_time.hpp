// Milliseconds since the Unix epoch → the text forms exchanges take in requests.
#pragma once

#include <cstdint>
#include <string>

namespace kf::exchanges::request {

// RFC 3339 UTC, whole seconds: 1705314600000 → "2024-01-15T10:30:00Z". `ms` must be
// in years 1970..9999 (throws CoreError(InvalidInput) otherwise).
std::string msToRfc3339(int64_t ms);

}  // namespace kf::exchanges::request
