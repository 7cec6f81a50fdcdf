// The HTTP side of reading an exchange's answer, shared by every exchange module:
// header lookup, Retry-After, a fallback classification by status code, short
// excerpts for messages, and turning the body into exact JSON (never doubles).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "exchanges/exchange.hpp"

namespace kf::exchanges::response {

// Longest excerpt of a body quoted in an error message.
constexpr size_t kExcerptChars = 120;

// A printable, single-line excerpt of untrusted text: control characters and runs of
// whitespace become one space, at most `max` bytes (never splitting a UTF-8 sequence),
// "..." appended when cut.
std::string excerpt(std::string_view text, size_t max = kExcerptChars);

// What to quote of a body in a message: the <title> of an HTML page ("HTML page '502 Bad
// Gateway'"), else excerpt(body).
std::string bodySummary(std::string_view body);

// Header value by name, case-insensitively (callers should lower-case, but a header
// map filled by hand may not be).
std::optional<std::string> header(const HttpResponse& response, std::string_view name);

// Retry-After as milliseconds when it is a non-negative number of seconds (the form
// exchanges use). The HTTP-date form is ignored: the core has no trustworthy clock here.
std::optional<int64_t> retryAfterMs(const HttpResponse& response);

bool isSuccess(int status);
bool looksLikeHtml(std::string_view body);

// The error kind an HTTP status implies when the body says nothing better:
// 401 auth, 403/451 permission, 408/425/429/418 rate_limit (408/425 ask to slow down),
// 5xx unavailable, other 4xx bad_request.
ErrorKind kindForStatus(int status);

// A message for a failure known only by its status: "<exchange> answered HTTP 502 (...)".
std::string statusMessage(std::string_view exchange, const HttpResponse& response);

// Parses the body with kf::parseExact. When it is not JSON: a non-2xx status is
// classified by kindForStatus (an HTML error page from a proxy is the usual case);
// a 2xx HTML page means something between us and the exchange (captive portal,
// maintenance page) answered: unavailable; anything else (truncated, garbage): malformed.
// Every message names the exchange, the status and a short excerpt.
nlohmann::json parseBody(std::string_view exchange, const HttpResponse& response);

// The body as exact JSON, or nullopt when it is not JSON (HTML page, empty, truncated):
// for reading the error an exchange put in a non-2xx answer.
std::optional<nlohmann::json> tryParseBody(const HttpResponse& response);

// Throws a CoreError of `kind` with `retryAfterMs` taken from the Retry-After header.
[[noreturn]] void fail(ErrorKind kind, const std::string& message, const HttpResponse& response);

}  // namespace kf::exchanges::response
