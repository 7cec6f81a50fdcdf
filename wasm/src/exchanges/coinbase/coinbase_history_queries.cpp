// Which accounts to ask for deposits and withdrawals. Coinbase lists them per account
// (GET /v2/accounts/{account_id}/transactions, coinbase_requests.cpp), so there is one
// query per account id: those of the balances (each carries its `accountId`) and of
// accounts seen before, which the caller keeps because an account emptied since is
// dropped from the balances but still holds its history.
#include <algorithm>
#include <cctype>
#include <set>

#include "core/error.hpp"
#include "exchanges/coinbase/coinbase.hpp"

namespace kf::exchanges {

namespace {

using nlohmann::json;

// The alphabet buildRequest accepts in the URL path (account uuids), checked here too so
// a bad id is named where it came from.
bool validAccountId(const std::string& id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

std::vector<json> perAccount(const std::vector<std::string>& accounts) {
  std::set<std::string> ids;  // each once, in a stable order
  for (size_t i = 0; i < accounts.size(); ++i) {
    if (!validAccountId(accounts[i]))
      throw CoreError(ErrorKind::InvalidInput,
                      "accounts[" + std::to_string(i) +
                          "] must be a Coinbase account id (letters, digits, '-' or '_')");
    ids.insert(accounts[i]);
  }
  std::vector<json> queries;
  queries.reserve(ids.size());
  for (const auto& id : ids) queries.push_back({{"account_id", id}});
  return queries;
}

}  // namespace

std::vector<json> Coinbase::planHistory(Operation op, const HistoryQueryInput& input) const {
  if (op == Operation::Deposits || op == Operation::Withdrawals) return perAccount(input.accounts);
  return Exchange::planHistory(op, input);  // trades: one series over every product
}

}  // namespace kf::exchanges
