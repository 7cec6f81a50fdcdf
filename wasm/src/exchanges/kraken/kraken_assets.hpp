// Kraken asset and pair names → common tickers.
//
// Legacy assets carry an X (crypto) or Z (fiat) prefix: XXBT, XETH, ZUSD, ZEUR, XXDG...;
// only the names in a fixed list are stripped, so newer assets that merely start with X
// or Z (XTZ, ZEC's legacy XZEC aside, ZRX) are left alone. XBT is BTC and XDG is DOGE.
// Balance names may carry a suffix telling the account: .S staked, .P staked (parachain
// bonding), .M opt-in rewards, .F Kraken Rewards, .B yield-bearing (all "earn"), .HOLD
// "hold", .T tokenized (spot). Bonded staking puts the lock length in days before the
// suffix (DOT28.S, ATOM21.S, SOL03.S): exactly two trailing digits are dropped when a
// suffix is present and at least two letters remain, so API3 or C98 are never cut.
// ETH2 and ETH2.S are staked ETH.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace kf::exchanges::kraken {

struct NormalizedAsset {
  std::string asset;    // BTC
  std::string account;  // spot | staked | earn | hold
};

NormalizedAsset normalizeAsset(std::string_view code);

// Kraken pair name ("XXBTZUSD", "XBTUSDT", "DOTUSD", "XETHXXBT") → {base, quote} as
// common tickers; nullopt when no known quote asset ends the name.
std::optional<std::pair<std::string, std::string>> splitPair(std::string_view pair);

}  // namespace kf::exchanges::kraken
