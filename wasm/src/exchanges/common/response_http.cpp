#include "exchanges/common/response_http.hpp"

#include <cctype>

#include "model/exact_json.hpp"

namespace kf::exchanges::response {

namespace {

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Length of the UTF-8 sequence a lead byte starts (1 for ASCII and for stray bytes).
size_t sequenceLength(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
  if (lead >= 0xC2) return 2;
  return 1;
}

}  // namespace

std::string excerpt(std::string_view text, size_t max) {
  std::string out;
  out.reserve(std::min(text.size(), max) + 3);
  bool pendingSpace = false;
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F || c == ' ') {
      pendingSpace = !out.empty();
      ++i;
      continue;
    }
    const size_t len = std::min(sequenceLength(c), text.size() - i);
    if (out.size() + (pendingSpace ? 1 : 0) + len > max) {
      out += "...";
      return out;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

std::string bodySummary(std::string_view body) {
  if (looksLikeHtml(body)) {
    const auto head = body.substr(0, 4096);
    std::string lowered;
    lowered.reserve(head.size());
    for (char c : head) lowered += lower(c);
    const auto open = lowered.find("<title");
    const auto start = open == std::string::npos ? open : lowered.find('>', open);
    const auto end = start == std::string::npos ? start : lowered.find("</title", start);
    if (end != std::string::npos) {
      const auto title = excerpt(head.substr(start + 1, end - start - 1), 80);
      if (!title.empty()) return "HTML page '" + title + "'";
    }
    return "HTML page";
  }
  return excerpt(body);
}

std::optional<std::string> header(const HttpResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers)
    if (equalsIgnoreCase(key, name)) return value;
  return std::nullopt;
}

std::optional<int64_t> retryAfterMs(const HttpResponse& response) {
  const auto value = header(response, "retry-after");
  if (!value) return std::nullopt;
  const std::string_view text = trim(*value);
  // Digits with an optional fraction; anything else (an HTTP-date) is ignored.
  int64_t seconds = 0;
  size_t i = 0;
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
    if (seconds > 10'000'000) return std::nullopt;  // over 100 days: not a real answer
    seconds = seconds * 10 + (text[i] - '0');
  }
  if (i == 0) return std::nullopt;
  int64_t ms = seconds * 1000;
  if (i < text.size()) {
    if (text[i] != '.') return std::nullopt;
    int64_t scale = 100;
    for (++i; i < text.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
      ms += (text[i] - '0') * scale;
      scale /= 10;
    }
  }
  return ms;
}

bool isSuccess(int status) {
  return status >= 200 && status < 300;
}

bool looksLikeHtml(std::string_view body) {
  const auto start = trim(body.substr(0, 512));
  if (start.empty() || start.front() != '<') return false;
  std::string head;
  for (char c : start.substr(0, 64)) head += lower(c);
  return head.rfind("<!doctype", 0) == 0 || head.find("<html") != std::string::npos ||
         head.rfind("<head", 0) == 0 || head.rfind("<body", 0) == 0 || head.rfind("<h1", 0) == 0 ||
         head.rfind("<title", 0) == 0 || head.rfind("<?xml", 0) == 0;
}

ErrorKind kindForStatus(int status) {
  if (status == 401) return ErrorKind::Auth;
  if (status == 403 || status == 451) return ErrorKind::Permission;
  if (status == 408 || status == 418 || status == 425 || status == 429) return ErrorKind::RateLimit;
  if (status >= 500) return ErrorKind::Unavailable;
  if (status >= 400) return ErrorKind::BadRequest;
  return ErrorKind::Malformed;  // a 1xx/2xx/3xx that still failed: we cannot read it
}

std::string statusMessage(std::string_view exchange, const HttpResponse& response) {
  std::string message = std::string(exchange) + " answered HTTP " + std::to_string(response.status);
  switch (kindForStatus(response.status)) {
    case ErrorKind::Auth:
      message += " (the key was not accepted)";
      break;
    case ErrorKind::Permission:
      message += " (access refused)";
      break;
    case ErrorKind::RateLimit:
      message += " (too many requests)";
      break;
    case ErrorKind::Unavailable:
      message += " (the exchange is unavailable; try again later)";
      break;
    default:
      break;
  }
  const auto text = bodySummary(response.body);
  if (!text.empty()) message += ": " + text;
  return message;
}

void fail(ErrorKind kind, const std::string& message, const HttpResponse& response) {
  throw CoreError(kind, message, retryAfterMs(response));
}

std::optional<nlohmann::json> tryParseBody(const HttpResponse& response) {
  if (looksLikeHtml(response.body) || trim(response.body).empty()) return std::nullopt;
  try {
    return parseExact(response.body);
  } catch (const CoreError& e) {
    if (e.kind() != ErrorKind::Malformed) throw;
    return std::nullopt;
  }
}

nlohmann::json parseBody(std::string_view exchange, const HttpResponse& response) {
  const bool html = looksLikeHtml(response.body);
  if (!isSuccess(response.status) && (html || trim(response.body).empty()))
    fail(kindForStatus(response.status), statusMessage(exchange, response), response);
  if (html)
    fail(ErrorKind::Unavailable,
         std::string(exchange) + " answered with an HTML page where JSON was expected (HTTP " +
             std::to_string(response.status) +
             "; maintenance, a proxy or a captive portal?): " + bodySummary(response.body),
         response);
  try {
    return parseExact(response.body);
  } catch (const CoreError& e) {
    if (e.kind() != ErrorKind::Malformed) throw;
    if (!isSuccess(response.status))
      fail(kindForStatus(response.status), statusMessage(exchange, response), response);
    const auto text = bodySummary(response.body);
    fail(ErrorKind::Malformed,
         std::string(exchange) + " sent a response that is not valid JSON (" + e.what() +
             (text.empty() ? std::string(")") : "): " + text),
         response);
  }
}

}  // namespace kf::exchanges::response
