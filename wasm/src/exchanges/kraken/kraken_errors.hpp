// Kraken's error answers: {"error":["EAPI:Invalid nonce"],"result":{}} (usually with
// HTTP 200), plus proxy pages and 5xx → CoreError kinds with actionable messages.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "exchanges/exchange.hpp"

namespace kf::exchanges::kraken {

// The "result" of a successful answer; throws the classified CoreError otherwise.
// Warnings ("W...") alone do not fail a call.
nlohmann::json checkedResult(const HttpResponse& response);

// The kind one Kraken error string ("EAPI:Invalid key") means.
ErrorKind kindForError(std::string_view error);

}  // namespace kf::exchanges::kraken
