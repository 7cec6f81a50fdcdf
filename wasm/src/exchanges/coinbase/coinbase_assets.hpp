// Coinbase currency and product names → the normalized model. Coinbase mostly uses
// common tickers already; ETH2 (its old name for staked ETH) is ETH in the staked
// account. Products are "BASE-QUOTE" ("BTC-USD").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace kf::exchanges::coinbase {

struct NormalizedAsset {
  std::string asset;
  std::string account;  // spot | staked
};

NormalizedAsset normalizeAsset(std::string_view currency);

// "BTC-USD" → {"BTC","USD"}; nullopt unless exactly one '-' between two non-empty names.
std::optional<std::pair<std::string, std::string>> splitProduct(std::string_view productId);

}  // namespace kf::exchanges::coinbase
