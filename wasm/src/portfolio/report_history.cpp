#include "portfolio/report_history.hpp"

#include "portfolio/csv_writer.hpp"
#include "portfolio/report_time.hpp"

namespace kf::report {

namespace {

Cell optionalNumber(const std::optional<Decimal>& d) {
  return d ? Cell::number(*d) : Cell::empty();
}

nlohmann::json textOrNull(const std::string& s) {
  return s.empty() ? nlohmann::json() : nlohmann::json(s);
}

nlohmann::json decimalOrNull(const std::optional<Decimal>& d) {
  return d ? nlohmann::json(d->toString()) : nlohmann::json();
}

nlohmann::json tradeJson(const TradeEvent& t) {
  return {{"event", "trade"},
          {"time", isoUtc(t.time)},
          {"timeMs", t.time},
          {"exchange", t.exchange},
          {"id", t.id},
          {"symbol", t.symbol},
          {"base", t.base},
          {"quote", t.quote},
          {"side", t.side},
          {"amount", t.amount.toString()},
          {"price", t.price.toString()},
          {"cost", t.cost.toString()},
          {"fee", decimalOrNull(t.fee)},
          {"feeAsset", textOrNull(t.feeAsset)}};
}

nlohmann::json transferJson(const TransferEvent& t) {
  return {{"event", t.type},
          {"time", isoUtc(t.time)},
          {"timeMs", t.time},
          {"exchange", t.exchange},
          {"type", t.type},
          {"id", t.id},
          {"asset", t.asset},
          {"amount", t.amount.toString()},
          {"fee", decimalOrNull(t.fee)},
          {"network", textOrNull(t.network)},
          {"address", textOrNull(t.address)},
          {"txid", textOrNull(t.txid)},
          {"status", t.status}};
}

}  // namespace

std::string historyCsv(const History& history, bool byteOrderMark) {
  CsvWriter csv(byteOrderMark);
  csv.textRow({"time", "event", "exchange", "id", "side", "symbol", "base", "quote", "asset",
               "amount", "price", "cost", "fee", "feeAsset", "network", "address", "txid",
               "status"});
  for (const auto& e : history.ordered()) {
    if (e.trade) {
      const auto& t = *e.trade;
      csv.row({Cell::text(isoUtc(t.time)), Cell::text("trade"), Cell::text(t.exchange),
               Cell::text(t.id), Cell::text(t.side), Cell::text(t.symbol), Cell::text(t.base),
               Cell::text(t.quote), Cell::empty(), Cell::number(t.amount), Cell::number(t.price),
               Cell::number(t.cost), optionalNumber(t.fee), Cell::text(t.feeAsset), Cell::empty(),
               Cell::empty(), Cell::empty(), Cell::empty()});
    } else {
      const auto& t = *e.transfer;
      csv.row({Cell::text(isoUtc(t.time)), Cell::text(t.type), Cell::text(t.exchange),
               Cell::text(t.id), Cell::empty(), Cell::empty(), Cell::empty(), Cell::empty(),
               Cell::text(t.asset), Cell::number(t.amount), Cell::empty(), Cell::empty(),
               optionalNumber(t.fee), Cell::empty(), Cell::text(t.network), Cell::text(t.address),
               Cell::text(t.txid), Cell::text(t.status)});
    }
  }
  return csv.take();
}

std::string historyJson(const History& history, int64_t nowMs) {
  nlohmann::json events = nlohmann::json::array();
  for (const auto& e : history.ordered())
    events.push_back(e.trade ? tradeJson(*e.trade) : transferJson(*e.transfer));
  const nlohmann::json doc = {{"generatedAt", isoUtc(nowMs)}, {"events", std::move(events)}};
  // `replace`: exchange strings with invalid UTF-8 become U+FFFD instead of throwing.
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace kf::report
