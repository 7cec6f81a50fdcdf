#include "exchanges/coinbase/coinbase_assets.hpp"

namespace kf::exchanges::coinbase {

NormalizedAsset normalizeAsset(std::string_view currency) {
  if (currency == "ETH2") return {"ETH", "staked"};
  return {std::string(currency), "spot"};
}

std::optional<std::pair<std::string, std::string>> splitProduct(std::string_view productId) {
  const auto dash = productId.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 == productId.size() ||
      productId.find('-', dash + 1) != std::string_view::npos)
    return std::nullopt;
  return std::make_pair(std::string(productId.substr(0, dash)),
                        std::string(productId.substr(dash + 1)));
}

}  // namespace kf::exchanges::coinbase
