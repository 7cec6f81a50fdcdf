// libFuzzer target: Decimal::parse and the exact arithmetic behind every amount.
// Input: up to three decimal texts separated by ','. Invariants:
//  - parse accepts or throws Malformed/Overflow, nothing else;
//  - an accepted text has the value an independent string-only reading gives it, and
//    parse(toString()) gives the same value, scale and text back;
//  - + and * commute, (a+b)-b == a, roundedTo/rescale/divide stay within their
//    rounding bound; results that do not fit throw Overflow, never wrap.
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "model/decimal.hpp"

namespace {

using kf::Decimal;
using kf::ErrorKind;
using kf::fuzz::check;
using kf::fuzz::expectCoreErrorOnly;

// The value of a decimal text as (negative, significant digits, exponent), computed
// with string operations only, for comparison with what parse made of it.
struct Canonical {
  bool negative = false;
  std::string digits;  // no leading or trailing zeros; empty for zero
  long long exponent = 0;
  bool operator==(const Canonical& o) const {
    return negative == o.negative && digits == o.digits && exponent == o.exponent;
  }
};

Canonical canonical(std::string_view s) {
  Canonical c;
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) c.negative = s[i++] == '-';
  long long exponent = 0;
  for (; i < s.size() && s[i] != 'e' && s[i] != 'E'; ++i) {
    if (s[i] == '.') continue;
    c.digits += s[i];
  }
  const size_t point = s.find('.');
  const size_t expPos = s.find_first_of("eE");
  if (point != std::string_view::npos)
    exponent -=
        static_cast<long long>((expPos == std::string_view::npos ? s.size() : expPos) - point - 1);
  if (expPos != std::string_view::npos) {
    size_t k = expPos + 1;
    bool neg = false;
    if (k < s.size() && (s[k] == '-' || s[k] == '+')) neg = s[k++] == '-';
    long long e = 0;
    for (; k < s.size(); ++k) e = e < 100000000 ? e * 10 + (s[k] - '0') : e;
    exponent += neg ? -e : e;
  }
  const size_t first = c.digits.find_first_not_of('0');
  if (first == std::string::npos) return Canonical{};  // zero: no sign, no digits
  c.digits.erase(0, first);
  while (c.digits.back() == '0') {
    c.digits.pop_back();
    ++exponent;
  }
  c.exponent = exponent;
  return c;
}

bool canonicalText(const std::string& s) {
  // -?(0|[1-9][0-9]*)(\.[0-9]+)?
  size_t i = s.size() > 0 && s[0] == '-' ? 1 : 0;
  const size_t intBegin = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == intBegin || (s[intBegin] == '0' && i - intBegin > 1)) return false;
  if (i == s.size()) return true;
  if (s[i++] != '.') return false;
  const size_t fracBegin = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  return i == s.size() && i > fracBegin;
}

// Runs an arithmetic step that may only fail with Overflow (or InvalidInput for /0).
template <class F>
bool fits(F&& f) {
  return expectCoreErrorOnly(f, {ErrorKind::Overflow, ErrorKind::InvalidInput});
}

void checkParsed(std::string_view text, const Decimal& d) {
  const std::string s = d.toString();
  check(canonicalText(s), "toString is not canonical decimal text", s);
  check(canonical(text) == canonical(s), "parse changed the value", std::string(text) + " -> " + s);
  Decimal again;
  check(fits([&] { again = Decimal::parse(s); }), "toString text does not re-parse", s);
  check(again == d && again.scale() == d.scale() && again.toString() == s,
        "parse(toString()) is not the same decimal", s);
  const std::string plain = d.toPlainString();
  check(Decimal::parse(plain) == d, "toPlainString changed the value", s + " -> " + plain);
  check(d.scale() >= 0 && d.scale() <= Decimal::kMaxScale, "scale out of range", s);
  check(d.sign() == (d.isZero() ? 0 : (s[0] == '-' ? -1 : 1)), "sign disagrees with text", s);
}

void checkUnary(const Decimal& a) {
  for (int scale : {0, 2, 8, 18, 38}) {
    Decimal r;
    if (!fits([&] { r = a.roundedTo(scale); })) continue;
    check(r.scale() <= scale, "roundedTo kept too many decimals");
    Decimal diff;
    if (fits([&] { diff = (a - r).abs() * Decimal::fromInt(2); }) && scale <= 38)
      check(diff <= Decimal::fromParts(1, scale), "roundedTo moved further than half a unit",
            a.toString() + " -> " + r.toString());
    Decimal t;
    if (fits([&] { t = a.rescale(scale, kf::Rounding::Down); })) {
      check(t.scale() == scale, "rescale did not give the scale");
      check(t.abs() <= a.abs(), "rounding down grew the magnitude",
            a.toString() + " -> " + t.toString());
    }
  }
}

void checkPair(const Decimal& a, const Decimal& b) {
  check(compare(a, b) == -compare(b, a), "compare is not antisymmetric");
  Decimal sum, sum2;
  if (fits([&] { sum = a + b; }) && fits([&] { sum2 = b + a; })) {
    check(sum == sum2, "+ does not commute");
    Decimal back;
    if (fits([&] { back = sum - b; }))
      check(back == a, "(a+b)-b != a", a.toString() + " " + b.toString());
    check((b.sign() > 0) == (sum > a) || b.isZero(), "adding a positive did not increase");
  }
  Decimal prod, prod2;
  if (fits([&] { prod = a * b; }) && fits([&] { prod2 = b * a; })) {
    check(prod == prod2, "* does not commute");
    check(prod.sign() == a.sign() * b.sign(), "sign of a product is wrong",
          a.toString() + " * " + b.toString() + " = " + prod.toString());
  }
  if (b.isZero()) {
    const bool divided = fits([&] { (void)a.divide(b, 8); });
    check(!divided, "division by zero answered");
    return;
  }
  for (int scale : {0, 8, 20}) {
    Decimal q;
    if (!fits([&] { q = a.divide(b, scale, kf::Rounding::Down); })) continue;
    // Truncated quotient: |q*b| <= |a| < (|q| + ulp) * |b|.
    Decimal low, high;
    if (fits([&] { low = (q * b).abs(); }) &&
        fits([&] { high = (q.abs() + Decimal::fromParts(1, scale)) * b.abs(); })) {
      check(low <= a.abs(), "truncated quotient too large",
            a.toString() + " / " + b.toString() + " = " + q.toString());
      check(a.abs() < high, "truncated quotient too small",
            a.toString() + " / " + b.toString() + " = " + q.toString());
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(kf::fuzz::text(data, size));
  std::vector<Decimal> values;
  size_t start = 0;
  for (int part = 0; part < 3 && start <= input.size(); ++part) {
    size_t end = input.find(',', start);
    if (end == std::string::npos) end = input.size();
    const std::string piece = input.substr(start, end - start);
    Decimal d;
    if (expectCoreErrorOnly([&] { d = Decimal::parse(piece); },
                            {ErrorKind::Malformed, ErrorKind::Overflow})) {
      checkParsed(piece, d);
      values.push_back(d);
    }
    start = end + 1;
  }
  for (const auto& a : values) checkUnary(a);
  for (size_t i = 0; i + 1 < values.size(); ++i) checkPair(values[i], values[i + 1]);
  if (values.size() == 3) checkPair(values[2], values[0]);
  return 0;
}
