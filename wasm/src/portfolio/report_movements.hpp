// Trades and transfers as "sent / received / fee" movements, the shape the import
// formats of tax tools (Koinly universal, CoinTracker) are built on. Only transfers
// with status "ok" move funds; pending, failed and canceled ones are left out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/decimal.hpp"
#include "portfolio/report_events.hpp"

namespace kf::report {

struct Movement {
  int64_t time = 0;
  std::optional<Decimal> sent, received, fee;  // nullopt: column left empty
  std::string sentAsset, receivedAsset, feeAsset;
  std::string description;  // "binance trade 123 BTC/USDT"
  std::string txHash;
  bool depositFee = false;  // a deposit's fee, split out as its own outgoing movement
};

struct MovementOptions {
  // Koinly cannot put a fee on a deposit (support.koinly.io 9490022): it wants the fee
  // as a separate outgoing movement. When false the fee stays on the deposit's row.
  bool splitDepositFees = false;
};

// In time order. A trade buys `amount` base for `cost` quote (sell: the reverse); a
// non-zero fee needs a feeAsset, else CoreError(InvalidInput) naming the trade. A
// negative trade fee (maker rebate) is money in: it becomes its own received movement.
std::vector<Movement> toMovements(const History& history, MovementOptions options);

}  // namespace kf::report
