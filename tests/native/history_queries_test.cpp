// Planning a complete history sync: Binance transfers in windows under 90 days,
// Coinbase transfers per account, Kraken and the rest in one query; trades as
// tradeQueries plans them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "exchanges/exchange.hpp"
#include "responses_fixture.hpp"

using nlohmann::json;
using namespace kf::exchanges;

namespace {

constexpr int64_t kDayMs = 86400000;
constexpr int64_t kLaunchMs = 1499990400000;   // 2017-07-14T00:00:00Z, Binance's launch
constexpr int64_t kNow = 1735689600123;        // 2025-01-01T00:00:00.123Z
constexpr int64_t kSince2024 = 1704067200000;  // 2024-01-01T00:00:00Z

json call(json in) {
  if (!in.contains("nowMs")) in["nowMs"] = kNow;
  return json::parse(kf::api::historyQueries(in.dump()));
}

json queriesOf(const json& in) {
  const json out = call(in);
  EXPECT_TRUE(out["ok"].get<bool>()) << out.dump();
  return out["queries"];
}

std::string errorOf(const json& in) {
  const json out = call(in);
  EXPECT_FALSE(out["ok"].get<bool>()) << out.dump();
  if (out["ok"].get<bool>()) return "";
  return out["error"]["kind"].get<std::string>() + ": " +
         out["error"]["message"].get<std::string>();
}

// The properties every Binance window plan must have, whatever its size.
void expectWindowsCover(const json& windows, int64_t nowMs, int64_t sinceMs) {
  ASSERT_FALSE(windows.empty());
  EXPECT_EQ(windows.front()["endMs"].get<int64_t>(), nowMs);
  for (size_t i = 0; i < windows.size(); ++i) {
    const auto& w = windows[i];
    ASSERT_EQ(w.size(), 2u) << w.dump();
    const int64_t start = w["startMs"].get<int64_t>(), end = w["endMs"].get<int64_t>();
    EXPECT_LE(start, end) << i;
    EXPECT_LT(end - start, 90 * kDayMs) << i;  // Binance: a window under 90 days
    if (i + 1 < windows.size())  // newest first, each ending just before the next begins
      EXPECT_EQ(windows[i + 1]["endMs"].get<int64_t>() + 1, start) << i;
  }
  const int64_t oldest = windows.back()["startMs"].get<int64_t>();
  EXPECT_LE(oldest, sinceMs);
  EXPECT_GT(oldest + 89 * kDayMs, sinceMs);  // not a window further back than needed
}

}  // namespace

TEST(HistoryQueries, BinanceTransfersInWindowsBackToLaunch) {
  for (const char* op : {"deposits", "withdrawals"}) {
    const json windows = queriesOf({{"exchange", "binance"}, {"operation", op}});
    // 2017-07-14 to 2025-01-01 is 2728 days: 30 whole windows of 89 days and a part.
    ASSERT_EQ(windows.size(), 31u) << op;
    expectWindowsCover(windows, kNow, kLaunchMs);
    EXPECT_EQ(windows.back(),
              (json{{"startMs", kLaunchMs}, {"endMs", kLaunchMs + 89 * kDayMs - 1}}));
    EXPECT_EQ(windows.front()["startMs"].get<int64_t>(), kLaunchMs + 30 * 89 * kDayMs);
  }
}

TEST(HistoryQueries, BinanceSinceLimitsTheWindows) {
  const json windows =
      queriesOf({{"exchange", "binance"}, {"operation", "deposits"}, {"sinceMs", kSince2024}});
  ASSERT_EQ(windows.size(), 5u);  // 2024-01-01 is 2362 days in: windows 26 to 30
  expectWindowsCover(windows, kNow, kSince2024);
  // Before the launch there is nothing: the plan starts at the launch.
  const json early =
      queriesOf({{"exchange", "binance"}, {"operation", "deposits"}, {"sinceMs", 0}});
  EXPECT_EQ(early.size(), 31u);
  EXPECT_EQ(early.back()["startMs"].get<int64_t>(), kLaunchMs);
  // sinceMs == nowMs: the one window holding now.
  const json one =
      queriesOf({{"exchange", "binance"}, {"operation", "deposits"}, {"sinceMs", kNow}});
  ASSERT_EQ(one.size(), 1u);
  expectWindowsCover(one, kNow, kNow);
}

TEST(HistoryQueries, BinanceWindowsStayPutAsTheClockMoves) {
  // A later sync keeps every older window's params (the extension resumes by them).
  const json before = queriesOf({{"exchange", "binance"}, {"operation", "withdrawals"}});
  const json after = queriesOf(
      {{"exchange", "binance"}, {"operation", "withdrawals"}, {"nowMs", kNow + 3 * kDayMs}});
  ASSERT_EQ(before.size(), after.size());
  EXPECT_EQ(after.front()["endMs"].get<int64_t>(), kNow + 3 * kDayMs);
  for (size_t i = 1; i < before.size(); ++i) EXPECT_EQ(before[i], after[i]) << i;
  // At a grid boundary the newest window is a single millisecond, still valid.
  const int64_t boundary = kLaunchMs + 31 * 89 * kDayMs;
  const json edge =
      queriesOf({{"exchange", "binance"}, {"operation", "deposits"}, {"nowMs", boundary}});
  ASSERT_EQ(edge.size(), 32u);
  EXPECT_EQ(edge.front(), (json{{"startMs", boundary}, {"endMs", boundary}}));
  expectWindowsCover(edge, boundary, kLaunchMs);
}

TEST(HistoryQueries, BinanceWindowsBuildRequests) {
  const json windows =
      queriesOf({{"exchange", "binance"}, {"operation", "withdrawals"}, {"sinceMs", kSince2024}});
  for (const auto& w : windows) {
    const json req = json::parse(kf::api::buildRequest(json{
        {"exchange", "binance"},
        {"operation", "withdrawals"},
        {"credentials", {{"apiKey", "k"}, {"secret", "s"}}},
        {"params", w},
        {"nowMs", kNow}}.dump()));
    ASSERT_TRUE(req["ok"].get<bool>()) << req.dump();
    const auto url = req["url"].get<std::string>();
    EXPECT_NE(url.find("startTime=" + std::to_string(w["startMs"].get<int64_t>()) +
                       "&endTime=" + std::to_string(w["endMs"].get<int64_t>())),
              std::string::npos)
        << url;
    EXPECT_EQ(req["cost"], 600);
  }
}

TEST(HistoryQueries, BinanceTradesAreTradeQueries) {
  const json in = {{"exchange", "binance"},
                   {"assets", {"BTC", "ETH", "USDT"}},
                   {"symbols", {"SOL/USDT"}},
                   {"tickers",
                    {{{"base", "BTC"}, {"quote", "USDT"}},
                     {{"base", "ETH"}, {"quote", "BTC"}},
                     {{"base", "BNB"}, {"quote", "BTC"}}}}};
  json history = in;
  history["operation"] = "trades";
  const json trades = json::parse(kf::api::tradeQueries(in.dump()));
  ASSERT_TRUE(trades["ok"].get<bool>()) << trades.dump();
  EXPECT_EQ(queriesOf(history), trades["queries"]);
  EXPECT_EQ(queriesOf(history).size(), 3u);  // BTCUSDT, ETHBTC, SOLUSDT
}

TEST(HistoryQueries, CoinbaseTransfersOnePerAccountOnce) {
  const std::string a = "8bfc20d7-f7c6-4422-bf07-8243ca4169fe";
  const std::string b = "2a2b3c4d-0000-4422-bf07-8243ca4169fe";
  for (const char* op : {"deposits", "withdrawals"}) {
    const json queries =
        queriesOf({{"exchange", "coinbase"}, {"operation", op}, {"accounts", {a, b, a, b}}});
    EXPECT_EQ(queries, (json{{{"account_id", b}}, {{"account_id", a}}})) << op;
  }
  // No account known yet: nothing to ask.
  EXPECT_EQ(queriesOf({{"exchange", "coinbase"}, {"operation", "deposits"}}), json::array());
  EXPECT_EQ(queriesOf({{"exchange", "coinbase"}, {"operation", "trades"}, {"accounts", {a}}}),
            json::array({json::object()}));
}

TEST(HistoryQueries, CoinbaseBalancesCarryTheAccountIdsToQuery) {
  const auto& coinbase = exchangeById("coinbase");
  const auto r = kf::testing::parse(coinbase, Operation::Balances,
                                    {200, kf::testing::fixture("coinbase/accounts.json")});
  json accounts = json::array();
  for (const auto& balance : r.data["balances"]) accounts.push_back(balance.at("accountId"));
  ASSERT_EQ(accounts.size(), 5u);
  EXPECT_EQ(accounts[0], "8bfc20d7-f7c6-4422-bf07-8243ca4169fe");
  // An account emptied since (SOL, dropped from balances) still comes from the stored list.
  accounts.push_back("4a2b3c4d-0000-4422-bf07-8243ca4169fe");
  const json queries =
      queriesOf({{"exchange", "coinbase"}, {"operation", "withdrawals"}, {"accounts", accounts}});
  ASSERT_EQ(queries.size(), 6u);
  for (const auto& q : queries) {
    const json req = json::parse(kf::api::buildRequest(
        json{{"exchange", "coinbase"}, {"operation", "withdrawals"}, {"params", q}, {"nowMs", kNow}}
            .dump()));
    // No credentials here: the request is refused for the key, after the params passed.
    EXPECT_EQ(req["error"]["kind"], "bad_credentials") << req.dump();
  }
}

TEST(HistoryQueries, KrakenAsksOncePerOperation) {
  for (const char* op : {"trades", "ledger", "deposits", "withdrawals"})
    EXPECT_EQ(queriesOf({{"exchange", "kraken"}, {"operation", op}, {"accounts", {"x"}}}),
              json::array({json::object()}))
        << op;
}

TEST(HistoryQueries, DirectCallMatchesTheApi) {
  HistoryQueryInput input;
  input.nowMs = kNow;
  input.sinceMs = kSince2024;
  const auto windows = exchangeById("binance").historyQueries(Operation::Deposits, input);
  EXPECT_EQ(
      json(windows),
      queriesOf({{"exchange", "binance"}, {"operation", "deposits"}, {"sinceMs", kSince2024}}));
}

TEST(HistoryQueries, ErrorsNameTheField) {
  EXPECT_EQ(errorOf({{"exchange", "binance"}, {"operation", "ledger"}}),
            "unsupported: Binance has no ledger history");
  EXPECT_EQ(errorOf({{"exchange", "coinbase"}, {"operation", "ledger"}}),
            "unsupported: Coinbase has no ledger history");
  EXPECT_EQ(errorOf({{"exchange", "mtgox"}, {"operation", "trades"}}),
            "unsupported: unknown exchange 'mtgox'");
  EXPECT_EQ(errorOf({{"exchange", "kraken"}, {"operation", "swaps"}}),
            "unsupported: unknown operation 'swaps'");
  EXPECT_EQ(errorOf({{"exchange", "kraken"}}), "invalid_input: missing field 'operation'");
  EXPECT_EQ(errorOf({{"exchange", "kraken"}, {"operation", "balances"}}),
            "invalid_input: field 'operation': 'balances' is no history; use trades, deposits, "
            "withdrawals or ledger");
  const json noNow = json::parse(
      kf::api::historyQueries(json{{"exchange", "kraken"}, {"operation", "trades"}}.dump()));
  EXPECT_EQ(noNow["error"]["message"], "missing field 'nowMs'");
  EXPECT_EQ(errorOf({{"exchange", "kraken"}, {"operation", "trades"}, {"nowMs", 1.5}}),
            "invalid_input: field 'nowMs' must be an integer");
  EXPECT_EQ(errorOf({{"exchange", "kraken"}, {"operation", "trades"}, {"nowMs", 0}}),
            "invalid_input: field 'nowMs' must be a positive time in ms");
  EXPECT_EQ(errorOf({{"exchange", "kraken"}, {"operation", "trades"}, {"sinceMs", -1}}),
            "invalid_input: field 'sinceMs' must not be negative");
  EXPECT_EQ(errorOf({{"exchange", "binance"}, {"operation", "deposits"}, {"sinceMs", kNow + 1}}),
            "invalid_input: field 'sinceMs' must not be after nowMs");
  EXPECT_EQ(errorOf({{"exchange", "binance"}, {"operation", "deposits"}, {"nowMs", kLaunchMs - 1}}),
            "invalid_input: field 'nowMs' must lie between Binance's launch (2017-07-14) and the "
            "year 9999, got 1499990399999");
  EXPECT_NE(errorOf({{"exchange", "binance"}, {"operation", "deposits"}, {"nowMs", INT64_MAX}})
                .find("invalid_input: field 'nowMs' must lie between"),
            std::string::npos);
  EXPECT_EQ(
      errorOf({{"exchange", "coinbase"}, {"operation", "deposits"}, {"accounts", {"a/../b"}}}),
      "invalid_input: accounts[0] must be a Coinbase account id (letters, digits, '-' or '_')");
  EXPECT_EQ(errorOf({{"exchange", "coinbase"}, {"operation", "deposits"}, {"accounts", {"a", 3}}}),
            "invalid_input: accounts[1] must be a non-empty string");
  EXPECT_EQ(errorOf({{"exchange", "coinbase"}, {"operation", "deposits"}, {"accounts", "a"}}),
            "invalid_input: field 'accounts' must be an array");
  EXPECT_EQ(errorOf({{"exchange", "binance"}, {"operation", "trades"}, {"symbols", {"FOO$"}}})
                .rfind("invalid_input: symbols[0]", 0),
            0u);
  const json notJson = json::parse(kf::api::historyQueries("{not json"));
  EXPECT_EQ(notJson["error"]["kind"], "invalid_input");
}
