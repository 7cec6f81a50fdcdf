// Binance asset and symbol names → the normalized model.
//
// Simple Earn flexible positions show up among spot balances as "LD" + asset
// ("LDBTC" = BTC in Simple Earn). Real assets also start with LD (LDO, Lido), so the rule is:
// "LD"+X is an earn position of X iff "LD"+X is not a known real LD asset (kRealLdAssets)
// and X is itself an asset: either listed in the same account answer (Binance lists every
// asset the account has touched, zero balances included) or one Simple Earn is known to
// offer (kEarnAssets). Otherwise the name is kept as a spot asset.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace kf::exchanges::binance {

struct NormalizedAsset {
  std::string asset;    // BTC
  std::string account;  // spot | earn
};

NormalizedAsset normalizeAsset(std::string_view code, const std::set<std::string>& accountAssets);

// "BTCUSDT" → {"BTC","USDT"} by the known quote assets (longest match wins); nullopt
// when no known quote ends the symbol.
std::optional<std::pair<std::string, std::string>> splitSymbol(std::string_view symbol);

}  // namespace kf::exchanges::binance
