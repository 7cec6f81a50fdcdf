// Exact arithmetic the cost-basis engine needs beyond Decimal's operators: products
// and pro-rata shares rounded once, to a stated scale, with intermediates wide enough
// that 38-digit operands (18-decimal amounts times 18-decimal prices) never overflow
// midway. Only the final result must fit a Decimal, else CoreError(Overflow).
#pragma once

#include "model/decimal.hpp"

namespace kf::portfolio {

// Values in the person's currency (costs, proceeds) keep at most 18 decimals: the
// only rounding the engine does, half-even, far below any currency's smallest unit.
inline constexpr int kValueScale = 18;

// a * b / c rounded half-even to `scale` decimals. c must not be zero (InvalidInput).
Decimal mulDiv(const Decimal& a, const Decimal& b, const Decimal& c, int scale = kValueScale);

// a * b, exact when it has at most `scale` decimals, else rounded half-even to `scale`.
Decimal mulRound(const Decimal& a, const Decimal& b, int scale = kValueScale);

// The value at exactly 18 decimals (padding, or rounding half-even beyond 18). Keeping
// every value at one scale lets sums take Decimal's same-scale fast path.
Decimal atValueScale(const Decimal& value);

// The share of `total` that `part` out of `whole` carries: total * part / whole at 18
// decimals, and exactly `total` when part == whole, so the last share of a lot or a
// pool takes the remainder and the shares always add up to the total exactly.
Decimal proRata(const Decimal& total, const Decimal& part, const Decimal& whole);

// Cost per unit at 18 decimals (half-even) as a plain integer, the ordering key of HIFO.
// Saturates instead of throwing for absurd ratios (a dust amount with a real cost).
__int128 unitCostKey(const Decimal& cost, const Decimal& amount) noexcept;

}  // namespace kf::portfolio
