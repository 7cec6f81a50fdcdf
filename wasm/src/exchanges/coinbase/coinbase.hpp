#pragma once

#include "exchanges/exchange.hpp"

namespace kf::exchanges {

class Coinbase final : public Exchange {
 public:
  const ExchangeInfo& info() const override;                     // coinbase_requests.cpp
  HttpRequest buildRequest(Operation op, const RequestContext& ctx) const override;  // coinbase_requests.cpp
  ParseResult parseResponse(Operation op, const HttpResponse& response,
                            const nlohmann::json& params) const override;  // coinbase_responses.cpp
};

}  // namespace kf::exchanges
