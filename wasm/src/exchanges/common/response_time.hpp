// Exchange time formats → integer milliseconds since the Unix epoch. Exact text
// arithmetic, no floating point (Kraken's "1688667796.8802" must not become ...879).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace kf::exchanges::response {

// "1688667796", "1688667796.8802" (seconds, fraction truncated below 1 ms) → ms.
std::optional<int64_t> secondsTextToMs(std::string_view text);

// "2024-01-15T10:30:00Z", "2024-01-15T10:30:00.123456Z", "2024-01-15T10:30:00+02:00",
// "2019-10-12 11:12:02" (no zone: UTC, Binance's form) → ms. Years 1970..9999.
std::optional<int64_t> isoTextToMs(std::string_view text);

// The IMF-fixdate of an HTTP Date header, "Wed, 21 Oct 2015 07:28:00 GMT" → ms.
std::optional<int64_t> httpDateToMs(std::string_view text);

}  // namespace kf::exchanges::response
