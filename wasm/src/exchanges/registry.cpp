// The exchanges the core supports, in display order, and operation names.
#include "core/error.hpp"
#include "exchanges/binance/binance.hpp"
#include "exchanges/coinbase/coinbase.hpp"
#include "exchanges/exchange.hpp"
#include "exchanges/kraken/kraken.hpp"

namespace kf::exchanges {

namespace {
constexpr std::pair<Operation, std::string_view> kOperationNames[] = {
    {Operation::ServerTime, "serverTime"}, {Operation::Permissions, "permissions"},
    {Operation::Balances, "balances"},     {Operation::Trades, "trades"},
    {Operation::Deposits, "deposits"},     {Operation::Withdrawals, "withdrawals"},
    {Operation::Ledger, "ledger"},         {Operation::Tickers, "tickers"},
    {Operation::Candles, "candles"},
};
}  // namespace

std::string_view to_string(Operation op) {
  for (const auto& [o, name] : kOperationNames) {
    if (o == op) return name;
  }
  return "unknown";
}

bool isPublicOperation(Operation op) {
  return op == Operation::ServerTime || op == Operation::Tickers || op == Operation::Candles;
}

Operation operationFromString(std::string_view name) {
  for (const auto& [op, n] : kOperationNames) {
    if (n == name) return op;
  }
  throw CoreError(ErrorKind::Unsupported, "unknown operation '" + std::string(name) + "'");
}

const std::vector<const Exchange*>& allExchanges() {
  // Stateless modules: one instance each for the life of the program.
  static const Binance binance;
  static const Kraken kraken;
  static const Coinbase coinbase;
  static const std::vector<const Exchange*> all{&binance, &kraken, &coinbase};
  return all;
}

const Exchange& exchangeById(std::string_view id) {
  for (const Exchange* exchange : allExchanges()) {
    if (exchange->info().id == id) return *exchange;
  }
  throw CoreError(ErrorKind::Unsupported, "unknown exchange '" + std::string(id) + "'");
}

}  // namespace kf::exchanges
