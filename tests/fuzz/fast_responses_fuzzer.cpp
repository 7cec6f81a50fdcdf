// libFuzzer target: the fast parsers (exchanges/fast_responses.hpp) against the general
// path. Input: byte 0 picks the exchange (bits 0-1), the operation (bit 2: balances or
// trades) and the status (bit 3: 200 or 503); then the body, up to an optional "\0\0"
// after which come the request params as JSON. Invariant: whenever a fast path answers,
// Exchange::parseResponse answers too, with the very same data and next (byte for byte
// as JSON text); where the general path throws, the fast path declines.
#include "exchanges/fast_responses.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kf;
  using nlohmann::json;
  if (size < 1) return 0;
  static const char* const kIds[] = {"binance", "kraken", "coinbase", "binance"};
  const auto& exchange = exchanges::exchangeById(kIds[data[0] & 3]);
  const auto op = (data[0] & 4) ? exchanges::Operation::Trades : exchanges::Operation::Balances;
  exchanges::HttpResponse response;
  response.status = (data[0] & 8) ? 503 : 200;

  std::string_view rest = fuzz::text(data + 1, size - 1);
  json params = json::object();
  if (const auto cut = rest.find(std::string_view("\0\0", 2)); cut != std::string_view::npos) {
    auto parsed = json::parse(rest.substr(cut + 2), nullptr, /*allow_exceptions=*/false);
    if (parsed.is_object()) params = std::move(parsed);
    rest = rest.substr(0, cut);
  }
  const std::string body(rest);  // owned, so ASan sees reads past its end
  response.body = body;

  const auto fast = exchanges::fastParseResponse(exchange, op, response, params);
  std::optional<exchanges::ParseResult> slow;
  try {
    slow = exchange.parseResponse(op, response, params);
  } catch (const CoreError&) {
  }
  if (!fast) return 0;
  fuzz::check(slow.has_value(), "fast path answered where the general path failed", body);
  const auto dump = [](const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
  };
  fuzz::check(fast->data == dump(slow->data), "fast and general data differ", body);
  fuzz::check(fast->next.has_value() == slow->next.has_value(), "fast and general next differ",
              body);
  if (fast->next) fuzz::check(dump(*fast->next) == dump(*slow->next), "next values differ", body);
  return 0;
}
