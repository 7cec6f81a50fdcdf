// Import files for the tax tools people already use, built from the normalized
// history (see report_movements.hpp for how trades and transfers map to rows).
//
// Koinly "Universal" template (support.koinly.io 9489976; header as used by public
// exporters, product-landscape.md 3.2): 12 columns, dates "YYYY-MM-DD HH:MM UTC".
// Deposit fees become their own outgoing row labelled "cost" (Koinly 9490022).
//
// CoinTracker CSV (support.cointracker.io 4413071299729): exactly the 8 template
// columns, dates "MM/DD/YYYY HH:MM:SS" in UTC, quantities positive.
#pragma once

#include <string>

#include "portfolio/report_events.hpp"

namespace kf::report {

std::string koinlyCsv(const History& history, bool byteOrderMark);
std::string coinTrackerCsv(const History& history, bool byteOrderMark);

}  // namespace kf::report
