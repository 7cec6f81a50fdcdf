// libFuzzer target: the parseResponse entry of the JSON API (api/parse_api.cpp), i.e.
// the whole path the extension uses: {exchange, operation, status, headers, body,
// params} as JSON text. Invariants: the answer is always a well-formed envelope
// (api/envelope.hpp) in valid UTF-8 and never an internal error; a successful answer
// holds data that passes the same record checks as the per-exchange targets.
#include "api/api.hpp"
#include "responses_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 262144) return 0;
  const auto input = kf::fuzz::text(data, size);
  auto env = kf::fuzz::checkEnvelope(kf::api::parseResponse(input));
  if (env["ok"] != true) return 0;
  auto in = nlohmann::json::parse(input, nullptr, /*allow_exceptions=*/false);
  kf::fuzz::check(in.is_object() && in["exchange"].is_string(),
                  "parseResponse answered without an exchange", std::string(input));
  kf::exchanges::ParseResult result;
  result.data = env["data"];
  if (env.contains("next")) result.next = env["next"];
  kf::fuzz::responses::checkResult(result, in["exchange"].get<std::string>());
  return 0;
}
