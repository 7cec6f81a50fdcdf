// Realized gains of one tax year laid out as IRS Form 8949 columns (a)..(h): Part I
// (short-term) and Part II (long-term), each with its totals row; then the disposals
// the form cannot take yet (unknown proceeds, cost basis or holding term), never shown
// as zero and left out of every total; then a per-asset summary.
//
// Input: costBasis = the costBasis call's result {taxYear, currency, disposals:[{asset,
// amount, acquiredMs|null, lots, disposedMs, proceeds|null, costBasis|null, gain|null,
// term:"short"|"long"|null, missingAcquisition, kind:"trade"|"fee", exchange, tradeId}]};
// taxYear and currency (default: the result's own); timezone ("UTC" or "+HH:MM", the
// one the cost basis used; default UTC). Disposals outside the tax year are left out;
// dates are MM/DD/YYYY in that time zone.
//
// Column (b): the lot's acquisition date; "VARIOUS" when the line covers several lots
// (lots > 1, or lines of one trade combined) or the method gives no single date
// (acquiredMs null, e.g. average cost): the instructions allow one row with VARIOUS for
// property acquired on various dates. They define no word for an unknown date, so a
// missing acquisition leaves (b) empty and says why in the "Note" column after (h).
// Amounts are rounded to cents (half up); (h) = (d) - (e) + (g) of the rounded values
// and totals add the rows, so every line adds up as the form requires.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace kf::report {

struct Form8949File {
  int taxYear = 0;  // as resolved from the input (for the file name)
  std::string csv;
};

Form8949File form8949(const nlohmann::json& input, bool byteOrderMark);
inline std::string form8949Csv(const nlohmann::json& input, bool byteOrderMark) {
  return form8949(input, byteOrderMark).csv;
}

}  // namespace kf::report
