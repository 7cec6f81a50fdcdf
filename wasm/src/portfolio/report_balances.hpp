// "Balances now": the valuation snapshot plus the raw holdings, as CSV (one row per
// asset, exchange and account, then a total row) or JSON.
//
// Input: snapshot = {currency, total, assets:[{asset, amount, price, value, share,
// split:[{exchange, account, amount, value}]}], exchanges, unpriced}; holdings = the
// Balance records of wasm/README.md (optional; they add free/locked and list the
// balances the snapshot could not price).
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace kf::report {

std::string balancesCsv(const nlohmann::json& input, bool byteOrderMark);
std::string balancesJson(const nlohmann::json& input, int64_t nowMs);

}  // namespace kf::report
