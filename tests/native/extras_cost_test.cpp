// The rate-limit cost buildRequest reports for each operation.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "signing_test_keys.hpp"

using nlohmann::json;

namespace {

constexpr int64_t kNow = 1700000000000;

json credentialsOf(const std::string& exchange) {
  if (exchange == "binance") return {{"apiKey", "k"}, {"secret", "s3cret"}};
  if (exchange == "kraken")
    return {{"apiKey", "k"},
            {"secret",
             "kQH5HW/"
             "8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg=="}};
  return {{"apiKey", "organizations/o/apiKeys/k"}, {"secret", kf::testkeys::kEcP256Sec1}};
}

json build(const std::string& exchange, const std::string& operation,
           const json& params = json::object()) {
  const json in = {
      {"exchange", exchange}, {"operation", operation}, {"credentials", credentialsOf(exchange)},
      {"params", params},     {"nowMs", kNow},          {"nonce", "1700000000000000"}};
  return json::parse(kf::api::buildRequest(in.dump()));
}

int64_t costOf(const std::string& exchange, const std::string& operation,
               const json& params = json::object()) {
  const json out = build(exchange, operation, params);
  EXPECT_TRUE(out["ok"].get<bool>()) << out.dump();
  EXPECT_TRUE(out["cost"].is_number_integer()) << out.dump();
  return out.value("cost", int64_t{-1});
}

json symbols(size_t n) {
  json list = json::array();
  for (size_t i = 0; i < n; ++i) list.push_back("S" + std::to_string(i) + "USDT");
  return list;
}

}  // namespace

TEST(ExtrasCost, BinanceWeights) {
  EXPECT_EQ(costOf("binance", "serverTime"), 1);
  EXPECT_EQ(costOf("binance", "permissions"), 1);
  EXPECT_EQ(costOf("binance", "balances"), 20);
  EXPECT_EQ(costOf("binance", "trades", {{"symbol", "BTCUSDT"}}), 20);
  EXPECT_EQ(costOf("binance", "deposits"), 1);
  EXPECT_EQ(costOf("binance", "withdrawals"), 600);
  EXPECT_EQ(costOf("binance", "candles", {{"symbol", "BTCUSDT"}}), 2);
}

TEST(ExtrasCost, BinanceTickerWeightFollowsTheSymbolCount) {
  EXPECT_EQ(costOf("binance", "tickers"), 80);
  EXPECT_EQ(costOf("binance", "tickers", {{"symbol", "BTCUSDT"}}), 2);
  EXPECT_EQ(costOf("binance", "tickers", {{"symbols", symbols(1)}}), 2);
  EXPECT_EQ(costOf("binance", "tickers", {{"symbols", symbols(20)}}), 2);
  EXPECT_EQ(costOf("binance", "tickers", {{"symbols", symbols(21)}}), 40);
  EXPECT_EQ(costOf("binance", "tickers", {{"symbols", symbols(100)}}), 40);
  EXPECT_EQ(costOf("binance", "tickers", {{"symbols", symbols(101)}}), 80);
}

TEST(ExtrasCost, KrakenHistoryCallsCountTwice) {
  EXPECT_EQ(costOf("kraken", "trades"), 2);
  EXPECT_EQ(costOf("kraken", "ledger"), 2);
  EXPECT_EQ(costOf("kraken", "balances"), 1);
  EXPECT_EQ(costOf("kraken", "deposits"), 1);
  EXPECT_EQ(costOf("kraken", "withdrawals"), 1);
  EXPECT_EQ(costOf("kraken", "serverTime"), 1);
  EXPECT_EQ(costOf("kraken", "tickers"), 1);
  EXPECT_EQ(costOf("kraken", "candles", {{"pair", "XBTUSD"}}), 1);
}

TEST(ExtrasCost, CoinbasePrivateOnePublicThree) {
  EXPECT_EQ(costOf("coinbase", "permissions"), 1);
  EXPECT_EQ(costOf("coinbase", "balances"), 1);
  EXPECT_EQ(costOf("coinbase", "trades"), 1);
  EXPECT_EQ(costOf("coinbase", "deposits", {{"account_id", "abc-1"}}), 1);
  EXPECT_EQ(costOf("coinbase", "withdrawals", {{"account_id", "abc-1"}}), 1);
  // Public calls have their own bucket of 10 a second (publicRateLimit).
  EXPECT_EQ(costOf("coinbase", "serverTime"), 1);
  EXPECT_EQ(costOf("coinbase", "tickers"), 1);
  EXPECT_EQ(costOf("coinbase", "candles", {{"product_id", "BTC-USD"}}), 1);
}

TEST(ExtrasCost, CostNeverExceedsTheBucket) {
  // A request costing more than the whole bucket could never be afforded.
  const json info = json::parse(kf::api::exchanges());
  for (const auto& e : info["exchanges"]) {
    const std::string id = e["id"];
    for (const auto& op : e["operations"]) {
      json params = json::object();
      if (id == "binance" && (op == "trades" || op == "candles")) params["symbol"] = "BTCUSDT";
      if (id == "kraken" && op == "candles") params["pair"] = "XBTUSD";
      if (id == "coinbase" && (op == "deposits" || op == "withdrawals")) params["account_id"] = "a";
      if (id == "coinbase" && op == "candles") params["product_id"] = "BTC-USD";
      const int64_t cost = costOf(id, op, params);
      EXPECT_GE(cost, 1) << id << " " << op;
      EXPECT_LE(cost, e["rateLimit"]["capacity"].get<int64_t>()) << id << " " << op;
    }
  }
}
