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

// a += b and a -= b through Decimal's operator+, which the compiler inlines where
// operator+=, -= and binary - often stay calls in wasm (a call passing 32-byte values
// through memory, per lot taken). Same results, same overflow.
__attribute__((always_inline)) inline void addInto(Decimal& a, const Decimal& b) {
  a = a + b;
}
__attribute__((always_inline)) inline void subtractFrom(Decimal& a, const Decimal& b) {
  a = a + (-b);
}

// A running sum of Decimals equal to adding them in order with operator+ (same value,
// same scale, same overflow), but while every value has kValueScale decimals, as costs,
// proceeds and gains do, it adds raw coefficients inline: in wasm a Decimal operator is
// an out-of-line call moving 32-byte values through memory. Any other value switches it
// to Decimal arithmetic from then on.
class ExactSum {
 public:
  __attribute__((always_inline)) void add(const Decimal& v) {
    if (!slow_ && v.scale() == kValueScale && addRaw(v.coefficient())) return;
    addSlow(v);
  }
  // Adds coefficient * 10^-kValueScale when the running sum stays within 38 digits;
  // false (nothing added) otherwise, or once the sum went slow.
  __attribute__((always_inline)) bool addRaw(__int128 coefficient) {
    __int128 r;
    if (slow_ || __builtin_add_overflow(fast_, coefficient, &r) || r >= detail::kPow10[38] ||
        r <= -detail::kPow10[38])
      return false;
    fast_ = r;
    any_ = true;
    return true;
  }
  void addSlow(const Decimal& v);
  Decimal value() const {
    if (slow_) return sum_;
    return any_ ? Decimal::fromParts(fast_, kValueScale) : Decimal();
  }

 private:
  __int128 fast_ = 0;
  Decimal sum_;
  bool any_ = false;   // a value was added (the sum has kValueScale decimals)
  bool slow_ = false;  // sum_ holds the sum
};

// Cost per unit at 18 decimals (half-even) as a plain integer, the ordering key of HIFO.
// Saturates instead of throwing for absurd ratios (a dust amount with a real cost).
__int128 unitCostKey(const Decimal& cost, const Decimal& amount) noexcept;

}  // namespace kf::portfolio
