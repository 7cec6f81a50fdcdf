// "Balances now" exports: CSV rows per asset/exchange/account with a total, and JSON.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "portfolio/report_balances.hpp"

using nlohmann::json;
namespace report = kf::report;

namespace {

json sampleInput() {
  json snapshot = {
      {"currency", "USD"},
      {"total", "66500.50"},
      {"assets",
       {{{"asset", "BTC"},
         {"amount", "1.0"},
         {"price", "60000"},
         {"value", "60000.00"},
         {"share", "0.9023"},
         {"split",
          {{{"exchange", "binance"},
            {"account", "spot"},
            {"amount", "0.75"},
            {"value", "45000.00"}},
           {{"exchange", "kraken"},
            {"account", "staked"},
            {"amount", "0.25"},
            {"value", "15000.00"}}}}},
        {{"asset", "ETH"},
         {"amount", "2.6"},
         {"price", "2500.1923"},
         {"value", "6500.50"},
         {"share", "0.0977"},
         {"split",
          {{{"exchange", "binance"},
            {"account", "spot"},
            {"amount", "2.6"},
            {"value", "6500.50"}}}}}}},
      {"exchanges", {{{"exchange", "binance"}, {"value", "51500.50"}}}},
      {"unpriced", {{{"asset", "DOGE"}, {"amount", "100"}, {"exchanges", {"kraken"}}}}}};
  json holdings = {{{"exchange", "binance"},
                    {"account", "spot"},
                    {"asset", "BTC"},
                    {"free", "0.5"},
                    {"locked", "0.25"},
                    {"total", "0.75"}},
                   {{"exchange", "kraken"},
                    {"account", "staked"},
                    {"asset", "BTC"},
                    {"free", "0.25"},
                    {"locked", "0"},
                    {"total", "0.25"}},
                   {{"exchange", "binance"},
                    {"account", "spot"},
                    {"asset", "ETH"},
                    {"free", "2.6"},
                    {"locked", "0"},
                    {"total", "2.6"}},
                   {{"exchange", "kraken"},
                    {"account", "spot"},
                    {"asset", "DOGE"},
                    {"free", "100"},
                    {"locked", "0"},
                    {"total", "100"}}};
  return {{"snapshot", snapshot}, {"holdings", holdings}};
}

}  // namespace

TEST(BalancesCsv, RowsPerHoldingThenUnpricedThenTotal) {
  const std::string expected =
      "asset,exchange,account,free,locked,amount,price (USD),value (USD)\r\n"
      "BTC,binance,spot,0.5,0.25,0.75,60000,45000.00\r\n"
      "BTC,kraken,staked,0.25,0,0.25,60000,15000.00\r\n"
      "ETH,binance,spot,2.6,0,2.6,2500.1923,6500.50\r\n"
      "DOGE,kraken,spot,100,0,100,,\r\n"
      "TOTAL,,,,,,,66500.50\r\n";
  EXPECT_EQ(report::balancesCsv(sampleInput(), false), expected);
}

TEST(BalancesCsv, WithoutHoldingsFreeAndLockedStayEmpty) {
  json in = sampleInput();
  in.erase("holdings");
  const std::string csv = report::balancesCsv(in, false);
  EXPECT_NE(csv.find("\r\nBTC,binance,spot,,,0.75,60000,45000.00\r\n"), std::string::npos) << csv;
  // Unpriced balances come from the snapshot's own list.
  EXPECT_NE(csv.find("\r\nDOGE,kraken,,,,100,,\r\nTOTAL,,,,,,,66500.50\r\n"), std::string::npos)
      << csv;
}

TEST(BalancesCsv, UnknownTotalStaysEmptyNeverZero) {
  json in = sampleInput();
  in["snapshot"]["total"] = nullptr;
  in["holdings"][0].erase("free");  // valuation needs only the total
  const std::string csv = report::balancesCsv(in, false);
  EXPECT_NE(csv.find("\r\nBTC,binance,spot,,0.25,0.75,60000,45000.00\r\n"), std::string::npos)
      << csv;
  EXPECT_EQ(csv.substr(csv.size() - 16), "\r\nTOTAL,,,,,,,\r\n");
  EXPECT_TRUE(json::parse(report::balancesJson(in, 0))["total"].is_null());
}

TEST(BalancesJson, ParsesBack) {
  const json doc = json::parse(report::balancesJson(sampleInput(), 1795874709000));
  EXPECT_EQ(doc["generatedAt"], "2026-11-28T14:05:09.000Z");
  EXPECT_EQ(doc["currency"], "USD");
  EXPECT_EQ(doc["total"], "66500.50");
  ASSERT_EQ(doc["assets"].size(), 2u);
  EXPECT_EQ(doc["assets"][0]["amount"], "1.0");
  EXPECT_EQ(doc["assets"][0]["share"], "0.9023");
  EXPECT_EQ(doc["assets"][0]["split"][1]["account"], "staked");
  EXPECT_EQ(doc["assets"][1]["price"], "2500.1923");
  EXPECT_EQ(doc["holdings"].size(), 4u);
  EXPECT_EQ(doc["holdings"][3]["asset"], "DOGE");
  EXPECT_EQ(doc["unpriced"][0]["asset"], "DOGE");
  EXPECT_EQ(doc["exchanges"][0]["value"], "51500.50");
}

TEST(Balances, BadInputNamesTheField) {
  const auto expectInvalid = [](const json& in, const std::string& field) {
    try {
      report::balancesCsv(in, false);
      FAIL() << field;
    } catch (const kf::CoreError& e) {
      EXPECT_EQ(e.kind(), kf::ErrorKind::InvalidInput);
      EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
    }
  };
  json in = sampleInput();
  in["holdings"][1]["total"] = "0.3";  // not free + locked
  expectInvalid(in, "holdings[1].total");
  in = sampleInput();
  in["snapshot"]["assets"][1]["split"][0]["amount"] = "abc";
  expectInvalid(in, "snapshot.assets[1].split[0].amount");
  in = sampleInput();
  in["snapshot"]["total"] = 66500.5;  // a float is never read as money
  expectInvalid(in, "snapshot.total");
  in = sampleInput();
  in.erase("snapshot");
  expectInvalid(in, "snapshot");
}
