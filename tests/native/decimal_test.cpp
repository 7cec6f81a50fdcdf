#include "model/decimal.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>
#include <string>
#include <utility>

#include <cryptopp/integer.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"

using kf::CoreError;
using kf::Decimal;
using kf::ErrorKind;
using kf::Rounding;

namespace {

Decimal D(std::string_view text) {
  return Decimal::parse(text);
}

// The kind of CoreError `fn` throws, or fails the test when it throws nothing.
ErrorKind errorOf(const std::function<void()>& fn, std::string* message = nullptr) {
  try {
    fn();
  } catch (const CoreError& e) {
    if (message) *message = e.what();
    return e.kind();
  }
  ADD_FAILURE() << "expected a CoreError";
  return ErrorKind::Internal;
}

const std::string k38Nines(38, '9');

}  // namespace

TEST(Decimal, RoundTripsKeepTheScaleByteForByte) {
  for (const char* text :
       {"0.000000000000000001", "123456789012345678901234.5", "0.00000000", "4723846.89208129",
        "-0.5", "1.50000", "100", "0", "-123.456", "99999999999999999999999999999999999999",
        "-0.99999999999999999999999999999999999999", "0.00000000000000000000000000000000000001"}) {
    EXPECT_EQ(D(text).toString(), text);
  }
}

TEST(Decimal, ParsesSignsZerosAndLeadingZeros) {
  EXPECT_EQ(D("-0").toString(), "0");
  EXPECT_EQ(D("-0.00").toString(), "0.00");
  EXPECT_FALSE(D("-0").isNegative());
  EXPECT_EQ(D("+5").toString(), "5");
  EXPECT_EQ(D("007.50").toString(), "7.50");
  EXPECT_EQ(D("-000.001").toString(), "-0.001");
  EXPECT_EQ(D("0000000000000000000000000000000000000000000001").toString(), "1");
}

TEST(Decimal, FoldsExponentsIntoTheScale) {
  EXPECT_EQ(D("1e-8").toString(), "0.00000001");
  EXPECT_EQ(D("1.5E+3").toString(), "1500");
  EXPECT_EQ(D("15e-1").toString(), "1.5");
  EXPECT_EQ(D("1E2").toString(), "100");
  EXPECT_EQ(D("1.000e2").toString(), "100.0");
  EXPECT_EQ(D("-2.5e-3").toString(), "-0.0025");
  EXPECT_EQ(D("0e10").toString(), "0");
  EXPECT_EQ(D("0e-999999").toString(), "0." + std::string(38, '0'));
  EXPECT_EQ(D("1e37").toString(), "1" + std::string(37, '0'));
  EXPECT_EQ(D("1e-38").toString(), "0." + std::string(37, '0') + "1");
}

TEST(Decimal, RejectsGarbageAsMalformed) {
  for (std::string_view text : std::initializer_list<std::string_view>{
           "",         ".",         "1.",       ".5",    "5.",
           " 1",       "1 ",        "0x10",     "NaN",   "nan",
           "Infinity", "-Infinity", "-",        "+",     "1e",
           "1e+",      "e5",        "--1",      "+-1",   "1.2.3",
           "1,5",      "1_000",     "\xd9\xa1", "1e5.5", std::string_view("1\0", 2),
           "12a",      "\t1"}) {
    EXPECT_EQ(errorOf([&] { D(text); }), ErrorKind::Malformed) << "input: " << text;
  }
}

TEST(Decimal, ErrorMessagesQuoteAtMost40PrintableCharacters) {
  std::string message;
  const std::string hostile = "\x01\xff" + std::string(200, 'x');
  EXPECT_EQ(errorOf([&] { D(hostile); }, &message), ErrorKind::Malformed);
  EXPECT_NE(message.find("\"??xxxx"), std::string::npos) << message;
  EXPECT_NE(message.find("\"..."), std::string::npos) << message;
  EXPECT_LT(message.size(), 80u) << message;
}

TEST(Decimal, TooManyDigitsOrPlacesOverflow) {
  EXPECT_EQ(D(k38Nines).toString(), k38Nines);
  EXPECT_EQ(errorOf([&] { D(k38Nines + "9"); }), ErrorKind::Overflow);
  EXPECT_EQ(errorOf([&] { D("0." + k38Nines + "9"); }), ErrorKind::Overflow);
  EXPECT_EQ(errorOf([] { D(std::string(80, '7')); }), ErrorKind::Overflow);
  EXPECT_EQ(errorOf([] { D("-" + std::string(40, '1') + "." + std::string(40, '2')); }),
            ErrorKind::Overflow);
  EXPECT_EQ(errorOf([] { D("0." + std::string(38, '0') + "1"); }), ErrorKind::Overflow);
  EXPECT_EQ(errorOf([] { D("1e38"); }), ErrorKind::Overflow);
  EXPECT_EQ(errorOf([] { D("1e999999999999"); }), ErrorKind::Overflow);
  EXPECT_EQ(errorOf([] { D("1e-999999999999"); }), ErrorKind::Overflow);
  // Trailing fractional zeros carry no value; they are dropped only when needed to fit.
  EXPECT_EQ(D("1234567890123456789012345678901234567.80").toString(),
            "1234567890123456789012345678901234567.8");
  EXPECT_EQ(D("1." + std::string(50, '0')).toString(), "1." + std::string(37, '0'));
}

TEST(Decimal, TrimmedDropsTrailingFractionalZeros) {
  EXPECT_EQ(D("1.50000").toPlainString(), "1.5");
  EXPECT_EQ(D("2.000").toPlainString(), "2");
  EXPECT_EQ(D("100").toPlainString(), "100");
  EXPECT_EQ(D("0.000").toPlainString(), "0");
  EXPECT_EQ(D("-1.10").toPlainString(), "-1.1");
  EXPECT_EQ(D("1.50000").trimmed().scale(), 1);
}

TEST(Decimal, AddsAndSubtractsWithScaleAlignment) {
  EXPECT_EQ((D("1.5") + D("2.25")).toString(), "3.75");
  EXPECT_EQ((D("1") + D("0.001")).toString(), "1.001");
  EXPECT_EQ((D("0.001") + D("1")).toString(), "1.001");
  EXPECT_EQ((D("-5.5") - D("4.50")).toString(), "-10.00");
  EXPECT_EQ((D("0.1") - D("0.1")).toString(), "0.0");
  EXPECT_EQ((D("4723846.89208129") + D("0.00000000")).toString(), "4723846.89208129");
  Decimal total;
  for (int i = 0; i < 10; ++i) total += D("0.1");
  EXPECT_EQ(total.toString(), "1.0");
  total -= D("3");
  EXPECT_EQ(total.toString(), "-2.0");
}

TEST(Decimal, AddFallsBackToExactResultsWhenAlignmentOverflows) {
  // 1.8 aligned to scale 38 exceeds 128 bits, yet the sum fits.
  EXPECT_EQ((D("1.8") + D("-0." + k38Nines)).toString(),
            "0.80000000000000000000000000000000000001");
  // The sum reaches 10^38 at scale 38 but is exactly 1.
  EXPECT_EQ(D("0." + k38Nines) + D("0." + std::string(37, '0') + "1"), D("1"));
  // 12 aligned to scale 38 overflows; without its trailing zeros 0.5 needs only scale 1.
  EXPECT_EQ((D("0.5" + std::string(37, '0')) + D("12")).toString(), "12.5");
  EXPECT_EQ((D("-12") - D("0.5" + std::string(37, '0'))).toString(), "-12.5");
}

TEST(Decimal, AddOverflowIsDetected) {
  EXPECT_EQ(errorOf([] { D(k38Nines) + D("1"); }), ErrorKind::Overflow);
  EXPECT_EQ(errorOf([] { D("-" + k38Nines) - D("1"); }), ErrorKind::Overflow);
  EXPECT_EQ(errorOf([] { D(k38Nines) + D(k38Nines); }), ErrorKind::Overflow);
  EXPECT_EQ(errorOf([] { D("1" + std::string(37, '0')) + D("0.1"); }), ErrorKind::Overflow);
  EXPECT_EQ(errorOf([] { D(k38Nines) + D("0." + k38Nines); }), ErrorKind::Overflow);
  EXPECT_EQ((D(k38Nines) - D(k38Nines)).toString(), "0");
}

TEST(Decimal, MultipliesExactly) {
  EXPECT_EQ((D("1.5") * D("2")).toString(), "3.0");
  EXPECT_EQ((D("0.1") * D("0.1")).toString(), "0.01");
  EXPECT_EQ((D("-2") * D("3.5")).toString(), "-7.0");
  EXPECT_EQ((D("-2") * D("-3.5")).toString(), "7.0");
  EXPECT_EQ((D("0.00000000") * D("123.45")).toString(), "0.0000000000");
  EXPECT_EQ((D("4723846.89208129") * D("0.00001234")).toString(), "58.2922706482831186");
  Decimal x = D("1.1");
  x *= D("1.1");
  EXPECT_EQ(x.toString(), "1.21");
}

TEST(Decimal, MultiplyDropsTrailingZerosOnlyWhenNeeded) {
  // Scale 40 reduces to 38: 25e-20 * 4e-20 = 1e-38.
  EXPECT_EQ((D("0.00000000000000000025") * D("0.00000000000000000004")).toString(),
            "0.00000000000000000000000000000000000001");
  // 2^100 * 5^50 overflows 128 bits, but has 50 trailing zeros: exactly 2^50 * 10^-10.
  EXPECT_EQ((D("1.267650600228229401496703205376") * D("88817.841970012523233890533447265625"))
                .toString(),
            "112589.9906842624");
  EXPECT_EQ((D("0." + std::string(30, '0') + "1") * D("0")).toString(),
            "0." + std::string(31, '0'));
  EXPECT_EQ((D("0." + std::string(30, '0') + "1") * D("0." + std::string(20, '0'))).toString(),
            "0." + std::string(38, '0'));
}

TEST(Decimal, MultiplyOverflowIsDetected) {
  EXPECT_EQ(errorOf([] { D("1e20") * D("1e18"); }), ErrorKind::Overflow);
  EXPECT_EQ(errorOf([] { D("99999999999999999999") * D("99999999999999999999"); }),
            ErrorKind::Overflow);
  EXPECT_EQ(errorOf([] { D("1e-20") * D("1e-20"); }), ErrorKind::Overflow);
  EXPECT_EQ(errorOf([] { D(k38Nines) * D("-" + k38Nines); }), ErrorKind::Overflow);
  EXPECT_EQ(errorOf([] { D("3e-20") * D("3e-19"); }), ErrorKind::Overflow);
  EXPECT_EQ((D("1e19") * D("9999999999999999999")).toString(),
            std::string(19, '9') + std::string(19, '0'));
}

TEST(Decimal, ComparesValuesAcrossScales) {
  EXPECT_EQ(D("1.50"), D("1.5"));
  EXPECT_EQ(D("0"), D("0.000"));
  EXPECT_NE(D("1.5"), D("1.51"));
  EXPECT_LT(D("-0.1"), D("0"));
  EXPECT_GT(D("1e-38"), D("0"));
  EXPECT_LT(D("1.49999999"), D("1.5"));
  EXPECT_GE(D("2"), D("1.999999999999999999999999999999999999"));
  // Aligning either side to the other's scale overflows: the sign decides.
  const Decimal big = D(k38Nines), tiny = D("0." + std::string(37, '0') + "1");
  EXPECT_GT(big, tiny);
  EXPECT_LT(tiny, big);
  EXPECT_LT(-big, tiny);
  EXPECT_GT(tiny, -big);
  EXPECT_EQ(kf::compare(D("-3.0"), D("-3")), 0);
  EXPECT_LE(D("-3.0"), D("-3"));
}

TEST(Decimal, SignAbsNegate) {
  EXPECT_EQ(D("-2.5").sign(), -1);
  EXPECT_EQ(D("0.00").sign(), 0);
  EXPECT_EQ(D("2.5").sign(), 1);
  EXPECT_TRUE(D("0.00").isZero());
  EXPECT_EQ(D("-2.50").abs().toString(), "2.50");
  EXPECT_EQ((-D("2.50")).toString(), "-2.50");
  EXPECT_EQ((-D("-" + k38Nines)).toString(), k38Nines);
}

TEST(Decimal, DividesWithRounding) {
  EXPECT_EQ(D("1").divide(D("3"), 5).toString(), "0.33333");
  EXPECT_EQ(D("2").divide(D("3"), 5).toString(), "0.66667");
  EXPECT_EQ(D("2").divide(D("3"), 5, Rounding::Down).toString(), "0.66666");
  EXPECT_EQ(D("-2").divide(D("3"), 5, Rounding::HalfUp).toString(), "-0.66667");
  EXPECT_EQ(D("-2").divide(D("3"), 5, Rounding::Down).toString(), "-0.66666");
  EXPECT_EQ(D("1").divide(D("8"), 2, Rounding::HalfEven).toString(), "0.12");
  EXPECT_EQ(D("1").divide(D("8"), 2, Rounding::HalfUp).toString(), "0.13");
  EXPECT_EQ(D("3").divide(D("8"), 2, Rounding::HalfEven).toString(), "0.38");
  EXPECT_EQ(D("-1").divide(D("-8"), 2, Rounding::HalfUp).toString(), "0.13");
  EXPECT_EQ(D("1").divide(D("-8"), 2, Rounding::HalfUp).toString(), "-0.13");
  EXPECT_EQ(D("1234.56").divide(D("0.5"), 8).toString(), "2469.12000000");
  EXPECT_EQ(D("10").divide(D("4"), 0).toString(), "2");  // 2.5 -> 2
  EXPECT_EQ(D("14").divide(D("4"), 0).toString(), "4");  // 3.5 -> 4
  EXPECT_EQ(D("0").divide(D("7"), 3).toString(), "0.000");
  EXPECT_EQ(D("1").divide(D("3"), 38).toString(), "0." + std::string(38, '3'));
  EXPECT_EQ(D("3e-38").divide(D("7e-38"), 38).toString(),
            "0.42857142857142857142857142857142857143");
  EXPECT_EQ(D("1e-38").divide(D("3"), 38).toString(), "0." + std::string(38, '0'));
  EXPECT_EQ(D("2e-38").divide(D("3e-38"), 38, Rounding::Down).toString(),
            "0.66666666666666666666666666666666666666");
  EXPECT_EQ(D("12345678901234567890").divide(D("0.000000000000000003"), 1).toString(),
            "4115226300411522630000000000000000000.0");
  // The dividend scaled to the result exceeds 128 bits (long-division path).
  EXPECT_EQ(D("0.5").divide(D("0.7"), 38).toString(), "0.71428571428571428571428571428571428571");
  EXPECT_EQ(D("1").divide(D("0.0000000700"), 30).toString(),  // 10^40 / 700
            "14285714.285714285714285714285714285714");
  // The divisor scaled to the dividend exceeds 128 bits: the quotient is below half a unit.
  EXPECT_EQ(D("1e-38").divide(D(k38Nines), 0, Rounding::HalfUp).toString(), "0");
}

TEST(Decimal, DivideErrors) {
  EXPECT_EQ(errorOf([] { D("1").divide(D("0.00"), 2); }), ErrorKind::InvalidInput);
  EXPECT_EQ(errorOf([] { D("1").divide(D("3"), 39); }), ErrorKind::InvalidInput);
  EXPECT_EQ(errorOf([] { D("1").divide(D("3"), -1); }), ErrorKind::InvalidInput);
  EXPECT_EQ(errorOf([] { D("1").divide(D("1e-38"), 0); }), ErrorKind::Overflow);
  EXPECT_EQ(errorOf([] { D("1").divide(D("1e-38"), 38); }), ErrorKind::Overflow);
  EXPECT_EQ(errorOf([] { D(k38Nines).divide(D("0.5"), 0); }), ErrorKind::Overflow);
}

TEST(Decimal, RescalesAndRounds) {
  EXPECT_EQ(D("0.125").rescale(2, Rounding::HalfEven).toString(), "0.12");
  EXPECT_EQ(D("0.125").rescale(2, Rounding::HalfUp).toString(), "0.13");
  EXPECT_EQ(D("0.125").rescale(2, Rounding::Down).toString(), "0.12");
  EXPECT_EQ(D("-0.125").rescale(2, Rounding::HalfUp).toString(), "-0.13");
  EXPECT_EQ(D("-0.129").rescale(2, Rounding::Down).toString(), "-0.12");
  EXPECT_EQ(D("2.5").rescale(0).toString(), "2");
  EXPECT_EQ(D("3.5").rescale(0).toString(), "4");
  EXPECT_EQ(D("-2.5").rescale(0).toString(), "-2");
  EXPECT_EQ(D("0.135").rescale(2).toString(), "0.14");
  EXPECT_EQ(D("0.1251").rescale(2).toString(), "0.13");
  EXPECT_EQ(D("1.5").rescale(4).toString(), "1.5000");
  EXPECT_EQ(D("0." + k38Nines).rescale(0).toString(), "1");
  EXPECT_EQ(errorOf([] { D(k38Nines).rescale(1); }), ErrorKind::Overflow);
  EXPECT_EQ(errorOf([] { D("1").rescale(39); }), ErrorKind::InvalidInput);
  EXPECT_EQ(D("0.125").roundedTo(2).toString(), "0.12");
  EXPECT_EQ(D("0.1").roundedTo(8).toString(), "0.1");  // never pads
  EXPECT_EQ(D("0.125").roundedTo(2, Rounding::HalfUp).toString(), "0.13");
}

TEST(Decimal, FromJsonAcceptsStringsAndIntegersOnly) {
  using nlohmann::json;
  EXPECT_EQ(Decimal::fromJson(json("0.00000000")).toString(), "0.00000000");
  EXPECT_EQ(Decimal::fromJson(json(-42)).toString(), "-42");
  EXPECT_EQ(Decimal::fromJson(json(int64_t{INT64_MIN})).toString(), "-9223372036854775808");
  EXPECT_EQ(Decimal::fromJson(json(uint64_t{UINT64_MAX})).toString(), "18446744073709551615");
  EXPECT_EQ(errorOf([] { Decimal::fromJson(json("1,5")); }), ErrorKind::Malformed);
  for (const json& bad : {json(0.5), json(true), json(nullptr), json::object(), json::array(),
                          json::binary({1, 2})}) {
    std::string message;
    EXPECT_EQ(errorOf([&] { Decimal::fromJson(bad); }, &message), ErrorKind::Malformed);
    EXPECT_NE(message.find("expected a decimal"), std::string::npos) << message;
  }
  EXPECT_EQ(Decimal::fromInt(-7).toString(), "-7");
  EXPECT_EQ(Decimal::fromInt(INT64_MAX).toString(), "9223372036854775807");
}

TEST(Decimal, FromPartsChecksItsRange) {
  EXPECT_EQ(Decimal::fromParts(12345, 3).toString(), "12.345");
  EXPECT_EQ(Decimal::fromParts(-5, 38).toString(), "-0." + std::string(37, '0') + "5");
  EXPECT_EQ(errorOf([] { Decimal::fromParts(kf::detail::kPow10[38], 0); }), ErrorKind::Overflow);
  EXPECT_EQ(errorOf([] { Decimal::fromParts(-kf::detail::kPow10[38], 0); }), ErrorKind::Overflow);
  EXPECT_EQ(errorOf([] { Decimal::fromParts(1, 39); }), ErrorKind::InvalidInput);
}

// Randomized cross-check of the fast paths and their exact fallbacks against
// arbitrary-precision integers: every result must equal the exact value, and
// Overflow must be thrown exactly when that value has no 38-digit representation.
namespace {

using CryptoPP::Integer;

struct Exact {
  Integer coef;
  int scale;
};

Integer pow10i(int n) {
  Integer p = Integer::One();
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

Integer parseInteger(std::string digits) {
  const bool negative = !digits.empty() && digits[0] == '-';
  if (negative) digits.erase(0, 1);
  const auto nz = digits.find_first_not_of('0');
  digits = nz == std::string::npos ? "0" : digits.substr(nz);
  Integer v(digits.c_str());
  return negative ? -v : v;
}

Exact exactOf(const Decimal& d) {
  std::string text = d.toString();
  const auto dot = text.find('.');
  if (dot != std::string::npos) text.erase(dot, 1);
  return {parseInteger(text), d.scale()};
}

bool sameValue(const Exact& a, const Exact& b) {
  const int s = std::max(a.scale, b.scale);
  return a.coef * pow10i(s - a.scale) == b.coef * pow10i(s - b.scale);
}

bool representable(Exact v) {
  while (v.scale > 0 && v.coef % 10 == 0) {
    v.coef /= 10;
    --v.scale;
  }
  return v.scale <= 38 && v.coef.AbsoluteValue() < pow10i(38);
}

class RandomDecimals {
 public:
  explicit RandomDecimals(uint64_t seed) : rng_(seed) {}
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  // Biased toward both short amounts and the 38-digit edge, with trailing zeros.
  std::pair<Decimal, Exact> next() {
    const int digits = pick(0, 1) ? pick(1, 38) : pick(1, 12);
    const int scale = pick(0, 1) ? pick(0, 38) : pick(0, 10);
    std::string coef;
    for (int i = 0; i < digits; ++i) coef += static_cast<char>('0' + pick(0, 9));
    if (pick(0, 2) == 0) {
      const int zeros = pick(1, digits);
      coef.replace(static_cast<std::size_t>(digits - zeros), static_cast<std::size_t>(zeros),
                   static_cast<std::size_t>(zeros), '0');
    }
    std::string text = coef;
    if (scale > 0) {
      if (static_cast<int>(text.size()) <= scale)
        text.insert(0, static_cast<std::size_t>(scale + 1 - static_cast<int>(text.size())), '0');
      text.insert(text.size() - static_cast<std::size_t>(scale), ".");
    }
    const bool negative = pick(0, 1) == 1;
    if (negative) text.insert(0, "-");
    const Integer c = parseInteger(coef);
    const Decimal d = Decimal::parse(text);
    // Round trip, except for leading zeros and the sign of zero.
    std::string canonical = text.substr(negative ? 1 : 0);
    const std::size_t intDigits = std::min(canonical.find('.'), canonical.size());
    canonical.erase(0, std::min(canonical.find_first_not_of('0'), intDigits - 1));
    if (negative && !c.IsZero()) canonical.insert(0, "-");
    EXPECT_EQ(d.toString(), canonical);
    return {d, Exact{negative ? -c : c, scale}};
  }

 private:
  std::mt19937_64 rng_;
};

// Checks one operation: the result equals `expected`, or Overflow iff unrepresentable.
void check(const std::function<Decimal()>& op, const Exact& expected, int& ok, int& overflows,
           const std::string& what) {
  try {
    const Decimal r = op();
    ++ok;
    EXPECT_TRUE(sameValue(exactOf(r), expected)) << what << " = " << r.toString();
    EXPECT_LE(r.scale(), 38);
  } catch (const CoreError& e) {
    ++overflows;
    EXPECT_EQ(e.kind(), ErrorKind::Overflow) << what;
    EXPECT_FALSE(representable(expected)) << what << " threw but is representable";
  }
}

Integer roundDivide(const Integer& n, const Integer& d, Rounding mode) {
  Integer q, r;
  Integer::Divide(r, q, n, d);  // n, d > 0
  if (r.IsZero() || mode == Rounding::Down) return q;
  const Integer twice = r * 2;
  if (twice > d) return q + 1;
  if (twice < d) return q;
  return mode == Rounding::HalfUp || q.IsOdd() ? q + 1 : q;
}

}  // namespace

TEST(DecimalProperty, AddSubMulCompareMatchArbitraryPrecision) {
  RandomDecimals gen(0x6b66d3c1);
  int ok = 0, overflows = 0;
  for (int i = 0; i < 20000; ++i) {
    const auto first = gen.next(), second = gen.next();
    const Decimal &a = first.first, &b = second.first;
    const Exact &ea = first.second, &eb = second.second;
    const std::string what = a.toString() + " op " + b.toString();
    const int s = std::max(ea.scale, eb.scale);
    const Integer xa = ea.coef * pow10i(s - ea.scale), xb = eb.coef * pow10i(s - eb.scale);
    check([&] { return a + b; }, {xa + xb, s}, ok, overflows, what + " (+)");
    check([&] { return a - b; }, {xa - xb, s}, ok, overflows, what + " (-)");
    check([&] { return a * b; }, {ea.coef * eb.coef, ea.scale + eb.scale}, ok, overflows,
          what + " (*)");
    const int expected = xa < xb ? -1 : (xa > xb ? 1 : 0);
    EXPECT_EQ(kf::compare(a, b), expected) << what;
    EXPECT_EQ(a == b, expected == 0) << what;
  }
  // Both outcomes must be well exercised, or the generator has gone blind.
  EXPECT_GT(ok, 30000);
  EXPECT_GT(overflows, 3000);
}

TEST(DecimalProperty, DivideAndRescaleMatchArbitraryPrecision) {
  RandomDecimals gen(0x5eed2024);
  const Rounding modes[] = {Rounding::HalfEven, Rounding::HalfUp, Rounding::Down};
  int ok = 0, overflows = 0, rounded = 0;
  for (int i = 0; i < 20000; ++i) {
    const auto first = gen.next(), second = gen.next();
    const Decimal &a = first.first, &b = second.first;
    const Exact &ea = first.second, &eb = second.second;
    const int scale = gen.pick(0, 38);
    const Rounding mode = modes[gen.pick(0, 2)];
    const std::string what = a.toString() + " / " + b.toString() + " at " + std::to_string(scale);
    if (!b.isZero()) {
      const int e = scale + eb.scale - ea.scale;
      Integer n = ea.coef.AbsoluteValue(), d = eb.coef.AbsoluteValue();
      if (e >= 0)
        n *= pow10i(e);
      else
        d *= pow10i(-e);
      Integer q = roundDivide(n, d, mode);
      if (n % d != 0) ++rounded;
      if (ea.coef.IsNegative() != eb.coef.IsNegative()) q = -q;
      try {
        const Decimal r = a.divide(b, scale, mode);
        ++ok;
        EXPECT_EQ(r.scale(), scale) << what;
        EXPECT_TRUE(exactOf(r).coef == q) << what << " = " << r.toString();
      } catch (const CoreError& err) {
        ++overflows;
        EXPECT_EQ(err.kind(), ErrorKind::Overflow) << what;
        EXPECT_GE(q.AbsoluteValue(), pow10i(38)) << what;
      }
    }
    // rescale: same reference with divisor 1.
    Integer n = ea.coef.AbsoluteValue(), d = Integer::One();
    if (scale >= ea.scale)
      n *= pow10i(scale - ea.scale);
    else
      d = pow10i(ea.scale - scale);
    Integer q = roundDivide(n, d, mode);
    if (ea.coef.IsNegative()) q = -q;
    try {
      const Decimal r = a.rescale(scale, mode);
      EXPECT_EQ(r.scale(), scale);
      EXPECT_TRUE(exactOf(r).coef == q) << a.toString() << " rescale " << scale;
    } catch (const CoreError& err) {
      EXPECT_EQ(err.kind(), ErrorKind::Overflow);
      EXPECT_GE(q.AbsoluteValue(), pow10i(38)) << a.toString() << " rescale " << scale;
    }
  }
  EXPECT_GT(ok, 8000);
  EXPECT_GT(overflows, 1000);
  EXPECT_GT(rounded, 5000);
}
