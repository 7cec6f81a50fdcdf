#include "portfolio/valuation_math.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

using kf::CoreError;
using kf::Decimal;
using kf::ErrorKind;
using kf::Rounding;
using kf::portfolio::mulRounded;
using kf::portfolio::percentOf;

namespace {

Decimal D(std::string_view s) {
  return Decimal::parse(s);
}

TEST(ValuationMath, ExactProductWhenItFits) {
  const Decimal p = mulRounded(D("0.75"), D("60010"), 18);
  EXPECT_EQ(p.toString(), "45007.50");
  EXPECT_EQ(mulRounded(D("0"), D("123.456"), 18), D("0"));
}

TEST(ValuationMath, WideProductRoundedOnce) {
  // 27 x 16 digits: 43 digits before rounding; worked with Python's decimal.
  const Decimal a = D("123456789.123456789012345678"), b = D("0.006666666666666667");
  EXPECT_EQ(mulRounded(a, b, 18).toString(), "823045.260823045301234568");
  EXPECT_EQ(mulRounded(a, b, 5).toString(), "823045.26082");
  EXPECT_EQ(mulRounded(-a, b, 5).toString(), "-823045.26082");
  EXPECT_THROW(a * b, CoreError);  // what the helper is for
}

TEST(ValuationMath, TiesFollowTheRoundingMode) {
  EXPECT_EQ(mulRounded(D("0.25"), D("0.1"), 2).toString(), "0.02");
  EXPECT_EQ(mulRounded(D("0.35"), D("0.1"), 2).toString(), "0.04");
  EXPECT_EQ(mulRounded(D("0.25"), D("0.1"), 2, Rounding::HalfUp).toString(), "0.03");
  EXPECT_EQ(mulRounded(D("0.29"), D("0.1"), 2, Rounding::Down).toString(), "0.02");
}

TEST(ValuationMath, DropsMoreThan38DigitsInTwoSteps) {
  // 0.5 at scale 38 times 1 at scale 37: 75 decimals dropped to 0.
  const Decimal half = D("0.50000000000000000000000000000000000000");
  const Decimal one = D("1.0000000000000000000000000000000000000");
  const Decimal threeHalves = D("1.5000000000000000000000000000000000000");
  ASSERT_EQ(half.scale(), 38);
  ASSERT_EQ(one.scale(), 37);
  EXPECT_EQ(mulRounded(half, one, 0).toString(), "0");
  EXPECT_EQ(mulRounded(half, one, 0, Rounding::HalfUp).toString(), "1");
  EXPECT_EQ(mulRounded(half, threeHalves, 0).toString(), "1");  // 0.75
  EXPECT_EQ(mulRounded(D("0.50000000000000000000000000000000000001"), one, 0).toString(), "1");
  EXPECT_EQ(mulRounded(D("0.49999999999999999999999999999999999999"), one, 0).toString(), "0");
  EXPECT_EQ(mulRounded(threeHalves, one, 0).toString(), "2");  // tie to even
}

TEST(ValuationMath, OverflowFailsLoudly) {
  const Decimal big = D("10000000000000000000000000000000000000");  // 10^37
  try {
    mulRounded(big, big, 0);
    FAIL() << "no overflow";
  } catch (const CoreError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Overflow);
  }
  EXPECT_THROW(mulRounded(D("1"), D("1"), 39), CoreError);
}

TEST(ValuationMath, PercentWithTwoDecimals) {
  EXPECT_EQ(percentOf(D("768.65"), D("55740")).toString(), "1.38");
  EXPECT_EQ(percentOf(D("-300"), D("9300")).toString(), "-3.23");
  EXPECT_EQ(percentOf(D("1"), D("1")).toString(), "100.00");
  EXPECT_EQ(percentOf(D("1"), D("8")).toString(), "12.50");
  EXPECT_EQ(percentOf(D("1"), D("80000")).toString(), "0.00");
  EXPECT_EQ(percentOf(D("1"), D("800")).toString(), "0.12");  // 0.125 %: tie to even
}

}  // namespace
