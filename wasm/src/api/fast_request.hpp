// buildRequest without nlohmann on its hot path: the input read by JsonScanner and the
// signed request written as text. scanRequestInput accepts only input it reads exactly
// as parseInput + the field readers of exchange_api.cpp would (same values, same types);
// for anything else (escapes, floats, null exchange, duplicates, invalid JSON, ...) it
// returns nullopt and buildRequest takes the general reader, which also words the errors.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "exchanges/exchange.hpp"

namespace kf::api {

struct RequestInput {
  std::string exchange;
  std::string operation;
  exchanges::RequestContext context;

  RequestInput() = default;
  RequestInput(RequestInput&&) = default;  // leaves the source's strings empty
  RequestInput& operator=(RequestInput&&) = default;
  ~RequestInput();  // wipes the secret and passphrase read from the input
};

std::optional<RequestInput> scanRequestInput(std::string_view text);

// The success envelope of buildRequest: {"body","cost","headers","method","ok":true,"url"},
// byte-identical to the dump of the same fields as an nlohmann object (a repeated header
// name keeps its last value, as assigning into that object does).
std::string requestText(const exchanges::HttpRequest& request);

}  // namespace kf::api
