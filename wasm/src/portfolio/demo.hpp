// The embedded demo portfolio the extension shows in demo mode: holdings, tickers,
// trades and transfers in the normalized model (wasm/README.md), deterministic for a
// given nowMs. History spans the two years before nowMs over binance, coinbase and
// kraken; holdings are what that history leaves (so cost basis finds every
// acquisition), some moved to earn/staked accounts.
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

namespace kf::portfolio {

// Throws CoreError(InvalidInput) for nowMs outside 2001-01-01 .. 3000-01-01.
nlohmann::json demoData(int64_t nowMs);

}  // namespace kf::portfolio
