// Known-answer tests of the four methods through the costBasis API, worked by hand:
// lots L1 1 BTC for 10,010 (10,000 + 10 fee), L2 2 BTC for 30,000, L3 1 BTC for 12,000,
// then 1.5 BTC sold for 30,000 - 30 fee = 29,970.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "api/api.hpp"

using nlohmann::json;

namespace {

constexpr long long kT0 = 1704067200000;  // 2024-01-01T00:00:00Z
constexpr long long kDay = 86400000;

json trade(const std::string& id, long long time, const std::string& side,
           const std::string& amount, const std::string& cost, const std::string& fee = "0",
           const std::string& feeAsset = "USD", const std::string& base = "BTC",
           const std::string& quote = "USD", const std::string& exchange = "kraken") {
  return {{"exchange", exchange}, {"id", id},     {"time", time},        {"base", base},
          {"quote", quote},       {"side", side}, {"amount", amount},    {"price", "0"},
          {"cost", cost},         {"fee", fee},   {"feeAsset", feeAsset}};
}

json run(json request) {
  const json out = json::parse(kf::api::costBasis(request.dump()));
  EXPECT_TRUE(out.value("ok", false)) << out.dump();
  return out;
}

json threeLotsThenSell(const std::string& method) {
  return {
      {"method", method},
      {"currency", "USD"},
      {"trades",
       {trade("b1", kT0, "buy", "1", "10000", "10"), trade("b2", kT0 + kDay, "buy", "2", "30000"),
        trade("b3", kT0 + 2 * kDay, "buy", "1", "12000"),
        trade("s1", kT0 + 10 * kDay, "sell", "1.5", "30000", "30")}}};
}

struct Expected {
  const char* method;
  const char* cost;
  const char* gain;
  int lots;
  long long acquiredMs;
  const char* remainingCost;
};

class Methods : public ::testing::TestWithParam<Expected> {};

TEST_P(Methods, PartialLotsWorkedByHand) {
  const Expected& x = GetParam();
  const json out = run(threeLotsThenSell(x.method));
  ASSERT_EQ(out["disposals"].size(), 1u) << out.dump();
  const json& d = out["disposals"][0];
  EXPECT_EQ(d["asset"], "BTC");
  EXPECT_EQ(d["amount"], "1.5");
  EXPECT_EQ(d["proceeds"], "29970");
  EXPECT_EQ(d["costBasis"], x.cost);
  EXPECT_EQ(d["gain"], x.gain);
  EXPECT_EQ(d["lots"], x.lots);
  EXPECT_EQ(d["acquiredMs"], x.acquiredMs);
  EXPECT_EQ(d["disposedMs"], kT0 + 10 * kDay);
  EXPECT_EQ(d["term"], "short");
  EXPECT_EQ(d["missingAcquisition"], false);
  EXPECT_EQ(d["tradeId"], "s1");
  EXPECT_EQ(d["exchange"], "kraken");
  EXPECT_EQ(d["kind"], "trade");
  ASSERT_EQ(out["remainingLots"].size(), 1u);
  EXPECT_EQ(out["remainingLots"][0]["amount"], "2.5");
  EXPECT_EQ(out["remainingLots"][0]["costBasis"], x.remainingCost);
  EXPECT_EQ(out["summary"]["totals"]["gain"], x.gain);
  EXPECT_EQ(out["summary"]["totals"]["shortTermGain"], x.gain);
  EXPECT_EQ(out["summary"]["totals"]["longTermGain"], "0");
  EXPECT_EQ(out["method"], x.method);
}

INSTANTIATE_TEST_SUITE_P(CostBasis, Methods,
                         ::testing::Values(
                             // FIFO: all of L1 (10,010) and half of L2 (7,500).
                             Expected{"fifo", "17510", "12460", 2, kT0, "34500"},
                             // LIFO: all of L3 (12,000) and half of L2 (7,500).
                             Expected{"lifo", "19500", "10470", 2, kT0 + kDay, "32510"},
                             // HIFO: L2 costs 15,000 a coin, the most: 1.5 of it.
                             Expected{"hifo", "22500", "7470", 1, kT0 + kDay, "29510"},
                             // Average: 52,010 for 4 BTC, 1.5 of it = 19,503.75; dates follow FIFO.
                             Expected{"average", "19503.75", "10466.25", 2, kT0, "32506.25"}),
                         [](const auto& info) { return std::string(info.param.method); });

TEST(CostBasisMethods, AverageCostRoundsToEighteenDecimalsAndKeepsTheRemainder) {
  // 3 coins for 100: a third of the pool is 33.333333333333333333 (18 decimals,
  // half-even); the last coin sold carries the remainder so the total is exactly 100.
  json req = {{"method", "average"},
              {"currency", "USD"},
              {"trades",
               {trade("b1", kT0, "buy", "1", "30"), trade("b2", kT0 + 1, "buy", "2", "70"),
                trade("s1", kT0 + 2, "sell", "1", "50"), trade("s2", kT0 + 3, "sell", "1", "50"),
                trade("s3", kT0 + 4, "sell", "1", "50")}}};
  const json out = run(req);
  ASSERT_EQ(out["disposals"].size(), 3u);
  EXPECT_EQ(out["disposals"][0]["costBasis"], "33.333333333333333333");
  EXPECT_EQ(out["disposals"][1]["costBasis"], "33.333333333333333334");
  EXPECT_EQ(out["disposals"][2]["costBasis"], "33.333333333333333333");
  EXPECT_EQ(out["summary"]["totals"]["costBasis"], "100");
  EXPECT_EQ(out["summary"]["totals"]["gain"], "50");
  EXPECT_TRUE(out["remainingLots"].empty());
}

TEST(CostBasisMethods, HifoPicksTheCostliestLotAcrossPartialSells) {
  // Lots: 1 @ 100, 1 @ 300, 1 @ 200. Three sells of 0.5, 1, 1.5 for 1,000 each.
  json req = {
      {"method", "hifo"},
      {"currency", "USD"},
      {"trades",
       {trade("b1", kT0, "buy", "1", "100"), trade("b2", kT0 + 1, "buy", "1", "300"),
        trade("b3", kT0 + 2, "buy", "1", "200"), trade("s1", kT0 + 3, "sell", "0.5", "1000"),
        trade("s2", kT0 + 4, "sell", "1", "1000"), trade("s3", kT0 + 5, "sell", "1.5", "1000")}}};
  const json out = run(req);
  ASSERT_EQ(out["disposals"].size(), 3u);
  EXPECT_EQ(out["disposals"][0]["costBasis"], "150");  // half of the 300 lot
  EXPECT_EQ(out["disposals"][1]["costBasis"], "250");  // its other half + half of the 200 lot
  EXPECT_EQ(out["disposals"][1]["lots"], 2);
  EXPECT_EQ(out["disposals"][2]["costBasis"], "200");  // the rest of 200, then the 100 lot
  EXPECT_EQ(out["summary"]["totals"]["costBasis"], "600");
}

TEST(CostBasisMethods, LifoAndFifoDifferOnlyInOrder) {
  for (const char* method : {"fifo", "lifo"}) {
    json req = {{"method", method},
                {"currency", "USD"},
                {"trades",
                 {trade("b1", kT0, "buy", "1", "100"), trade("b2", kT0 + kDay, "buy", "1", "200"),
                  trade("s1", kT0 + 2 * kDay, "sell", "1", "250")}}};
    const json out = run(req);
    ASSERT_EQ(out["disposals"].size(), 1u);
    EXPECT_EQ(out["disposals"][0]["costBasis"], std::string(method) == "fifo" ? "100" : "200");
    EXPECT_EQ(out["remainingLots"][0]["costBasis"], std::string(method) == "fifo" ? "200" : "100");
  }
}

}  // namespace
