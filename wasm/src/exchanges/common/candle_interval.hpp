// Candle intervals by one vocabulary for every exchange: "1m" "5m" "15m" "30m"
// "1h" "2h" "4h" "6h" "8h" "12h" "1d" "3d" "1w". Each module maps the length to
// its own spelling and refuses the ones its exchange lacks.
#pragma once

#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

namespace kf::exchanges::request {

// params.interval in seconds ("1d" when absent). Throws CoreError(InvalidInput).
int64_t intervalSecondsParam(const nlohmann::json& params);

// The error for an interval the exchange does not offer.
[[noreturn]] void unsupportedInterval(std::string_view exchangeName, std::string_view offered);

}  // namespace kf::exchanges::request
