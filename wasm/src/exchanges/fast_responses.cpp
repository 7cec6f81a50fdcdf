#include "exchanges/fast_responses.hpp"

#include "core/error.hpp"
#include "exchanges/common/response_http.hpp"
#include "model/json_scan.hpp"

namespace kf::exchanges {

std::optional<FastParseResult> fastParseResponse(const Exchange& exchange, Operation op,
                                                 const HttpResponse& response,
                                                 const nlohmann::json& params) {
  // Error answers are classified by the general path only.
  if (!response::isSuccess(response.status)) return std::nullopt;
  const std::string& id = exchange.info().id;
  try {
    if (id == "binance") return binance::fastParse(op, response, params);
    if (id == "kraken") return kraken::fastParse(op, response, params);
    if (id == "coinbase") return coinbase::fastParse(op, response, params);
  } catch (const JsonScanner::Unhandled&) {
  } catch (const CoreError&) {
    // The general path meets the same value and reports it with its context.
  }
  return std::nullopt;
}

}  // namespace kf::exchanges
