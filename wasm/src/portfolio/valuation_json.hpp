// The JSON side of valuation: the normalized model's holdings and tickers in
// (wasm/README.md), the portfolioValue answer out. Errors name the offending field,
// e.g. "tickers[3].last: not a decimal number".
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "portfolio/price_graph.hpp"
#include "portfolio/valuation.hpp"

namespace kf::portfolio {

// `holdings`: [{exchange, account, asset, total, ...}]; other fields are ignored.
std::vector<BalanceHolding> holdingsFromJson(const nlohmann::json& holdings);
// `tickers`: [{exchange, base, quote, last, open24h?, ...}]; other fields are ignored.
std::vector<Ticker> tickersFromJson(const nlohmann::json& tickers);

// {currency, decimals, total, total24hAgo, change24h, change24hPct, assets, exchanges,
//  unpriced, notes}: amounts as decimal strings, see valuation.hpp for the rounding.
nlohmann::json valuationToJson(const Valuation& v);

}  // namespace kf::portfolio
