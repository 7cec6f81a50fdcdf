// Trades and transfers of the normalized model (wasm/README.md), read and validated
// once for every history-based export, and merged into one time-ordered list.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/decimal.hpp"

namespace kf::report {

struct TradeEvent {
  std::string exchange, id, symbol, base, quote, side;  // side: buy | sell
  int64_t time = 0;
  Decimal amount, price, cost;
  std::optional<Decimal> fee;
  std::string feeAsset;  // "" when the exchange did not say
};

struct TransferEvent {
  std::string exchange, type, id, asset;  // type: deposit | withdrawal
  int64_t time = 0;
  Decimal amount;
  std::optional<Decimal> fee;
  std::string network, address, txid;  // "" when unknown
  std::string status;                  // ok | pending | failed | canceled
};

struct HistoryEvent {
  const TradeEvent* trade = nullptr;  // exactly one of the two is set
  const TransferEvent* transfer = nullptr;
  int64_t time() const { return trade ? trade->time : transfer->time; }
};

struct History {
  std::vector<TradeEvent> trades;
  std::vector<TransferEvent> transfers;
  // Both lists merged by time; ties keep trades first, then input order (stable).
  std::vector<HistoryEvent> ordered() const;
};

// Reads input.trades and input.transfers (each optional, at least one present).
History parseHistory(const nlohmann::json& input);

}  // namespace kf::report
