#include "portfolio/lots_math.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>

#include "core/error.hpp"

namespace kf::portfolio {

namespace {

using u128 = unsigned __int128;
using u64 = std::uint64_t;

u128 magnitude(__int128 c) {
  return c < 0 ? -static_cast<u128>(c) : static_cast<u128>(c);
}

// A 512-bit unsigned integer for the rare operands whose product or scaled divisor
// exceeds 128 bits: 38 + 38 digits times 10^76 still fits. Little-endian limbs.
struct Wide {
  std::array<u64, 8> limb{};

  static Wide of(u128 v) {
    Wide w;
    w.limb[0] = static_cast<u64>(v);
    w.limb[1] = static_cast<u64>(v >> 64);
    return w;
  }
  // *this *= m; false when the product needs more than 512 bits.
  bool mulSmall(u64 m) {
    u64 carry = 0;
    for (auto& l : limb) {
      const u128 p = detail::mul64x64(l, m) + carry;
      l = static_cast<u64>(p);
      carry = static_cast<u64>(p >> 64);
    }
    return carry == 0;
  }
  bool mul(u128 m) {  // *this * m as (*this * hi) << 64 + *this * lo
    Wide hi = *this;
    if (!mulSmall(static_cast<u64>(m))) return false;
    if (!hi.mulSmall(static_cast<u64>(m >> 64))) return false;
    if (hi.limb[7] != 0) return false;
    u64 carry = 0;
    for (std::size_t i = 1; i < limb.size(); ++i) {
      const u128 s = static_cast<u128>(limb[i]) + hi.limb[i - 1] + carry;
      limb[i] = static_cast<u64>(s);
      carry = static_cast<u64>(s >> 64);
    }
    return carry == 0;
  }
  bool mulPow10(int e) {
    for (; e > 0; e -= 19)
      if (!mulSmall(static_cast<u64>(detail::kPow10[e < 19 ? e : 19]))) return false;
    return true;
  }
  int bitLength() const {
    for (int i = 7; i >= 0; --i)
      if (limb[i] != 0) return i * 64 + 64 - __builtin_clzll(limb[i]);
    return 0;
  }
  bool bit(int i) const { return (limb[i / 64] >> (i % 64)) & 1; }
  void shiftInBit(bool b) {
    for (int i = 7; i > 0; --i) limb[i] = (limb[i] << 1) | (limb[i - 1] >> 63);
    limb[0] = (limb[0] << 1) | static_cast<u64>(b);
  }
  friend bool operator>=(const Wide& a, const Wide& b) {
    for (int i = 7; i >= 0; --i)
      if (a.limb[i] != b.limb[i]) return a.limb[i] > b.limb[i];
    return true;
  }
  void sub(const Wide& o) {
    u64 borrow = 0;
    for (std::size_t i = 0; i < limb.size(); ++i) {
      const u64 x = limb[i], y = o.limb[i];
      const u64 d = x - y - borrow;
      borrow = (x < y || (x == y && borrow)) ? 1 : 0;
      limb[i] = d;
    }
  }
  bool fitsU128() const {
    for (std::size_t i = 2; i < limb.size(); ++i)
      if (limb[i] != 0) return false;
    return true;
  }
  u128 low() const { return (static_cast<u128>(limb[1]) << 64) | limb[0]; }
};

// Bitwise long division; slow, and only reached when 128 bits do not suffice.
void divide(const Wide& n, const Wide& d, Wide& q, Wide& r) {
  q = Wide{};
  r = Wide{};
  for (int i = n.bitLength() - 1; i >= 0; --i) {
    r.shiftInBit(n.bit(i));
    q.shiftInBit(false);
    if (r >= d) {
      r.sub(d);
      q.limb[0] |= 1;
    }
  }
}

[[noreturn]] void overflow(const Decimal& a, const Decimal& b, const Decimal& c) {
  throw CoreError(ErrorKind::Overflow, "decimal overflow: " + a.toString() + " * " + b.toString() +
                                           " / " + c.toString() + " needs more than 38 digits");
}

// Rounds q + r/d half-even (r < d).
u128 roundHalfEven(u128 q, u128 r, u128 d) {
  if (r == 0) return q;
  const u128 rest = d - r;
  if (r > rest) return q + 1;
  if (r < rest) return q;
  return q + (q & 1);
}

// (u1:u0) / v for u1 < v, in 64-bit operations (Hacker's Delight, divlu): wasm has
// native 64-bit division, but 128-bit division is a bit-at-a-time library loop.
u64 divWordPair(u64 u1, u64 u0, u64 v, u64& rem) {
  constexpr u64 b = u64{1} << 32;
  const int s = __builtin_clzll(v);
  v <<= s;
  const u64 vn1 = v >> 32, vn0 = v & 0xffffffff;
  const u64 un32 = s == 0 ? u1 : (u1 << s) | (u0 >> (64 - s));
  const u64 un10 = u0 << s;
  const u64 un1 = un10 >> 32, un0 = un10 & 0xffffffff;
  u64 q1 = un32 / vn1, rhat = un32 - q1 * vn1;
  while (q1 >= b || q1 * vn0 > b * rhat + un1) {
    --q1;
    rhat += vn1;
    if (rhat >= b) break;
  }
  const u64 un21 = un32 * b + un1 - q1 * v;  // wraps as intended
  u64 q0 = un21 / vn1;
  rhat = un21 - q0 * vn1;
  while (q0 >= b || q0 * vn0 > b * rhat + un0) {
    --q0;
    rhat += vn1;
    if (rhat >= b) break;
  }
  rem = (un21 * b + un0 - q0 * v) >> s;
  return q1 * b + q0;
}

void divMod(u128 n, u128 d, u128& q, u128& r) {
  const u64 nh = static_cast<u64>(n >> 64), nl = static_cast<u64>(n);
  if ((d >> 64) != 0) {
    q = n / d;
    r = n % d;
    return;
  }
  const u64 dl = static_cast<u64>(d);
  if (nh == 0) {
    q = nl / dl;
    r = nl % dl;
    return;
  }
  u64 rem;
  const u64 qh = nh / dl;
  const u64 ql = divWordPair(nh % dl, nl, dl, rem);
  q = (static_cast<u128>(qh) << 64) | ql;
  r = rem;
}

// a * b, false on overflow; 64-bit halves keep wasm to at most two 64x64 products.
bool mulFits(u128 a, u128 b, u128& out) {
  if ((a >> 64) != 0 && (b >> 64) != 0) return false;
  if ((a >> 64) != 0) std::swap(a, b);  // now a < 2^64
  const u64 a64 = static_cast<u64>(a);
  const u128 lo = detail::mul64x64(a64, static_cast<u64>(b));
  const u64 bh = static_cast<u64>(b >> 64);
  if (bh == 0) {
    out = lo;
    return true;
  }
  const u128 hi = detail::mul64x64(a64, bh);
  if ((hi >> 64) != 0) return false;
  const u128 shifted = hi << 64;
  out = lo + shifted;
  return out >= lo;
}

}  // namespace

Decimal mulDiv(const Decimal& a, const Decimal& b, const Decimal& c, int scale) {
  if (scale < 0 || scale > Decimal::kMaxScale)
    throw CoreError(ErrorKind::InvalidInput, "scale must be 0..38, got " + std::to_string(scale));
  if (c.isZero()) throw CoreError(ErrorKind::InvalidInput, "decimal division by zero");
  const bool negative = (a.sign() * b.sign() * c.sign()) < 0;
  const u128 ma = magnitude(a.coefficient()), mb = magnitude(b.coefficient()),
             mc = magnitude(c.coefficient());
  if (ma == 0 || mb == 0) return Decimal::fromParts(0, scale);
  // a*b/c at `scale` decimals is ma*mb*10^e / mc with e = scale + sc - sa - sb.
  const int e = scale + c.scale() - a.scale() - b.scale();
  u128 q = 0, r = 0, d = mc, p, n;
  bool done = false;
  if (mulFits(ma, mb, p)) {
    if (e == 0) {  // pro-rata shares at the values' scale: no multiply by 1 (a call in wasm)
      divMod(p, mc, q, r);
      done = true;
    } else if (e > 0 && e <= 38 && mulFits(p, static_cast<u128>(detail::kPow10[e]), n)) {
      divMod(n, mc, q, r);
      done = true;
    } else if (e < 0 && -e <= 38 && mulFits(mc, static_cast<u128>(detail::kPow10[-e]), d)) {
      divMod(p, d, q, r);
      done = true;
    }
  }
  if (done) {
    q = roundHalfEven(q, r, d);
  } else {
    Wide num = Wide::of(ma), den = Wide::of(mc);
    if (!num.mul(mb)) overflow(a, b, c);
    if (!(e >= 0 ? num.mulPow10(e) : den.mulPow10(-e))) overflow(a, b, c);
    Wide wq, wr;
    divide(num, den, wq, wr);
    if (!wq.fitsU128()) overflow(a, b, c);
    // Half-even against a wide divisor: compare 2r with d.
    Wide twice = wr;
    if (!twice.mulSmall(2)) overflow(a, b, c);
    q = wq.low();
    const bool above = twice >= den && !(den >= twice);
    const bool tie = twice >= den && den >= twice;
    if (above || (tie && (q & 1))) ++q;
  }
  if (q >= static_cast<u128>(detail::kPow10[38])) overflow(a, b, c);
  const auto coef = static_cast<__int128>(q);
  return Decimal::fromParts(negative ? -coef : coef, scale);
}

Decimal mulRound(const Decimal& a, const Decimal& b, int scale) {
  if (a.scale() + b.scale() <= scale) return a * b;
  return mulDiv(a, b, Decimal::fromInt(1), scale);
}

Decimal atValueScale(const Decimal& value) {
  if (value.scale() == kValueScale) return value;
  // Padding with zeros: Decimal::rescale's checked 128-bit multiply is a slow library
  // call in wasm (__muloti4 divides); mulChecked takes the 64 x 64 bit product directly.
  __int128 c;
  if (value.scale() < kValueScale &&
      detail::mulChecked(value.coefficient(), detail::kPow10[kValueScale - value.scale()], c) &&
      c < detail::kPow10[38] && c > -detail::kPow10[38])
    return Decimal::fromParts(c, kValueScale);
  return value.rescale(kValueScale);
}

void ExactSum::addSlow(const Decimal& v) {
  if (!slow_) {
    sum_ = value();
    slow_ = true;
  }
  sum_ += v;
}

Decimal proRata(const Decimal& total, const Decimal& part, const Decimal& whole) {
  if (part == whole) return total;
  return mulDiv(total, part, whole, kValueScale);
}

__int128 unitCostKey(const Decimal& cost, const Decimal& amount) noexcept {
  constexpr __int128 kMax = std::numeric_limits<__int128>::max();
  if (amount.sign() <= 0) return kMax;
  // The usual case, without mulDiv's generality: a cost of 0..38 digits, an amount that
  // fits 64 bits, cost * 10^e within 128 bits (e = 18 + amount scale - cost scale).
  const int e = kValueScale + amount.scale() - cost.scale();
  const __int128 a = amount.coefficient();
  if (!cost.isNegative() && e >= 0 && e <= 19 && (a >> 64) == 0) {
    u128 n, q, r;
    if (mulFits(static_cast<u128>(cost.coefficient()), static_cast<u128>(detail::kPow10[e]), n)) {
      divMod(n, static_cast<u128>(a), q, r);
      q = roundHalfEven(q, r, static_cast<u128>(a));
      if (q < static_cast<u128>(detail::kPow10[38])) return static_cast<__int128>(q);
    }
  }
  try {
    return mulDiv(cost, Decimal::fromInt(1), amount, kValueScale).coefficient();
  } catch (const CoreError&) {
    return cost.isNegative() ? -kMax : kMax;
  }
}

}  // namespace kf::portfolio
