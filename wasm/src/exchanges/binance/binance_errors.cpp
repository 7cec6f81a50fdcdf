#include "exchanges/binance/binance_errors.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "exchanges/common/response_http.hpp"
#include "exchanges/common/response_time.hpp"

namespace kf::exchanges::binance {

namespace {

using response::excerpt;

constexpr std::string_view kName = "Binance";

std::string said(std::string_view msg, int64_t code) {
  return " (Binance said: " + excerpt(msg) + ", code " + std::to_string(code) + ")";
}

std::string messageFor(ErrorKind kind, int64_t code, std::string_view msg) {
  switch (kind) {
    case ErrorKind::Auth:
      if (code == -1022)
        return "Binance rejected the signature: the secret may be mistyped, or the key type "
               "(HMAC, RSA, Ed25519) may not match the key" +
               said(msg, code);
      return "Binance rejected the key: it may have been deleted, mistyped or restricted to "
             "another IP" +
             std::string(code == -2015 ? ", or it lacks the permission for this call" : "") +
             said(msg, code);
    case ErrorKind::Permission:
      return "Binance refused this call for this key: enable the needed permission (e.g. "
             "reading) on the key" +
             said(msg, code);
    case ErrorKind::ClockSkew:
      return "Binance rejected the request time: this computer's clock differs from Binance's; "
             "sync the clock or retry after the time offset is refreshed" +
             said(msg, code);
    case ErrorKind::RateLimit:
      return "Binance rate limit reached: too many requests from this IP; wait before retrying" +
             said(msg, code);
    case ErrorKind::Unavailable:
      return "Binance is unavailable or overloaded; try again later" + said(msg, code);
    default:
      return "Binance refused the request" + said(msg, code);
  }
}

// "Now" for turning a ban's end time into a wait: the exchange's own Date header when
// present (no skew between the two clocks), else this machine's clock.
int64_t nowMs(const HttpResponse& response) {
  if (const auto date = response::header(response, "date"))
    if (const auto ms = response::httpDateToMs(*date)) return *ms;
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string isoTime(int64_t ms) {
  // Civil date from days (Howard Hinnant's civil_from_days), for a readable ban end.
  int64_t secs = ms / 1000, days = secs / 86400, rem = secs % 86400;
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ",
                static_cast<long long>(y), m, d, static_cast<long long>(rem / 3600),
                static_cast<long long>(rem / 60 % 60), static_cast<long long>(rem % 60));
  return buf;
}

[[noreturn]] void throwCoded(const HttpResponse& response, int64_t code, std::string_view msg) {
  const ErrorKind kind = kindForCode(code, response.status);
  auto retry = response::retryAfterMs(response);
  std::string message = messageFor(kind, code, msg);
  if (const auto until = bannedUntilMs(msg)) {
    message = "Binance has banned this IP until " + isoTime(*until) +
              " for sending too many requests; wait until then" + said(msg, code);
    if (!retry) retry = std::max<int64_t>(0, *until - nowMs(response));
  }
  throw CoreError(kind, message, retry);
}

// Statuses whose meaning Binance documents, when the body carries no code.
[[noreturn]] void throwForStatus(const HttpResponse& response) {
  const int s = response.status;
  std::string message;
  if (s == 418)
    message = "Binance has banned this IP for repeatedly exceeding the rate limit (HTTP 418)";
  else if (s == 429)
    message = "Binance rate limit reached (HTTP 429): too many requests from this IP";
  else if (s == 403)
    message = "Binance's firewall refused the request (HTTP 403)";
  else if (s == 451)
    message = "Binance refuses service from this location (HTTP 451)";
  else if (s == 401)
    message =
        "Binance rejected the key (HTTP 401): it may have been deleted, mistyped or "
        "restricted to another IP";
  else if (s >= 500)
    message = "Binance is unavailable (HTTP " + std::to_string(s) +
              "); the request's outcome is unknown, try again later";
  else
    message = response::statusMessage(kName, response);
  const auto text = response::bodySummary(response.body);
  if (s != 0 && !text.empty() && message.find(text) == std::string::npos) message += ": " + text;
  response::fail(response::kindForStatus(s), message, response);
}

}  // namespace

ErrorKind kindForCode(int64_t code, int status) {
  switch (code) {
    case -1021:
      return ErrorKind::ClockSkew;
    case -1022:  // INVALID_SIGNATURE
    case -2014:  // BAD_API_KEY_FMT
    case -2015:  // REJECTED_MBX_KEY (bad key, IP not allowed, or missing permission)
    case -2008:  // invalid API-key ID
    case -1099:  // not found, authenticated, or authorized
      return ErrorKind::Auth;
    case -1002:
      return ErrorKind::Permission;  // UNAUTHORIZED for this request
    case -1003:                      // TOO_MANY_REQUESTS / IP banned
    case -1015:                      // TOO_MANY_ORDERS
      return ErrorKind::RateLimit;
    case -1000:  // UNKNOWN
    case -1001:  // DISCONNECTED
    case -1006:  // UNEXPECTED_RESP
    case -1007:  // TIMEOUT
    case -1008:  // SERVER_BUSY
    case -1016:  // SERVICE_SHUTTING_DOWN
      return ErrorKind::Unavailable;
    default:
      break;
  }
  if (status == 418 || status == 429) return ErrorKind::RateLimit;
  if (status >= 500) return ErrorKind::Unavailable;
  return ErrorKind::BadRequest;
}

std::optional<int64_t> bannedUntilMs(std::string_view message) {
  constexpr std::string_view kMarker = "banned until ";
  const auto at = message.find(kMarker);
  if (at == std::string_view::npos) return std::nullopt;
  int64_t until = 0;
  size_t i = at + kMarker.size(), n = 0;
  for (; i < message.size() && message[i] >= '0' && message[i] <= '9' && n < 16; ++i, ++n)
    until = until * 10 + (message[i] - '0');
  if (n < 10) return std::nullopt;  // not a ms timestamp
  return until;
}

nlohmann::json checkedBody(const HttpResponse& response) {
  auto body = response::isSuccess(response.status)
                  ? std::optional(response::parseBody(kName, response))
                  : response::tryParseBody(response);
  if (body && body->is_object()) {
    const auto code = body->find("code");
    const auto msg = body->find("msg");
    if (code != body->end() && code->is_number_integer() && msg != body->end() &&
        msg->is_string() && (code->get<int64_t>() < 0 || !response::isSuccess(response.status)))
      throwCoded(response, code->get<int64_t>(), msg->get_ref<const std::string&>());
  }
  if (!response::isSuccess(response.status)) throwForStatus(response);
  return std::move(*body);
}

}  // namespace kf::exchanges::binance
