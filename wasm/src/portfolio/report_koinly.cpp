#include "portfolio/csv_writer.hpp"
#include "portfolio/report_imports.hpp"
#include "portfolio/report_movements.hpp"
#include "portfolio/report_time.hpp"

namespace kf::report {

namespace {
Cell optionalNumber(const std::optional<Decimal>& d) {
  return d ? Cell::number(*d) : Cell::empty();
}
}  // namespace

std::string koinlyCsv(const History& history, bool byteOrderMark) {
  CsvWriter csv(byteOrderMark);
  csv.textRow({"Date", "Sent Amount", "Sent Currency", "Received Amount", "Received Currency",
               "Fee Amount", "Fee Currency", "Net Worth Amount", "Net Worth Currency", "Label",
               "Description", "TxHash"});
  for (const auto& m : toMovements(history, {/*splitDepositFees=*/true})) {
    csv.row({Cell::text(koinlyDate(m.time)), optionalNumber(m.sent), Cell::text(m.sentAsset),
             optionalNumber(m.received), Cell::text(m.receivedAsset), optionalNumber(m.fee),
             Cell::text(m.feeAsset), Cell::empty(), Cell::empty(),
             Cell::text(m.depositFee ? "cost" : ""), Cell::text(m.description),
             Cell::text(m.txHash)});
  }
  return csv.take();
}

}  // namespace kf::report
