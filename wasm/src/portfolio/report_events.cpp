#include "portfolio/report_events.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "portfolio/report_input.hpp"

namespace kf::report {

namespace {

TradeEvent parseTrade(const nlohmann::json& obj, const std::string& path) {
  TradeEvent t;
  t.exchange = textField(obj, "exchange", path);
  t.id = textField(obj, "id", path);
  t.time = timeField(obj, "time", path);
  t.base = textField(obj, "base", path);
  t.quote = textField(obj, "quote", path);
  t.symbol = optionalText(obj, "symbol", path);
  if (t.symbol.empty()) t.symbol = t.base + "/" + t.quote;
  t.side = enumField(obj, "side", path, {"buy", "sell"});
  t.amount = decimalField(obj, "amount", path);
  t.price = decimalField(obj, "price", path);
  t.cost = decimalField(obj, "cost", path);
  if (t.amount.isNegative()) badField(joinPath(path, "amount"), "must not be negative");
  if (t.cost.isNegative()) badField(joinPath(path, "cost"), "must not be negative");
  t.fee = optionalDecimal(obj, "fee", path);
  t.feeAsset = optionalText(obj, "feeAsset", path);
  return t;
}

TransferEvent parseTransfer(const nlohmann::json& obj, const std::string& path) {
  TransferEvent t;
  t.exchange = textField(obj, "exchange", path);
  t.type = enumField(obj, "type", path, {"deposit", "withdrawal"});
  t.id = textField(obj, "id", path);
  t.time = timeField(obj, "time", path);
  t.asset = textField(obj, "asset", path);
  t.amount = decimalField(obj, "amount", path);
  if (t.amount.isNegative()) badField(joinPath(path, "amount"), "must not be negative");
  t.fee = optionalDecimal(obj, "fee", path);
  if (t.fee && t.fee->isNegative()) badField(joinPath(path, "fee"), "must not be negative");
  t.network = optionalText(obj, "network", path);
  t.address = optionalText(obj, "address", path);
  t.txid = optionalText(obj, "txid", path);
  t.status = enumField(obj, "status", path, {"ok", "pending", "failed", "canceled"});
  return t;
}

}  // namespace

History parseHistory(const nlohmann::json& input) {
  const bool hasTrades = input.contains("trades") && !input["trades"].is_null();
  const bool hasTransfers = input.contains("transfers") && !input["transfers"].is_null();
  if (!hasTrades && !hasTransfers)
    badField("trades", "is missing (give trades, transfers or both)");
  History h;
  if (hasTrades) {
    const auto& arr = arrayField(input, "trades", "");
    h.trades.reserve(arr.size());
    for (std::size_t i = 0; i < arr.size(); ++i)
      h.trades.push_back(parseTrade(objectAt(arr, i, "trades"), indexPath("trades", i)));
  }
  if (hasTransfers) {
    const auto& arr = arrayField(input, "transfers", "");
    h.transfers.reserve(arr.size());
    for (std::size_t i = 0; i < arr.size(); ++i)
      h.transfers.push_back(
          parseTransfer(objectAt(arr, i, "transfers"), indexPath("transfers", i)));
  }
  return h;
}

std::vector<HistoryEvent> History::ordered() const {
  std::vector<HistoryEvent> out;
  out.reserve(trades.size() + transfers.size());
  for (const auto& t : trades) out.push_back({&t, nullptr});
  for (const auto& t : transfers) out.push_back({nullptr, &t});
  std::stable_sort(out.begin(), out.end(), [](const HistoryEvent& a, const HistoryEvent& b) {
    return a.time() < b.time();
  });
  return out;
}

}  // namespace kf::report
