#include "portfolio/cost_basis_transfers.hpp"

#include <algorithm>
#include <unordered_map>

namespace kf::portfolio {

std::vector<std::uint32_t> matchTransfers(const Ledger& ledger, std::int64_t windowMs) {
  const auto& ev = ledger.events;
  std::vector<std::uint32_t> partner(ev.size(), kUnmatched);
  std::unordered_map<NameId, std::vector<std::uint32_t>> withdrawals;  // by asset
  std::vector<std::uint32_t> deposits;
  for (std::uint32_t i = 0; i < ev.size(); ++i) {
    if (ev[i].kind == EventKind::Withdrawal) withdrawals[ev[i].base].push_back(i);
    if (ev[i].kind == EventKind::Deposit) deposits.push_back(i);
  }
  if (deposits.empty() || withdrawals.empty()) return partner;
  const auto byTime = [&](std::uint32_t a, std::uint32_t b) {
    return ev[a].timeMs != ev[b].timeMs ? ev[a].timeMs < ev[b].timeMs : a < b;
  };
  for (auto& [asset, list] : withdrawals) std::sort(list.begin(), list.end(), byTime);
  std::sort(deposits.begin(), deposits.end(), byTime);

  for (const std::uint32_t d : deposits) {
    const Event& dep = ev[d];
    const auto found = withdrawals.find(dep.base);
    if (found == withdrawals.end()) continue;
    const auto& list = found->second;
    // Withdrawals at or before the deposit, latest first, back to the window's start.
    auto it = std::upper_bound(list.begin(), list.end(), dep.timeMs,
                               [&](std::int64_t t, std::uint32_t w) { return t < ev[w].timeMs; });
    while (it != list.begin()) {
      const std::uint32_t w = *--it;
      const Event& wd = ev[w];
      if (dep.timeMs - wd.timeMs > windowMs) break;
      if (partner[w] != kUnmatched || wd.exchange == dep.exchange) continue;
      if ((dep.amount - wd.amount).abs() > wd.fee.abs()) continue;
      partner[w] = d;
      partner[d] = w;
      break;
    }
  }
  return partner;
}

}  // namespace kf::portfolio
