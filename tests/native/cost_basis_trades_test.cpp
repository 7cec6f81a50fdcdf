// Known-answer tests of trade semantics through the costBasis API: fees in the quote,
// the base and a third asset, crypto-to-crypto valued through prices, missing
// acquisitions, unpriced events, the holding-period boundary and same-ms ordering.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "api/api.hpp"

using nlohmann::json;

namespace {

constexpr long long kT0 = 1704067200000;  // 2024-01-01T00:00:00Z
constexpr long long kHour = 3600000;
constexpr long long kDay = 86400000;

json trade(const std::string& id, long long time, const std::string& side, const std::string& base,
           const std::string& quote, const std::string& amount, const std::string& cost,
           const std::string& fee = "0", const std::string& feeAsset = "",
           const std::string& exchange = "kraken") {
  json t = {{"exchange", exchange}, {"id", id},       {"time", time},
            {"base", base},         {"quote", quote}, {"side", side},
            {"amount", amount},     {"cost", cost},   {"fee", fee}};
  if (!feeAsset.empty()) t["feeAsset"] = feeAsset;
  return t;
}

json run(const json& request) {
  const json out = json::parse(kf::api::costBasis(request.dump()));
  EXPECT_TRUE(out.value("ok", false)) << out.dump();
  return out;
}

json fail(const json& request) {
  const json out = json::parse(kf::api::costBasis(request.dump()));
  EXPECT_FALSE(out.value("ok", true)) << out.dump();
  return out.value("error", json::object());
}

TEST(CostBasisTrades, FeeInAThirdAssetIsAddedOrSubtractedAndDisposedOf) {
  const json req = {
      {"currency", "USD"},
      {"prices", {{"BNB", {{kT0, "310"}}}}},
      {"trades",
       {trade("bnb", kT0, "buy", "BNB", "USD", "10", "3000"),
        trade("b1", kT0 + kHour, "buy", "BTC", "USD", "1", "40000", "0.1", "BNB"),
        trade("s1", kT0 + 2 * kHour, "sell", "BTC", "USD", "1", "50000", "0.2", "BNB")}}};
  const json out = run(req);
  const json& d = out["disposals"];
  ASSERT_EQ(d.size(), 3u) << d.dump();
  // Buy: 0.1 BNB (worth 31) spent as a fee: a BNB disposal, and 31 added to the BTC cost.
  EXPECT_EQ(d[0]["asset"], "BNB");
  EXPECT_EQ(d[0]["kind"], "fee");
  EXPECT_EQ(d[0]["amount"], "0.1");
  EXPECT_EQ(d[0]["proceeds"], "31");
  EXPECT_EQ(d[0]["costBasis"], "30");
  EXPECT_EQ(d[0]["tradeId"], "b1");
  // Sell: proceeds 50,000 - 62 (0.2 BNB); cost 40,031.
  EXPECT_EQ(d[1]["asset"], "BTC");
  EXPECT_EQ(d[1]["proceeds"], "49938");
  EXPECT_EQ(d[1]["costBasis"], "40031");
  EXPECT_EQ(d[1]["gain"], "9907");
  EXPECT_EQ(d[2]["asset"], "BNB");
  EXPECT_EQ(d[2]["proceeds"], "62");
  EXPECT_EQ(d[2]["costBasis"], "60");
  EXPECT_EQ(out["summary"]["totals"]["proceeds"], "50031");
  EXPECT_EQ(out["summary"]["totals"]["costBasis"], "40121");
  EXPECT_EQ(out["summary"]["totals"]["gain"], "9910");
  ASSERT_EQ(out["summary"]["byAsset"].size(), 2u);
  EXPECT_EQ(out["summary"]["byAsset"][0]["asset"], "BNB");
  EXPECT_EQ(out["summary"]["byAsset"][0]["gain"], "3");
  EXPECT_EQ(out["remainingLots"][0]["asset"], "BNB");
  EXPECT_EQ(out["remainingLots"][0]["amount"], "9.7");
  EXPECT_EQ(out["remainingLots"][0]["costBasis"], "2910");
  EXPECT_TRUE(out["unpricedEvents"].empty());
}

TEST(CostBasisTrades, FeeInTheBaseChangesTheAmountNotTheCost) {
  // Buy 1 BTC for 10,000 with 0.001 BTC fee: a lot of 0.999 for 10,000. Sell 0.5 for
  // 6,000 with 0.0005 BTC fee: 0.5005 BTC leave, costing 10,000 * 0.5005 / 0.999.
  const json req = {
      {"currency", "USD"},
      {"trades",
       {trade("b", kT0, "buy", "BTC", "USD", "1", "10000", "0.001", "BTC"),
        trade("s", kT0 + kDay, "sell", "BTC", "USD", "0.5", "6000", "0.0005", "BTC")}}};
  const json out = run(req);
  ASSERT_EQ(out["disposals"].size(), 1u);
  EXPECT_EQ(out["disposals"][0]["amount"], "0.5005");
  EXPECT_EQ(out["disposals"][0]["proceeds"], "6000");
  EXPECT_EQ(out["disposals"][0]["costBasis"], "5010.01001001001001001");
  EXPECT_EQ(out["remainingLots"][0]["amount"], "0.4985");
  EXPECT_EQ(out["remainingLots"][0]["costBasis"], "4989.98998998998998999");
}

TEST(CostBasisTrades, CryptoToCryptoIsADisposalValuedThroughPrices) {
  const json req = {
      {"currency", "USD"},
      {"prices",
       {{"ETH", {{kT0 + kDay - kHour, "3000"}, {kT0 + 5 * kDay - kHour, "3200"}}},
        {"BTC", {{kT0 + kDay - kHour, "45000"}}}}},
      {"trades",
       {trade("e", kT0, "buy", "ETH", "USD", "2", "4000"),
        // 1.5 ETH + 0.003 ETH fee for 0.1 BTC; the quote's price wins: 1.503 * 3000.
        trade("x1", kT0 + kDay, "buy", "BTC", "ETH", "0.1", "1.5", "0.003", "ETH"),
        // 0.1 BTC for 1.6 ETH less 0.0016 ETH fee: 1.5984 * 3200 = 5114.88.
        trade("x2", kT0 + 5 * kDay, "sell", "BTC", "ETH", "0.1", "1.6", "0.0016", "ETH")}}};
  const json out = run(req);
  const json& d = out["disposals"];
  ASSERT_EQ(d.size(), 2u) << d.dump();
  EXPECT_EQ(d[0]["asset"], "ETH");
  EXPECT_EQ(d[0]["amount"], "1.503");
  EXPECT_EQ(d[0]["proceeds"], "4509");
  EXPECT_EQ(d[0]["costBasis"], "3006");
  EXPECT_EQ(d[0]["tradeId"], "x1");
  EXPECT_EQ(d[1]["asset"], "BTC");
  EXPECT_EQ(d[1]["proceeds"], "5114.88");
  EXPECT_EQ(d[1]["costBasis"], "4509");
  EXPECT_EQ(d[1]["gain"], "605.88");
  ASSERT_EQ(out["remainingLots"].size(), 1u);
  EXPECT_EQ(out["remainingLots"][0]["amount"], "2.0954");
  EXPECT_EQ(out["remainingLots"][0]["costBasis"], "6108.88");
}

TEST(CostBasisTrades, BasePriceValuesTheTradeWhenTheQuoteHasNone) {
  // 1 SOL for 50 XYZ; XYZ has no price, SOL is at 100: the XYZ spent is worth 100.
  const json req = {{"currency", "USD"},
                    {"prices", {{"SOL", {{kT0, "100"}}}}},
                    {"trades", {trade("x", kT0 + kHour, "buy", "SOL", "XYZ", "1", "50")}}};
  const json out = run(req);
  ASSERT_EQ(out["disposals"].size(), 1u);
  EXPECT_EQ(out["disposals"][0]["asset"], "XYZ");
  EXPECT_EQ(out["disposals"][0]["proceeds"], "100");
  EXPECT_EQ(out["disposals"][0]["missingAcquisition"], true);  // no XYZ was ever acquired
  EXPECT_EQ(out["remainingLots"][0]["asset"], "SOL");
  EXPECT_EQ(out["remainingLots"][0]["costBasis"], "100");
}

TEST(CostBasisTrades, BuyingTheCurrencyWithACoinIsSellingTheCoin) {
  // base USD, quote BTC: 20,000 USD for 0.5 BTC + 0.001 BTC fee.
  const json req = {
      {"currency", "USD"},
      {"trades",
       {trade("b", kT0, "buy", "BTC", "USD", "1", "30000"),
        trade("x", kT0 + kDay, "buy", "USD", "BTC", "20000", "0.5", "0.001", "BTC")}}};
  const json out = run(req);
  ASSERT_EQ(out["disposals"].size(), 1u);
  EXPECT_EQ(out["disposals"][0]["asset"], "BTC");
  EXPECT_EQ(out["disposals"][0]["amount"], "0.501");
  EXPECT_EQ(out["disposals"][0]["proceeds"], "20000");
  EXPECT_EQ(out["disposals"][0]["costBasis"], "15030");
}

TEST(CostBasisTrades, MissingAcquisitionSplitsTheDisposal) {
  const json req = {{"currency", "USD"},
                    {"trades",
                     {trade("b", kT0, "buy", "BTC", "USD", "1", "10000"),
                      trade("s", kT0 + 2 * kDay, "sell", "BTC", "USD", "1.5", "30000")}},
                    {"transfers",
                     {{{"exchange", "kraken"},
                       {"type", "deposit"},
                       {"id", "d"},
                       {"time", kT0 + kDay},
                       {"asset", "BTC"},
                       {"amount", "1"},
                       {"fee", "0"},
                       {"status", "ok"}}}}};
  const json out = run(req);
  const json& d = out["disposals"];
  ASSERT_EQ(d.size(), 2u) << d.dump();
  EXPECT_EQ(d[0]["amount"], "1");
  EXPECT_EQ(d[0]["proceeds"], "20000");
  EXPECT_EQ(d[0]["costBasis"], "10000");
  EXPECT_EQ(d[0]["missingAcquisition"], false);
  EXPECT_EQ(d[1]["amount"], "0.5");
  EXPECT_EQ(d[1]["proceeds"], "10000");
  EXPECT_TRUE(d[1]["costBasis"].is_null());  // unknown, not zero
  EXPECT_TRUE(d[1]["gain"].is_null());
  EXPECT_TRUE(d[1]["term"].is_null());
  EXPECT_TRUE(d[1]["acquiredMs"].is_null());
  EXPECT_EQ(d[1]["lots"], 0);
  EXPECT_EQ(d[1]["missingAcquisition"], true);
  EXPECT_EQ(out["summary"]["totals"]["proceeds"], "20000");
  EXPECT_EQ(out["summary"]["totals"]["incompleteRecords"], 1);
  EXPECT_TRUE(out["remainingLots"].empty());
}

TEST(CostBasisTrades, UnpricedEventsAreListedAndTheirValuesUnknown) {
  // No prices at all: buying BTC with ETH has no value; ETH's price 3 days old is too old.
  const json req = {
      {"currency", "USD"},
      {"prices", {{"ETH", {{kT0 - 3 * kDay, "3000"}}}}},
      {"trades",
       {trade("x", kT0, "buy", "BTC", "ETH", "0.1", "1.5"),
        trade("s", kT0 + kDay, "sell", "BTC", "USD", "0.1", "5000"),
        trade("f", kT0 + 2 * kDay, "sell", "SOL", "USD", "1", "100", "0.01", "ZZZ")}}};
  const json out = run(req);
  const json& u = out["unpricedEvents"];
  ASSERT_EQ(u.size(), 2u) << u.dump();
  EXPECT_EQ(u[0]["id"], "x");
  EXPECT_EQ(u[0]["asset"], "ETH");
  EXPECT_EQ(u[0]["time"], kT0);
  EXPECT_NE(u[0]["reason"].get<std::string>().find("no USD price for ETH or BTC"),
            std::string::npos);
  EXPECT_EQ(u[1]["id"], "f");
  EXPECT_EQ(u[1]["asset"], "ZZZ");
  const json& d = out["disposals"];
  ASSERT_EQ(d.size(), 4u) << d.dump();
  EXPECT_EQ(d[0]["asset"], "ETH");  // spent: no lot, no price
  EXPECT_TRUE(d[0]["proceeds"].is_null());
  EXPECT_EQ(d[0]["missingAcquisition"], true);
  EXPECT_EQ(d[1]["asset"], "BTC");  // its lot's cost is unknown
  EXPECT_EQ(d[1]["proceeds"], "5000");
  EXPECT_TRUE(d[1]["costBasis"].is_null());
  EXPECT_EQ(d[1]["missingAcquisition"], false);
  EXPECT_EQ(d[1]["lots"], 1);
  EXPECT_EQ(d[1]["acquiredMs"], kT0);
  EXPECT_EQ(d[2]["asset"], "SOL");  // the ZZZ fee cannot be valued: proceeds unknown
  EXPECT_TRUE(d[2]["proceeds"].is_null());
  EXPECT_EQ(d[3]["asset"], "ZZZ");
  EXPECT_EQ(d[3]["kind"], "fee");
  EXPECT_EQ(out["summary"]["totals"]["records"], 0);
  EXPECT_EQ(out["summary"]["totals"]["incompleteRecords"], 4);
}

TEST(CostBasisTrades, StablecoinsAreNotAssumedAtPar) {
  const json req = {{"currency", "USD"},
                    {"trades", {trade("x", kT0, "buy", "BTC", "USDT", "1", "40000")}}};
  const json out = run(req);
  ASSERT_EQ(out["unpricedEvents"].size(), 1u);
  EXPECT_EQ(out["unpricedEvents"][0]["asset"], "USDT");
}

TEST(CostBasisTrades, LongTermIsStrictlyMoreThanTheHoldingPeriod) {
  const long long t0 = 1672531200000;  // 2023-01-01
  const json req = {{"currency", "USD"},
                    {"trades",
                     {trade("b", t0, "buy", "BTC", "USD", "3", "30000"),
                      trade("s1", t0 + 365 * kDay, "sell", "BTC", "USD", "1", "20000"),
                      trade("s2", t0 + 365 * kDay + 1, "sell", "BTC", "USD", "1", "20000"),
                      trade("s3", t0 + 366 * kDay, "sell", "BTC", "USD", "1", "5000")}}};
  const json out = run(req);
  const json& d = out["disposals"];
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0]["term"], "short");  // exactly 365 days: not more than the period
  EXPECT_EQ(d[1]["term"], "long");
  EXPECT_EQ(d[2]["term"], "long");
  EXPECT_EQ(out["summary"]["totals"]["shortTermGain"], "10000");
  EXPECT_EQ(out["summary"]["totals"]["longTermGain"], "5000");  // 10,000 - 5,000
  // A shorter setting turns the first into long term too.
  json shorter = req;
  shorter["holdingPeriodDays"] = 30;
  EXPECT_EQ(run(shorter)["disposals"][0]["term"], "long");
}

TEST(CostBasisTrades, ADisposalSpanningBothTermsIsSplit) {
  const json req = {{"currency", "USD"},
                    {"trades",
                     {trade("b1", kT0, "buy", "BTC", "USD", "1", "100"),
                      trade("b2", kT0 + 200 * kDay, "buy", "BTC", "USD", "1", "300"),
                      trade("s", kT0 + 400 * kDay, "sell", "BTC", "USD", "2", "1001")}}};
  const json out = run(req);
  const json& d = out["disposals"];
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0]["term"], "long");
  EXPECT_EQ(d[0]["acquiredMs"], kT0);
  EXPECT_EQ(d[0]["proceeds"], "500.5");
  EXPECT_EQ(d[0]["gain"], "400.5");
  EXPECT_EQ(d[1]["term"], "short");
  EXPECT_EQ(d[1]["acquiredMs"], kT0 + 200 * kDay);
  EXPECT_EQ(d[1]["proceeds"], "500.5");
  EXPECT_EQ(d[1]["costBasis"], "300");
}

TEST(CostBasisTrades, SameMillisecondAcquisitionsComeFirstThenExchangeThenId) {
  // The sell is listed first but the buy at the same ms is processed before it; of two
  // buys at one ms, id "a" precedes "b" (FIFO sells "a"'s lot first).
  const json req = {{"currency", "USD"},
                    {"trades",
                     {trade("s", kT0, "sell", "BTC", "USD", "1", "500"),
                      trade("b", kT0, "buy", "BTC", "USD", "1", "200"),
                      trade("a", kT0, "buy", "BTC", "USD", "1", "100")}}};
  const json out = run(req);
  ASSERT_EQ(out["disposals"].size(), 1u);
  EXPECT_EQ(out["disposals"][0]["missingAcquisition"], false);
  EXPECT_EQ(out["disposals"][0]["costBasis"], "100");
}

TEST(CostBasisTrades, TaxYearFiltersDisposalsButProcessesEarlierHistory) {
  const long long y2025 = 1735689600000;  // 2025-01-01T00:00:00Z
  json req = {{"currency", "USD"},
              {"taxYear", 2025},
              {"trades",
               {trade("b", kT0, "buy", "BTC", "USD", "2", "20000"),
                trade("s24", y2025 - 1, "sell", "BTC", "USD", "0.5", "6000"),
                trade("s25", y2025, "sell", "BTC", "USD", "0.5", "7000"),
                trade("s26", y2025 + 365 * kDay, "sell", "BTC", "USD", "0.5", "8000")}}};
  json out = run(req);
  ASSERT_EQ(out["disposals"].size(), 1u);
  EXPECT_EQ(out["disposals"][0]["tradeId"], "s25");
  EXPECT_EQ(out["disposals"][0]["costBasis"], "5000");
  EXPECT_EQ(out["taxYear"], 2025);
  EXPECT_EQ(out["remainingLots"][0]["amount"], "1");  // at the end of 2025
  // At UTC+01:00 the year starts an hour earlier: s24 (23:59:59.999 UTC) falls in 2025.
  req["timezone"] = "+01:00";
  out = run(req);
  ASSERT_EQ(out["disposals"].size(), 2u);
  EXPECT_EQ(out["disposals"][0]["tradeId"], "s24");
}

TEST(CostBasisTrades, BadInputIsAClearError) {
  json base = {{"currency", "USD"}, {"trades", json::array()}};
  json req = base;
  req["trades"].push_back(trade("t", kT0, "buy", "BTC", "USD", "-1", "100"));
  json err = fail(req);
  EXPECT_EQ(err["kind"], "invalid_input");
  EXPECT_NE(err["message"].get<std::string>().find("trades[0]"), std::string::npos);
  EXPECT_NE(err["message"].get<std::string>().find("amount"), std::string::npos);

  req = base;
  json t = trade("t", kT0, "buy", "BTC", "USD", "1", "100");
  t["amount"] = 1.5;  // a JSON float: never turned into a double
  req["trades"].push_back(t);
  EXPECT_EQ(fail(req)["kind"], "invalid_input");

  req = base;
  req["trades"].push_back(trade("t", kT0, "buy", "BTC", "USD", "1", "100", "2", "BTC"));
  err = fail(req);
  EXPECT_NE(err["message"].get<std::string>().find("fee"), std::string::npos);

  req = base;
  req["trades"].push_back(trade("t", kT0, "buy", "BTC", "USD", "1", "100", "2"));  // no feeAsset
  EXPECT_NE(fail(req)["message"].get<std::string>().find("feeAsset"), std::string::npos);

  req = base;
  req["method"] = "lofi";
  EXPECT_NE(fail(req)["message"].get<std::string>().find("method"), std::string::npos);

  req = base;
  req["timezone"] = "Europe/Berlin";
  EXPECT_EQ(fail(req)["kind"], "unsupported");

  req = base;
  req["prices"] = {{"BTC", {{kT0 + 1, "1"}, {kT0, "2"}}}};
  EXPECT_NE(fail(req)["message"].get<std::string>().find("prices.BTC[1]"), std::string::npos);

  req = base;
  req["prices"] = {{"BTC", {{kT0, "0"}}}};
  EXPECT_NE(fail(req)["message"].get<std::string>().find("positive"), std::string::npos);

  req = base;
  req.erase("currency");
  EXPECT_NE(fail(req)["message"].get<std::string>().find("currency"), std::string::npos);

  EXPECT_EQ(json::parse(kf::api::costBasis("[1]"))["error"]["kind"], "invalid_input");
}

TEST(CostBasisTrades, CostDefaultsToAmountTimesPrice) {
  json t = trade("b", kT0, "buy", "BTC", "USD", "0.5", "");
  t.erase("cost");
  t["price"] = "30000.10";
  const json sell = trade("s", kT0 + 1, "sell", "BTC", "USD", "0.5", "16000");
  const json out = run({{"currency", "USD"}, {"trades", {t, sell}}});
  EXPECT_EQ(out["disposals"][0]["costBasis"], "15000.05");
}

}  // namespace
