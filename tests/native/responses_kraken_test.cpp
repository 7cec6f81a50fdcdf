// Kraken answers → normalized model: asset names, suffixes, pairs, paging, errors.
#include <gtest/gtest.h>

#include "exchanges/kraken/kraken.hpp"
#include "exchanges/kraken/kraken_assets.hpp"
#include "responses_fixture.hpp"

using namespace kf;
using namespace kf::exchanges;
using namespace kf::testing;
using nlohmann::json;

namespace {

const Kraken kKraken;

Answer ok(const std::string& name) {
  return {200, fixture("kraken/" + name), {}};
}

json findAsset(const json& balances, const std::string& asset, const std::string& account) {
  for (const auto& b : balances)
    if (b["asset"] == asset && b["account"] == account) return b;
  return nullptr;
}

}  // namespace

TEST(ResponsesKraken, ServerTimeAndWarnings) {
  EXPECT_EQ(parse(kKraken, Operation::ServerTime, ok("time.json")).data["serverTimeMs"],
            1688669448000);
  // A warning alone does not fail the call.
  EXPECT_EQ(parse(kKraken, Operation::ServerTime, ok("warning_only.json")).data["serverTimeMs"],
            1688669448000);
}

TEST(ResponsesKraken, AssetNames) {
  const auto n = [](const char* code) {
    const auto a = kraken::normalizeAsset(code);
    return a.asset + ":" + a.account;
  };
  EXPECT_EQ(n("XXBT"), "BTC:spot");
  EXPECT_EQ(n("XBT"), "BTC:spot");
  EXPECT_EQ(n("XETH"), "ETH:spot");
  EXPECT_EQ(n("ZUSD"), "USD:spot");
  EXPECT_EQ(n("ZEUR"), "EUR:spot");
  EXPECT_EQ(n("XXDG"), "DOGE:spot");
  EXPECT_EQ(n("XTZ"), "XTZ:spot");  // Tezos, not a prefixed "TZ"
  EXPECT_EQ(n("ZRX"), "ZRX:spot");
  EXPECT_EQ(n("USDT"), "USDT:spot");
  EXPECT_EQ(n("DOT.S"), "DOT:staked");
  EXPECT_EQ(n("DOT28.S"), "DOT:staked");
  EXPECT_EQ(n("SOL03.S"), "SOL:staked");
  EXPECT_EQ(n("API3.S"), "API3:staked");  // one digit is part of the name
  EXPECT_EQ(n("ETH2.S"), "ETH:staked");
  EXPECT_EQ(n("ETH2"), "ETH:staked");
  EXPECT_EQ(n("USD.M"), "USD:earn");
  EXPECT_EQ(n("XBT.F"), "BTC:earn");
  EXPECT_EQ(n("USDT.B"), "USDT:earn");
  EXPECT_EQ(n("KSM.P"), "KSM:staked");
  EXPECT_EQ(n("USD.HOLD"), "USD:hold");
  EXPECT_EQ(n("FOO.Q"), "FOO.Q:spot");  // unknown suffix: kept, never guessed
}

TEST(ResponsesKraken, PairNames) {
  const auto p = [](const char* pair) {
    const auto m = kraken::splitPair(pair);
    return m ? m->first + "/" + m->second : std::string("none");
  };
  EXPECT_EQ(p("XXBTZUSD"), "BTC/USD");
  EXPECT_EQ(p("XETHXXBT"), "ETH/BTC");
  EXPECT_EQ(p("XBTUSDT"), "BTC/USDT");
  EXPECT_EQ(p("DOTUSD"), "DOT/USD");
  EXPECT_EQ(p("XDGUSD"), "DOGE/USD");
  EXPECT_EQ(p("USDCUSD"), "USDC/USD");
  EXPECT_EQ(p("ETHPYUSD"), "ETH/PYUSD");
  EXPECT_EQ(p("ETH2.SETH"), "ETH/ETH");
  EXPECT_EQ(p("FOOBAR"), "none");
}

TEST(ResponsesKraken, BalancesSumSuffixedNamesAndKeepAmountsExact) {
  const json b = parse(kKraken, Operation::Balances, ok("balance.json")).data["balances"];
  expectStringsOnly(b, {"free", "locked", "total"});
  EXPECT_EQ(findAsset(b, "BTC", "spot")["total"], "1011.1908877900");
  EXPECT_EQ(findAsset(b, "USD", "spot")["total"], "171288.6158");
  EXPECT_EQ(findAsset(b, "USD", "earn")["total"], "1213029.2780");
  EXPECT_EQ(findAsset(b, "USD", "hold")["total"], "12.50");
  EXPECT_EQ(findAsset(b, "DOGE", "spot")["total"], "1000.00000000");
  // ETH2 and ETH2.S are both staked ETH; DOT.S and DOT28.S both staked DOT.
  EXPECT_EQ(findAsset(b, "ETH", "staked")["total"], "200.9856374330");
  EXPECT_EQ(findAsset(b, "DOT", "staked")["total"], "11.5000000000");
  EXPECT_EQ(findAsset(b, "DOT", "spot")["total"], "2.5000000000");
  EXPECT_EQ(findAsset(b, "BTC", "earn")["total"], "0.0100000000");
  EXPECT_EQ(findAsset(b, "ATOM", "staked")["total"], "3.25");
  EXPECT_EQ(findAsset(b, "KSM", "staked")["total"], "0.75");
  EXPECT_EQ(findAsset(b, "SHIB", "spot")["total"], "0.000000000000000001");
  EXPECT_EQ(findAsset(b, "PEPE", "spot")["total"], "123456789012345678901234.5");
  EXPECT_TRUE(findAsset(b, "GBP", "spot").is_null());  // zero dropped
  EXPECT_TRUE(findAsset(b, "ADA", "spot").is_null());
  for (const auto& row : b) EXPECT_EQ(row["locked"], "0") << row.dump();

  const json ex = parse(kKraken, Operation::Balances, ok("balance_ex.json")).data["balances"];
  const auto usd = findAsset(ex, "USD", "spot");
  EXPECT_EQ(usd["free"], "17185.45");
  EXPECT_EQ(usd["locked"], "8249.76");
  EXPECT_EQ(usd["total"], "25435.21");
  EXPECT_TRUE(findAsset(ex, "ETH", "spot").is_null());
  EXPECT_EQ(findAsset(ex, "DOT", "staked")["total"], "10.0");

  EXPECT_EQ(parse(kKraken, Operation::Balances, ok("balance_empty.json")).data["balances"],
            json::array());
}

TEST(ResponsesKraken, TradesSortedNormalizedAndPaged) {
  auto r = parse(kKraken, Operation::Trades, ok("trades_history.json"), {{"ofs", 50}});
  const auto& t = r.data["trades"];
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0]["id"], "TA2CVF-7ZQJM-OUAEBQ");  // oldest first
  EXPECT_EQ(t[0]["time"], 1688600000500);
  EXPECT_EQ(t[0]["symbol"], "BTC/USDT");
  EXPECT_EQ(t[1]["symbol"], "ETH/BTC");
  EXPECT_EQ(t[1]["side"], "sell");
  EXPECT_EQ(t[1]["fee"], "0.0001625");
  EXPECT_EQ(t[1]["feeAsset"], "BTC");
  EXPECT_EQ(t[2], (json{{"exchange", "kraken"},
                        {"id", "THVRQM-33VKH-UCI7BS"},
                        {"time", 1688667796880},
                        {"symbol", "BTC/USD"},
                        {"base", "BTC"},
                        {"quote", "USD"},
                        {"side", "buy"},
                        {"amount", "0.02000000"},
                        {"price", "30010.00000"},
                        {"cost", "600.20000"},
                        {"feeAsset", "USD"},
                        {"fee", "0.00000"}}));
  ASSERT_TRUE(r.next);  // 50 + 3 < 120
  EXPECT_EQ(*r.next, (json{{"ofs", 53}}));

  r = parse(kKraken, Operation::Trades, ok("trades_history_last_page.json"), {{"ofs", 100}});
  EXPECT_FALSE(r.next);  // 100 + 1 == 101
  r = parse(kKraken, Operation::Trades, ok("trades_empty.json"));
  EXPECT_EQ(r.data["trades"], json::array());
  EXPECT_FALSE(r.next);

  const auto e = parseError(kKraken, Operation::Trades, ok("trades_wrong_shape.json"));
  EXPECT_EQ(e.kind(), ErrorKind::Malformed);
  EXPECT_TRUE(contains(e.what(), "'vol'")) << e.what();
}

TEST(ResponsesKraken, Ledger) {
  const auto r = parse(kKraken, Operation::Ledger, ok("ledgers.json"));
  const auto& l = r.data["ledger"];
  ASSERT_EQ(l.size(), 3u);
  EXPECT_EQ(l[0]["type"], "deposit");
  EXPECT_EQ(l[0]["asset"], "BTC");
  EXPECT_EQ(l[1]["asset"], "DOT");
  EXPECT_EQ(l[1]["account"], "staked");
  EXPECT_EQ(l[2], (json{{"exchange", "kraken"},
                        {"id", "L4UESK-KG3EQ-UFO4T5"},
                        {"refid", "TJKLXF-PGMUI-4NTLXU"},
                        {"time", 1688464484178},
                        {"type", "trade"},
                        {"subtype", ""},
                        {"asset", "GBP"},
                        {"account", "spot"},
                        {"amount", "-24.5000"},
                        {"fee", "0.0490"},
                        {"balance", "459567.9171"}}));
  EXPECT_FALSE(r.next);
}

TEST(ResponsesKraken, DepositsAndWithdrawals) {
  auto r = parse(kKraken, Operation::Deposits, ok("deposit_status.json"), {{"asset", "XBT"}});
  const auto& d = r.data["transfers"];
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0]["asset"], "BTC");
  EXPECT_EQ(d[0]["status"], "failed");  // Success, then returned
  EXPECT_EQ(d[0]["network"], "Bitcoin");
  EXPECT_EQ(d[0]["address"], "2Myd4eaAW96ojk38A2uDK4FbioCayvkEgVq");
  EXPECT_EQ(d[0]["time"], 1688992722000);
  EXPECT_EQ(d[1]["status"], "pending");
  EXPECT_EQ(d[1]["fee"], "0");
  EXPECT_EQ(d[2]["asset"], "EUR");
  ASSERT_TRUE(r.next);
  EXPECT_EQ(*r.next, (json{{"asset", "XBT"}, {"cursor", "MTY4ODk5MDAwMA=="}}));
  r = parse(kKraken, Operation::Deposits, ok("deposit_status_empty.json"));
  EXPECT_EQ(r.data["transfers"], json::array());
  EXPECT_FALSE(r.next);

  r = parse(kKraken, Operation::Withdrawals, ok("withdraw_status.json"));
  const auto& w = r.data["transfers"];
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0]["type"], "withdrawal");
  EXPECT_EQ(w[0]["fee"], "0.00015000");
  EXPECT_EQ(w[0]["status"], "pending");
  EXPECT_EQ(w[1]["status"], "canceled");
  EXPECT_FALSE(r.next);
}

TEST(ResponsesKraken, TickersAndCandles) {
  auto r = parse(kKraken, Operation::Tickers, ok("ticker.json"));
  const auto& t = r.data["tickers"];
  ASSERT_EQ(t.size(), 3u);
  // Result keys come back sorted: XDGUSD, XETHZEUR, XXBTZUSD.
  EXPECT_EQ(t[0]["symbol"], "DOGE/USD");
  EXPECT_EQ(t[1]["symbol"], "ETH/EUR");
  EXPECT_EQ(t[2], (json{{"exchange", "kraken"},
                        {"symbol", "BTC/USD"},
                        {"base", "BTC"},
                        {"quote", "USD"},
                        {"last", "30303.20000"},
                        {"open24h", "30502.80000"},
                        {"bid", "30300.00000"},
                        {"ask", "30300.10000"}}));
  EXPECT_FALSE(r.data.contains("skipped"));

  r = parse(kKraken, Operation::Candles, ok("ohlc.json"), {{"pair", "XBTUSD"}});
  const auto& c = r.data["candles"];
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0], (json{{"exchange", "kraken"},
                        {"symbol", "BTC/USD"},
                        {"time", 1688671200000},
                        {"open", "30306.1"},
                        {"high", "30306.2"},
                        {"low", "30305.7"},
                        {"close", "30305.7"},
                        {"volume", "3.39243896"}}));
}

TEST(ResponsesKraken, PermissionsUnsupported) {
  EXPECT_EQ(parseError(kKraken, Operation::Permissions, ok("time.json")).kind(),
            ErrorKind::Unsupported);
}

TEST(ResponsesKraken, ErrorKinds) {
  const auto err = [](const std::string& file, int status = 200,
                      std::map<std::string, std::string> h = {}) {
    return parseError(kKraken, Operation::Balances,
                      {status, fixture("kraken/" + file), std::move(h)});
  };
  auto e = err("error_invalid_nonce.json");
  EXPECT_EQ(e.kind(), ErrorKind::Nonce);
  EXPECT_TRUE(contains(e.what(), "EAPI:Invalid nonce")) << e.what();
  e = err("error_invalid_key.json");
  EXPECT_EQ(e.kind(), ErrorKind::Auth);
  EXPECT_TRUE(contains(e.what(), "Kraken rejected the key")) << e.what();
  e = err("error_invalid_signature.json");
  EXPECT_EQ(e.kind(), ErrorKind::Auth);
  EXPECT_TRUE(contains(e.what(), "private key")) << e.what();
  EXPECT_EQ(err("error_permission_denied.json").kind(), ErrorKind::Permission);
  e = err("error_rate_limit.json", 200, {{"retry-after", "15"}});
  EXPECT_EQ(e.kind(), ErrorKind::RateLimit);
  EXPECT_EQ(e.retryAfterMs(), 15000);
  EXPECT_FALSE(err("error_rate_limit.json").retryAfterMs());  // Kraken gave no time: none invented
  EXPECT_EQ(err("error_lockout.json").kind(), ErrorKind::RateLimit);
  EXPECT_EQ(err("error_unavailable.json").kind(), ErrorKind::Unavailable);
  EXPECT_EQ(err("error_busy.json").kind(), ErrorKind::Unavailable);
  EXPECT_EQ(err("error_unknown_pair.json").kind(), ErrorKind::BadRequest);
  e = err("cloudflare_520.txt", 520);
  EXPECT_EQ(e.kind(), ErrorKind::Unavailable);
  EXPECT_LT(std::string(e.what()).size(), 300u);
  e = err("balance_truncated.json");
  EXPECT_EQ(e.kind(), ErrorKind::Malformed);
  e = err("result_missing.json");
  EXPECT_EQ(e.kind(), ErrorKind::Malformed);
  EXPECT_TRUE(contains(e.what(), "'result'")) << e.what();
  // JSON errors on a 5xx are still read.
  EXPECT_EQ(err("error_invalid_nonce.json", 500).kind(), ErrorKind::Nonce);
  EXPECT_EQ(
      parseError(kKraken, Operation::Balances, {200, R"({"error":[],"result":[1,2]})", {}}).kind(),
      ErrorKind::Malformed);
}

TEST(ResponsesKraken, FeeCreditsAreNotAHolding) {
  Answer a;
  a.status = 200;
  a.body = R"({"error":[],"result":{"XXBT":"0.5","KFEE":"1000.00"}})";
  const json b = parse(kKraken, Operation::Balances, a).data["balances"];
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0]["asset"], "BTC");
}
