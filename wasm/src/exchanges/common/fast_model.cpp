#include "exchanges/common/fast_model.hpp"

namespace kf::exchanges::response {

bool writeBalance(JsonWriter& out, std::string_view exchange, const BalanceRow& row,
                  std::string_view accountId) {
  const Decimal total = row.free + row.locked;
  if (total.isZero()) return false;
  out.beginObject().key("account").string(row.account);
  if (!accountId.empty()) out.key("accountId").string(accountId);
  out.key("asset")
      .string(row.asset)
      .key("exchange")
      .string(exchange)
      .key("free")
      .decimal(row.free)
      .key("locked")
      .decimal(row.locked)
      .key("total")
      .decimal(total)
      .endObject();
  return true;
}

void writeTrade(JsonWriter& out, std::string_view exchange, const TradeValues& row) {
  out.beginObject()
      .key("amount")
      .decimal(row.amount)
      .key("base")
      .string(row.base)
      .key("cost")
      .decimal(row.cost)
      .key("exchange")
      .string(exchange)
      .key("fee")
      .decimal(row.fee)
      .key("feeAsset")
      .stringOrNull(row.feeAsset)
      .key("id")
      .string(row.id)
      .key("price")
      .decimal(row.price)
      .key("quote")
      .string(row.quote)
      .key("side")
      .string(row.side)
      .key("symbol")
      .string(row.symbol)
      .key("time")
      .integer(row.time)
      .endObject();
}

}  // namespace kf::exchanges::response
