#pragma once

#include <string>
#include <vector>

#include "exchanges/exchange.hpp"

namespace kf::exchanges {

class Kraken final : public Exchange {
 public:
  const ExchangeInfo& info() const override;                     // kraken_requests.cpp
  HttpRequest buildRequest(Operation op, const RequestContext& ctx) const override;  // kraken_requests.cpp
  ParseResult parseResponse(Operation op, const HttpResponse& response,
                            const nlohmann::json& params) const override;  // kraken_responses.cpp
};

// The text shown when connecting a key (kraken_guide.cpp): ExchangeInfo::keyGuide and
// ExchangeInfo::historyNotes.
namespace kraken {
std::vector<std::string> keyGuide();
std::vector<std::string> historyNotes();
}  // namespace kraken

}  // namespace kf::exchanges
