// parseResponse: a raw HTTP answer from an exchange → the normalized model, or the
// classified error. Input {exchange, operation, status, headers, body, params};
// output {data, next?}. parseResponseBody takes the same without `body`, and the body
// as a second string, so a large body is neither escaped into JSON by the caller nor
// unescaped here. See wasm/README.md.
#include <cctype>
#include <map>
#include <optional>

#include "api/api.hpp"
#include "api/envelope.hpp"
#include "core/error.hpp"
#include "exchanges/exchange.hpp"
#include "exchanges/fast_responses.hpp"

namespace kf::api {

namespace {

constexpr auto kReplace = nlohmann::json::error_handler_t::replace;

std::map<std::string, std::string> headersOf(const nlohmann::json& in) {
  std::map<std::string, std::string> headers;
  const auto it = in.find("headers");
  if (it == in.end() || it->is_null()) return headers;
  if (!it->is_object())
    throw CoreError(ErrorKind::InvalidInput, "field 'headers' must be an object");
  for (const auto& [name, value] : it->items()) {
    std::string key = name;
    for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (value.is_string())
      headers[key] = value.get<std::string>();
    else if (value.is_number_integer())
      headers[key] = std::to_string(value.get<int64_t>());
    else
      throw CoreError(ErrorKind::InvalidInput, "header '" + name + "' must be a string");
  }
  return headers;
}

// Reads the envelope's fields, in the order their errors take precedence, parses the
// body (`separateBody`, or the envelope's `body` field) and writes the answer.
std::string parsed(const nlohmann::json& in, std::optional<std::string_view> separateBody) {
  const auto& exchange = exchanges::exchangeById(requireString(in, "exchange"));
  const auto op = exchanges::operationFromString(requireString(in, "operation"));
  const int64_t status = requireInt(in, "status");
  if (status < 100 || status > 599)
    throw CoreError(ErrorKind::InvalidInput, "field 'status' must be an HTTP status (100..599)");
  std::string bodyField;
  if (!separateBody) bodyField = requireString(in, "body");
  const std::string_view body = separateBody ? *separateBody : bodyField;
  nlohmann::json params = nlohmann::json::object();
  if (const auto it = in.find("params"); it != in.end() && !it->is_null()) {
    if (!it->is_object())
      throw CoreError(ErrorKind::InvalidInput, "field 'params' must be an object");
    params = *it;
  }
  exchanges::HttpResponse response;
  response.status = static_cast<int>(status);
  response.headers = headersOf(in);
  response.body = body;
  // The same answer as below, written without DOMs, when the fast path handles it.
  // {"data":DATA[,"next":NEXT],"ok":true}, appended into a buffer reserved at its final
  // size (no zero-filling of megabytes, one bulk copy of the data text).
  if (auto fast = exchanges::fastParseResponse(exchange, op, response, params)) {
    std::string tail;
    if (fast->next) tail = ",\"next\":" + fast->next->dump(-1, ' ', false, kReplace);
    tail += ",\"ok\":true}";
    constexpr std::string_view head = "{\"data\":";
    std::string text;
    text.reserve(head.size() + fast->data.size() + tail.size());
    text.append(head).append(fast->data).append(tail);
    return text;
  }
  auto result = exchange.parseResponse(op, response, params);
  nlohmann::json out = {{"data", std::move(result.data)}, {"ok", true}};
  if (result.next) out["next"] = std::move(*result.next);
  return out.dump(-1, ' ', false, kReplace);
}

}  // namespace

std::string parseResponse(std::string_view json) {
  return respondText([&] { return parsed(parseInput(json), std::nullopt); });
}

std::string parseResponseBody(std::string_view meta, std::string_view body) {
  return respondText([&] {
    const auto in = parseInput(meta);
    if (in.contains("body"))
      throw CoreError(ErrorKind::InvalidInput,
                      "field 'body' belongs in the second argument of parseResponseBody");
    return parsed(in, body);
  });
}

}  // namespace kf::api
