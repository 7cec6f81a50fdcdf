// Planning a history sync: the checks every exchange shares, and the default plan
// (one query covers an operation; trades as tradeQueries decides).
#include <algorithm>

#include "core/error.hpp"
#include "exchanges/exchange.hpp"

namespace kf::exchanges {

std::vector<nlohmann::json> Exchange::historyQueries(Operation op,
                                                     const HistoryQueryInput& input) const {
  if (op != Operation::Trades && op != Operation::Deposits && op != Operation::Withdrawals &&
      op != Operation::Ledger)
    throw CoreError(ErrorKind::InvalidInput,
                    "field 'operation': '" + std::string(to_string(op)) +
                        "' is no history; use trades, deposits, withdrawals or ledger");
  const auto& ops = info().operations;
  if (std::find(ops.begin(), ops.end(), op) == ops.end())
    throw CoreError(ErrorKind::Unsupported,
                    info().displayName + " has no " + std::string(to_string(op)) + " history");
  if (input.nowMs <= 0)
    throw CoreError(ErrorKind::InvalidInput, "field 'nowMs' must be a positive time in ms");
  if (input.sinceMs && *input.sinceMs < 0)
    throw CoreError(ErrorKind::InvalidInput, "field 'sinceMs' must not be negative");
  if (input.sinceMs && *input.sinceMs > input.nowMs)
    throw CoreError(ErrorKind::InvalidInput, "field 'sinceMs' must not be after nowMs");
  return planHistory(op, input);
}

std::vector<nlohmann::json> Exchange::planHistory(Operation op,
                                                  const HistoryQueryInput& input) const {
  if (op == Operation::Trades) return tradeQueries(input.markets);
  return {nlohmann::json::object()};
}

}  // namespace kf::exchanges
