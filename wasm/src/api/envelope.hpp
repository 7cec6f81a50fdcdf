// The one shape every core call answers in: {"ok":true,...fields} or
// {"ok":false,"error":{"kind","message"[,"retryAfterMs"]}}. Exceptions stop here.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace kf::api {

// Runs `body`, which returns the fields of a successful answer as a JSON object,
// and serialises the envelope. Never throws.
std::string respond(const std::function<nlohmann::json()>& body);
// The same for answers written as text: `body` returns the complete success envelope
// ({"ok":true,...} with its keys sorted, as respond() would dump it). Never throws.
std::string respondText(const std::function<std::string()>& body);

// Parses the JSON text handed in by the caller; throws CoreError(InvalidInput).
nlohmann::json parseInput(std::string_view text);

// Field access with errors that name the field.
const nlohmann::json& requireField(const nlohmann::json& obj, std::string_view name);
std::string requireString(const nlohmann::json& obj, std::string_view name);
std::string optionalString(const nlohmann::json& obj, std::string_view name,
                           std::string_view fallback = "");
int64_t requireInt(const nlohmann::json& obj, std::string_view name);

}  // namespace kf::api
