// portfolioValue through the JSON API, against answers worked by hand (and checked
// with Python's decimal module).
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "model/decimal.hpp"
#include "portfolio/valuation.hpp"

using nlohmann::json;

namespace {

json holding(const char* ex, const char* account, const char* asset, const char* total) {
  return {{"exchange", ex}, {"account", account}, {"asset", asset}, {"total", total}};
}

json ticker(const char* ex, const char* base, const char* quote, const char* last,
            const char* open = nullptr) {
  json t = {{"exchange", ex},
            {"symbol", std::string(base) + "/" + quote},
            {"base", base},
            {"quote", quote},
            {"last", last}};
  if (open) t["open24h"] = open;
  return t;
}

// Three exchanges, overlapping BTC and ETH, USDT with its own ticker, USDC at par,
// ARDR only through BTC, NOPRICE with no market, USD cash.
json sample(const char* currency) {
  return {{"currency", currency},
          {"holdings",
           {holding("binance", "spot", "BTC", "0.5"), holding("binance", "earn", "USDT", "1000"),
            holding("binance", "spot", "ARDR", "10000"),
            holding("binance", "spot", "NOPRICE", "42"), holding("coinbase", "spot", "BTC", "0.25"),
            holding("coinbase", "spot", "USDC", "500"), holding("coinbase", "spot", "ETH", "2"),
            holding("kraken", "staked", "ETH", "1"), holding("kraken", "spot", "USD", "100")}},
          {"tickers",
           {ticker("binance", "BTC", "USDT", "60000", "50000"),
            ticker("coinbase", "BTC", "USD", "60010", "59000"),
            ticker("kraken", "BTC", "USD", "60020", "58000"),
            ticker("kraken", "ETH", "USD", "3000", "3100"),
            ticker("binance", "ETH", "USDT", "3001", "3000"),
            ticker("binance", "ARDR", "BTC", "0.00000150", "0.00000100"),
            ticker("kraken", "USDT", "USD", "1.0010", "1.0000"),
            ticker("kraken", "EUR", "USD", "1.25", "1.20"),
            ticker("kraken", "USD", "JPY", "150", "160")}}};
}

json call(const json& in) {
  const json out = json::parse(kf::api::portfolioValue(in.dump()));
  EXPECT_TRUE(out.value("ok", false)) << out.dump();
  return out;
}

const json& assetOf(const json& out, const std::string& asset) {
  for (const auto& a : out["assets"])
    if (a["asset"] == asset) return a;
  ADD_FAILURE() << "no asset " << asset;
  static const json none;
  return none;
}

std::string errorOf(const json& in, std::string* kind = nullptr) {
  const json out = json::parse(kf::api::portfolioValue(in.dump()));
  EXPECT_FALSE(out["ok"].get<bool>()) << out.dump();
  if (kind) *kind = out["error"]["kind"];
  return out["error"]["message"];
}

TEST(ValuationApi, UsdKnownAnswer) {
  const json out = call(sample("USD"));
  EXPECT_EQ(out["currency"], "USD");
  EXPECT_EQ(out["decimals"], 2);
  EXPECT_EQ(out["total"], "56508.65");

  std::vector<std::string> order;
  for (const auto& a : out["assets"]) order.push_back(a["asset"]);
  EXPECT_EQ(order, (std::vector<std::string>{"BTC", "ETH", "USDT", "ARDR", "USDC", "USD"}));

  const json& btc = assetOf(out, "BTC");
  EXPECT_EQ(btc["amount"], "0.75");
  EXPECT_EQ(btc["price"], "60010");  // coinbase: held there, before kraken
  EXPECT_EQ(btc["value"], "45007.50");
  EXPECT_EQ(btc["share"], "79.65");
  EXPECT_EQ(btc["change24hPct"], "1.71");
  EXPECT_EQ(btc["path"], json({"BTC/USD@coinbase"}));
  EXPECT_EQ(
      btc["split"],
      json(
          {{{"exchange", "binance"}, {"account", "spot"}, {"amount", "0.5"}, {"value", "30005.00"}},
           {{"exchange", "coinbase"},
            {"account", "spot"},
            {"amount", "0.25"},
            {"value", "15002.50"}}}));

  const json& eth = assetOf(out, "ETH");
  EXPECT_EQ(eth["value"], "9000.00");
  EXPECT_EQ(eth["share"], "15.93");
  EXPECT_EQ(eth["change24hPct"], "-3.23");
  EXPECT_EQ(eth["split"][1]["account"], "staked");

  EXPECT_EQ(assetOf(out, "USDT")["value"], "1001.00");
  EXPECT_EQ(assetOf(out, "USDT")["path"], json({"USDT/USD@kraken"}));
  EXPECT_EQ(assetOf(out, "USDC")["value"], "500.00");
  EXPECT_EQ(assetOf(out, "USDC")["path"], json({"USDC=USD (par)"}));
  EXPECT_EQ(assetOf(out, "ARDR")["price"], "0.090015");
  EXPECT_EQ(assetOf(out, "ARDR")["value"], "900.15");
  EXPECT_EQ(assetOf(out, "ARDR")["change24hPct"], "52.57");
  EXPECT_EQ(assetOf(out, "ARDR")["path"], json({"ARDR/BTC@binance", "BTC/USD@coinbase"}));
  EXPECT_EQ(assetOf(out, "USD")["value"], "100.00");
  EXPECT_EQ(assetOf(out, "USD")["path"], json::array());

  EXPECT_EQ(out["exchanges"],
            json({{{"exchange", "binance"}, {"value", "31906.15"}, {"share", "56.46"}},
                  {{"exchange", "coinbase"}, {"value", "21502.50"}, {"share", "38.05"}},
                  {{"exchange", "kraken"}, {"value", "3100.00"}, {"share", "5.49"}}}));
  EXPECT_EQ(out["unpriced"],
            json({{{"asset", "NOPRICE"}, {"amount", "42"}, {"exchanges", {"binance"}}}}));

  EXPECT_EQ(out["total24hAgo"], "55740.00");
  EXPECT_EQ(out["change24h"], "768.65");
  EXPECT_EQ(out["change24hPct"], "1.38");

  const std::string notes = out["notes"].dump();
  EXPECT_NE(notes.find("USDC valued at par"), std::string::npos) << notes;
  EXPECT_NE(notes.find("NOPRICE"), std::string::npos) << notes;
  EXPECT_EQ(notes.find("USDT valued at par"), std::string::npos) << notes;
}

TEST(ValuationApi, SharesSumToAbout100) {
  const json out = call(sample("USD"));
  kf::Decimal sum;
  for (const auto& a : out["assets"]) sum += kf::Decimal::parse(a["share"].get<std::string>());
  EXPECT_LE((sum - kf::Decimal::fromInt(100)).abs(), kf::Decimal::parse("0.05")) << sum.toString();
  kf::Decimal exchanges;
  for (const auto& e : out["exchanges"])
    exchanges += kf::Decimal::parse(e["share"].get<std::string>());
  EXPECT_LE((exchanges - kf::Decimal::fromInt(100)).abs(), kf::Decimal::parse("0.05"));
}

TEST(ValuationApi, EurTarget) {
  const json out = call(sample("EUR"));
  EXPECT_EQ(out["total"], "45206.92");  // 56508.65 / 1.25
  EXPECT_EQ(assetOf(out, "BTC")["price"], "48008");
  EXPECT_EQ(assetOf(out, "BTC")["value"], "36006.00");
  EXPECT_EQ(assetOf(out, "BTC")["path"], json({"BTC/USD@coinbase", "EUR/USD@kraken"}));
  EXPECT_EQ(assetOf(out, "USD")["value"], "80.00");
  EXPECT_EQ(assetOf(out, "ARDR")["value"], "720.12");
  EXPECT_EQ(out["exchanges"][0]["value"], "25524.92");  // 31906.15 / 1.25
  // 24h in EUR also moves with EUR/USD: BTC 44250/1.2 ago vs 45007.5/1.25 now.
  EXPECT_EQ(assetOf(out, "BTC")["change24hPct"], "-2.36");
}

TEST(ValuationApi, JpyTargetThroughInverseTicker) {
  const json out = call(sample("JPY"));
  EXPECT_EQ(out["decimals"], 0);
  // 1/150 rounds up at 18 decimals, so 56508.65 x 150 = ...297.5 lands just below the tie.
  EXPECT_EQ(out["total"], "8476297");
  EXPECT_EQ(assetOf(out, "BTC")["price"], "9001499.999999999549925");
  EXPECT_EQ(assetOf(out, "BTC")["value"], "6751125");
  EXPECT_EQ(assetOf(out, "ARDR")["value"], "135022");
  EXPECT_EQ(assetOf(out, "BTC")["path"], json({"BTC/USD@coinbase", "USD/JPY@kraken"}));
}

TEST(ValuationApi, BtcTarget) {
  const json out = call(sample("BTC"));
  EXPECT_EQ(out["decimals"], 8);
  EXPECT_EQ(out["total"], "0.94165389");
  EXPECT_EQ(assetOf(out, "BTC")["price"], "1");
  EXPECT_EQ(assetOf(out, "BTC")["value"], "0.75000000");
  EXPECT_EQ(assetOf(out, "BTC")["path"], json::array());
  EXPECT_EQ(assetOf(out, "BTC")["change24hPct"], "0.00");
  EXPECT_EQ(assetOf(out, "ETH")["price"], "0.049991668055324113");
  EXPECT_EQ(assetOf(out, "ETH")["value"], "0.14997500");
  EXPECT_EQ(assetOf(out, "USD")["value"], "0.00166639");
}

TEST(ValuationApi, EveryCurrencyWithFiatTickers) {
  json in = sample("USD");
  for (const char* t : {"GBP/USD", "USD/CHF", "USD/CAD", "AUD/USD"}) {
    const std::string s = t;
    in["tickers"].push_back(ticker("kraken", s.substr(0, 3).c_str(), s.substr(4).c_str(), "1.3"));
  }
  in["tickers"].push_back(ticker("binance", "ETH", "BTC", "0.05"));
  for (const auto& c : kf::portfolio::supportedCurrencies()) {
    in["currency"] = c;
    const json out = call(in);
    EXPECT_TRUE(out["total"].is_string()) << c;
    EXPECT_EQ(out["unpriced"].size(), 1u) << c;  // only NOPRICE
  }
}

TEST(ValuationApi, CurrencyWithoutPriceValuesNothing) {
  const json out = call(sample("GBP"));
  EXPECT_TRUE(out["total"].is_null());
  EXPECT_TRUE(out["change24h"].is_null());
  EXPECT_TRUE(out["assets"].empty());
  EXPECT_EQ(out["unpriced"].size(), 7u);
  EXPECT_NE(out["notes"].dump().find("no price for GBP"), std::string::npos);
}

TEST(ValuationApi, TinyAmountsKeepTheirValue) {
  json in = {{"currency", "BTC"},
             {"holdings",
              {holding("binance", "spot", "BTC", "1"),
               holding("kraken", "spot", "BTC", "0.000000000000000001"),
               holding("kraken", "spot", "ETH", "0.000000000000000001")}},
             {"tickers",
              {ticker("kraken", "BTC", "USD", "60010"), ticker("kraken", "ETH", "BTC", "0.05")}}};
  json out = call(in);
  EXPECT_EQ(assetOf(out, "BTC")["amount"], "1.000000000000000001");
  EXPECT_EQ(assetOf(out, "ETH")["value"], "0.00000000");  // 5e-20 BTC, shown at 8 decimals
  EXPECT_TRUE(out["unpriced"].empty());
  // Internal values keep 18 decimals: 1e-18 BTC is 6.001e-14 USD, not zero.
  const auto v = kf::portfolio::valuePortfolio(
      "USD", {{"kraken", "spot", "BTC", kf::Decimal::parse("0.000000000000000001")}},
      {{"kraken", "BTC", "USD", kf::Decimal::parse("60010"), std::nullopt}});
  ASSERT_EQ(v.assets.size(), 1u);
  EXPECT_EQ(v.assets[0].value, kf::Decimal::parse("0.00000000000006001"));
  EXPECT_EQ(*v.total, kf::Decimal::parse("0.00000000000006001"));
  // A million such holdings add up exactly: values are never rounded before summing.
  std::vector<kf::portfolio::BalanceHolding> many(
      1000, {"kraken", "spot", "BTC", kf::Decimal::parse("0.000000000000000001")});
  const auto sum = kf::portfolio::valuePortfolio(
      "USD", many, {{"kraken", "BTC", "USD", kf::Decimal::parse("60010"), std::nullopt}});
  EXPECT_EQ(*sum.total, kf::Decimal::parse("0.00000000006001"));
}

TEST(ValuationApi, PartialAndMissing24h) {
  json in = sample("USD");
  in["tickers"][3].erase("open24h");  // ETH/USD@kraken
  json out = call(in);
  EXPECT_TRUE(assetOf(out, "ETH")["change24hPct"].is_null());
  // ETH counts as unchanged: change = 768.65 + 300.
  EXPECT_EQ(out["change24h"], "1068.65");
  EXPECT_EQ(out["total24hAgo"], "55440.00");
  EXPECT_NE(out["notes"].dump().find("no 24h price for ETH"), std::string::npos);

  // The target's own path has no open24h: no asset has a 24h change.
  json eur = sample("EUR");
  eur["tickers"][7].erase("open24h");  // EUR/USD
  out = call(eur);
  EXPECT_TRUE(out["change24h"].is_null());
  EXPECT_TRUE(out["change24hPct"].is_null());
  EXPECT_TRUE(out["total24hAgo"].is_null());
  EXPECT_TRUE(assetOf(out, "BTC")["change24hPct"].is_null());
}

TEST(ValuationApi, MergesDuplicatesSkipsZeroAndAcceptsNumbers) {
  const json out = json::parse(kf::api::portfolioValue(
      R"({"currency":"USD","holdings":[{"exchange":"kraken","account":"spot","asset":"BTC","total":"0.1"},
          {"exchange":"kraken","account":"spot","asset":"BTC","total":0.2},
          {"exchange":"coinbase","account":"spot","asset":"SOL","total":"0"}],
          "tickers":[{"exchange":"kraken","base":"BTC","quote":"USD","last":60000.1}]})"));
  ASSERT_TRUE(out["ok"].get<bool>()) << out.dump();
  // 0.3 x 60000.1 exactly: a JSON number is read from its text, never through a double.
  EXPECT_EQ(out["total"], "18000.03");
  ASSERT_EQ(out["assets"].size(), 1u);
  EXPECT_EQ(out["assets"][0]["split"].size(), 1u);
  EXPECT_EQ(out["assets"][0]["split"][0]["amount"], "0.3");
  EXPECT_TRUE(out["unpriced"].empty());  // zero SOL is skipped, not unpriced
}

TEST(ValuationApi, EmptyPortfolio) {
  const json out =
      call({{"currency", "USD"}, {"holdings", json::array()}, {"tickers", json::array()}});
  EXPECT_EQ(out["total"], "0.00");
  EXPECT_EQ(out["change24h"], nullptr);
  EXPECT_TRUE(out["assets"].empty());
}

TEST(ValuationApi, BadInputNamesTheField) {
  std::string kind;
  EXPECT_NE(
      errorOf({{"holdings", json::array()}, {"tickers", json::array()}}, &kind).find("currency"),
      std::string::npos);
  EXPECT_EQ(kind, "invalid_input");
  json in = sample("XYZ");
  EXPECT_NE(errorOf(in, &kind).find("currency"), std::string::npos);
  EXPECT_EQ(kind, "invalid_input");

  in = sample("USD");
  in["holdings"][1]["total"] = "1,000";
  EXPECT_NE(errorOf(in, &kind).find("holdings[1].total"), std::string::npos);
  EXPECT_EQ(kind, "invalid_input");

  in = sample("USD");
  in["holdings"][2]["total"] = "-5";
  EXPECT_NE(errorOf(in).find("holdings[2].total"), std::string::npos);

  in = sample("USD");
  in["holdings"][0].erase("asset");
  EXPECT_NE(errorOf(in).find("holdings[0].asset"), std::string::npos);

  in = sample("USD");
  in["holdings"][0] = "BTC";
  EXPECT_NE(errorOf(in).find("holdings[0]"), std::string::npos);

  in = sample("USD");
  in["tickers"][4]["last"] = true;
  EXPECT_NE(errorOf(in).find("tickers[4].last"), std::string::npos);

  in = sample("USD");
  in["tickers"][2]["open24h"] = "abc";
  EXPECT_NE(errorOf(in).find("tickers[2].open24h"), std::string::npos);

  in = sample("USD");
  in["tickers"] = json::object();
  EXPECT_NE(errorOf(in).find("tickers"), std::string::npos);

  in = sample("USD");
  in["holdings"][0]["total"] = "1" + std::string(40, '0');
  errorOf(in, &kind);
  EXPECT_EQ(kind, "overflow");

  const json out = json::parse(kf::api::portfolioValue("{not json"));
  EXPECT_FALSE(out["ok"].get<bool>());
  EXPECT_EQ(out["error"]["kind"], "invalid_input");
  EXPECT_EQ(json::parse(kf::api::portfolioValue("[]"))["error"]["kind"], "invalid_input");
}

}  // namespace
