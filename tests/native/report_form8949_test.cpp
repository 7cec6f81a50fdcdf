// Form 8949 CSV on a worked example: parts, VARIOUS, missing acquisitions, rounding,
// totals, the per-asset summary, and the year filter.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "portfolio/report_form8949.hpp"

using kf::CoreError;
using kf::ErrorKind;
using nlohmann::json;

namespace {

json disposal(std::string asset, std::string amount, json acquiredMs, int64_t disposedMs,
              std::string proceeds, std::string basis, std::string gain, std::string term,
              bool missing, std::string tradeId) {
  return {{"asset", asset},
          {"amount", amount},
          {"acquiredMs", acquiredMs},
          {"disposedMs", disposedMs},
          {"proceeds", proceeds},
          {"costBasis", basis},
          {"gain", gain},
          {"term", term},
          {"missingAcquisition", missing},
          {"exchange", "kraken"},
          {"tradeId", tradeId}};
}

json workedExample() {
  json d = json::array();
  // Short-term, proceeds with a half cent: rounds half up to 30000.01.
  d.push_back(disposal("BTC", "0.5", 1736499600000, 1742041800000, "30000.005", "20000",
                       "10000.005", "short", false, "t1"));
  // Two lots of one long-term sale, bought on different days: one VARIOUS line.
  d.push_back(disposal("BTC", "0.3", 1675209600000, 1748790000000, "18000", "6000", "12000", "long",
                       false, "t2"));
  d.push_back(disposal("BTC", "0.2", 1682899200000, 1748790000000, "12000", "5000", "7000", "long",
                       false, "t2"));
  // No acquisition found: (b) empty, zero basis, a note.
  d.push_back(
      disposal("ETH", "2", nullptr, 1751616000000, "6000", "0", "6000", "short", true, "t3"));
  // A loss stays a number.
  d.push_back(disposal("ETH", "1.000", 1738404000000, 1754042400000, "2500", "3000.50", "-500.50",
                       "short", false, "t4"));
  // Sold in 2024: not in the 2025 file.
  d.push_back(disposal("BTC", "1", 1675209600000, 1735689599000, "90000", "20000", "70000", "long",
                       false, "t0"));
  // Average-cost lot without a single date (acquiredMs null, not missing): VARIOUS.
  d.push_back(disposal("SOL", "4", nullptr, 1756684800000, "100", "40", "60", "long", false, "t5"));
  // As the costBasis engine reports a missing acquisition: term, basis and gain unknown.
  json missing = disposal("ADA", "10", nullptr, 1751616000000, "5", "", "", "", true, "t6");
  missing["costBasis"] = nullptr;
  missing["gain"] = nullptr;
  missing["term"] = nullptr;
  missing["lots"] = 0;
  d.push_back(missing);
  // The unknown-cost part of trade t2: not combined with its known part, not in totals.
  json unknownCost =
      disposal("BTC", "0.01", 1675209600000, 1748790000000, "600", "", "", "long", false, "t2");
  unknownCost["costBasis"] = nullptr;
  unknownCost["gain"] = nullptr;
  d.push_back(unknownCost);
  // A fee paid in a third asset, from three lots: VARIOUS.
  json fee =
      disposal("BNB", "0.01", 1736499600000, 1742041800000, "6", "3", "3", "short", false, "t1");
  fee["kind"] = "fee";
  fee["lots"] = 3;
  d.push_back(fee);
  return {{"taxYear", 2025},
          {"currency", "USD"},
          {"costBasis", {{"disposals", d}, {"summary", {{"byAsset", json::array()}}}}}};
}

}  // namespace

TEST(Form8949, WorkedExample) {
  const std::string header =
      "(a) Description of property,(b) Date acquired,(c) Date sold or disposed of,"
      "(d) Proceeds (sales price),(e) Cost or other basis,(f) Code(s) from instructions,"
      "(g) Amount of adjustment,(h) Gain or (loss),Note\r\n";
  const std::string expected =
      "Form 8949 worksheet,Tax year 2025,Currency USD\r\n"
      "Check the box of each Part that matches the Form 1099-B or 1099-DA you received (see the "
      "Form 8949 instructions). Dates are UTC.\r\n"
      "\r\n"
      "Part I - Short-Term (held one year or less)\r\n" +
      header +
      "0.5 BTC,01/10/2025,03/15/2025,30000.01,20000.00,,,10000.01,\r\n"
      "0.01 BNB,VARIOUS,03/15/2025,6.00,3.00,,,3.00,fee payment\r\n"
      "2 ETH,,07/04/2025,6000.00,0.00,,,6000.00,"
      "no acquisition found for this amount: check your records\r\n"
      "1 ETH,02/01/2025,08/01/2025,2500.00,3000.50,,,-500.50,\r\n"
      "Totals,,,38506.01,23003.50,,,15502.51,\r\n"
      "\r\n"
      "Part II - Long-Term (held more than one year)\r\n" +
      header +
      "0.5 BTC,VARIOUS,06/01/2025,30000.00,11000.00,,,19000.00,\r\n"
      "4 SOL,VARIOUS,09/01/2025,100.00,40.00,,,60.00,\r\n"
      "Totals,,,30100.00,11040.00,,,19060.00,\r\n"
      "\r\n"
      "\"Not ready for the form: unknown proceeds, cost basis or term (not in any total)\"\r\n" +
      header +
      "0.01 BTC,02/01/2023,06/01/2025,600.00,,,,,"
      "long-term; cost basis unknown: acquired without a USD price\r\n"
      "10 ADA,,07/04/2025,5.00,,,,,no acquisition found for this amount: check your records\r\n"
      "\r\n"
      "Summary by asset\r\n"
      "Asset,Short-term proceeds,Short-term cost basis,Short-term gain or (loss),"
      "Long-term proceeds,Long-term cost basis,Long-term gain or (loss),Total gain or (loss),"
      "Lines,Lines not ready\r\n"
      "ADA,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0,1\r\n"
      "BNB,6.00,3.00,3.00,0.00,0.00,0.00,3.00,1,0\r\n"
      "BTC,30000.01,20000.00,10000.01,30000.00,11000.00,19000.00,29000.01,2,1\r\n"
      "ETH,8500.00,3000.50,5499.50,0.00,0.00,0.00,5499.50,2,0\r\n"
      "SOL,0.00,0.00,0.00,100.00,40.00,60.00,60.00,1,0\r\n"
      "Total,38506.01,23003.50,15502.51,30100.00,11040.00,19060.00,34562.51,6,2\r\n";
  EXPECT_EQ(kf::report::form8949Csv(workedExample(), false), expected);
}

TEST(Form8949, TaxYearAndDatesFollowTheTimeZone) {
  json in = workedExample();
  in["timezone"] = "-05:00";
  in["costBasis"]["disposals"] = json::array(
      {disposal("BTC", "1", 1736499600000, 1767229200000, "10", "4", "6", "short", false, "a"),
       disposal("ETH", "1", 1675209600000, 1735696800000, "10", "4", "6", "long", false, "b")});
  const std::string csv = kf::report::form8949Csv(in, false);
  // 2026-01-01T01:00Z is 12/31/2025 at UTC-5: in the 2025 sheet. 2025-01-01T02:00Z is 2024.
  EXPECT_NE(csv.find("\r\n1 BTC,01/10/2025,12/31/2025,10.00,4.00,,,6.00,\r\n"), std::string::npos)
      << csv;
  EXPECT_EQ(csv.find("ETH"), std::string::npos) << csv;
  EXPECT_NE(csv.find("Dates are UTC-05:00."), std::string::npos);
}

TEST(Form8949, YearAndCurrencyDefaultToTheCostBasisResult) {
  json in = workedExample();
  in.erase("taxYear");
  in.erase("currency");
  in["costBasis"]["taxYear"] = 2025;
  in["costBasis"]["currency"] = "EUR";
  const std::string csv = kf::report::form8949Csv(in, false);
  EXPECT_EQ(csv.rfind("Form 8949 worksheet,Tax year 2025,Currency EUR\r\n", 0), 0u);
}

TEST(Form8949, LotsOfOneTradeBoughtTheSameDayKeepTheDate) {
  json in = workedExample();
  auto& d = in["costBasis"]["disposals"];
  d[2]["acquiredMs"] = 1675209600000 + 3600000;  // same UTC day as lot A
  const std::string csv = kf::report::form8949Csv(in, false);
  EXPECT_NE(csv.find("0.5 BTC,02/01/2023,06/01/2025,30000.00,11000.00,,,19000.00,\r\n"),
            std::string::npos)
      << csv;
}

TEST(Form8949, EmptyYearStillHasBothPartsWithZeroTotals) {
  json in = workedExample();
  in["taxYear"] = 2019;
  const std::string csv = kf::report::form8949Csv(in, false);
  EXPECT_NE(csv.find("Part I - Short-Term"), std::string::npos);
  EXPECT_NE(csv.find("Part II - Long-Term"), std::string::npos);
  EXPECT_NE(csv.find("Totals,,,0.00,0.00,,,0.00,\r\n"), std::string::npos);
  EXPECT_NE(csv.find("Total,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0,0\r\n"), std::string::npos);
  EXPECT_EQ(csv.find("BTC"), std::string::npos);
}

TEST(Form8949, HostileAssetNamesAreNeutralised) {
  json in = workedExample();
  in["costBasis"]["disposals"] =
      json::array({disposal("=cmd|' /C calc'!A0", "1", 1736499600000, 1742041800000, "10", "5", "5",
                            "short", false, "x")});
  const std::string csv = kf::report::form8949Csv(in, false);
  EXPECT_NE(csv.find("\r\n'=cmd|' /C calc'!A0,10.00,5.00,5.00,0.00"), std::string::npos) << csv;
}

namespace {
void expectInvalid(const json& in, const std::string& field) {
  try {
    kf::report::form8949Csv(in, false);
    FAIL() << "expected an error naming " << field;
  } catch (const CoreError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidInput);
    EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
  }
}
}  // namespace

TEST(Form8949, BadInputNamesTheField) {
  json in = workedExample();
  in["costBasis"]["disposals"][1]["gain"] = "12000.01";
  expectInvalid(in, "costBasis.disposals[1].gain");

  in = workedExample();
  in["costBasis"]["disposals"][4]["term"] = "medium";
  expectInvalid(in, "costBasis.disposals[4].term");

  in = workedExample();
  in["costBasis"]["disposals"][0]["proceeds"] = 30000.005;  // a float, never read
  expectInvalid(in, "costBasis.disposals[0].proceeds");

  in = workedExample();
  in["costBasis"]["disposals"][0]["disposedMs"] = -1;
  expectInvalid(in, "costBasis.disposals[0].disposedMs");

  in = workedExample();
  in["costBasis"]["disposals"][0]["acquiredMs"] = 1842041800000;
  expectInvalid(in, "costBasis.disposals[0].acquiredMs");

  in = workedExample();
  in["costBasis"]["disposals"][7]["gain"] = "5";  // gain given while the cost basis is unknown
  expectInvalid(in, "costBasis.disposals[7].gain");

  in = workedExample();
  in["costBasis"]["disposals"][9]["kind"] = "gift";
  expectInvalid(in, "costBasis.disposals[9].kind");

  in = workedExample();
  in.erase("taxYear");
  expectInvalid(in, "costBasis.taxYear");

  in = workedExample();
  in["taxYear"] = 1969;
  expectInvalid(in, "taxYear");

  in = workedExample();
  in["costBasis"].erase("disposals");
  expectInvalid(in, "costBasis.disposals");
}

TEST(Form8949, NamedTimeZonesAreUnsupportedAndSaySo) {
  json in = workedExample();
  in["timezone"] = "America/New_York";
  try {
    kf::report::form8949Csv(in, false);
    FAIL();
  } catch (const CoreError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Unsupported);
    EXPECT_NE(std::string(e.what()).find("timezone"), std::string::npos);
  }
}
