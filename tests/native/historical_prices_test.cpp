// HistoricalPrices::at remembers where its last lookup landed (the engine asks in time
// order); answers must not depend on the order of the questions.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "portfolio/historical_prices.hpp"

namespace {

using kf::Decimal;
using kf::portfolio::HistoricalPrices;
using kf::portfolio::PricePoint;

constexpr std::int64_t kMaxAge = 5000;

std::optional<Decimal> reference(const std::vector<PricePoint>& s, std::int64_t t) {
  std::optional<Decimal> out;
  for (const auto& p : s)
    if (p.timeMs <= t) out = t - p.timeMs > kMaxAge ? std::nullopt : std::optional(p.price);
  return out;
}

std::string text(const std::optional<Decimal>& d) {
  return d ? d->toString() : "none";
}

TEST(HistoricalPrices, AnswersAreTheSameInAnyOrder) {
  std::mt19937_64 rng(3);
  std::vector<PricePoint> series;
  std::int64_t t = 1000;
  for (int i = 0; i < 300; ++i) {
    t += 1 + static_cast<std::int64_t>(rng() % 9000);  // some gaps longer than kMaxAge
    series.push_back({t, Decimal::fromParts(100 + i, 2)});
  }
  HistoricalPrices prices(kMaxAge);
  prices.setSeries(0, series, "BTC");
  std::vector<std::int64_t> times;
  for (std::int64_t q = 0; q < t + 10'000; q += 37) times.push_back(q);
  for (const auto& p : series) times.insert(times.end(), {p.timeMs - 1, p.timeMs, p.timeMs + 1});
  std::sort(times.begin(), times.end());
  for (const auto q : times) ASSERT_EQ(text(prices.at(0, q)), text(reference(series, q))) << q;
  std::shuffle(times.begin(), times.end(), rng);
  for (const auto q : times) ASSERT_EQ(text(prices.at(0, q)), text(reference(series, q))) << q;
  for (auto it = times.rbegin(); it != times.rend(); ++it)
    ASSERT_EQ(text(prices.at(0, *it)), text(reference(series, *it))) << *it;
}

TEST(HistoricalPrices, ReplacingOrMissingSeries) {
  HistoricalPrices prices(kMaxAge);
  EXPECT_FALSE(prices.at(3, 100).has_value());  // never set
  prices.setSeries(3, {{100, Decimal::parse("1")}, {200, Decimal::parse("2")}}, "ETH");
  EXPECT_EQ(text(prices.at(3, 250)), "2");
  prices.setSeries(3, {{10, Decimal::parse("7")}}, "ETH");  // the hint must not outlive it
  EXPECT_EQ(text(prices.at(3, 250)), "7");
  EXPECT_FALSE(prices.at(3, 9).has_value());
  prices.setSeries(3, {}, "ETH");
  EXPECT_FALSE(prices.at(3, 250).has_value());
  EXPECT_FALSE(prices.at(1, 250).has_value());  // an asset below one with a series
}

}  // namespace
