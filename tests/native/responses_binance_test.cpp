// Binance answers → normalized model, and every error kind Binance can send.
#include <gtest/gtest.h>

#include "exchanges/binance/binance.hpp"
#include "exchanges/binance/binance_assets.hpp"
#include "responses_fixture.hpp"

using namespace kf;
using namespace kf::exchanges;
using namespace kf::testing;
using nlohmann::json;

namespace {

const Binance kBinance;

Answer ok(const std::string& name) {
  return {200, fixture("binance/" + name), {}};
}

json findAsset(const json& balances, const std::string& asset, const std::string& account) {
  for (const auto& b : balances)
    if (b["asset"] == asset && b["account"] == account) return b;
  return nullptr;
}

}  // namespace

TEST(ResponsesBinance, ServerTime) {
  EXPECT_EQ(parse(kBinance, Operation::ServerTime, ok("server_time.json")).data,
            (json{{"serverTimeMs", 1499827319559}}));
}

TEST(ResponsesBinance, PermissionsMapFlags) {
  auto p = parse(kBinance, Operation::Permissions, ok("permissions.json")).data["permissions"];
  EXPECT_TRUE(p["canRead"]);
  EXPECT_TRUE(p["canTrade"]);  // enablePortfolioMarginTrading alone makes it a trading key
  EXPECT_FALSE(p["canWithdraw"]);
  EXPECT_FALSE(p["canTransfer"]);
  EXPECT_EQ(p["ipRestricted"], false);
  EXPECT_EQ(p["createdMs"], 1698645219000);
  EXPECT_EQ(p["details"]["enableFixReadOnly"], true);
  EXPECT_EQ(p["source"], "binance:apiRestrictions");

  p = parse(kBinance, Operation::Permissions, ok("permissions_read_only.json")).data["permissions"];
  EXPECT_TRUE(p["canRead"]);
  EXPECT_FALSE(p["canTrade"]);
  EXPECT_FALSE(p["canWithdraw"]);
  EXPECT_FALSE(p["canTransfer"]);
  EXPECT_EQ(p["ipRestricted"], true);

  // A missing withdrawal flag must not read as "cannot withdraw".
  const auto e = parseError(kBinance, Operation::Permissions, ok("permissions_wrong_shape.json"));
  EXPECT_EQ(e.kind(), ErrorKind::Malformed);
  EXPECT_TRUE(contains(e.what(), "'enableWithdrawals'"));
}

TEST(ResponsesBinance, BalancesNormalizeLdAssetsDropZerosAndKeepAmountsExact) {
  const auto result = parse(kBinance, Operation::Balances, ok("account.json"));
  EXPECT_FALSE(result.next);
  const auto& b = result.data["balances"];
  expectStringsOnly(b, {"free", "locked", "total"});
  EXPECT_EQ(findAsset(b, "BTC", "spot")["total"], "4723846.89208129");
  const auto ltc = findAsset(b, "LTC", "spot");
  EXPECT_EQ(ltc["free"], "4763368.68006011");
  EXPECT_EQ(ltc["locked"], "1.50000000");
  EXPECT_EQ(ltc["total"], "4763370.18006011");
  EXPECT_TRUE(findAsset(b, "ETH", "spot").is_null());                // zero balance dropped
  EXPECT_EQ(findAsset(b, "BTC", "earn")["total"], "0.01000000");     // LDBTC
  EXPECT_EQ(findAsset(b, "USDT", "earn")["total"], "250.12345678");  // LDUSDT (known list)
  EXPECT_EQ(findAsset(b, "LDO", "spot")["total"], "42.00000000");    // Lido, not earn "O"
  EXPECT_EQ(findAsset(b, "LDO", "earn")["total"], "3.00000000");     // LDLDO
  EXPECT_EQ(findAsset(b, "LDZZZ", "spot")["total"], "7.00000000");   // unknown: kept as is
  EXPECT_EQ(findAsset(b, "SHIB", "spot")["total"], "0.000000000000000001");
  EXPECT_EQ(findAsset(b, "PEPE", "spot")["free"], "123456789012345678901234.5");
  EXPECT_EQ(b.size(), 9u);
  for (const auto& row : b) EXPECT_EQ(row["exchange"], "binance");

  EXPECT_EQ(parse(kBinance, Operation::Balances, ok("account_empty.json")).data["balances"],
            json::array());
}

TEST(ResponsesBinance, LdRule) {
  const std::set<std::string> listed = {"LDO", "FOO", "LDFOO"};
  EXPECT_EQ(binance::normalizeAsset("LDFOO", listed).account, "earn");  // FOO listed
  EXPECT_EQ(binance::normalizeAsset("LDFOO", listed).asset, "FOO");
  EXPECT_EQ(binance::normalizeAsset("LDO", listed).account, "spot");
  EXPECT_EQ(binance::normalizeAsset("LDBNB", {}).asset, "BNB");
  EXPECT_EQ(binance::normalizeAsset("LDBAR", {}).asset, "LDBAR");
  EXPECT_EQ(binance::normalizeAsset("LD", {}).asset, "LD");
}

TEST(ResponsesBinance, WrongShapeTruncatedAndBadAmounts) {
  auto e = parseError(kBinance, Operation::Balances, ok("account_wrong_shape.json"));
  EXPECT_EQ(e.kind(), ErrorKind::Malformed);
  EXPECT_TRUE(contains(e.what(), "'balances'")) << e.what();
  e = parseError(kBinance, Operation::Balances, ok("account_truncated.json"));
  EXPECT_EQ(e.kind(), ErrorKind::Malformed);
  EXPECT_TRUE(contains(e.what(), "not valid JSON")) << e.what();
  e = parseError(kBinance, Operation::Balances, ok("account_bad_amount.json"));
  EXPECT_EQ(e.kind(), ErrorKind::Malformed);
  EXPECT_TRUE(contains(e.what(), "'free'")) << e.what();
  // The wrong operation's body: an array where an object was expected.
  e = parseError(kBinance, Operation::Balances, ok("my_trades.json"));
  EXPECT_EQ(e.kind(), ErrorKind::Malformed);
  e = parseError(kBinance, Operation::Trades, ok("account.json"), {{"symbol", "BNBBTC"}});
  EXPECT_EQ(e.kind(), ErrorKind::Malformed);
}

TEST(ResponsesBinance, TradesSplitSymbolsAndPage) {
  auto r = parse(kBinance, Operation::Trades, ok("my_trades.json"),
                 {{"symbol", "BNBBTC"}, {"limit", 2}});
  const auto& t = r.data["trades"];
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0], (json{{"exchange", "binance"},
                        {"id", "28457"},
                        {"time", 1499865549590},
                        {"symbol", "BNB/BTC"},
                        {"base", "BNB"},
                        {"quote", "BTC"},
                        {"side", "buy"},
                        {"amount", "12.00000000"},
                        {"price", "4.00000100"},
                        {"cost", "48.000012"},
                        {"feeAsset", "BNB"},
                        {"fee", "10.10000000"}}));
  EXPECT_EQ(t[1]["side"], "sell");
  // A full page (limit 2): the next page starts after the last id, keeping the symbol.
  ASSERT_TRUE(r.next);
  EXPECT_EQ(*r.next, (json{{"symbol", "BNBBTC"}, {"limit", 2}, {"fromId", 28459}}));
  // Default limit 1000: two trades is the last page.
  r = parse(kBinance, Operation::Trades, ok("my_trades.json"), {{"symbol", "BNBBTC"}});
  EXPECT_FALSE(r.next);
  r = parse(kBinance, Operation::Trades, ok("my_trades_empty.json"),
            {{"symbol", "BNBBTC"}, {"limit", 1}});
  EXPECT_EQ(r.data["trades"], json::array());
  EXPECT_FALSE(r.next);
  // The caller's base/quote win over suffix guessing.
  const std::string body = R"([{"symbol":"ABCDEF","id":1,"price":"1","qty":"2","quoteQty":"2",
    "commission":"0","commissionAsset":"DEF","time":1,"isBuyer":false}])";
  r = parse(kBinance, Operation::Trades, {200, body, {}}, {{"base", "ABC"}, {"quote", "DEF"}});
  EXPECT_EQ(r.data["trades"][0]["symbol"], "ABC/DEF");
  const auto e = parseError(kBinance, Operation::Trades, {200, body, {}});
  EXPECT_EQ(e.kind(), ErrorKind::Malformed);
  EXPECT_TRUE(contains(e.what(), "params.base")) << e.what();
}

TEST(ResponsesBinance, SymbolSplit) {
  EXPECT_EQ(binance::splitSymbol("BTCUSDT"),
            std::make_pair(std::string("BTC"), std::string("USDT")));
  EXPECT_EQ(binance::splitSymbol("ETHFDUSD")->first, "ETH");
  EXPECT_EQ(binance::splitSymbol("USDCUSDT")->first, "USDC");
  EXPECT_EQ(binance::splitSymbol("BTCTRY")->second, "TRY");
  EXPECT_FALSE(binance::splitSymbol("USDT"));
  EXPECT_FALSE(binance::splitSymbol("FOOBAR"));
}

TEST(ResponsesBinance, DepositsAndWithdrawals) {
  auto r = parse(kBinance, Operation::Deposits, ok("deposits.json"));
  const auto& d = r.data["transfers"];
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0]["type"], "deposit");
  EXPECT_EQ(d[0]["id"], "769800519366885376");
  EXPECT_EQ(d[0]["time"], 1661493146000);
  EXPECT_EQ(d[0]["asset"], "BNB");
  EXPECT_EQ(d[0]["amount"], "0.001");
  EXPECT_EQ(d[0]["fee"], "0");
  EXPECT_EQ(d[0]["status"], "ok");
  EXPECT_EQ(d[1]["status"], "pending");
  EXPECT_FALSE(r.next);
  r = parse(kBinance, Operation::Deposits, ok("deposits.json"), {{"limit", 2}, {"offset", 4}});
  ASSERT_TRUE(r.next);
  EXPECT_EQ((*r.next)["offset"], 6);

  r = parse(kBinance, Operation::Withdrawals, ok("withdrawals.json"));
  const auto& w = r.data["transfers"];
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0]["type"], "withdrawal");
  EXPECT_EQ(w[0]["time"], 1570878722000);  // "2019-10-12 11:12:02" UTC
  EXPECT_EQ(w[0]["fee"], "0.004");
  EXPECT_EQ(w[0]["status"], "ok");
  EXPECT_EQ(w[0]["network"], "ETH");
  EXPECT_EQ(w[1]["status"], "canceled");
  EXPECT_TRUE(w[1]["txid"].is_null());  // "" → not reported
  expectStringsOnly(w, {"amount", "fee"});
}

TEST(ResponsesBinance, TickersAndCandles) {
  auto r = parse(kBinance, Operation::Tickers, ok("ticker_24hr.json"));
  const auto& t = r.data["tickers"];
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0], (json{{"exchange", "binance"},
                        {"symbol", "BTC/USDT"},
                        {"base", "BTC"},
                        {"quote", "USDT"},
                        {"last", "67431.01000000"},
                        {"open24h", "66000.10000000"},
                        {"bid", "67431.00000000"},
                        {"ask", "67431.01000000"}}));
  EXPECT_EQ(t[1]["symbol"], "ETH/FDUSD");
  EXPECT_EQ(r.data["skipped"], json::array({"123456"}));
  r = parse(kBinance, Operation::Tickers, ok("ticker_price.json"));
  EXPECT_EQ(r.data["tickers"][0]["last"], "4.00000200");
  EXPECT_FALSE(r.data["tickers"][0].contains("bid"));

  r = parse(kBinance, Operation::Candles, ok("klines.json"), {{"symbol", "LTCBTC"}});
  const auto& c = r.data["candles"];
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0], (json{{"exchange", "binance"},
                        {"symbol", "LTC/BTC"},
                        {"time", 1499040000000},
                        {"open", "0.01634790"},
                        {"high", "0.80000000"},
                        {"low", "0.01575800"},
                        {"close", "0.01577100"},
                        {"volume", "148976.11427815"}}));
  EXPECT_EQ(parseError(kBinance, Operation::Candles, ok("klines.json")).kind(),
            ErrorKind::InvalidInput);
  EXPECT_EQ(parseError(kBinance, Operation::Candles, {200, "[[1499040000000,\"1\"]]", {}},
                       {{"symbol", "LTCBTC"}})
                .kind(),
            ErrorKind::Malformed);
}

TEST(ResponsesBinance, LedgerIsUnsupported) {
  EXPECT_EQ(parseError(kBinance, Operation::Ledger, {200, "[]", {}}).kind(),
            ErrorKind::Unsupported);
}

TEST(ResponsesBinance, ErrorKinds) {
  const auto err = [](int status, const std::string& file,
                      std::map<std::string, std::string> h = {}) {
    return parseError(kBinance, Operation::Balances,
                      {status, fixture("binance/" + file), std::move(h)});
  };
  auto e = err(400, "error_clock_skew.json");
  EXPECT_EQ(e.kind(), ErrorKind::ClockSkew);
  EXPECT_TRUE(contains(e.what(), "clock")) << e.what();
  EXPECT_TRUE(contains(e.what(), "-1021")) << e.what();

  e = err(401, "error_rejected_key.json");
  EXPECT_EQ(e.kind(), ErrorKind::Auth);
  EXPECT_TRUE(contains(e.what(),
                       "Binance rejected the key: it may have been deleted, mistyped or "
                       "restricted to another IP"))
      << e.what();
  EXPECT_EQ(err(400, "error_key_format.json").kind(), ErrorKind::Auth);
  e = err(400, "error_signature.json");
  EXPECT_EQ(e.kind(), ErrorKind::Auth);
  EXPECT_TRUE(contains(e.what(), "signature")) << e.what();
  EXPECT_EQ(err(401, "error_unauthorized.json").kind(), ErrorKind::Permission);
  EXPECT_EQ(err(400, "error_bad_symbol.json").kind(), ErrorKind::BadRequest);
  EXPECT_EQ(err(503, "error_busy.json").kind(), ErrorKind::Unavailable);

  e = err(429, "error_rate_limit.json", {{"retry-after", "37"}});
  EXPECT_EQ(e.kind(), ErrorKind::RateLimit);
  EXPECT_EQ(e.retryAfterMs(), 37000);

  // The ban's end time, measured against the exchange's own Date header.
  e = err(418, "error_banned.json", {{"date", "Wed, 17 Jan 2018 09:12:25 GMT"}});
  EXPECT_EQ(e.kind(), ErrorKind::RateLimit);
  EXPECT_EQ(e.retryAfterMs(), 60741);
  EXPECT_TRUE(contains(e.what(), "until 2018-01-17T09:13:25Z")) << e.what();
  // Retry-After wins when Binance sends it.
  e = err(418, "error_banned.json",
          {{"retry-after", "120"}, {"date", "Wed, 17 Jan 2018 09:12:25 GMT"}});
  EXPECT_EQ(e.retryAfterMs(), 120000);

  e = err(403, "waf_403.txt");
  EXPECT_EQ(e.kind(), ErrorKind::Permission);
  EXPECT_TRUE(contains(e.what(), "firewall")) << e.what();
  EXPECT_LT(std::string(e.what()).size(), 250u);
  e = err(502, "html_502.txt");
  EXPECT_EQ(e.kind(), ErrorKind::Unavailable);
  EXPECT_TRUE(contains(e.what(), "502")) << e.what();
  e = parseError(kBinance, Operation::Balances, {429, "", {{"retry-after", "5"}}});
  EXPECT_EQ(e.kind(), ErrorKind::RateLimit);
  EXPECT_EQ(e.retryAfterMs(), 5000);
  // A 200 HTML page (captive portal, maintenance) is not the exchange's JSON.
  e = parseError(kBinance, Operation::Balances, {200, fixture("binance/html_502.txt"), {}});
  EXPECT_EQ(e.kind(), ErrorKind::Unavailable);
  EXPECT_TRUE(contains(e.what(), "HTML")) << e.what();
}

TEST(ResponsesBinance, HugeErrorBodiesAreNotEchoed) {
  const std::string huge = R"({"code":-1121,"msg":")" + std::string(100000, 'x') + "\"}";
  const auto e = parseError(kBinance, Operation::Balances, {400, huge, {}});
  EXPECT_EQ(e.kind(), ErrorKind::BadRequest);
  EXPECT_LT(std::string(e.what()).size(), 300u);
  const auto e2 = parseError(kBinance, Operation::Balances, {500, std::string(100000, 'y'), {}});
  EXPECT_EQ(e2.kind(), ErrorKind::Unavailable);
  EXPECT_LT(std::string(e2.what()).size(), 300u);
}
