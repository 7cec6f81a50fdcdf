// Exact decimal numbers for amounts, prices and fees.
//
// Why __int128 fixed point: a value is coefficient * 10^-scale with a signed 128-bit
// coefficient limited to 38 significant digits (|coefficient| < 10^38) and a scale of
// 0..38. That exceeds what exchanges send (amounts go to 18 decimals at most, wei, and
// far fewer than 38 digits), it is exact, and a Decimal is a 32-byte value type:
// no operation allocates, which keeps FIFO cost basis over a million trades fast in wasm.
// Arithmetic never rounds silently: a result that does not fit throws CoreError(Overflow);
// only divide/rescale round, and only with an explicit scale and Rounding.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace kf {

enum class Rounding {
  HalfEven,  // ties to the even neighbour (banker's rounding)
  HalfUp,    // ties away from zero
  Down,      // toward zero (truncation)
};

namespace detail {
constexpr std::array<__int128, 39> makePow10() {
  std::array<__int128, 39> p{};
  p[0] = 1;
  for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}
inline constexpr std::array<__int128, 39> kPow10 = makePow10();  // 10^0 .. 10^38

// The full 128-bit product of two 64-bit values. x86-64 and arm64 have an instruction
// for it; wasm has none, and LLVM's 128-bit multiply there is a call to __multi3 that
// returns through memory. Four 32 x 32-bit products, inline, are faster.
constexpr unsigned __int128 mul64x64Portable(uint64_t a, uint64_t b) noexcept {
  const uint64_t a0 = a & 0xffffffffu, a1 = a >> 32, b0 = b & 0xffffffffu, b1 = b >> 32;
  const uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const uint64_t mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
  const uint64_t hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
  return (static_cast<unsigned __int128>(hi) << 64) | ((mid << 32) | (p00 & 0xffffffffu));
}
constexpr unsigned __int128 mul64x64(uint64_t a, uint64_t b) noexcept {
#if defined(__wasm__)
  return mul64x64Portable(a, b);
#else
  return static_cast<unsigned __int128>(a) * b;
#endif
}
// Signed: the unsigned product of the two's complement forms, high half corrected.
constexpr __int128 mul64x64(int64_t a, int64_t b) noexcept {
  const auto ua = static_cast<uint64_t>(a), ub = static_cast<uint64_t>(b);
  const unsigned __int128 p = mul64x64(ua, ub);
  const uint64_t hi =
      static_cast<uint64_t>(p >> 64) - (a < 0 ? ub : 0) - (b < 0 ? ua : 0);  // wraps
  return static_cast<__int128>((static_cast<unsigned __int128>(hi) << 64) |
                               static_cast<uint64_t>(p));
}

// The full 256-bit product of two 128-bit magnitudes, as its high and low halves.
inline void mul128x128(unsigned __int128 a, unsigned __int128 b, unsigned __int128& hi,
                       unsigned __int128& lo) noexcept {
  using u128 = unsigned __int128;
  const uint64_t a0 = static_cast<uint64_t>(a), a1 = static_cast<uint64_t>(a >> 64);
  const uint64_t b0 = static_cast<uint64_t>(b), b1 = static_cast<uint64_t>(b >> 64);
  const u128 p00 = mul64x64(a0, b0), p01 = mul64x64(a0, b1);
  const u128 p10 = mul64x64(a1, b0), p11 = mul64x64(a1, b1);
  const u128 mid = (p00 >> 64) + static_cast<uint64_t>(p01) + static_cast<uint64_t>(p10);
  lo = (mid << 64) | static_cast<uint64_t>(p00);
  hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
}

// On wasm32 a checked 128-bit multiply is a library call that divides (__muloti4);
// products of two 64-bit values cannot overflow 128 bits, and most amounts fit 64 bits.
inline bool mulChecked(__int128 a, __int128 b, __int128& out) {
  const auto a64 = static_cast<int64_t>(a), b64 = static_cast<int64_t>(b);
  if (a64 == a && b64 == b) {
    out = mul64x64(a64, b64);
    return true;
  }
  return !__builtin_mul_overflow(a, b, &out);
}
}  // namespace detail

class Decimal {
 public:
  static constexpr int kMaxScale = 38;
  static constexpr int kMaxDigits = 38;

  constexpr Decimal() noexcept = default;

  // Strict text form: [+|-]digits[.digits][(e|E)[+|-]digits]. ".5", "5.", spaces, hex,
  // NaN and Infinity are rejected (no exchange sends them) with CoreError(Malformed);
  // more than 38 significant digits or decimal places throws CoreError(Overflow).
  // Trailing fractional zeros are kept ("0.00000000" keeps scale 8) unless they must
  // be dropped to fit. An exponent folds into the scale ("1e-8" -> 0.00000001, "15e2" -> 1500).
  static Decimal parse(std::string_view text);
  // A JSON string (parsed as above) or integer; anything else, including a
  // floating-point number, throws CoreError(Malformed, "expected a decimal ...").
  static Decimal fromJson(const nlohmann::json& value);
  static constexpr Decimal fromInt(int64_t value) noexcept { return Decimal(value, 0); }
  // coefficient * 10^-scale; throws CoreError(Overflow) beyond 38 digits,
  // CoreError(InvalidInput) for a scale outside 0..38.
  static Decimal fromParts(__int128 coefficient, int scale) {
    if (scale >= 0 && scale <= kMaxScale && inRange(coefficient))
      return Decimal(coefficient, scale);
    return invalidParts(coefficient, scale);
  }

  constexpr __int128 coefficient() const noexcept { return coef_; }
  constexpr int scale() const noexcept { return scale_; }

  // Keeps the scale: "0.00000000" and "1.50000" print as parsed.
  std::string toString() const;
  // Without trailing fractional zeros: "1.50000" -> "1.5", "2.000" -> "2".
  std::string toPlainString() const { return trimmed().toString(); }
  Decimal trimmed() const noexcept;

  constexpr bool isZero() const noexcept { return coef_ == 0; }
  constexpr bool isNegative() const noexcept { return coef_ < 0; }
  constexpr int sign() const noexcept { return coef_ < 0 ? -1 : (coef_ > 0 ? 1 : 0); }
  // Safe: |coefficient| < 10^38 always, so negation cannot overflow.
  constexpr Decimal abs() const noexcept { return coef_ < 0 ? Decimal(-coef_, scale_) : *this; }
  constexpr Decimal operator-() const noexcept { return Decimal(-coef_, scale_); }

  friend Decimal operator+(const Decimal& a, const Decimal& b);
  friend Decimal operator-(const Decimal& a, const Decimal& b);
  // Exact; the scale is the sum of the scales, dropping trailing zeros only when needed.
  friend Decimal operator*(const Decimal& a, const Decimal& b);
  Decimal& operator+=(const Decimal& o) { return *this = *this + o; }
  Decimal& operator-=(const Decimal& o) { return *this = *this - o; }
  Decimal& operator*=(const Decimal& o) { return *this = *this * o; }

  // this / divisor rounded to `scale` decimals. Division by zero throws
  // CoreError(InvalidInput); a quotient beyond 38 digits throws CoreError(Overflow).
  Decimal divide(const Decimal& divisor, int scale, Rounding rounding = Rounding::HalfEven) const;
  // Exactly `scale` decimals: pads with zeros or rounds.
  Decimal rescale(int scale, Rounding rounding = Rounding::HalfEven) const;
  // At most `scale` decimals: rounds when there are more, otherwise unchanged.
  Decimal roundedTo(int scale, Rounding rounding = Rounding::HalfEven) const;

  // Compares values regardless of scale: 1.50 == 1.5.
  friend int compare(const Decimal& a, const Decimal& b) noexcept;
  friend bool operator==(const Decimal& a, const Decimal& b) noexcept { return compare(a, b) == 0; }
  friend bool operator!=(const Decimal& a, const Decimal& b) noexcept { return compare(a, b) != 0; }
  friend bool operator<(const Decimal& a, const Decimal& b) noexcept { return compare(a, b) < 0; }
  friend bool operator<=(const Decimal& a, const Decimal& b) noexcept { return compare(a, b) <= 0; }
  friend bool operator>(const Decimal& a, const Decimal& b) noexcept { return compare(a, b) > 0; }
  friend bool operator>=(const Decimal& a, const Decimal& b) noexcept { return compare(a, b) >= 0; }

 private:
  constexpr Decimal(__int128 coefficient, int scale) noexcept : coef_(coefficient), scale_(scale) {}
  static constexpr bool inRange(__int128 c) noexcept {
    return c < detail::kPow10[38] && c > -detail::kPow10[38];
  }
  // Out of line (decimal.cpp): what the inline fast paths below leave, so that they stay
  // small enough for clang to inline everywhere (a call passes 32-byte Decimals through
  // memory; in wasm that is much of an operation's cost).
  [[noreturn]] static Decimal invalidParts(__int128 coefficient, int scale);
  static Decimal addMixed(const Decimal& a, const Decimal& b);  // scales differ
  static Decimal addSlow(const Decimal& a, const Decimal& b);   // needs trimming to fit
  static Decimal mulSlow(const Decimal& a, const Decimal& b);
  static int compareMixed(const Decimal& a, const Decimal& b) noexcept;

  __int128 coef_ = 0;
  int scale_ = 0;
};

// Fast paths: operands of equal scale (values at one scale, amounts of one asset).
__attribute__((always_inline)) inline Decimal operator+(const Decimal& a, const Decimal& b) {
  __int128 r;
  if (a.scale_ == b.scale_ && !__builtin_add_overflow(a.coef_, b.coef_, &r) && Decimal::inRange(r))
    return Decimal(r, a.scale_);
  return Decimal::addMixed(a, b);
}

__attribute__((always_inline)) inline Decimal operator-(const Decimal& a, const Decimal& b) {
  return a + (-b);
}

inline Decimal operator*(const Decimal& a, const Decimal& b) {
  const int s = a.scale_ + b.scale_;
  __int128 r;
  if (s <= Decimal::kMaxScale && detail::mulChecked(a.coef_, b.coef_, r) && Decimal::inRange(r))
    return Decimal(r, s);
  return Decimal::mulSlow(a, b);
}

__attribute__((always_inline)) inline int compare(const Decimal& a, const Decimal& b) noexcept {
  if (a.scale_ == b.scale_) return a.coef_ < b.coef_ ? -1 : (a.coef_ > b.coef_ ? 1 : 0);
  return Decimal::compareMixed(a, b);
}

}  // namespace kf
