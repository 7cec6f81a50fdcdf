// The embedded demo portfolio: shape, determinism, consistency of holdings with
// the history, and that every asset prices in every supported currency.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "model/decimal.hpp"
#include "portfolio/valuation.hpp"

using kf::Decimal;
using nlohmann::json;

namespace {

constexpr int64_t kNow = 1'717'245'296'789;  // 2024-06-01T12:34:56.789Z
constexpr int64_t kDay = 86'400'000;

json demo(int64_t nowMs) {
  const json out = json::parse(kf::api::demoData(json{{"nowMs", nowMs}}.dump()));
  EXPECT_TRUE(out.value("ok", false)) << out.dump();
  return out;
}

Decimal D(const json& v) {
  return Decimal::parse(v.get<std::string>());
}

TEST(DemoData, ShapeAndSize) {
  const json d = demo(kNow);
  std::set<std::string> assets, exchanges, accounts;
  for (const auto& h : d["holdings"]) {
    assets.insert(h["asset"]);
    exchanges.insert(h["exchange"]);
    accounts.insert(h["account"]);
    EXPECT_EQ(D(h["total"]), D(h["free"]) + D(h["locked"]));
    EXPECT_GT(D(h["total"]), Decimal());
  }
  EXPECT_GE(assets.size(), 8u);
  EXPECT_LE(assets.size(), 12u);
  EXPECT_EQ(exchanges, (std::set<std::string>{"binance", "coinbase", "kraken"}));
  EXPECT_TRUE(accounts.count("staked") && accounts.count("earn"));
  EXPECT_GE(d["trades"].size() + d["transfers"].size(), 30u);

  for (const auto& t : d["trades"]) {
    EXPECT_EQ(t["symbol"], t["base"].get<std::string>() + "/" + t["quote"].get<std::string>());
    EXPECT_EQ(D(t["cost"]), D(t["amount"]) * D(t["price"]));
    EXPECT_TRUE(t["side"] == "buy" || t["side"] == "sell");
    EXPECT_TRUE(t["id"].is_string() && !t["id"].get<std::string>().empty());
  }
  std::set<std::string> ids;
  for (const auto& group : {d["trades"], d["transfers"]}) {
    int64_t previous = 0;
    for (const auto& e : group) {
      const int64_t time = e["time"];
      EXPECT_LT(time, kNow);
      EXPECT_GT(time, kNow - 2 * 366 * kDay);
      EXPECT_GE(time, previous);  // chronological
      previous = time;
      EXPECT_TRUE(ids.insert(e["exchange"].get<std::string>() + e["id"].get<std::string>()).second)
          << "duplicate id " << e["id"];
    }
  }
  for (const auto& t : d["tickers"]) EXPECT_TRUE(t.contains("open24h"));
}

TEST(DemoData, Deterministic) {
  EXPECT_EQ(kf::api::demoData(R"({"nowMs":1717245296789})"),
            kf::api::demoData(R"({"nowMs":1717245296789})"));
  const json a = demo(kNow), b = demo(kNow + 3 * kDay);
  EXPECT_EQ(a["holdings"], b["holdings"]);
  EXPECT_EQ(b["trades"][0]["time"].get<int64_t>() - a["trades"][0]["time"].get<int64_t>(),
            3 * kDay);
}

// Recomputed here from the trades and transfers: holdings are what history leaves
// (withdrawals take amount + fee; trade fees leave their fee asset).
TEST(DemoData, HoldingsMatchHistory) {
  const json d = demo(kNow);
  std::map<std::pair<std::string, std::string>, Decimal> expected, held;
  for (const auto& t : d["trades"]) {
    const std::string ex = t["exchange"];
    const bool buy = t["side"] == "buy";
    expected[{ex, t["base"]}] += buy ? D(t["amount"]) : -D(t["amount"]);
    expected[{ex, t["quote"]}] += buy ? -D(t["cost"]) : D(t["cost"]);
    expected[{ex, t["feeAsset"]}] -= D(t["fee"]);
  }
  for (const auto& t : d["transfers"]) {
    const std::string ex = t["exchange"];
    if (t["type"] == "deposit")
      expected[{ex, t["asset"]}] += D(t["amount"]);
    else
      expected[{ex, t["asset"]}] -= D(t["amount"]) + D(t["fee"]);
  }
  for (const auto& h : d["holdings"]) held[{h["exchange"], h["asset"]}] += D(h["total"]);
  for (auto it = expected.begin(); it != expected.end();)
    it = it->second.isZero() ? expected.erase(it) : std::next(it);
  EXPECT_EQ(held, expected);
  // Worked by hand from demo_script.cpp.
  EXPECT_EQ((held[{"binance", "USDT"}]), Decimal::parse("7758.702"));
  EXPECT_EQ((held[{"binance", "BTC"}]), Decimal::parse("0.24615"));
  EXPECT_EQ((held[{"binance", "BNB"}]), Decimal::parse("6.97584"));
  EXPECT_EQ((held[{"coinbase", "USD"}]), Decimal::parse("3913.36"));
  EXPECT_EQ((held[{"coinbase", "BTC"}]), Decimal::parse("0.16995"));
  EXPECT_EQ((held[{"kraken", "EUR"}]), Decimal::parse("2638.3114"));
  EXPECT_EQ((held[{"kraken", "DOT"}]), Decimal::parse("580"));
}

TEST(DemoData, TheMoveBetweenExchangesSharesItsTxid) {
  const json d = demo(kNow);
  std::string out, in;
  for (const auto& t : d["transfers"]) {
    if (t["asset"] != "BTC") continue;
    (t["type"] == "withdrawal" ? out : in) = t["txid"];
  }
  EXPECT_FALSE(out.empty());
  EXPECT_EQ(out, in);
}

TEST(DemoData, ValuesInEveryCurrencyWithNothingUnpriced) {
  json d = demo(kNow);
  for (const auto& c : kf::portfolio::supportedCurrencies()) {
    const json in = {{"currency", c}, {"holdings", d["holdings"]}, {"tickers", d["tickers"]}};
    const json out = json::parse(kf::api::portfolioValue(in.dump()));
    ASSERT_TRUE(out["ok"].get<bool>()) << out.dump();
    EXPECT_TRUE(out["unpriced"].empty()) << c;
    EXPECT_TRUE(out["total"].is_string()) << c;
    EXPECT_TRUE(out["change24hPct"].is_string()) << c;
    EXPECT_EQ(out["assets"].size(), 11u) << c;
  }
  const json usd = json::parse(kf::api::portfolioValue(
      json{{"currency", "USD"}, {"holdings", d["holdings"]}, {"tickers", d["tickers"]}}.dump()));
  // Worked by hand: BTC 0.5261 x 67245.01, ETH 6.2453 x 3511.55, SOL 65 x 151.23,
  // ADA 3500 x 0.4519, LINK 200 x 14.63 (coinbase USD tickers), DOT 580 x 7.1234
  // (kraken), BNB 6.97584 x 590.10 x 1.0001 (USDT/USD@coinbase), USDT 7758.702 x 1.0001,
  // USDC 1000 at par, USD 3913.36, EUR 2638.3114 x 1.085 = 95429.7155...
  EXPECT_EQ(usd["total"], "95429.72");
  EXPECT_EQ(usd["notes"], json({"USDC valued at par (1 USD): no USDC/USD ticker"}));
}

TEST(DemoData, RejectsBadNow) {
  for (const char* in : {R"({})", R"({"nowMs":"soon"})", R"({"nowMs":5})"}) {
    const json out = json::parse(kf::api::demoData(in));
    EXPECT_FALSE(out["ok"].get<bool>()) << in;
    EXPECT_EQ(out["error"]["kind"], "invalid_input");
    EXPECT_NE(out["error"]["message"].get<std::string>().find("nowMs"), std::string::npos);
  }
}

}  // namespace
