#include "portfolio/report_movements.hpp"

#include "portfolio/report_input.hpp"

namespace kf::report {

namespace {

bool hasFee(const std::optional<Decimal>& fee) {
  return fee && !fee->isZero();
}

void addTrade(std::vector<Movement>& out, const TradeEvent& t, std::size_t index) {
  Movement m;
  m.time = t.time;
  const bool buy = t.side == "buy";
  m.received = buy ? t.amount : t.cost;
  m.receivedAsset = buy ? t.base : t.quote;
  m.sent = buy ? t.cost : t.amount;
  m.sentAsset = buy ? t.quote : t.base;
  if (hasFee(t.fee)) {
    if (t.feeAsset.empty())
      badField(joinPath(indexPath("trades", index), "feeAsset"), "is missing for a non-zero fee");
  }
  m.description = t.exchange + " trade " + t.id + " " + t.symbol;
  if (hasFee(t.fee) && t.fee->isNegative()) {
    // A negative fee is a maker rebate: money in, which a fee column cannot hold.
    Movement rebate;
    rebate.time = t.time;
    rebate.received = t.fee->abs();
    rebate.receivedAsset = t.feeAsset;
    rebate.description = m.description + " fee rebate";
    out.push_back(std::move(m));
    out.push_back(std::move(rebate));
    return;
  }
  if (hasFee(t.fee)) {
    m.fee = t.fee;
    m.feeAsset = t.feeAsset;
  }
  out.push_back(std::move(m));
}

Movement fromTransfer(const TransferEvent& t) {
  Movement m;
  m.time = t.time;
  if (t.type == "deposit") {
    m.received = t.amount;
    m.receivedAsset = t.asset;
  } else {
    m.sent = t.amount;
    m.sentAsset = t.asset;
  }
  if (hasFee(t.fee)) {
    m.fee = t.fee;
    m.feeAsset = t.asset;  // a transfer's fee is paid in the asset moved
  }
  m.description = t.exchange + " " + t.type + " " + t.id;
  m.txHash = t.txid;
  return m;
}

}  // namespace

std::vector<Movement> toMovements(const History& history, MovementOptions options) {
  std::vector<Movement> out;
  for (const auto& e : history.ordered()) {
    if (e.trade) {
      addTrade(out, *e.trade, static_cast<std::size_t>(e.trade - history.trades.data()));
      continue;
    }
    if (e.transfer->status != "ok") continue;
    Movement m = fromTransfer(*e.transfer);
    if (options.splitDepositFees && e.transfer->type == "deposit" && m.fee) {
      Movement fee;
      fee.time = m.time;
      fee.sent = m.fee;
      fee.sentAsset = m.feeAsset;
      fee.description = m.description + " fee";
      fee.txHash = m.txHash;
      fee.depositFee = true;
      m.fee.reset();
      m.feeAsset.clear();
      out.push_back(std::move(m));
      out.push_back(std::move(fee));
      continue;
    }
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace kf::report
