#include "portfolio/price_graph.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

using kf::Decimal;
using kf::portfolio::PriceGraph;
using kf::portfolio::Ticker;

namespace {

Decimal D(std::string_view s) {
  return Decimal::parse(s);
}

Ticker T(const char* ex, const char* base, const char* quote, const char* last,
         const char* open = nullptr) {
  Ticker t{ex, base, quote, D(last), std::nullopt};
  if (open) t.open24h = D(open);
  return t;
}

using Held = std::map<std::string, std::set<std::string>>;
using Path = std::vector<std::string>;

TEST(PriceGraph, UsdIsOne) {
  const PriceGraph g({}, {});
  const auto q = g.usd("USD");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->price, D("1"));
  EXPECT_TRUE(q->path.empty());
  EXPECT_FALSE(g.usd("BTC"));
}

TEST(PriceGraph, DirectUsdBeatsStablecoinAndBtc) {
  const PriceGraph g({T("binance", "SOL", "USDT", "150"), T("binance", "SOL", "BTC", "0.0025"),
                      T("kraken", "BTC", "USD", "60000"), T("coinbase", "SOL", "USD", "151")},
                     {});
  EXPECT_EQ(g.usd("SOL")->path, Path{"SOL/USD@coinbase"});
}

TEST(PriceGraph, StablecoinOwnTickerOrPar) {
  const PriceGraph g({T("kraken", "USDT", "USD", "1.0010"), T("binance", "USDC", "USDT", "1.0001")},
                     {});
  const auto usdt = g.usd("USDT");
  EXPECT_EQ(usdt->price, D("1.001"));
  EXPECT_TRUE(usdt->parStables.empty());
  // A stablecoin without its own USD ticker is at par, not through another stablecoin.
  const auto usdc = g.usd("USDC");
  EXPECT_EQ(usdc->price, D("1"));
  EXPECT_EQ(usdc->path, Path{"USDC=USD (par)"});
  EXPECT_EQ(usdc->parStables, Path{"USDC"});
}

TEST(PriceGraph, ThroughStablecoinsInListOrder) {
  const PriceGraph g({T("coinbase", "BNB", "USDC", "580"), T("binance", "BNB", "USDT", "590"),
                      T("kraken", "USDT", "USD", "1.0010")},
                     {});
  const auto q = g.usd("BNB");
  EXPECT_EQ(q->price, D("590.59"));  // 590 x 1.001, USDT before USDC
  EXPECT_EQ(q->path, (Path{"BNB/USDT@binance", "USDT/USD@kraken"}));
}

TEST(PriceGraph, ThroughBtcThenEthThenFiat) {
  const PriceGraph g(
      {T("binance", "ARDR", "BTC", "0.0000015", "0.000001"), T("binance", "ARDR", "ETH", "0.00003"),
       T("binance", "BTC", "USDT", "60000", "59000"), T("kraken", "X", "EUR", "2"),
       T("kraken", "EUR", "USD", "1.25")},
      {});
  const auto ardr = g.usd("ARDR");
  EXPECT_EQ(ardr->price, D("0.09"));
  EXPECT_EQ(ardr->price24h, D("0.059"));
  EXPECT_EQ(ardr->path, (Path{"ARDR/BTC@binance", "BTC/USDT@binance", "USDT=USD (par)"}));
  EXPECT_EQ(ardr->parStables, Path{"USDT"});
  EXPECT_EQ(g.usd("X")->price, D("2.5"));
}

TEST(PriceGraph, InversePairsAt18Decimals) {
  const PriceGraph g({T("kraken", "USD", "JPY", "150", "160"), T("x", "USD", "THIRD", "3")}, {});
  const auto jpy = g.usd("JPY");
  EXPECT_EQ(jpy->price.toString(), "0.006666666666666667");
  EXPECT_EQ(jpy->price24h->toString(), "0.006250000000000000");
  EXPECT_EQ(jpy->path, Path{"USD/JPY@kraken"});
  EXPECT_EQ(g.usd("THIRD")->price.toString(), "0.333333333333333333");
}

TEST(PriceGraph, TieBreakHeldThenExchangeOrderThenDirection) {
  const std::vector<Ticker> tickers = {T("kraken", "ETH", "USD", "3000"),
                                       T("coinbase", "ETH", "USD", "3001"),
                                       T("binance", "USD", "ETH", "0.0004")};
  // Not held anywhere: binance first, even though its ticker is the inverse.
  EXPECT_EQ(PriceGraph(tickers, {}).usd("ETH")->path, Path{"USD/ETH@binance"});
  EXPECT_EQ(PriceGraph(tickers, {}).usd("ETH")->price, D("2500"));
  // Held on kraken: kraken's ticker.
  EXPECT_EQ(PriceGraph(tickers, Held{{"ETH", {"kraken"}}}).usd("ETH")->path,
            Path{"ETH/USD@kraken"});
  // Held on kraken and coinbase: exchange order decides.
  EXPECT_EQ(PriceGraph(tickers, Held{{"ETH", {"kraken", "coinbase"}}}).usd("ETH")->path,
            Path{"ETH/USD@coinbase"});
  // Same exchange, both directions: the ticker's own direction.
  const PriceGraph both({T("kraken", "USD", "ETH", "0.0004"), T("kraken", "ETH", "USD", "3000")},
                        {});
  EXPECT_EQ(both.usd("ETH")->path, Path{"ETH/USD@kraken"});
}

TEST(PriceGraph, IgnoresZeroPricesAndSelfPairs) {
  const PriceGraph g({T("binance", "DEAD", "USDT", "0"), T("binance", "BTC", "BTC", "1"),
                      T("binance", "BTC", "USD", "60000", "0")},
                     {});
  EXPECT_FALSE(g.usd("DEAD"));
  EXPECT_EQ(g.usd("BTC")->price, D("60000"));
  EXPECT_FALSE(g.usd("BTC")->price24h);  // open24h 0 is no data
}

TEST(PriceGraph, NoCyclesAndMissing24hPropagates) {
  // A <-> B only: neither reaches USD, and the search terminates.
  const PriceGraph g({T("x", "BTC", "ETH", "20"), T("y", "ETH", "EUR", "3000", "2900"),
                      T("y", "EUR", "USD", "1.25")},
                     {});
  EXPECT_FALSE(PriceGraph({T("x", "BTC", "ETH", "20")}, {}).usd("BTC"));
  const auto btc = g.usd("BTC");
  ASSERT_TRUE(btc);
  EXPECT_EQ(btc->price, D("75000"));  // 20 x 3000 x 1.25
  EXPECT_EQ(btc->path, (Path{"BTC/ETH@x", "ETH/EUR@y", "EUR/USD@y"}));
  EXPECT_FALSE(btc->price24h);  // BTC/ETH has no open24h
}

TEST(PriceGraph, AtMostFourTickersPerPath) {
  const std::vector<Ticker> chain = {T("x", "A", "BTC", "2"), T("x", "BTC", "ETH", "20"),
                                     T("x", "ETH", "EUR", "3000"), T("x", "EUR", "USD", "1.25")};
  EXPECT_EQ(PriceGraph(chain, {}).usd("A")->price, D("150000"));
  auto longer = chain;
  longer.back() = T("x", "EUR", "GBP", "0.8");
  longer.push_back(T("x", "GBP", "USD", "1.5625"));
  EXPECT_EQ(PriceGraph(longer, {}).usd("BTC")->price, D("75000"));  // 4 tickers
  EXPECT_FALSE(PriceGraph(longer, {}).usd("A"));                    // would need 5
}

TEST(PriceGraph, ManyDeadEndBridgesStayFast) {
  // Every bridge quotes every other and nothing reaches USD: the bounded search ends.
  const std::vector<std::string> bridges = {"BTC", "ETH", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD"};
  std::vector<Ticker> tickers;
  for (const auto& a : bridges)
    for (const auto& b : bridges)
      if (a < b) tickers.push_back({"x", a, b, D("2"), std::nullopt});
  for (int i = 0; i < 200; ++i)
    for (const auto& b : bridges)
      tickers.push_back({"x", "T" + std::to_string(i), b, D("3"), std::nullopt});
  const PriceGraph g(tickers, {});
  for (int i = 0; i < 200; ++i) EXPECT_FALSE(g.usd("T" + std::to_string(i)));
}

}  // namespace
