// The records of the normalized model (response_model.hpp) written as JSON text, for the
// fast parsers (exchanges/fast_responses.hpp). The text is byte-identical to the dump of
// the records response_model.cpp builds: same keys, sorted as nlohmann sorts them, and
// the same null for unknown text. fast_responses_test.cpp compares the two on every
// fixture, so a change to one that the other lacks fails there.
#pragma once

#include <cstdint>
#include <string_view>

#include "exchanges/common/response_model.hpp"
#include "model/json_writer.hpp"

namespace kf::exchanges::response {

// As balance(): false (nothing written) when the total is zero. A non-empty `accountId`
// is written too (Coinbase's account uuid).
bool writeBalance(JsonWriter& out, std::string_view exchange, const BalanceRow& row,
                  std::string_view accountId = {});

// A trade with its text fields in place (no copies per row).
struct TradeValues {
  std::string_view id;
  int64_t time = 0;
  std::string_view symbol, base, quote;  // symbol: "BASE/QUOTE"
  std::string_view side;
  Decimal amount, price, cost;
  std::string_view feeAsset;  // "" is written as null
  Decimal fee;
};
void writeTrade(JsonWriter& out, std::string_view exchange, const TradeValues& row);

}  // namespace kf::exchanges::response
