// parseResponse: a raw HTTP answer from an exchange → the normalized model, or the
// classified error. Input {exchange, operation, status, headers, body, params};
// output {data, next?}. See wasm/README.md.
#include <cctype>
#include <map>

#include "api/api.hpp"
#include "api/envelope.hpp"
#include "core/error.hpp"
#include "exchanges/exchange.hpp"

namespace kf::api {

namespace {

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

}  // namespace

std::string parseResponse(std::string_view json) {
  return respond([&] {
    const auto in = parseInput(json);
    const auto& exchange = exchanges::exchangeById(requireString(in, "exchange"));
    const auto op = exchanges::operationFromString(requireString(in, "operation"));
    const int64_t status = requireInt(in, "status");
    if (status < 100 || status > 599)
      throw CoreError(ErrorKind::InvalidInput, "field 'status' must be an HTTP status (100..599)");
    const std::string body = requireString(in, "body");
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
    auto result = exchange.parseResponse(op, response, params);
    nlohmann::json out = {{"data", std::move(result.data)}};
    if (result.next) out["next"] = std::move(*result.next);
    return out;
  });
}

}  // namespace kf::api
