// Planning trade-history queries: Binance picks markets, the others ask once.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "exchanges/exchange.hpp"

using nlohmann::json;
using namespace kf::exchanges;

namespace {

json ticker(const std::string& base, const std::string& quote) {
  return {{"exchange", "binance"},
          {"symbol", base + "/" + quote},
          {"base", base},
          {"quote", quote},
          {"last", "1.5"}};
}

// A slice of Binance's markets.
json binanceTickers() {
  return json::array({ticker("BTC", "USDT"), ticker("ETH", "USDT"), ticker("ETH", "BTC"),
                      ticker("BNB", "USDT"), ticker("BNB", "BTC"), ticker("SOL", "USDT"),
                      ticker("SOL", "ETH"), ticker("DOGE", "USDT"), ticker("BTC", "EUR"),
                      ticker("LDO", "USDT")});
}

json call(const json& in) {
  return json::parse(kf::api::tradeQueries(in.dump()));
}

std::vector<std::string> symbolsOf(const json& out) {
  std::vector<std::string> symbols;
  for (const auto& q : out["queries"]) symbols.push_back(q["symbol"]);
  return symbols;
}

}  // namespace

TEST(ExtrasTradeQueries, BinanceChoosesMarketsWhoseTwoAssetsAreKnown) {
  const auto out = call({{"exchange", "binance"},
                         {"assets", {"BTC", "ETH", "USDT", "LDO"}},
                         {"symbols", json::array()},
                         {"tickers", binanceTickers()}});
  ASSERT_TRUE(out["ok"].get<bool>()) << out.dump();
  // Not BNB*, SOL*, DOGE* (BNB, SOL, DOGE never seen) nor BTCEUR (no EUR).
  EXPECT_EQ(symbolsOf(out), (std::vector<std::string>{"BTCUSDT", "ETHBTC", "ETHUSDT", "LDOUSDT"}));
  EXPECT_EQ(out["queries"][1], (json{{"symbol", "ETHBTC"}, {"base", "ETH"}, {"quote", "BTC"}}));
}

TEST(ExtrasTradeQueries, BinanceAddsKnownAndManualSymbolsOnceInOrder) {
  const auto out =
      call({{"exchange", "binance"},
            {"assets", {"BTC", "USDT", "BTC"}},
            // history's "BASE/QUOTE", Binance's own spelling, lower case, a repeat,
            // and a delisted market not among the tickers.
            {"symbols", {"SOL/USDT", "BNBBTC", "dogeusdt", "BTC/USDT", "SOL/USDT", "XYZ/USDT"}},
            {"tickers", binanceTickers()}});
  ASSERT_TRUE(out["ok"].get<bool>()) << out.dump();
  EXPECT_EQ(symbolsOf(out),
            (std::vector<std::string>{"BNBBTC", "BTCUSDT", "DOGEUSDT", "SOLUSDT", "XYZUSDT"}));
  EXPECT_EQ(out["queries"][0], (json{{"symbol", "BNBBTC"}, {"base", "BNB"}, {"quote", "BTC"}}));
  EXPECT_EQ(out["queries"][4], (json{{"symbol", "XYZUSDT"}, {"base", "XYZ"}, {"quote", "USDT"}}));
}

TEST(ExtrasTradeQueries, BinanceOrderDoesNotDependOnInputOrder) {
  json tickers = binanceTickers();
  json reversed = json::array();
  for (auto it = tickers.rbegin(); it != tickers.rend(); ++it) reversed.push_back(*it);
  const auto a = call({{"exchange", "binance"},
                       {"assets", {"BTC", "ETH", "USDT", "SOL"}},
                       {"symbols", {"BNB/USDT"}},
                       {"tickers", tickers}});
  const auto b = call({{"exchange", "binance"},
                       {"assets", {"SOL", "USDT", "ETH", "BTC"}},
                       {"symbols", {"BNBUSDT"}},
                       {"tickers", reversed}});
  ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
  EXPECT_EQ(a["queries"], b["queries"]);
  EXPECT_EQ(symbolsOf(a), (std::vector<std::string>{"BNBUSDT", "BTCUSDT", "ETHBTC", "ETHUSDT",
                                                    "SOLETH", "SOLUSDT"}));
}

TEST(ExtrasTradeQueries, BinanceWithNothingKnownAsksForNothing) {
  const auto out = call({{"exchange", "binance"}, {"tickers", binanceTickers()}});
  ASSERT_TRUE(out["ok"].get<bool>()) << out.dump();
  EXPECT_EQ(out["queries"], json::array());
  // One asset alone makes no market.
  const auto one =
      call({{"exchange", "binance"}, {"assets", {"BTC"}}, {"tickers", binanceTickers()}});
  EXPECT_EQ(one["queries"], json::array());
}

TEST(ExtrasTradeQueries, BinanceQueriesBuildTradeRequests) {
  const auto out =
      call({{"exchange", "binance"}, {"assets", {"ETH", "BTC"}}, {"tickers", binanceTickers()}});
  ASSERT_EQ(out["queries"].size(), 1u);
  const json req = json::parse(kf::api::buildRequest(json{
      {"exchange", "binance"},
      {"operation", "trades"},
      {"credentials", {{"apiKey", "k"}, {"secret", "s"}}},
      {"params", out["queries"][0]},
      {"nowMs", 1700000000000}}.dump()));
  ASSERT_TRUE(req["ok"].get<bool>()) << req.dump();
  EXPECT_NE(req["url"].get<std::string>().find("/api/v3/myTrades?symbol=ETHBTC&"),
            std::string::npos);
  EXPECT_EQ(req["cost"], 20);
}

TEST(ExtrasTradeQueries, KrakenAndCoinbaseAskOnceForEveryMarket) {
  for (const char* id : {"kraken", "coinbase"}) {
    const auto out = call({{"exchange", id},
                           {"assets", {"BTC", "USD"}},
                           {"symbols", {"BTC/USD"}},
                           {"tickers", {ticker("BTC", "USD")}}});
    ASSERT_TRUE(out["ok"].get<bool>()) << out.dump();
    EXPECT_EQ(out["queries"], json::array({json::object()})) << id;
    EXPECT_EQ(call({{"exchange", id}})["queries"], json::array({json::object()})) << id;
  }
}

TEST(ExtrasTradeQueries, DirectCallMatchesTheApi) {
  TradeQueryInput input;
  input.assets = {"ETH", "BTC"};
  input.tickers = {{"ETH/BTC", "ETH", "BTC"}, {"BTC/USDT", "BTC", "USDT"}};
  const auto queries = exchangeById("binance").tradeQueries(input);
  ASSERT_EQ(queries.size(), 1u);
  EXPECT_EQ(queries[0]["symbol"], "ETHBTC");
}

TEST(ExtrasTradeQueries, ErrorsNameTheField) {
  const auto kindAndMessage = [](const json& in) {
    const auto out = call(in);
    EXPECT_FALSE(out["ok"].get<bool>()) << out.dump();
    return out["error"]["kind"].get<std::string>() + ": " +
           out["error"]["message"].get<std::string>();
  };
  EXPECT_EQ(kindAndMessage({{"assets", json::array()}}), "invalid_input: missing field 'exchange'");
  EXPECT_EQ(kindAndMessage({{"exchange", "mtgox"}}), "unsupported: unknown exchange 'mtgox'");
  EXPECT_EQ(kindAndMessage({{"exchange", "binance"}, {"assets", "BTC"}}),
            "invalid_input: field 'assets' must be an array");
  EXPECT_EQ(kindAndMessage({{"exchange", "binance"}, {"assets", {"BTC", 7}}}),
            "invalid_input: assets[1] must be a non-empty string");
  EXPECT_EQ(kindAndMessage({{"exchange", "kraken"}, {"symbols", {""}}}),
            "invalid_input: symbols[0] must be a non-empty string");
  EXPECT_EQ(kindAndMessage({{"exchange", "binance"}, {"tickers", {"BTCUSDT"}}}),
            "invalid_input: tickers[0] must be an object");
  EXPECT_EQ(kindAndMessage({{"exchange", "binance"}, {"tickers", {{{"base", "BTC"}}}}}),
            "invalid_input: tickers[0].quote must be a non-empty string");
  const auto unsplittable = kindAndMessage({{"exchange", "binance"}, {"symbols", {"FOOBAR"}}});
  EXPECT_NE(unsplittable.find("invalid_input: symbols[0]: cannot tell the base and quote of "
                              "'FOOBAR'"),
            std::string::npos)
      << unsplittable;
  const auto bad = kindAndMessage({{"exchange", "binance"}, {"symbols", {"BTC/US$"}}});
  EXPECT_NE(bad.find("symbols[0]: 'BTC/US$' is not a Binance market"), std::string::npos) << bad;
  const auto emptyBase = kindAndMessage({{"exchange", "binance"}, {"symbols", {"/USDT"}}});
  EXPECT_NE(emptyBase.find("symbols[0]"), std::string::npos) << emptyBase;
  EXPECT_EQ(kindAndMessage(json::array()), "invalid_input: input must be a JSON object");
}

TEST(ExtrasTradeQueries, NotJsonIsInvalidInput) {
  const auto out = json::parse(kf::api::tradeQueries("{not json"));
  EXPECT_FALSE(out["ok"].get<bool>());
  EXPECT_EQ(out["error"]["kind"], "invalid_input");
}
