// Coinbase's error answers → CoreError kinds. Advanced Trade (v3) answers
// {"error":"PERMISSION_DENIED","message":"...","error_details":"..."}; the Coinbase App
// API (v2) answers {"errors":[{"id":"invalid_scope","message":"..."}]}; a rejected JWT
// is a bare 401 "Unauthorized".
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "exchanges/exchange.hpp"

namespace kf::exchanges::coinbase {

// The parsed body of a successful answer; throws the classified CoreError otherwise.
nlohmann::json checkedBody(const HttpResponse& response);

// The kind a Coinbase error name means (v3 gRPC-style codes and v2 ids), status as fallback.
ErrorKind kindForError(std::string_view name, int status);

}  // namespace kf::exchanges::coinbase
