#include "model/decimal.hpp"

#include <algorithm>
#include <cstring>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace kf {

namespace {

using u128 = unsigned __int128;

constexpr u128 kLimit = static_cast<u128>(detail::kPow10[38]);  // coefficients stay below
constexpr uint64_t kPow10_19 = 10000000000000000000ULL;

u128 pow10u(int n) {
  return static_cast<u128>(detail::kPow10[n]);
}
u128 magnitude(__int128 c) {
  return c < 0 ? -static_cast<u128>(c) : static_cast<u128>(c);
}
__int128 withSign(u128 m, bool negative) {
  return negative ? -static_cast<__int128>(m) : static_cast<__int128>(m);
}
bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// Error messages quote untrusted text: at most 40 bytes, printable ASCII only,
// so a hostile response cannot smuggle control bytes or invalid UTF-8 into them.
std::string quoted(std::string_view text) {
  constexpr std::size_t kMax = 40;
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size() && i < kMax; ++i) {
    const char c = text[i];
    out += (c >= 0x20 && c <= 0x7e) ? c : '?';
  }
  out += text.size() > kMax ? "\"..." : "\"";
  return out;
}

[[noreturn]] void malformed(std::string_view text) {
  throw CoreError(ErrorKind::Malformed, "not a decimal number: " + quoted(text));
}

[[noreturn]] void overflow(const std::string& what) {
  throw CoreError(ErrorKind::Overflow, "decimal overflow: " + what);
}

void checkScale(int scale) {
  if (scale < 0 || scale > Decimal::kMaxScale)
    throw CoreError(ErrorKind::InvalidInput,
                    "decimal scale must be 0..38, got " + std::to_string(scale));
}

// q and r are quotient and remainder of a magnitude divided by d (r < d).
u128 roundQuotient(u128 q, u128 r, u128 d, Rounding rounding) {
  if (r == 0 || rounding == Rounding::Down) return q;
  const u128 rest = d - r;  // compare r with d/2 without computing 2r (may not fit)
  if (r > rest) return q + 1;
  if (r < rest) return q;
  return rounding == Rounding::HalfUp ? q + 1 : q + (q & 1);
}

// Division of a magnitude, with a 64-bit path: wasm has native 64-bit division but
// 128-bit division is a library loop.
void divMod(u128 n, u128 d, u128& q, u128& r) {
  if ((n >> 64) == 0 && (d >> 64) == 0) {
    const auto n64 = static_cast<uint64_t>(n), d64 = static_cast<uint64_t>(d);
    q = n64 / d64;
    r = n64 % d64;
  } else {
    q = n / d;
    r = n % d;
  }
}

// (hi:lo) / d for hi < d < 2^127: the quotient fits 128 bits and doubling the
// remainder cannot overflow. Bitwise long division, used only when a dividend
// exceeds 128 bits.
u128 divWide(u128 hi, u128 lo, u128 d, u128& rem) {
  u128 q = 0;
  for (int i = 0; i < 128; ++i) {
    hi = (hi << 1) | (lo >> 127);
    lo <<= 1;
    q <<= 1;
    if (hi >= d) {
      hi -= d;
      q |= 1;
    }
  }
  rem = hi;
  return q;
}

// floor(n * 10^e / d) and its remainder, or false when the quotient reaches 10^38.
bool divScaled(u128 n, int e, u128 d, u128& q, u128& r) {
  u128 scaled;
  if (e <= 38 && !__builtin_mul_overflow(n, pow10u(e), &scaled)) {
    divMod(scaled, d, q, r);
    return q < kLimit;
  }
  // Long division in steps of up to 19 digits; each step's dividend r * 10^k
  // is below d * 10^19, so its quotient fits.
  divMod(n, d, q, r);
  while (e > 0) {
    const int k = std::min(e, 19);
    e -= k;
    u128 hi, lo, part;
    detail::mul128x128(r, static_cast<u128>(detail::kPow10[k]), hi, lo);
    part = divWide(hi, lo, d, r);
    if (__builtin_mul_overflow(q, pow10u(k), &q) || __builtin_add_overflow(q, part, &q) ||
        q >= kLimit)
      return false;
  }
  return q < kLimit;
}

int trailingZeroBits(u128 m) {
  const auto lo = static_cast<uint64_t>(m);
  return lo != 0 ? __builtin_ctzll(lo) : 64 + __builtin_ctzll(static_cast<uint64_t>(m >> 64));
}

int factorsOfFive(u128 m, int cap) {
  int n = 0;
  while (n < cap && m % 5 == 0) {
    m /= 5;
    ++n;
  }
  return n;
}

// Writes the digits of m right-aligned ending at `end`; returns the first digit.
char* writeDigits(u128 m, char* end) {
  char* p = end;
  while ((m >> 64) != 0) {
    uint64_t chunk = static_cast<uint64_t>(m % kPow10_19);
    m /= kPow10_19;
    for (int i = 0; i < 19; ++i, chunk /= 10) *--p = static_cast<char>('0' + chunk % 10);
  }
  auto rest = static_cast<uint64_t>(m);
  do {
    *--p = static_cast<char>('0' + rest % 10);
    rest /= 10;
  } while (rest != 0);
  return p;
}

// When p[0..8) are eight ASCII digits: m = m * 10^8 + their value, true. Eight at once
// (SWAR, little-endian loads): the fractions of exchange amounts often have exactly eight.
bool eightDigits(const char* p, uint64_t& m) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint64_t v;
  std::memcpy(&v, p, 8);
  // Every byte 0x30..0x39: high nibble 3, and adding 6 does not carry into it.
  if ((v & 0xF0F0F0F0F0F0F0F0ULL) != 0x3030303030303030ULL ||
      ((v + 0x0606060606060606ULL) & 0xF0F0F0F0F0F0F0F0ULL) != 0x3030303030303030ULL)
    return false;
  v -= 0x3030303030303030ULL;
  v = v * 10 + (v >> 8);  // pairs: d0*10+d1 in the low byte of each 16-bit lane
  v = (((v & 0x000000FF000000FFULL) * (100 + (1000000ULL << 32))) +
       (((v >> 16) & 0x000000FF000000FFULL) * (1 + (10000ULL << 32)))) >>
      32;
  m = m * 100000000 + static_cast<uint32_t>(v);
  return true;
#else
  (void)p;
  (void)m;
  return false;
#endif
}

}  // namespace

Decimal Decimal::invalidParts(__int128, int scale) {
  checkScale(scale);  // throws for a bad scale; otherwise the coefficient is what is wrong
  overflow("coefficient has more than 38 digits");
}

Decimal Decimal::parse(std::string_view text) {
  // The common form, [-]digits[.digits] with at most 19 digits, in one pass (amounts in
  // exchange answers). Anything else, valid or not, takes the general reading below,
  // which gives the same value for this form.
  if (text.size() <= 21) {  // '-', 19 digits and '.'
    const char* p = text.data();
    const char* const end = p + text.size();
    const bool minus = p != end && *p == '-';
    p += minus;
    const char* const intBegin = p;
    uint64_t m = 0;
    while (p != end && static_cast<unsigned char>(*p - '0') < 10)
      m = m * 10 + static_cast<uint64_t>(*p++ - '0');
    const auto intDigits = p - intBegin;
    std::ptrdiff_t fraction = 0;
    bool plain = intDigits > 0;
    if (plain && p != end) {
      plain = *p++ == '.';
      const char* const fracBegin = p;
      while (end - p >= 8 && eightDigits(p, m)) p += 8;  // exchanges' 8-decimal amounts
      while (p != end && static_cast<unsigned char>(*p - '0') < 10)
        m = m * 10 + static_cast<uint64_t>(*p++ - '0');
      fraction = p - fracBegin;
      plain = plain && fraction > 0 && p == end;
    }
    // At most 19 digits cannot have wrapped m (10^19 - 1 < 2^64).
    if (plain && intDigits + fraction <= 19) {
      const auto c = static_cast<__int128>(m);
      return Decimal(minus ? -c : c, static_cast<int>(fraction));
    }
  }
  const std::size_t n = text.size();
  std::size_t i = 0;
  bool negative = false;
  if (i < n && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  const std::size_t intBegin = i;
  while (i < n && isDigit(text[i])) ++i;
  const std::size_t intLen = i - intBegin;
  if (intLen == 0) malformed(text);
  std::size_t fracBegin = i, fracLen = 0;
  if (i < n && text[i] == '.') {
    fracBegin = ++i;
    while (i < n && isDigit(text[i])) ++i;
    fracLen = i - fracBegin;
    if (fracLen == 0) malformed(text);
  }
  int64_t exponent = 0;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool expNegative = false;
    if (i < n && (text[i] == '-' || text[i] == '+')) expNegative = text[i++] == '-';
    const std::size_t expBegin = i;
    for (; i < n && isDigit(text[i]); ++i)
      if (exponent < 1000000) exponent = exponent * 10 + (text[i] - '0');  // saturates
    if (i == expBegin) malformed(text);
    if (expNegative) exponent = -exponent;
  }
  if (i != n) malformed(text);

  // The mantissa digits as one sequence, skipping the '.'.
  const std::size_t total = intLen + fracLen;
  auto digitAt = [&](std::size_t k) {
    return text[k < intLen ? intBegin + k : fracBegin + (k - intLen)];
  };
  std::size_t first = 0;
  while (first < total && digitAt(first) == '0') ++first;
  int64_t scale = static_cast<int64_t>(fracLen) - exponent;
  if (first == total) return Decimal(0, static_cast<int>(std::clamp<int64_t>(scale, 0, kMaxScale)));

  std::size_t trailingZeros = 0;
  while (digitAt(total - 1 - trailingZeros) == '0') ++trailingZeros;
  int64_t digits = static_cast<int64_t>(total - first);
  // Drop trailing zeros only as far as needed to fit; they carry no value.
  const int64_t need = std::max<int64_t>({scale - kMaxScale, digits - kMaxDigits, 0});
  const int64_t drop =
      std::min<int64_t>({need, std::max<int64_t>(scale, 0), static_cast<int64_t>(trailingZeros)});
  scale -= drop;
  digits -= drop;
  const int64_t padding = scale < 0 ? -scale : 0;  // a positive exponent multiplied out
  if (digits + padding > kMaxDigits)
    throw CoreError(ErrorKind::Overflow,
                    "decimal has more than 38 significant digits: " + quoted(text));
  if (scale > kMaxScale)
    throw CoreError(ErrorKind::Overflow,
                    "decimal has more than 38 decimal places: " + quoted(text));

  u128 coef = 0;
  const std::size_t end = first + static_cast<std::size_t>(digits);
  for (std::size_t k = first; k < end;) {
    // 19 digits at a time in 64 bits: most amounts need a single 128-bit step.
    const std::size_t chunkEnd = std::min(end, k + 19);
    uint64_t chunk = 0;
    const int len = static_cast<int>(chunkEnd - k);
    for (; k < chunkEnd; ++k) chunk = chunk * 10 + static_cast<uint64_t>(digitAt(k) - '0');
    coef = coef * pow10u(len) + chunk;
  }
  coef *= pow10u(static_cast<int>(padding));
  return Decimal(withSign(coef, negative), static_cast<int>(std::max<int64_t>(scale, 0)));
}

Decimal Decimal::fromJson(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::string:
      return parse(value.get_ref<const std::string&>());
    case nlohmann::json::value_t::number_integer:
      return fromInt(value.get<int64_t>());
    case nlohmann::json::value_t::number_unsigned:
      return Decimal(static_cast<__int128>(value.get<uint64_t>()), 0);
    case nlohmann::json::value_t::number_float:
      throw CoreError(ErrorKind::Malformed,
                      "expected a decimal (string or integer), got a floating-point number");
    default:
      throw CoreError(
          ErrorKind::Malformed,
          std::string("expected a decimal (string or integer), got ") + value.type_name());
  }
}

std::string Decimal::toString() const {
  char buf[48];
  char* const end = buf + sizeof buf;
  char* p = writeDigits(magnitude(coef_), end);
  while (end - p <= scale_) *--p = '0';  // at least one digit before the point
  std::string out;
  out.reserve(static_cast<std::size_t>(end - p) + 2);
  if (coef_ < 0) out += '-';
  out.append(p, static_cast<std::size_t>(end - p - scale_));
  if (scale_ > 0) {
    out += '.';
    out.append(end - scale_, static_cast<std::size_t>(scale_));
  }
  return out;
}

Decimal Decimal::trimmed() const noexcept {
  u128 m = magnitude(coef_);
  int s = scale_;
  if (m == 0) return Decimal(0, 0);
  u128 q, r;
  while (s > 0) {
    divMod(m, 10, q, r);
    if (r != 0) break;
    m = q;
    --s;
  }
  return Decimal(withSign(m, coef_ < 0), s);
}

Decimal Decimal::addMixed(const Decimal& a, const Decimal& b) {
  __int128 x = a.coef_, y = b.coef_, r;
  int s = a.scale_;
  if (a.scale_ < b.scale_) {
    s = b.scale_;
    if (!detail::mulChecked(x, detail::kPow10[b.scale_ - a.scale_], x)) return addSlow(a, b);
  } else if (b.scale_ < a.scale_) {
    if (!detail::mulChecked(y, detail::kPow10[a.scale_ - b.scale_], y)) return addSlow(a, b);
  }
  if (!__builtin_add_overflow(x, y, &r) && inRange(r)) return Decimal(r, s);
  return addSlow(a, b);
}

int Decimal::compareMixed(const Decimal& a, const Decimal& b) noexcept {
  __int128 x = a.coef_, y = b.coef_;
  // If scaling the smaller-scale side up overflows, its magnitude exceeds the other's.
  if (a.scale_ < b.scale_) {
    if (!detail::mulChecked(x, detail::kPow10[b.scale_ - a.scale_], x)) return a.sign();
  } else if (b.scale_ < a.scale_) {
    if (!detail::mulChecked(y, detail::kPow10[a.scale_ - b.scale_], y)) return -b.sign();
  }
  return x < y ? -1 : (x > y ? 1 : 0);
}

Decimal Decimal::addSlow(const Decimal& a, const Decimal& b) {
  // Without trailing zeros the alignment needs the fewest digits; when the scales
  // still differ, the result's last digit is non-zero at the larger scale.
  const Decimal x = a.trimmed(), y = b.trimmed();
  int s = std::max(x.scale_, y.scale_);
  u128 mx = magnitude(x.coef_), my = magnitude(y.coef_);
  if (__builtin_mul_overflow(mx, pow10u(s - x.scale_), &mx) ||
      __builtin_mul_overflow(my, pow10u(s - y.scale_), &my))
    overflow(a.toString() + " + " + b.toString() + " needs more than 38 digits");
  u128 m;
  bool negative;
  if (x.isNegative() == y.isNegative()) {
    negative = x.isNegative();
    if (__builtin_add_overflow(mx, my, &m))
      overflow(a.toString() + " + " + b.toString() + " needs more than 38 digits");
  } else {
    negative = mx >= my ? x.isNegative() : y.isNegative();
    m = mx >= my ? mx - my : my - mx;
  }
  while (m >= kLimit && s > 0 && m % 10 == 0) {
    m /= 10;
    --s;
  }
  if (m >= kLimit) overflow(a.toString() + " + " + b.toString() + " needs more than 38 digits");
  return Decimal(withSign(m, negative), s);
}

Decimal Decimal::mulSlow(const Decimal& a, const Decimal& b) {
  const int s = a.scale_ + b.scale_;
  u128 ma = magnitude(a.coef_), mb = magnitude(b.coef_);
  if (ma == 0 || mb == 0) return Decimal(0, std::min(s, kMaxScale));
  // The product's trailing zeros pair its factors of 2 and 5; removing them from the
  // operands first keeps the product within 128 bits whenever the result fits.
  const int a2 = trailingZeroBits(ma), b2 = trailingZeroBits(mb);
  const int a5 = factorsOfFive(ma, s), b5 = factorsOfFive(mb, s);
  const int k = std::min({a2 + b2, a5 + b5, s});
  const int x2 = std::min(a2, k), x5 = std::min(a5, k);
  ma >>= x2;
  mb >>= (k - x2);
  for (int i = 0; i < x5; ++i) ma /= 5;
  for (int i = x5; i < k; ++i) mb /= 5;
  u128 m;
  if (s - k > kMaxScale || __builtin_mul_overflow(ma, mb, &m) || m >= kLimit)
    overflow(a.toString() + " * " + b.toString() + " needs more than 38 digits");
  return Decimal(withSign(m, a.isNegative() != b.isNegative()), s - k);
}

Decimal Decimal::divide(const Decimal& divisor, int scale, Rounding rounding) const {
  checkScale(scale);
  if (divisor.isZero()) throw CoreError(ErrorKind::InvalidInput, "decimal division by zero");
  if (isZero()) return Decimal(0, scale);
  // this / divisor = (ca / cb) * 10^(sb - sa); scaled to `scale` decimals that is
  // ca * 10^e / cb with e = scale + sb - sa.
  const int e = scale + divisor.scale_ - scale_;
  const u128 n = magnitude(coef_), d = magnitude(divisor.coef_);
  u128 q, r, denominator = d;
  if (e >= 0) {
    if (!divScaled(n, e, d, q, r))
      overflow(toString() + " / " + divisor.toString() + " needs more than 38 digits");
  } else if (__builtin_mul_overflow(d, pow10u(-e), &denominator)) {
    // The scaled divisor exceeds 2^128 > 2n: the quotient is below half a unit in
    // every mode, so it is zero (r = 0 skips rounding against the wrapped divisor).
    q = 0;
    r = 0;
  } else {
    divMod(n, denominator, q, r);
  }
  q = roundQuotient(q, r, denominator, rounding);
  if (q >= kLimit) overflow(toString() + " / " + divisor.toString() + " needs more than 38 digits");
  return Decimal(withSign(q, isNegative() != divisor.isNegative()), scale);
}

Decimal Decimal::rescale(int scale, Rounding rounding) const {
  checkScale(scale);
  if (scale >= scale_) {
    __int128 c;
    if (!detail::mulChecked(coef_, detail::kPow10[scale - scale_], c) || !inRange(c))
      overflow(toString() + " at scale " + std::to_string(scale) + " needs more than 38 digits");
    return Decimal(c, scale);
  }
  const u128 d = pow10u(scale_ - scale);
  u128 q, r;
  divMod(magnitude(coef_), d, q, r);
  q = roundQuotient(q, r, d, rounding);  // q < 10^37 here, so q + 1 fits
  return Decimal(withSign(q, coef_ < 0), scale);
}

Decimal Decimal::roundedTo(int scale, Rounding rounding) const {
  checkScale(scale);
  return scale_ <= scale ? *this : rescale(scale, rounding);
}

}  // namespace kf
