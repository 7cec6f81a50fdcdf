// Exact arithmetic helpers for valuation that Decimal's operators do not cover:
// a product rounded once (the exact product of two prices can need more than 38
// digits before rounding) and percentages.
#pragma once

#include "model/decimal.hpp"

namespace kf::portfolio {

// Internal scale of prices and values: products are rounded once to 18 decimals.
inline constexpr int kInternalScale = 18;

// a * b rounded once to at most `scale` decimals. The product is formed in 256 bits,
// so only a result beyond 38 digits throws CoreError(Overflow).
Decimal mulRounded(const Decimal& a, const Decimal& b, int scale,
                   Rounding rounding = Rounding::HalfEven);

// part / whole * 100 with 2 decimals (HalfEven), e.g. "12.34". whole must be non-zero.
Decimal percentOf(const Decimal& part, const Decimal& whole);

}  // namespace kf::portfolio
