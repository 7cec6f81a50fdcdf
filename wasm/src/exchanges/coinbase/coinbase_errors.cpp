#include "exchanges/coinbase/coinbase_errors.hpp"

#include <cctype>
#include <string>

#include "exchanges/common/response_http.hpp"

namespace kf::exchanges::coinbase {

namespace {

using response::excerpt;

constexpr std::string_view kName = "Coinbase";

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string messageFor(ErrorKind kind, const std::string& said) {
  switch (kind) {
    case ErrorKind::Auth:
      return "Coinbase rejected the key: the key name or private key may be mistyped or "
             "deleted, the key may not allow this IP, or this computer's clock may be off "
             "(each signed token is valid for 2 minutes)" +
             said;
    case ErrorKind::Permission:
      return "Coinbase refused this call for this key: give the key the 'view' permission "
             "(and access to this portfolio)" +
             said;
    case ErrorKind::RateLimit:
      return "Coinbase rate limit reached: too many requests; wait before retrying" + said;
    case ErrorKind::Unavailable:
      return "Coinbase is unavailable; try again later" + said;
    default:
      return "Coinbase refused the request" + said;
  }
}

std::string textOf(const nlohmann::json& obj, const char* key) {
  const auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The error's name and message from a v3 or v2 error body, when it is one.
bool readError(const nlohmann::json& body, std::string& name, std::string& message) {
  if (!body.is_object()) return false;
  if (const auto errors = body.find("errors");
      errors != body.end() && errors->is_array() && !errors->empty() && (*errors)[0].is_object()) {
    const auto& first = (*errors)[0];
    name = textOf(first, "id");
    message = textOf(first, "message");
    return true;
  }
  const auto error = body.find("error");
  if (error == body.end() || !error->is_string()) return false;
  name = error->get<std::string>();
  message = textOf(body, "message");
  if (message.empty()) message = textOf(body, "error_details");
  return true;
}

}  // namespace

ErrorKind kindForError(std::string_view name, int status) {
  const auto n = upper(name);
  if (n == "UNAUTHENTICATED" || n == "INVALID_TOKEN" || n == "EXPIRED_TOKEN" ||
      n == "REVOKED_TOKEN" || n == "AUTHENTICATION_ERROR" || n == "INVALID_API_KEY")
    return ErrorKind::Auth;
  if (n == "PERMISSION_DENIED" || n == "INVALID_SCOPE" || n == "FORBIDDEN")
    return ErrorKind::Permission;
  if (n == "RESOURCE_EXHAUSTED" || n == "RATE_LIMIT_EXCEEDED") return ErrorKind::RateLimit;
  if (n == "UNAVAILABLE" || n == "INTERNAL" || n == "INTERNAL_SERVER_ERROR" ||
      n == "DEADLINE_EXCEEDED")
    return ErrorKind::Unavailable;
  if (status == 401) return ErrorKind::Auth;
  if (status == 403) return ErrorKind::Permission;
  if (status == 429) return ErrorKind::RateLimit;
  if (status >= 500) return ErrorKind::Unavailable;
  return ErrorKind::BadRequest;
}

nlohmann::json checkedBody(const HttpResponse& response) {
  const bool ok = response::isSuccess(response.status);
  auto body =
      ok ? std::optional(response::parseBody(kName, response)) : response::tryParseBody(response);
  std::string name, message;
  if (body && readError(*body, name, message) && (!ok || !name.empty())) {
    const auto kind = kindForError(name, response.status);
    std::string said =
        " (Coinbase said: " + excerpt(name.empty() ? message : name + ": " + message);
    said += ok ? ")" : ", HTTP " + std::to_string(response.status) + ")";
    response::fail(kind, messageFor(kind, said), response);
  }
  if (!ok) {
    const auto kind = response::kindForStatus(response.status);
    const auto text = response::bodySummary(response.body);
    const std::string said = " (HTTP " + std::to_string(response.status) +
                             (text.empty() ? std::string() : ": " + text) + ")";
    response::fail(kind, messageFor(kind, said), response);
  }
  return std::move(*body);
}

}  // namespace kf::exchanges::coinbase
