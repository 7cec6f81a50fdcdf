// Fast paths for the largest and most frequent answers (balances, trade histories): the
// body is read by a streaming scanner (model/json_scan.hpp) and the normalized model is
// written as JSON text, without the body DOM, the answer DOM or its serialisation.
//
// A fast path answers only when it is certain to give exactly what Exchange::parseResponse
// gives; for anything else (an error answer, an unusual shape or value, invalid JSON, any
// error at all) it returns nullopt and the caller runs Exchange::parseResponse, which
// answers or throws the classified error as always. fast_responses_test.cpp checks the two
// agree, byte for byte, on every fixture and on damaged copies of them.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "exchanges/exchange.hpp"

namespace kf::exchanges {

struct FastParseResult {
  std::string data;                    // the `data` object as JSON text
  std::optional<nlohmann::json> next;  // as ParseResult::next
};

std::optional<FastParseResult> fastParseResponse(const Exchange& exchange, Operation op,
                                                 const HttpResponse& response,
                                                 const nlohmann::json& params);

// Each exchange's own fast paths (exchanges/<id>/<id>_fast_responses.cpp). They may throw
// JsonScanner::Unhandled or CoreError; fastParseResponse turns both into nullopt.
namespace binance {
std::optional<FastParseResult> fastParse(Operation op, const HttpResponse& response,
                                         const nlohmann::json& params);
}
namespace kraken {
std::optional<FastParseResult> fastParse(Operation op, const HttpResponse& response,
                                         const nlohmann::json& params);
}
namespace coinbase {
std::optional<FastParseResult> fastParse(Operation op, const HttpResponse& response,
                                         const nlohmann::json& params);
}

}  // namespace kf::exchanges
