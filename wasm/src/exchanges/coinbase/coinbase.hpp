#pragma once

#include <string>
#include <vector>

#include "exchanges/exchange.hpp"

namespace kf::exchanges {

class Coinbase final : public Exchange {
 public:
  const ExchangeInfo& info() const override;                     // coinbase_requests.cpp
  HttpRequest buildRequest(Operation op, const RequestContext& ctx) const override;  // coinbase_requests.cpp
  ParseResult parseResponse(Operation op, const HttpResponse& response,
                            const nlohmann::json& params) const override;  // coinbase_responses.cpp

 protected:
  // Deposits and withdrawals per account (coinbase_history_queries.cpp).
  std::vector<nlohmann::json> planHistory(Operation op,
                                          const HistoryQueryInput& input) const override;
};

// The text shown when connecting a key (coinbase_guide.cpp): ExchangeInfo::keyGuide and
// ExchangeInfo::historyNotes.
namespace coinbase {
std::vector<std::string> keyGuide();
std::vector<std::string> historyNotes();
}  // namespace coinbase

}  // namespace kf::exchanges
