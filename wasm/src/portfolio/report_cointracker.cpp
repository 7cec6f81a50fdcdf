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

std::string coinTrackerCsv(const History& history, bool byteOrderMark) {
  CsvWriter csv(byteOrderMark);
  csv.textRow({"Date", "Received Quantity", "Received Currency", "Sent Quantity", "Sent Currency",
               "Fee Amount", "Fee Currency", "Tag"});
  // Plain trades, deposits and withdrawals carry no tag (tags are for income, staking...).
  for (const auto& m : toMovements(history, {/*splitDepositFees=*/false})) {
    csv.row({Cell::text(coinTrackerDate(m.time)), optionalNumber(m.received),
             Cell::text(m.receivedAsset), optionalNumber(m.sent), Cell::text(m.sentAsset),
             optionalNumber(m.fee), Cell::text(m.feeAsset), Cell::empty()});
  }
  return csv.take();
}

}  // namespace kf::report
