#include "exchanges/common/response_model.hpp"

namespace kf::exchanges::response {

namespace {
// Unknown text fields are null rather than "", so "not reported" is never mistaken for a value.
nlohmann::json textOrNull(const std::string& s) {
  return s.empty() ? nlohmann::json() : nlohmann::json(s);
}
}  // namespace

std::string symbol(std::string_view base, std::string_view quote) {
  return std::string(base) + "/" + std::string(quote);
}

std::optional<nlohmann::json> balance(std::string_view exchange, const BalanceRow& row) {
  const Decimal total = row.free + row.locked;
  if (total.isZero()) return std::nullopt;
  return nlohmann::json{{"exchange", exchange},
                        {"account", row.account},
                        {"asset", row.asset},
                        {"free", row.free.toString()},
                        {"locked", row.locked.toString()},
                        {"total", total.toString()}};
}

nlohmann::json trade(std::string_view exchange, const TradeRow& row) {
  // Filled key by key: histories run to tens of thousands of rows, and an initializer
  // list copies every value once more.
  nlohmann::json out(nlohmann::json::value_t::object);
  auto& o = out.get_ref<nlohmann::json::object_t&>();
  o.emplace("exchange", exchange);
  o.emplace("id", row.id);
  o.emplace("time", row.time);
  o.emplace("symbol", symbol(row.base, row.quote));
  o.emplace("base", row.base);
  o.emplace("quote", row.quote);
  o.emplace("side", row.side);
  o.emplace("amount", row.amount);
  o.emplace("price", row.price);
  o.emplace("cost", row.cost);
  o.emplace("feeAsset", textOrNull(row.feeAsset));
  o.emplace("fee", row.fee);
  return out;
}

nlohmann::json transfer(std::string_view exchange, const TransferRow& row) {
  return nlohmann::json{{"exchange", exchange},
                        {"type", row.type},
                        {"id", row.id},
                        {"time", row.time},
                        {"asset", row.asset},
                        {"amount", row.amount},
                        {"fee", row.fee},
                        {"network", textOrNull(row.network)},
                        {"address", textOrNull(row.address)},
                        {"txid", textOrNull(row.txid)},
                        {"status", row.status}};
}

nlohmann::json ledgerEntry(std::string_view exchange, const LedgerRow& row) {
  return nlohmann::json{{"exchange", exchange},
                        {"id", row.id},
                        {"refid", row.refid},
                        {"time", row.time},
                        {"type", row.type},
                        {"subtype", row.subtype},
                        {"asset", row.asset},
                        {"account", row.account},
                        {"amount", row.amount},
                        {"fee", row.fee},
                        {"balance", textOrNull(row.balance)}};
}

nlohmann::json ticker(std::string_view exchange, const TickerRow& row) {
  nlohmann::json out = {{"exchange", exchange},
                        {"symbol", symbol(row.base, row.quote)},
                        {"base", row.base},
                        {"quote", row.quote},
                        {"last", row.last}};
  if (row.open24h) out["open24h"] = *row.open24h;
  if (row.bid) out["bid"] = *row.bid;
  if (row.ask) out["ask"] = *row.ask;
  return out;
}

nlohmann::json candle(std::string_view exchange, const CandleRow& row) {
  return nlohmann::json{{"exchange", exchange}, {"symbol", symbol(row.base, row.quote)},
                        {"time", row.time},     {"open", row.open},
                        {"high", row.high},     {"low", row.low},
                        {"close", row.close},   {"volume", row.volume}};
}

nlohmann::json nextParams(const nlohmann::json& params, const nlohmann::json& changes) {
  nlohmann::json next = params.is_object() ? params : nlohmann::json::object();
  for (const auto& [key, value] : changes.items()) {
    if (value.is_null())
      next.erase(key);
    else
      next[key] = value;
  }
  return next;
}

}  // namespace kf::exchanges::response
