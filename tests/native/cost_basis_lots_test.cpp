// The exact helpers under the lots: mulDiv against Crypto++'s big integers, pro-rata
// shares adding up exactly, and the HIFO key.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include <cryptopp/integer.h>

#include "core/error.hpp"
#include "portfolio/lots.hpp"
#include "portfolio/lots_math.hpp"

using kf::CoreError;
using kf::Decimal;
using kf::ErrorKind;
using namespace kf::portfolio;

namespace {

Decimal D(std::string_view s) {
  return Decimal::parse(s);
}

CryptoPP::Integer big(__int128 c) {
  const bool neg = c < 0;
  unsigned __int128 m =
      neg ? -static_cast<unsigned __int128>(c) : static_cast<unsigned __int128>(c);
  // Integer(Sign, lword): the plain constructor takes a signed long.
  CryptoPP::Integer r(CryptoPP::Integer::POSITIVE, static_cast<CryptoPP::lword>(m >> 64));
  r <<= 64;
  r += CryptoPP::Integer(CryptoPP::Integer::POSITIVE, static_cast<CryptoPP::lword>(m));
  return neg ? -r : r;
}

CryptoPP::Integer pow10(int e) {
  CryptoPP::Integer r = CryptoPP::Integer::One();
  for (int i = 0; i < e; ++i) r *= 10;
  return r;
}

// Reference: round-half-even of a*b/c at `scale`, as an integer coefficient.
CryptoPP::Integer reference(const Decimal& a, const Decimal& b, const Decimal& c, int scale) {
  CryptoPP::Integer num = big(a.coefficient()) * big(b.coefficient());
  CryptoPP::Integer den = big(c.coefficient());
  const int e = scale + c.scale() - a.scale() - b.scale();
  if (e >= 0)
    num *= pow10(e);
  else
    den *= pow10(-e);
  const bool neg = num.IsNegative() != den.IsNegative() && !num.IsZero();
  num = num.AbsoluteValue();
  den = den.AbsoluteValue();
  CryptoPP::Integer q, r;
  CryptoPP::Integer::Divide(r, q, num, den);
  const CryptoPP::Integer twice = r * 2;
  if (twice > den || (twice == den && q.IsOdd())) q += 1;
  return neg ? -q : q;
}

TEST(CostBasisLots, MulDivMatchesBigIntegerReference) {
  std::mt19937_64 rng(7);
  auto randomDecimal = [&](bool allowZero) {
    const int digits = 1 + static_cast<int>(rng() % 38);
    __int128 c = 0;
    for (int i = 0; i < digits; ++i) c = c * 10 + static_cast<int>(rng() % 10);
    if (!allowZero && c == 0) c = 1;
    if (rng() % 4 == 0) c = -c;
    return Decimal::fromParts(c, static_cast<int>(rng() % 39));
  };
  int checked = 0, overflowed = 0;
  for (int i = 0; i < 20000; ++i) {
    const Decimal a = randomDecimal(true), b = randomDecimal(true), c = randomDecimal(false);
    const int scale = static_cast<int>(rng() % 39);
    const CryptoPP::Integer want = reference(a, b, c, scale);
    const bool fits = want.AbsoluteValue() < pow10(38);
    try {
      const Decimal got = mulDiv(a, b, c, scale);
      ASSERT_TRUE(fits) << a.toString() << " " << b.toString() << " " << c.toString();
      ASSERT_EQ(got.scale(), scale);
      ASSERT_EQ(big(got.coefficient()), want)
          << a.toString() << " * " << b.toString() << " / " << c.toString() << " @" << scale;
      ++checked;
    } catch (const CoreError& e) {
      ASSERT_EQ(e.kind(), ErrorKind::Overflow);
      ASSERT_FALSE(fits) << a.toString() << " * " << b.toString() << " / " << c.toString();
      ++overflowed;
    }
  }
  EXPECT_GT(checked, 5000);
  EXPECT_GT(overflowed, 100);
}

TEST(CostBasisLots, MulDivFastPathsAgreeWithTheReference) {
  // Operands of amounts and values as they occur: 64-bit and just-over-64-bit coefficients.
  std::mt19937_64 rng(11);
  for (int i = 0; i < 20000; ++i) {
    const auto high = static_cast<__int128>(rng() >> 1);
    const Decimal total = Decimal::fromParts(high * static_cast<__int128>(1 + rng() % 1000), 18);
    const Decimal whole = Decimal::fromParts(1 + static_cast<__int128>(rng() >> 1), 8);
    const Decimal part = Decimal::fromParts(static_cast<__int128>(rng() % 1000000) + 1, 8);
    const Decimal got = mulDiv(total, part, whole, 18);
    ASSERT_EQ(big(got.coefficient()), reference(total, part, whole, 18));
  }
}

TEST(CostBasisLots, ProRataAndRounding) {
  EXPECT_EQ(proRata(D("100"), D("1"), D("3")).toString(), "33.333333333333333333");
  EXPECT_EQ(proRata(D("100"), D("2"), D("3")).toString(), "66.666666666666666667");
  EXPECT_EQ(proRata(D("7.5"), D("0.3"), D("0.3")).toString(), "7.5");  // the whole: exact
  EXPECT_EQ(mulRound(D("1.5"), D("2.25")).toString(), "3.375");        // exact when it fits
  EXPECT_EQ(mulRound(D("0.000000001"), D("0.0000000005"), 18).toString(),
            "0.000000000000000000");  // 5e-19 rounds half-even to 0
  EXPECT_EQ(mulRound(D("0.000000001"), D("0.0000000015"), 18).toString(), "0.000000000000000002");
  // 18-decimal amount times 18-decimal price: 36 decimals and 40 digits midway.
  EXPECT_EQ(mulRound(D("1234.123456789012345678"), D("0.000012345678901234567")).toString(),
            "0.015236091921998780");
  EXPECT_EQ(atValueScale(D("1.5")).toString(), "1.500000000000000000");
  EXPECT_THROW(mulDiv(D("1"), D("1"), D("0")), CoreError);
  try {
    mulDiv(D("99999999999999999999999999999999999999"), D("10"), D("1"), 0);
    FAIL() << "expected overflow";
  } catch (const CoreError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Overflow);
  }
}

TEST(CostBasisLots, UnitCostKeyOrdersAndSaturates) {
  EXPECT_LT(unitCostKey(D("100"), D("3")), unitCostKey(D("101"), D("3")));
  EXPECT_EQ(unitCostKey(D("1"), D("0")), unitCostKey(D("1e20"), D("1e-18")));  // saturated
}

TEST(CostBasisLots, BookTakesInMethodOrderAndReportsTheUncoveredPart) {
  for (const Method m : {Method::Fifo, Method::Lifo, Method::Hifo, Method::Average}) {
    LotBook book(m);
    const char* costs[] = {"10", "30", "20"};
    for (int i = 0; i < 3; ++i) {
      Lot lot{D("1"), D(costs[i]), i * 1000, 0, static_cast<std::uint64_t>(i), true};
      lot.unitKey = unitCostKey(lot.cost, lot.amount);
      book.add(lot);
    }
    Decimal cost, amount;
    std::vector<std::int64_t> dates;
    const Decimal left = book.take(D("3.5"), [&](const Piece& p) {
      cost += p.cost;
      amount += p.amount;
      dates.push_back(p.acquiredMs);
    });
    EXPECT_EQ(left, D("0.5"));
    EXPECT_EQ(amount, D("3"));
    EXPECT_EQ(cost, D("60"));
    const std::vector<std::int64_t> fifo{0, 1000, 2000}, lifo{2000, 1000, 0}, hifo{1000, 2000, 0};
    EXPECT_EQ(dates, m == Method::Lifo ? lifo : m == Method::Hifo ? hifo : fifo);
  }
}

}  // namespace
