// parseResponse through the JSON API: envelope in, envelope out; plus a speed sanity
// check on large generated answers (times printed, generous bounds).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "api/api.hpp"
#include "exchanges/binance/binance.hpp"
#include "exchanges/kraken/kraken.hpp"
#include "responses_fixture.hpp"

using namespace kf;
using namespace kf::exchanges;
using namespace kf::testing;
using nlohmann::json;

namespace {

json call(const json& in) {
  return json::parse(api::parseResponse(in.dump()));
}

double msSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace

TEST(ResponsesApi, SuccessCarriesDataAndNext) {
  const auto out = call({{"exchange", "kraken"},
                         {"operation", "trades"},
                         {"status", 200},
                         {"headers", {{"Content-Type", "application/json"}}},
                         {"body", fixture("kraken/trades_history.json")},
                         {"params", {{"ofs", 0}}}});
  ASSERT_TRUE(out["ok"].get<bool>()) << out.dump();
  EXPECT_EQ(out["data"]["trades"].size(), 3u);
  EXPECT_EQ(out["next"], (json{{"ofs", 3}}));
  const auto last = call({{"exchange", "binance"},
                          {"operation", "serverTime"},
                          {"status", 200},
                          {"body", fixture("binance/server_time.json")}});
  EXPECT_EQ(last["data"]["serverTimeMs"], 1499827319559);
  EXPECT_FALSE(last.contains("next"));
}

TEST(ResponsesApi, ErrorsCarryKindAndRetryAfter) {
  auto out = call({{"exchange", "binance"},
                   {"operation", "balances"},
                   {"status", 429},
                   {"headers", {{"Retry-After", "12"}}},
                   {"body", fixture("binance/error_rate_limit.json")}});
  EXPECT_FALSE(out["ok"].get<bool>());
  EXPECT_EQ(out["error"]["kind"], "rate_limit");
  EXPECT_EQ(out["error"]["retryAfterMs"], 12000);
  out = call({{"exchange", "kraken"},
              {"operation", "balances"},
              {"status", 200},
              {"body", fixture("kraken/error_invalid_nonce.json")}});
  EXPECT_EQ(out["error"]["kind"], "nonce");
  EXPECT_FALSE(out["error"].contains("retryAfterMs"));
  out = call({{"exchange", "coinbase"},
              {"operation", "balances"},
              {"status", 401},
              {"body", fixture("coinbase/unauthorized.txt")}});
  EXPECT_EQ(out["error"]["kind"], "auth");
  out = call({{"exchange", "coinbase"},
              {"operation", "balances"},
              {"status", 502},
              {"body", fixture("coinbase/html_502.txt")}});
  EXPECT_EQ(out["error"]["kind"], "unavailable");
  out = call({{"exchange", "binance"},
              {"operation", "balances"},
              {"status", 200},
              {"body", fixture("binance/account_truncated.json")}});
  EXPECT_EQ(out["error"]["kind"], "malformed");
}

TEST(ResponsesApi, BadInputIsInvalidInput) {
  EXPECT_EQ(call({{"exchange", "nope"},
                  {"operation", "balances"},
                  {"status", 200},
                  {"body", "{}"}})["error"]["kind"],
            "unsupported");
  EXPECT_EQ(call({{"exchange", "kraken"},
                  {"operation", "fly"},
                  {"status", 200},
                  {"body", "{}"}})["error"]["kind"],
            "unsupported");
  EXPECT_EQ(
      call({{"exchange", "kraken"}, {"operation", "balances"}, {"status", 200}})["error"]["kind"],
      "invalid_input");
  EXPECT_EQ(call({{"exchange", "kraken"},
                  {"operation", "balances"},
                  {"status", 99},
                  {"body", ""}})["error"]["kind"],
            "invalid_input");
  EXPECT_EQ(call({{"exchange", "kraken"},
                  {"operation", "balances"},
                  {"status", 200},
                  {"body", "{}"},
                  {"params", "x"}})["error"]["kind"],
            "invalid_input");
  EXPECT_EQ(json::parse(api::parseResponse("{not json"))["error"]["kind"], "invalid_input");
}

TEST(ResponsesSpeed, LargeBinanceAccountAndTradeHistory) {
  // 2,000 assets, half of them zero, some LD (earn) positions.
  std::string account = R"({"accountType":"SPOT","balances":[)";
  for (int i = 0; i < 2000; ++i) {
    if (i) account += ',';
    const std::string asset = (i % 10 == 0 ? "LDA" : "A") + std::to_string(i);
    account += R"({"asset":")" + asset + R"(","free":")" +
               (i % 2 ? "0.00000000" : std::to_string(i) + ".12345678") +
               R"(","locked":"0.00000001"})";
  }
  account += "]}";
  const Binance binance;
  auto start = std::chrono::steady_clock::now();
  const auto balances = parse(binance, Operation::Balances, {200, account, {}});
  const double balancesMs = msSince(start);
  EXPECT_EQ(balances.data["balances"].size(), 2000u);

  // 50,000 trades in one answer (far beyond one real page, to measure throughput).
  std::string trades = "[";
  for (int i = 0; i < 50000; ++i) {
    if (i) trades += ',';
    trades += R"({"symbol":"BTCUSDT","id":)" + std::to_string(i) +
              R"(,"orderId":1,"orderListId":-1,"price":"67431.01000000","qty":"0.00150000",)"
              R"("quoteQty":"101.146515","commission":"0.00000150","commissionAsset":"BTC",)"
              R"("time":)" +
              std::to_string(1700000000000LL + i) + R"(,"isBuyer":)" + (i % 2 ? "true" : "false") +
              R"(,"isMaker":false,"isBestMatch":true})";
  }
  trades += "]";
  start = std::chrono::steady_clock::now();
  const auto history =
      parse(binance, Operation::Trades, {200, trades, {}}, {{"symbol", "BTCUSDT"}});
  const double tradesMs = msSince(start);
  ASSERT_EQ(history.data["trades"].size(), 50000u);
  EXPECT_EQ(history.data["trades"][49999]["id"], "49999");

  // The same through the JSON API (envelope parse + output serialization included).
  start = std::chrono::steady_clock::now();
  const std::string out = api::parseResponse(json{
      {"exchange", "binance"},
      {"operation", "trades"},
      {"status", 200},
      {"body", trades},
      {"params", {{"symbol", "BTCUSDT"}}}}.dump());
  const double apiMs = msSince(start);
  EXPECT_NE(out.find("\"ok\":true"), std::string::npos);

  // 50,000 Kraken trades keyed by txid (sorted by time on the way out).
  std::string kr = R"({"error":[],"result":{"count":50000,"trades":{)";
  for (int i = 0; i < 50000; ++i) {
    if (i) kr += ',';
    kr +=
        "\"T" + std::to_string(100000 + i) + R"(":{"pair":"XXBTZUSD","time":)" +
        std::to_string(1688667796 - i) +
        R"(.8802,"type":"buy","price":"30010.00000","cost":"600.20000","fee":"0.96032","vol":"0.02000000"})";
  }
  kr += "}}}";
  const Kraken kraken;
  start = std::chrono::steady_clock::now();
  const auto krTrades = parse(kraken, Operation::Trades, {200, kr, {}});
  const double krakenMs = msSince(start);
  ASSERT_EQ(krTrades.data["trades"].size(), 50000u);
  EXPECT_LT(krTrades.data["trades"][0]["time"].get<int64_t>(),
            krTrades.data["trades"][1]["time"].get<int64_t>());

  std::printf("[ speed    ] binance 2,000-asset account (%zu KB): %.1f ms\n", account.size() / 1024,
              balancesMs);
  std::printf("[ speed    ] binance 50,000 trades (%zu KB): %.1f ms direct, %.1f ms via API\n",
              trades.size() / 1024, tradesMs, apiMs);
  std::printf("[ speed    ] kraken 50,000 trades (%zu KB): %.1f ms\n", kr.size() / 1024, krakenMs);
  // Sanity bounds only (shared 2-core machine, sanitizer builds): catches accidental quadratic
  // work.
  EXPECT_LT(balancesMs, 2000.0);
  EXPECT_LT(tradesMs, 20000.0);
  EXPECT_LT(krakenMs, 20000.0);
}
