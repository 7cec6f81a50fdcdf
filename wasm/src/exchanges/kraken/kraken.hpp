#pragma once

#include "exchanges/exchange.hpp"

namespace kf::exchanges {

class Kraken final : public Exchange {
 public:
  const ExchangeInfo& info() const override;                     // kraken_requests.cpp
  HttpRequest buildRequest(Operation op, const RequestContext& ctx) const override;  // kraken_requests.cpp
  ParseResult parseResponse(Operation op, const HttpResponse& response,
                            const nlohmann::json& params) const override;  // kraken_responses.cpp
};

}  // namespace kf::exchanges
