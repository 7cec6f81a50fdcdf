#include "portfolio/valuation_math.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace kf::portfolio {

namespace {

using u128 = unsigned __int128;

struct U256 {
  u128 hi = 0, lo = 0;
};

u128 magnitude(__int128 c) {
  return c < 0 ? -static_cast<u128>(c) : static_cast<u128>(c);
}
u128 pow10u(int n) {
  return static_cast<u128>(detail::kPow10[n]);
}

U256 mulWide(u128 a, u128 b) {
  U256 r;
  detail::mul128x128(a, b, r.hi, r.lo);
  return r;
}

// n / d for d <= 10^38 < 2^127: bitwise long division, so the running remainder
// (below 2d < 2^128) never overflows.
U256 divSmall(U256 n, u128 d, u128& rem) {
  U256 q;
  u128 r = 0;
  for (int i = 255; i >= 0; --i) {
    const u128 bit = i >= 128 ? (n.hi >> (i - 128)) & 1 : (n.lo >> i) & 1;
    r = (r << 1) | bit;
    const bool set = r >= d;
    if (set) r -= d;
    if (i >= 128)
      q.hi |= static_cast<u128>(set) << (i - 128);
    else
      q.lo |= static_cast<u128>(set) << i;
  }
  rem = r;
  return q;
}

// How the discarded part compares with half a unit of the last kept digit.
enum class Half { Below, Tie, Above };

bool roundsUp(Half half, bool inexact, bool odd, Rounding rounding) {
  if (!inexact || rounding == Rounding::Down) return false;
  if (half == Half::Above) return true;
  if (half == Half::Below) return false;
  return rounding == Rounding::HalfUp || odd;
}

Half compareHalf(u128 r, u128 d) {
  const u128 rest = d - r;  // r vs d/2 without computing 2r
  return r > rest ? Half::Above : (r < rest ? Half::Below : Half::Tie);
}

[[noreturn]] void overflow(const Decimal& a, const Decimal& b) {
  throw CoreError(ErrorKind::Overflow, "decimal overflow: " + a.toString() + " * " + b.toString() +
                                           " needs more than 38 digits");
}

}  // namespace

Decimal mulRounded(const Decimal& a, const Decimal& b, int scale, Rounding rounding) {
  if (scale < 0 || scale > Decimal::kMaxScale)
    throw CoreError(ErrorKind::InvalidInput, "decimal scale must be 0..38");
  const bool negative = a.isNegative() != b.isNegative();
  const U256 n = mulWide(magnitude(a.coefficient()), magnitude(b.coefficient()));
  const int exact = a.scale() + b.scale();
  const int drop = exact - scale;
  if (drop <= 0) {  // nothing to round: the exact product, if it fits
    if (n.hi != 0 || n.lo >= pow10u(38)) overflow(a, b);
    const __int128 c = static_cast<__int128>(n.lo);
    return Decimal::fromParts(negative ? -c : c, exact);
  }
  // Divide by 10^drop (drop <= 76) in at most two steps of up to 10^38.
  const int first = std::min(drop, 38);
  u128 r1 = 0;
  U256 q = divSmall(n, pow10u(first), r1);
  Half half = compareHalf(r1, pow10u(first));
  bool inexact = r1 != 0;
  if (drop > first) {
    const u128 d2 = pow10u(drop - first);
    u128 r2 = 0;
    q = divSmall(q, d2, r2);
    // The discarded part is r2 * 10^38 + r1 against half of d2 * 10^38 = (d2/2) * 10^38.
    const u128 h2 = d2 / 2;
    half = r2 > h2 ? Half::Above : (r2 < h2 ? Half::Below : (r1 != 0 ? Half::Above : Half::Tie));
    inexact = inexact || r2 != 0;
  }
  if (q.hi != 0) overflow(a, b);
  u128 m = q.lo;
  if (roundsUp(half, inexact, (m & 1) != 0, rounding)) ++m;
  if (m >= pow10u(38)) overflow(a, b);
  const __int128 c = static_cast<__int128>(m);
  return Decimal::fromParts(negative ? -c : c, scale);
}

Decimal percentOf(const Decimal& part, const Decimal& whole) {
  // part/whole at 4 decimals is the percentage at 2 decimals with the same digits.
  const Decimal fraction = part.divide(whole, 4, Rounding::HalfEven);
  return Decimal::fromParts(fraction.coefficient(), 2);
}

}  // namespace kf::portfolio
