// exportReport through the JSON envelope: kinds, file names, MIME types, errors.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/api.hpp"

using nlohmann::json;

namespace {

constexpr int64_t kNow = 1795874709000;  // 2026-11-28T14:05:09Z

json call(const json& in) {
  return json::parse(kf::api::exportReport(in.dump()));
}

json history() {
  return {{"trades", json::array({{{"exchange", "binance"},
                                   {"id", "1"},
                                   {"time", 1742041800000},
                                   {"base", "BTC"},
                                   {"quote", "USDT"},
                                   {"side", "sell"},
                                   {"amount", "0.1"},
                                   {"price", "60000"},
                                   {"cost", "6000"},
                                   {"fee", "6"},
                                   {"feeAsset", "USDT"}}})},
          {"transfers", json::array()}};
}

json withKind(json in, const std::string& kind) {
  in["kind"] = kind;
  in["nowMs"] = kNow;
  return in;
}

}  // namespace

TEST(ExportReport, FileNamesAndMimeTypes) {
  const json snapshot = {
      {"snapshot", {{"currency", "EUR"}, {"total", "0"}, {"assets", json::array()}}}};
  const json costBasis = {
      {"taxYear", 2025}, {"currency", "USD"}, {"costBasis", {{"disposals", json::array()}}}};
  const struct {
    std::string kind;
    json input;
    std::string filename, mime;
  } cases[] = {
      {"balances_csv", snapshot, "keyfolio-balances-2026-11-28.csv", "text/csv;charset=utf-8"},
      {"balances_json", snapshot, "keyfolio-balances-2026-11-28.json", "application/json"},
      {"history_csv", history(), "keyfolio-history-2026-11-28.csv", "text/csv;charset=utf-8"},
      {"history_json", history(), "keyfolio-history-2026-11-28.json", "application/json"},
      {"form8949_csv", costBasis, "keyfolio-form8949-2025-2026-11-28.csv",
       "text/csv;charset=utf-8"},
      {"koinly_csv", history(), "keyfolio-koinly-2026-11-28.csv", "text/csv;charset=utf-8"},
      {"cointracker_csv", history(), "keyfolio-cointracker-2026-11-28.csv",
       "text/csv;charset=utf-8"},
  };
  for (const auto& c : cases) {
    const json out = call(withKind(c.input, c.kind));
    ASSERT_EQ(out["ok"], true) << c.kind << ": " << out.dump();
    EXPECT_EQ(out["filename"], c.filename);
    EXPECT_EQ(out["mimeType"], c.mime);
    const std::string content = out["content"];
    EXPECT_FALSE(content.empty());
    if (c.mime == "application/json")
      EXPECT_TRUE(json::accept(content)) << c.kind;
    else
      EXPECT_EQ(content.substr(content.size() - 2), "\r\n") << c.kind;
  }
}

TEST(ExportReport, KoinlyContentThroughTheApi) {
  const json out = call(withKind(history(), "koinly_csv"));
  EXPECT_EQ(out["content"],
            "Date,Sent Amount,Sent Currency,Received Amount,Received Currency,Fee Amount,"
            "Fee Currency,Net Worth Amount,Net Worth Currency,Label,Description,TxHash\r\n"
            "2025-03-15 12:30 UTC,0.1,BTC,6000,USDT,6,USDT,,,,binance trade 1 BTC/USDT,\r\n");
}

TEST(ExportReport, ByteOrderMarkOnRequest) {
  json in = withKind(history(), "cointracker_csv");
  EXPECT_EQ(call(in)["content"].get<std::string>().rfind("Date,", 0), 0u);
  in["bom"] = true;
  EXPECT_EQ(call(in)["content"].get<std::string>().rfind("\xEF\xBB\xBF"
                                                         "Date,",
                                                         0),
            0u);
}

TEST(ExportReport, UnknownKindIsUnsupported) {
  const json out = call(withKind(history(), "pdf"));
  EXPECT_EQ(out["ok"], false);
  EXPECT_EQ(out["error"]["kind"], "unsupported");
  EXPECT_EQ(call(json{{"kind", "xlsx"}})["error"]["kind"], "unsupported");
}

TEST(ExportReport, BadInputIsInvalidInputNamingTheField) {
  const auto expectInvalid = [](const json& in, const std::string& field) {
    const json out = call(in);
    EXPECT_EQ(out["ok"], false);
    EXPECT_EQ(out["error"]["kind"], "invalid_input") << out.dump();
    EXPECT_NE(out["error"]["message"].get<std::string>().find(field), std::string::npos)
        << out.dump();
  };
  json in = withKind(history(), "history_csv");
  in.erase("nowMs");
  expectInvalid(in, "nowMs");
  expectInvalid(json{{"nowMs", kNow}}, "kind");
  in = withKind(history(), "history_csv");
  in["trades"][0]["price"] = true;
  expectInvalid(in, "trades[0].price");
  in = withKind(history(), "form8949_csv");
  expectInvalid(in, "costBasis");
  in = withKind(history(), "history_csv");
  in["bom"] = "yes";
  expectInvalid(in, "bom");
  const json out = json::parse(kf::api::exportReport("not json"));
  EXPECT_EQ(out["error"]["kind"], "invalid_input");
}

// The report reads what the other calls answer: portfolioValue's snapshot and
// costBasis's result go in unchanged.
TEST(ExportReport, BalancesFromPortfolioValue) {
  const json holdings = json::array({{{"exchange", "binance"},
                                      {"account", "spot"},
                                      {"asset", "BTC"},
                                      {"free", "0.5"},
                                      {"locked", "0.25"},
                                      {"total", "0.75"}},
                                     {{"exchange", "kraken"},
                                      {"account", "spot"},
                                      {"asset", "XYZ"},
                                      {"free", "3"},
                                      {"locked", "0"},
                                      {"total", "3"}}});
  const json tickers = json::array(
      {{{"exchange", "binance"}, {"base", "BTC"}, {"quote", "USD"}, {"last", "60000"}}});
  const json value = json::parse(kf::api::portfolioValue(
      json{{"currency", "USD"}, {"holdings", holdings}, {"tickers", tickers}}.dump()));
  ASSERT_EQ(value["ok"], true) << value.dump();
  const json out = call(withKind({{"snapshot", value}, {"holdings", holdings}}, "balances_csv"));
  ASSERT_EQ(out["ok"], true) << out.dump();
  const std::string csv = out["content"];
  EXPECT_NE(csv.find("\r\nBTC,binance,spot,0.5,0.25,0.75,60000,45000"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\nXYZ,kraken,spot,3,0,3,,\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\nTOTAL,,,,,,,45000"), std::string::npos) << csv;
  const json js = call(withKind({{"snapshot", value}}, "balances_json"));
  ASSERT_EQ(js["ok"], true) << js.dump();
  EXPECT_EQ(json::parse(js["content"].get<std::string>())["assets"][0]["asset"], "BTC");
}

TEST(ExportReport, Form8949FromCostBasis) {
  const auto trade = [](std::string id, int64_t time, std::string side, std::string amount,
                        std::string cost) {
    return json{{"exchange", "kraken"}, {"id", id},          {"time", time},
                {"symbol", "BTC/USD"},  {"base", "BTC"},     {"quote", "USD"},
                {"side", side},         {"amount", amount},  {"price", "0"},
                {"cost", cost},         {"feeAsset", "USD"}, {"fee", "0"}};
  };
  const json trades = json::array({trade("b1", 1675209600000, "buy", "1", "20000"),
                                   trade("s1", 1742041800000, "sell", "0.5", "30000"),
                                   trade("s2", 1748790000000, "sell", "0.6", "36000")});
  const json basis = json::parse(kf::api::costBasis(json{
      {"currency", "USD"},
      {"taxYear", 2025},
      {"trades", trades},
      {"transfers", json::array()},
      {"prices", json::object()}}.dump()));
  ASSERT_EQ(basis["ok"], true) << basis.dump();
  const json out = call(withKind({{"costBasis", basis}}, "form8949_csv"));
  ASSERT_EQ(out["ok"], true) << out.dump();
  const std::string csv = out["content"];
  EXPECT_EQ(out["filename"], "keyfolio-form8949-2025-2026-11-28.csv");
  // Both sales are long-term (bought 2023); the 0.1 BTC sold beyond the holding has no
  // acquisition, so it is listed apart and kept out of the totals.
  EXPECT_NE(csv.find("\r\n0.5 BTC,02/01/2023,03/15/2025,30000.00,10000.00,,,20000.00,\r\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("\r\n0.5 BTC,02/01/2023,06/01/2025,30000.00,10000.00,,,20000.00,\r\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("\r\nTotals,,,60000.00,20000.00,,,40000.00,\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\n0.1 BTC,,06/01/2025,6000.00,,,,,no acquisition found"), std::string::npos)
      << csv;
}
