#pragma once

#include "exchanges/exchange.hpp"

namespace kf::exchanges {

class Binance final : public Exchange {
 public:
  const ExchangeInfo& info() const override;                     // binance_requests.cpp
  HttpRequest buildRequest(Operation op, const RequestContext& ctx) const override;  // binance_requests.cpp
  ParseResult parseResponse(Operation op, const HttpResponse& response,
                            const nlohmann::json& params) const override;  // binance_responses.cpp
};

}  // namespace kf::exchanges
