// The fast paths of lots_math against the general code they shortcut: unitCostKey
// against mulDiv (saturating where mulDiv overflows), atValueScale against
// Decimal::rescale (throwing where it throws), ExactSum against adding in order.
#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <string>

#include "core/error.hpp"
#include "portfolio/lots_math.hpp"

using kf::CoreError;
using kf::Decimal;
using kf::ErrorKind;
using namespace kf::portfolio;

namespace {

__int128 keyByMulDiv(const Decimal& cost, const Decimal& amount) {
  constexpr __int128 kMax = std::numeric_limits<__int128>::max();
  if (amount.sign() <= 0) return kMax;
  try {
    return mulDiv(cost, Decimal::fromInt(1), amount, kValueScale).coefficient();
  } catch (const CoreError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Overflow);
    return cost.isNegative() ? -kMax : kMax;
  }
}

__int128 randomCoefficient(std::mt19937_64& rng) {
  const int digits = 1 + static_cast<int>(rng() % 38);
  __int128 c = 0;
  for (int i = 0; i < digits; ++i) c = c * 10 + static_cast<int>(rng() % 10);
  return c;
}

std::string text(__int128 v) {
  return Decimal::fromParts(v % kf::detail::kPow10[30], 0).toString() + "...";
}

TEST(LotsMath, UnitCostKeyFastPathMatchesMulDiv) {
  std::mt19937_64 rng(5);
  int fast = 0, saturated = 0;
  for (int i = 0; i < 50000; ++i) {
    // Mostly the usual shapes (a value at 18 decimals over an amount at 8), then anything.
    const bool usual = i % 2 == 0;
    __int128 c = usual
                     ? static_cast<__int128>(rng() >> 1) * static_cast<__int128>(1 + rng() % 100000)
                     : randomCoefficient(rng);
    if (rng() % 20 == 0) c = -c;
    __int128 a =
        usual ? static_cast<__int128>(1 + rng() % 1'000'000'000'000ULL) : randomCoefficient(rng);
    if (rng() % 50 == 0) a = -a;
    const Decimal cost = Decimal::fromParts(c, usual ? 18 : static_cast<int>(rng() % 39));
    const Decimal amount = Decimal::fromParts(a, usual ? 8 : static_cast<int>(rng() % 39));
    const __int128 want = keyByMulDiv(cost, amount);
    const __int128 got = unitCostKey(cost, amount);
    ASSERT_TRUE(got == want) << cost.toString() << " / " << amount.toString() << ": got "
                             << text(got) << " want " << text(want);
    if (want == std::numeric_limits<__int128>::max()) ++saturated;
    if (usual) ++fast;
  }
  EXPECT_GT(saturated, 100);  // the fallback was reached too
  EXPECT_GT(fast, 20000);
  // Halfway cases round to even, as mulDiv does.
  EXPECT_TRUE(unitCostKey(Decimal::parse("0.000000000000000001"), Decimal::fromInt(2)) == 0);
  EXPECT_TRUE(unitCostKey(Decimal::parse("0.000000000000000003"), Decimal::fromInt(2)) == 2);
  // An amount beyond 64 bits and a cost that overflows 38 digits per unit.
  EXPECT_TRUE(unitCostKey(Decimal::parse("1000"), Decimal::parse("100000000000000000000")) == 10);
  EXPECT_TRUE(unitCostKey(Decimal::parse("1e20"), Decimal::parse("1e-18")) ==
              std::numeric_limits<__int128>::max());
}

TEST(LotsMath, AtValueScaleMatchesRescale) {
  std::mt19937_64 rng(9);
  int threw = 0;
  for (int i = 0; i < 50000; ++i) {
    __int128 c =
        i % 2 == 0 ? static_cast<__int128>(rng() % 100'000'000'000'000ULL) : randomCoefficient(rng);
    if (rng() % 3 == 0) c = -c;
    const Decimal v = Decimal::fromParts(c, static_cast<int>(rng() % 39));
    std::string want;
    try {
      want = v.rescale(kValueScale).toString();
    } catch (const CoreError& e) {
      ASSERT_EQ(e.kind(), ErrorKind::Overflow);
      ++threw;
      EXPECT_THROW(atValueScale(v), CoreError) << v.toString();
      continue;
    }
    const Decimal got = atValueScale(v);
    ASSERT_EQ(got.scale(), kValueScale);
    ASSERT_EQ(got.toString(), want);
  }
  EXPECT_GT(threw, 100);
}

TEST(LotsMath, ExactSumEqualsAddingInOrder) {
  std::mt19937_64 rng(13);
  int slow = 0, overflowed = 0;
  for (int round = 0; round < 3000; ++round) {
    ExactSum sum;
    Decimal want;
    bool wantThrew = false, gotThrew = false;
    const int n = static_cast<int>(rng() % 30);
    const bool huge = round % 10 == 0;  // near 38 digits: the fast path gives up
    bool mixed = false;
    for (int i = 0; i < n && !wantThrew; ++i) {
      __int128 c = huge ? randomCoefficient(rng) : static_cast<__int128>(rng() >> 4);
      if (rng() % 3 == 0) c = -c;
      const int scale = rng() % 8 == 0 ? static_cast<int>(rng() % 39) : kValueScale;
      mixed = mixed || scale != kValueScale;
      const Decimal v = Decimal::fromParts(c, scale);
      try {
        want += v;
      } catch (const CoreError& e) {
        ASSERT_EQ(e.kind(), ErrorKind::Overflow);
        wantThrew = true;
      }
      try {
        sum.add(v);
      } catch (const CoreError& e) {
        ASSERT_EQ(e.kind(), ErrorKind::Overflow);
        gotThrew = true;
      }
      ASSERT_EQ(gotThrew, wantThrew) << "round " << round << " value " << i;
    }
    if (wantThrew) {
      ++overflowed;
      continue;
    }
    if (mixed) ++slow;
    const Decimal got = sum.value();
    ASSERT_EQ(got.scale(), want.scale()) << "round " << round;
    ASSERT_EQ(got.toString(), want.toString()) << "round " << round;
  }
  EXPECT_GT(slow, 500);
  EXPECT_GT(overflowed, 10);
  ExactSum empty;
  EXPECT_EQ(empty.value().toString(), "0");  // nothing added: Decimal(), as operator+ leaves it
}

}  // namespace
