// History export (CSV and JSON) and the Koinly / CoinTracker import files built from it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "portfolio/report_events.hpp"
#include "portfolio/report_history.hpp"
#include "portfolio/report_imports.hpp"

using kf::CoreError;
using kf::ErrorKind;
using nlohmann::json;
namespace report = kf::report;

namespace {

json sampleInput() {
  json trades = json::array();
  trades.push_back({{"exchange", "binance"},
                    {"id", "1001"},
                    {"time", 1742041800000},
                    {"symbol", "BTC/USDT"},
                    {"base", "BTC"},
                    {"quote", "USDT"},
                    {"side", "buy"},
                    {"amount", "0.5"},
                    {"price", "60000"},
                    {"cost", "30000"},
                    {"feeAsset", "BTC"},
                    {"fee", "0.0005"}});
  trades.push_back({{"exchange", "kraken"},
                    {"id", "=HYPERLINK(\"x\")"},
                    {"time", 1748790000000},
                    {"symbol", "ETH/EUR"},
                    {"base", "ETH"},
                    {"quote", "EUR"},
                    {"side", "sell"},
                    {"amount", "2"},
                    {"price", "2500.5"},
                    {"cost", "5001.0"},
                    {"feeAsset", "EUR"},
                    {"fee", "7.5"}});
  json transfers = json::array();
  transfers.push_back({{"exchange", "binance"},
                       {"type", "deposit"},
                       {"id", "d1"},
                       {"time", 1736499600000},
                       {"asset", "USDT"},
                       {"amount", "30000"},
                       {"fee", "1"},
                       {"network", "TRX"},
                       {"address", "Txyz"},
                       {"txid", "0xabc"},
                       {"status", "ok"}});
  transfers.push_back({{"exchange", "binance"},
                       {"type", "withdrawal"},
                       {"id", "w1"},
                       {"time", 1751616000000},
                       {"asset", "BTC"},
                       {"amount", "0.4995"},
                       {"fee", "0.0002"},
                       {"network", "BTC"},
                       {"address", "bc1q,comma"},
                       {"txid", "tx2"},
                       {"status", "ok"}});
  transfers.push_back({{"exchange", "binance"},
                       {"type", "withdrawal"},
                       {"id", "w2"},
                       {"time", 1754042400000},
                       {"asset", "BTC"},
                       {"amount", "1"},
                       {"fee", "0"},
                       {"network", nullptr},
                       {"address", nullptr},
                       {"txid", nullptr},
                       {"status", "failed"}});
  return {{"trades", trades}, {"transfers", transfers}};
}

std::string firstLine(const std::string& csv) {
  return csv.substr(0, csv.find("\r\n"));
}

void expectInvalid(const json& in, const std::string& field) {
  try {
    report::parseHistory(in);
    FAIL() << "expected an error naming " << field;
  } catch (const CoreError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidInput);
    EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
  }
}

}  // namespace

TEST(HistoryCsv, OneRowPerEventInTimeOrderWithEveryField) {
  const auto h = report::parseHistory(sampleInput());
  const std::string expected =
      "time,event,exchange,id,side,symbol,base,quote,asset,amount,price,cost,fee,feeAsset,"
      "network,address,txid,status\r\n"
      "2025-01-10T09:00:00.000Z,deposit,binance,d1,,,,,USDT,30000,,,1,,TRX,Txyz,0xabc,ok\r\n"
      "2025-03-15T12:30:00.000Z,trade,binance,1001,buy,BTC/USDT,BTC,USDT,,0.5,60000,30000,"
      "0.0005,BTC,,,,\r\n"
      "2025-06-01T15:00:00.000Z,trade,kraken,\"'=HYPERLINK(\"\"x\"\")\",sell,ETH/EUR,ETH,EUR,,2,"
      "2500.5,5001.0,7.5,EUR,,,,\r\n"
      "2025-07-04T08:00:00.000Z,withdrawal,binance,w1,,,,,BTC,0.4995,,,0.0002,,BTC,"
      "\"bc1q,comma\",tx2,ok\r\n"
      "2025-08-01T10:00:00.000Z,withdrawal,binance,w2,,,,,BTC,1,,,0,,,,,failed\r\n";
  EXPECT_EQ(report::historyCsv(h, false), expected);
}

TEST(HistoryJson, ParsesBackWithExactAmountsAndIsoTimes) {
  const auto h = report::parseHistory(sampleInput());
  const json doc = json::parse(report::historyJson(h, 1795874709000));
  EXPECT_EQ(doc["generatedAt"], "2026-11-28T14:05:09.000Z");
  ASSERT_EQ(doc["events"].size(), 5u);
  const json& dep = doc["events"][0];
  EXPECT_EQ(dep["event"], "deposit");
  EXPECT_EQ(dep["time"], "2025-01-10T09:00:00.000Z");
  EXPECT_EQ(dep["timeMs"], 1736499600000);
  EXPECT_EQ(dep["amount"], "30000");
  EXPECT_EQ(dep["txid"], "0xabc");
  const json& sell = doc["events"][2];
  EXPECT_EQ(sell["event"], "trade");
  EXPECT_EQ(sell["id"], "=HYPERLINK(\"x\")");  // JSON needs no neutralising: it is not a sheet
  EXPECT_EQ(sell["cost"], "5001.0");           // scale kept, never a double
  EXPECT_EQ(sell["side"], "sell");
  EXPECT_EQ(sell["feeAsset"], "EUR");
  const json& failed = doc["events"][4];
  EXPECT_EQ(failed["status"], "failed");
  EXPECT_TRUE(failed["network"].is_null());
}

TEST(HistoryJson, InvalidUtf8FromAnExchangeBecomesReplacementCharacter) {
  json in = sampleInput();
  in["transfers"][0]["address"] = "T\xFFz";
  const auto h = report::parseHistory(in);
  const json doc = json::parse(report::historyJson(h, 0));
  EXPECT_EQ(doc["events"][0]["address"], "T\xEF\xBF\xBDz");
  EXPECT_NE(report::historyCsv(h, false).find(",T\xEF\xBF\xBDz,"), std::string::npos);
}

TEST(History, BadInputNamesTheField) {
  json in = sampleInput();
  in["trades"][1]["amount"] = 2.5;
  expectInvalid(in, "trades[1].amount");
  in = sampleInput();
  in["transfers"][2]["status"] = "done";
  expectInvalid(in, "transfers[2].status");
  in = sampleInput();
  in["transfers"][0].erase("time");
  expectInvalid(in, "transfers[0].time");
  in = sampleInput();
  in["trades"][0]["side"] = "long";
  expectInvalid(in, "trades[0].side");
  in = sampleInput();
  in["trades"][0]["amount"] = "-1";
  expectInvalid(in, "trades[0].amount");
  in = sampleInput();
  in["trades"] = "none";
  expectInvalid(in, "trades");
  in = sampleInput();
  in["trades"][0] = 5;
  expectInvalid(in, "trades[0]");
  expectInvalid(json::object(), "trades");
}

// Koinly "Universal" header as given in product-landscape.md 3.2 (and Koinly's doc):
// Date,Sent Amount,Sent Currency,Received Amount,Received Currency,Fee Amount,Fee Currency,
// Net Worth Amount,Net Worth Currency,Label,Description,TxHash; dates YYYY-MM-DD HH:MM UTC.
TEST(Koinly, ExactHeaderDateFormatAndRows) {
  const auto h = report::parseHistory(sampleInput());
  const std::string csv = report::koinlyCsv(h, false);
  EXPECT_EQ(firstLine(csv),
            "Date,Sent Amount,Sent Currency,Received Amount,Received Currency,Fee Amount,"
            "Fee Currency,Net Worth Amount,Net Worth Currency,Label,Description,TxHash");
  const std::string expected =
      "2025-01-10 09:00 UTC,,,30000,USDT,,,,,,binance deposit d1,0xabc\r\n"
      // Koinly deposits cannot carry a fee: it becomes its own outgoing "cost" row.
      "2025-01-10 09:00 UTC,1,USDT,,,,,,,cost,binance deposit d1 fee,0xabc\r\n"
      "2025-03-15 12:30 UTC,30000,USDT,0.5,BTC,0.0005,BTC,,,,binance trade 1001 BTC/USDT,\r\n"
      "2025-06-01 15:00 UTC,2,ETH,5001.0,EUR,7.5,EUR,,,,"
      "\"kraken trade =HYPERLINK(\"\"x\"\") ETH/EUR\",\r\n"
      "2025-07-04 08:00 UTC,0.4995,BTC,,,0.0002,BTC,,,,binance withdrawal w1,tx2\r\n";
  EXPECT_EQ(csv.substr(csv.find("\r\n") + 2), expected);  // the failed withdrawal is left out
}

// CoinTracker header per product-landscape.md 3.2 (support.cointracker.io 4413071299729):
// exactly Date, Received Quantity, Received Currency, Sent Quantity, Sent Currency,
// Fee Amount, Fee Currency, Tag; dates MM/DD/YYYY HH:MM:SS.
TEST(CoinTracker, ExactHeaderDateFormatAndRows) {
  const auto h = report::parseHistory(sampleInput());
  const std::string csv = report::coinTrackerCsv(h, false);
  EXPECT_EQ(firstLine(csv),
            "Date,Received Quantity,Received Currency,Sent Quantity,Sent Currency,Fee Amount,"
            "Fee Currency,Tag");
  const std::string expected =
      "01/10/2025 09:00:00,30000,USDT,,,1,USDT,\r\n"
      "03/15/2025 12:30:00,0.5,BTC,30000,USDT,0.0005,BTC,\r\n"
      "06/01/2025 15:00:00,5001.0,EUR,2,ETH,7.5,EUR,\r\n"
      "07/04/2025 08:00:00,,,0.4995,BTC,0.0002,BTC,\r\n";
  EXPECT_EQ(csv.substr(csv.find("\r\n") + 2), expected);
}

TEST(Imports, MakerRebateBecomesAReceivedRow) {
  json in = sampleInput();
  in["trades"][0]["fee"] = "-0.25";
  in["trades"][0]["feeAsset"] = "USDT";
  in.erase("transfers");
  in["trades"].erase(1);
  const auto h = report::parseHistory(in);
  const std::string csv = report::coinTrackerCsv(h, false);
  EXPECT_EQ(csv.substr(csv.find("\r\n") + 2),
            "03/15/2025 12:30:00,0.5,BTC,30000,USDT,,,\r\n"
            "03/15/2025 12:30:00,0.25,USDT,,,,,\r\n");
}

TEST(Imports, NonZeroFeeWithoutFeeAssetIsRefused) {
  json in = sampleInput();
  in["trades"][1]["feeAsset"] = nullptr;
  const auto h = report::parseHistory(in);
  try {
    report::koinlyCsv(h, false);
    FAIL();
  } catch (const CoreError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidInput);
    EXPECT_NE(std::string(e.what()).find("trades[1].feeAsset"), std::string::npos);
  }
}

TEST(Imports, HostileTickersAreNeutralised) {
  json in = {{"transfers", json::array({{{"exchange", "binance"},
                                         {"type", "deposit"},
                                         {"id", "d"},
                                         {"time", 0},
                                         {"asset", "@SUM(1)"},
                                         {"amount", "1"},
                                         {"fee", "0"},
                                         {"status", "ok"}}})}};
  const auto h = report::parseHistory(in);
  EXPECT_NE(report::coinTrackerCsv(h, false).find("01/01/1970 00:00:00,1,'@SUM(1),,,,,\r\n"),
            std::string::npos);
}
