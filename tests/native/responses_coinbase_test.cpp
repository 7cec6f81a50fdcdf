// Coinbase answers (Advanced Trade v3, App v2 transactions) → normalized model, and errors.
#include <gtest/gtest.h>

#include "exchanges/coinbase/coinbase.hpp"
#include "responses_fixture.hpp"

using namespace kf;
using namespace kf::exchanges;
using namespace kf::testing;
using nlohmann::json;

namespace {

const Coinbase kCoinbase;

Answer ok(const std::string& name) {
  return {200, fixture("coinbase/" + name), {}};
}

}  // namespace

TEST(ResponsesCoinbase, ServerTime) {
  EXPECT_EQ(parse(kCoinbase, Operation::ServerTime, ok("time.json")).data["serverTimeMs"],
            1705314600123);
  EXPECT_EQ(parse(kCoinbase, Operation::ServerTime, {200, R"({"iso":"2024-01-15T10:30:00Z"})", {}})
                .data["serverTimeMs"],
            1705314600000);
}

TEST(ResponsesCoinbase, Permissions) {
  auto p = parse(kCoinbase, Operation::Permissions, ok("key_permissions.json")).data["permissions"];
  EXPECT_EQ(p, (json{{"canRead", true},
                     {"canTrade", false},
                     {"canWithdraw", false},
                     {"canTransfer", false},
                     {"ipRestricted", nullptr},
                     {"createdMs", nullptr},
                     {"source", "coinbase:key_permissions"},
                     {"details",
                      {{"can_view", true},
                       {"can_trade", false},
                       {"can_transfer", false},
                       {"portfolio_uuid", "8b3f3fd3-3a2d-4a4c-9b1e-4c5c1a2f9e11"},
                       {"portfolio_type", "DEFAULT"}}}}));
  p = parse(kCoinbase, Operation::Permissions, ok("key_permissions_full.json")).data["permissions"];
  EXPECT_TRUE(p["canTrade"]);
  EXPECT_TRUE(p["canWithdraw"]);
  const auto e = parseError(kCoinbase, Operation::Permissions, {200, R"({"can_view":true})", {}});
  EXPECT_EQ(e.kind(), ErrorKind::Malformed);
  EXPECT_TRUE(contains(e.what(), "'can_trade'")) << e.what();
}

TEST(ResponsesCoinbase, BalancesAndCursor) {
  auto r = parse(kCoinbase, Operation::Balances, ok("accounts.json"), {{"limit", 6}});
  const auto& b = r.data["balances"];
  ASSERT_EQ(b.size(), 5u);  // SOL is zero
  EXPECT_EQ(b[0], (json{{"exchange", "coinbase"},
                        {"account", "spot"},
                        {"asset", "BTC"},
                        {"free", "1.23"},
                        {"locked", "0.02"},
                        {"total", "1.25"},
                        {"accountId", "8bfc20d7-f7c6-4422-bf07-8243ca4169fe"}}));
  EXPECT_EQ(b[1]["total"], "1000.5");
  EXPECT_EQ(b[1]["accountId"], "2a2b3c4d-0000-4422-bf07-8243ca4169fe");
  EXPECT_EQ(b[2]["asset"], "ETH");
  EXPECT_EQ(b[2]["account"], "staked");
  EXPECT_EQ(b[2]["total"], "32.000000001");
  EXPECT_EQ(b[3]["total"], "0.000000000000000001");
  EXPECT_EQ(b[4]["asset"], "PEPE");
  EXPECT_EQ(b[4]["free"], "0");
  EXPECT_EQ(b[4]["locked"], "123456789012345678901234.5");
  // Every account on the page, the empty SOL one too: its history is still asked for.
  EXPECT_EQ(r.data["accounts"],
            (json{"8bfc20d7-f7c6-4422-bf07-8243ca4169fe", "2a2b3c4d-0000-4422-bf07-8243ca4169fe",
                  "3a2b3c4d-0000-4422-bf07-8243ca4169fe", "4a2b3c4d-0000-4422-bf07-8243ca4169fe",
                  "5a2b3c4d-0000-4422-bf07-8243ca4169fe", "7a2b3c4d-0000-4422-bf07-8243ca4169fe"}));
  ASSERT_TRUE(r.next);
  EXPECT_EQ(*r.next, (json{{"limit", 6}, {"cursor", "789100"}}));
  r = parse(kCoinbase, Operation::Balances, ok("accounts_last.json"), *r.next);
  ASSERT_EQ(r.data["balances"].size(), 1u);
  EXPECT_EQ(r.data["balances"][0]["accountId"], "6a2b3c4d-0000-4422-bf07-8243ca4169fe");
  EXPECT_FALSE(r.next);
  r = parse(kCoinbase, Operation::Balances, ok("accounts_empty.json"));
  EXPECT_EQ(r.data["balances"], json::array());
  EXPECT_EQ(r.data["accounts"], json::array());
  EXPECT_FALSE(r.next);
  const auto e = parseError(kCoinbase, Operation::Balances, ok("accounts_wrong_shape.json"));
  EXPECT_EQ(e.kind(), ErrorKind::Malformed);
  EXPECT_TRUE(contains(e.what(), "'available_balance'")) << e.what();
}

TEST(ResponsesCoinbase, Fills) {
  auto r = parse(kCoinbase, Operation::Trades, ok("fills.json"));
  const auto& t = r.data["trades"];
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0], (json{{"exchange", "coinbase"},
                        {"id", "1111-11111-111111"},
                        {"time", 1705314600000},
                        {"symbol", "BTC/USD"},
                        {"base", "BTC"},
                        {"quote", "USD"},
                        {"side", "buy"},
                        {"amount", "0.005"},
                        {"price", "45123.45"},
                        {"cost", "225.61725"},
                        {"feeAsset", "USD"},
                        {"fee", "1.14"}}));
  // size_in_quote: 100 USDC at 2500 is 0.04 ETH.
  EXPECT_EQ(t[1]["amount"], "0.04");
  EXPECT_EQ(t[1]["cost"], "100");
  EXPECT_EQ(t[1]["side"], "sell");
  EXPECT_EQ(t[1]["time"], 1705392000500);
  ASSERT_TRUE(r.next);
  EXPECT_EQ((*r.next)["cursor"], "789100");
  r = parse(kCoinbase, Operation::Trades, ok("fills_empty.json"), {{"cursor", "789100"}});
  EXPECT_EQ(r.data["trades"], json::array());
  EXPECT_FALSE(r.next);
  const auto e = parseError(kCoinbase, Operation::Trades, ok("fills_truncated.json"));
  EXPECT_EQ(e.kind(), ErrorKind::Malformed);
}

TEST(ResponsesCoinbase, TransfersFromV2Transactions) {
  const json params = {{"accountId", "8bfc20d7-f7c6-4422-bf07-8243ca4169fe"}};
  auto r = parse(kCoinbase, Operation::Deposits, ok("transactions.json"), params);
  const auto& d = r.data["transfers"];
  ASSERT_EQ(d.size(), 2u);  // the incoming send and the fiat deposit; the buy is no transfer
  EXPECT_EQ(d[0]["id"], "57ffb4ae-0c59-5430-bcd3-3f98f797a66c");
  EXPECT_EQ(d[0]["amount"], "0.00100000");
  EXPECT_EQ(d[0]["network"], "bitcoin");
  EXPECT_EQ(d[0]["status"], "ok");
  EXPECT_EQ(d[1]["asset"], "USD");
  ASSERT_TRUE(r.next);
  EXPECT_EQ((*r.next)["starting_after"], "d16ec2ea-3a2e-5c8e-9b5a-7a5d7b1a3c10");
  EXPECT_EQ((*r.next)["accountId"], params["accountId"]);

  r = parse(kCoinbase, Operation::Withdrawals, ok("transactions.json"), params);
  const auto& w = r.data["transfers"];
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0], (json{{"exchange", "coinbase"},
                        {"type", "withdrawal"},
                        {"id", "b1b2c3d4-0000-5430-bcd3-3f98f797a66c"},
                        {"time", 1705060800000},
                        {"asset", "BTC"},
                        {"amount", "0.00500000"},
                        {"fee", "0.00001500"},
                        {"network", "bitcoin"},
                        {"address", "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"},
                        {"txid", nullptr},
                        {"status", "pending"}}));
  EXPECT_EQ(w[1]["status"], "canceled");
  EXPECT_EQ(w[1]["amount"], "100.00");

  r = parse(kCoinbase, Operation::Deposits, ok("transactions_empty.json"), params);
  EXPECT_EQ(r.data["transfers"], json::array());
  EXPECT_FALSE(r.next);
  EXPECT_EQ(parseError(kCoinbase, Operation::Ledger, ok("transactions.json")).kind(),
            ErrorKind::Unsupported);
}

TEST(ResponsesCoinbase, TickersAndCandles) {
  auto r = parse(kCoinbase, Operation::Tickers, ok("products.json"));
  ASSERT_EQ(r.data["tickers"].size(), 2u);
  EXPECT_EQ(r.data["tickers"][0], (json{{"exchange", "coinbase"},
                                        {"symbol", "BTC/USD"},
                                        {"base", "BTC"},
                                        {"quote", "USD"},
                                        {"last", "45123.45"}}));
  EXPECT_EQ(r.data["skipped"], json::array({"OLD-USD"}));

  r = parse(kCoinbase, Operation::Candles, ok("candles.json"), {{"productId", "BTC-USD"}});
  const auto& c = r.data["candles"];
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0]["time"], 1705276800000);  // oldest first
  EXPECT_EQ(c[1], (json{{"exchange", "coinbase"},
                        {"symbol", "BTC/USD"},
                        {"time", 1705363200000},
                        {"open", "45000"},
                        {"high", "46000"},
                        {"low", "44000.01"},
                        {"close", "45500.5"},
                        {"volume", "1234.56789"}}));
  r = parse(kCoinbase, Operation::Candles, ok("candles.json"), {{"base", "ETH"}, {"quote", "EUR"}});
  EXPECT_EQ(r.data["candles"][0]["symbol"], "ETH/EUR");
  EXPECT_EQ(parseError(kCoinbase, Operation::Candles, ok("candles.json")).kind(),
            ErrorKind::InvalidInput);
}

TEST(ResponsesCoinbase, ErrorKinds) {
  const auto err = [](int status, const std::string& file,
                      std::map<std::string, std::string> h = {}) {
    return parseError(kCoinbase, Operation::Balances,
                      {status, fixture("coinbase/" + file), std::move(h)});
  };
  auto e = err(401, "unauthorized.txt");
  EXPECT_EQ(e.kind(), ErrorKind::Auth);
  EXPECT_TRUE(contains(e.what(), "Coinbase rejected the key")) << e.what();
  EXPECT_TRUE(contains(e.what(), "clock")) << e.what();
  EXPECT_EQ(err(403, "permission_denied.json").kind(), ErrorKind::Permission);
  EXPECT_EQ(err(403, "v2_invalid_scope.json").kind(), ErrorKind::Permission);
  e = err(429, "rate_limit.json", {{"retry-after", "3"}});
  EXPECT_EQ(e.kind(), ErrorKind::RateLimit);
  EXPECT_EQ(e.retryAfterMs(), 3000);
  e = err(400, "invalid_argument.json");
  EXPECT_EQ(e.kind(), ErrorKind::BadRequest);
  EXPECT_TRUE(contains(e.what(), "Invalid product_id")) << e.what();
  EXPECT_EQ(err(503, "unavailable.json").kind(), ErrorKind::Unavailable);
  e = err(502, "html_502.txt");
  EXPECT_EQ(e.kind(), ErrorKind::Unavailable);
  EXPECT_TRUE(contains(e.what(), "502")) << e.what();
  EXPECT_EQ(parseError(kCoinbase, Operation::Balances, {429, "", {}}).kind(), ErrorKind::RateLimit);
}
