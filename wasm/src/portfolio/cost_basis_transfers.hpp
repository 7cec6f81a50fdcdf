// Pairs a deposit with the withdrawal it came from, so that the withdrawn lots (with
// their dates and costs) move to the receiving exchange instead of the deposit looking
// like coins of unknown origin.
#pragma once

#include <cstdint>
#include <vector>

#include "portfolio/cost_basis_ledger.hpp"

namespace kf::portfolio {

inline constexpr std::uint32_t kUnmatched = UINT32_MAX;

// For every event: the index of its partner (a withdrawal's deposit, a deposit's
// withdrawal) or kUnmatched. A deposit matches a withdrawal of the same asset from
// another exchange made at most `windowMs` before it (not after), whose amount differs
// from the deposit's by at most the withdrawal fee (so either convention, amount with
// or without the fee, matches). Among candidates the latest withdrawal wins; each
// withdrawal matches at most one deposit; deposits are matched in time order.
std::vector<std::uint32_t> matchTransfers(const Ledger& ledger, std::int64_t windowMs);

}  // namespace kf::portfolio
