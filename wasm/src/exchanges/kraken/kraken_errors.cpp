#include "exchanges/kraken/kraken_errors.hpp"

#include <string>

#include "exchanges/common/response_fields.hpp"
#include "exchanges/common/response_http.hpp"

namespace kf::exchanges::kraken {

namespace {

using response::excerpt;

constexpr std::string_view kName = "Kraken";

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string messageFor(ErrorKind kind, std::string_view error) {
  const std::string said = " (Kraken said: " + excerpt(error) + ")";
  if (error == "EAPI:Invalid key")
    return "Kraken rejected the key: it may have been deleted or mistyped" + said;
  if (error == "EAPI:Invalid signature")
    return "Kraken rejected the signature: the private key (secret) may be mistyped" + said;
  switch (kind) {
    case ErrorKind::Nonce:
      return "Kraken rejected the nonce: another app may be using this key, or its nonce "
             "window is too small; use a key for this app only" +
             said;
    case ErrorKind::Permission:
      return "Kraken refused this call for this key: enable the needed query permission on "
             "the key" +
             said;
    case ErrorKind::RateLimit:
      return "Kraken rate limit reached or key temporarily locked; wait before retrying" + said;
    case ErrorKind::Unavailable:
      return "Kraken is unavailable or busy; try again later" + said;
    case ErrorKind::Auth:
      return "Kraken rejected the key" + said;
    default:
      return "Kraken refused the request" + said;
  }
}

}  // namespace

ErrorKind kindForError(std::string_view e) {
  if (e == "EAPI:Invalid nonce") return ErrorKind::Nonce;
  if (startsWith(e, "EAPI:Invalid key") || e == "EAPI:Invalid signature") return ErrorKind::Auth;
  if (e == "EGeneral:Permission denied" || e == "EAPI:Feature disabled" ||
      startsWith(e, "EGeneral:Permission"))
    return ErrorKind::Permission;
  if (e.find("Rate limit exceeded") != std::string_view::npos ||
      e == "EGeneral:Temporary lockout" || e == "EGeneral:Too many requests")
    return ErrorKind::RateLimit;
  if (startsWith(e, "EService:") || e == "EGeneral:Internal error") return ErrorKind::Unavailable;
  return ErrorKind::BadRequest;  // EGeneral:Invalid arguments, EQuery:Unknown asset pair, ...
}

nlohmann::json checkedResult(const HttpResponse& response) {
  auto body = response::isSuccess(response.status)
                  ? std::optional(response::parseBody(kName, response))
                  : response::tryParseBody(response);
  if (body && body->is_object()) {
    const auto errors = body->find("error");
    if (errors != body->end()) {
      // A list of strings as documented; a lone string is read the same way.
      const auto check = [&](const nlohmann::json& e) {
        if (!e.is_string()) return;
        const auto& text = e.get_ref<const std::string&>();
        if (!startsWith(text, "E")) return;  // "W..." are warnings
        const auto kind = kindForError(text);
        response::fail(kind, messageFor(kind, text), response);
      };
      if (errors->is_array())
        for (const auto& e : *errors) check(e);
      else
        check(*errors);
    }
  }
  if (!response::isSuccess(response.status))
    response::fail(response::kindForStatus(response.status),
                   response::statusMessage(kName, response), response);
  constexpr std::string_view ctx = "Kraken answer";
  response::requireObject(*body, ctx, "the answer");
  response::field(*body, ctx, "result");  // names the field when it is missing
  return std::move((*body)["result"]);    // moved: a long history is large
}

}  // namespace kf::exchanges::kraken
