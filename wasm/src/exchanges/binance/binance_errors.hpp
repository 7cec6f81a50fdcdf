// Binance's error answers ({"code":-2015,"msg":"..."}, HTTP 418/429 bans, WAF pages)
// → CoreError kinds with messages a person can act on.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "exchanges/exchange.hpp"

namespace kf::exchanges::binance {

// The parsed body of a successful answer; throws the classified CoreError otherwise.
nlohmann::json checkedBody(const HttpResponse& response);

// The kind a Binance error code means (HTTP status as the fallback for unknown codes).
ErrorKind kindForCode(int64_t code, int status);

// "... IP banned until 1516180405741." → 1516180405741.
std::optional<int64_t> bannedUntilMs(std::string_view message);

}  // namespace kf::exchanges::binance
