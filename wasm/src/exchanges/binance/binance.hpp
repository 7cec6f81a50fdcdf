#pragma once

#include <string>
#include <vector>

#include "exchanges/exchange.hpp"

namespace kf::exchanges {

class Binance final : public Exchange {
 public:
  const ExchangeInfo& info() const override;                     // binance_requests.cpp
  HttpRequest buildRequest(Operation op, const RequestContext& ctx) const override;  // binance_requests.cpp
  ParseResult parseResponse(Operation op, const HttpResponse& response,
                            const nlohmann::json& params) const override;  // binance_responses.cpp
  // One query per market: myTrades needs a symbol (binance_markets.cpp).
  std::vector<nlohmann::json> tradeQueries(const TradeQueryInput& input) const override;

 protected:
  // Deposits and withdrawals in 89-day windows (binance_history_queries.cpp).
  std::vector<nlohmann::json> planHistory(Operation op,
                                          const HistoryQueryInput& input) const override;
};

// The text shown when connecting a key (binance_guide.cpp): ExchangeInfo::keyGuide and
// ExchangeInfo::historyNotes.
namespace binance {
std::vector<std::string> keyGuide();
std::vector<std::string> historyNotes();
}  // namespace binance

}  // namespace kf::exchanges
