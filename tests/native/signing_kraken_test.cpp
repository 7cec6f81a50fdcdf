#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "core/error.hpp"
#include "crypto/encoding.hpp"
#include "crypto/hashes.hpp"
#include "exchanges/kraken/kraken.hpp"

using namespace kf::exchanges;
using nlohmann::json;

namespace {

// The secret of Kraken's official signing example (reference §2.2).
constexpr const char* kSecret =
    "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";

RequestContext privateContext(json params = json::object()) {
  RequestContext ctx;
  ctx.credentials.apiKey = "my-kraken-key";
  ctx.credentials.secret = kSecret;
  ctx.params = std::move(params);
  ctx.nowMs = 1616492376594;
  ctx.nonce = "1616492376594";
  return ctx;
}

HttpRequest build(Operation op, const RequestContext& ctx) {
  return Kraken().buildRequest(op, ctx);
}

std::string failure(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const kf::CoreError& e) {
    return std::string(kf::to_string(e.kind())) + ": " + e.what();
  }
  return "no error";
}

std::string header(const HttpRequest& req, const std::string& name) {
  for (const auto& [n, v] : req.headers)
    if (n == name) return v;
  return "";
}

// API-Sign as the reference defines it, for the path and body of a built request.
std::string expectedSign(const std::string& path, const std::string& nonce,
                         const std::string& body) {
  return kf::crypto::base64Encode(kf::crypto::hmacSha512(kf::crypto::base64Decode(kSecret).value(),
                                                         path + kf::crypto::sha256(nonce + body)));
}

}  // namespace

TEST(SigningKraken, BalancesPostBalanceExWithSignedNonce) {
  const auto req = build(Operation::Balances, privateContext());
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.url, "https://api.kraken.com/0/private/BalanceEx");
  EXPECT_EQ(req.body, "nonce=1616492376594");
  EXPECT_EQ(header(req, "API-Key"), "my-kraken-key");
  EXPECT_EQ(header(req, "Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(header(req, "API-Sign"),
            expectedSign("/0/private/BalanceEx", "1616492376594", "nonce=1616492376594"));
}

TEST(SigningKraken, TradesAndLedgerPageByOffsetWithSecondsWindow) {
  auto req = build(Operation::Trades, privateContext());
  EXPECT_EQ(req.url, "https://api.kraken.com/0/private/TradesHistory");
  EXPECT_EQ(req.body, "nonce=1616492376594&ofs=0");
  req = build(Operation::Trades,
              privateContext({{"ofs", 50}, {"startMs", 1699457638000}, {"endMs", 1699457639999}}));
  EXPECT_EQ(req.body, "nonce=1616492376594&ofs=50&start=1699457638&end=1699457639");
  EXPECT_EQ(header(req, "API-Sign"),
            expectedSign("/0/private/TradesHistory", "1616492376594", req.body));
  req = build(Operation::Ledger,
              privateContext({{"ofs", "100"}, {"asset", "XXBT,ZEUR"}, {"type", "staking"}}));
  EXPECT_EQ(req.url, "https://api.kraken.com/0/private/Ledgers");
  EXPECT_EQ(req.body, "nonce=1616492376594&ofs=100&asset=XXBT%2CZEUR&type=staking");
  EXPECT_EQ(header(req, "API-Sign"), expectedSign("/0/private/Ledgers", "1616492376594", req.body));
  EXPECT_EQ(failure([] {
              build(Operation::Trades, privateContext({{"ofs", -1}}));
            }),
            "invalid_input: params.ofs must be between 0 and 2147483647");
}

TEST(SigningKraken, DepositsAndWithdrawalsUseCursorPaging) {
  auto req = build(Operation::Deposits, privateContext({{"asset", "XBT"}}));
  EXPECT_EQ(req.url, "https://api.kraken.com/0/private/DepositStatus");
  EXPECT_EQ(req.body, "nonce=1616492376594&asset=XBT&cursor=true");
  req = build(Operation::Withdrawals, privateContext({{"cursor", "abc=="}, {"limit", 100}}));
  EXPECT_EQ(req.url, "https://api.kraken.com/0/private/WithdrawStatus");
  EXPECT_EQ(req.body, "nonce=1616492376594&limit=100&cursor=abc%3D%3D");
  EXPECT_EQ(header(req, "API-Sign"),
            expectedSign("/0/private/WithdrawStatus", "1616492376594", req.body));
}

TEST(SigningKraken, PublicTimeTickerAndOhlc) {
  RequestContext ctx;
  EXPECT_EQ(build(Operation::ServerTime, ctx).url, "https://api.kraken.com/0/public/Time");
  EXPECT_EQ(build(Operation::Tickers, ctx).url, "https://api.kraken.com/0/public/Ticker");
  ctx.params = {{"pairs", {"XBTUSD", "ETHUSD"}}};
  auto req = build(Operation::Tickers, ctx);
  EXPECT_EQ(req.url, "https://api.kraken.com/0/public/Ticker?pair=XBTUSD%2CETHUSD");
  EXPECT_EQ(req.method, "GET");
  EXPECT_TRUE(req.headers.empty());
  ctx.params = {{"base", "btc"}, {"quote", "USD"}, {"startMs", 1688669448123}};
  EXPECT_EQ(build(Operation::Candles, ctx).url,
            "https://api.kraken.com/0/public/OHLC?pair=XBTUSD&interval=1440&since=1688669448");
  ctx.params = {{"pair", "XDGEUR"}, {"interval", "1h"}};
  EXPECT_EQ(build(Operation::Candles, ctx).url,
            "https://api.kraken.com/0/public/OHLC?pair=XDGEUR&interval=60");
  ctx.params = {{"pair", "XBTUSD"}, {"interval", "2h"}};
  EXPECT_EQ(failure([&] { build(Operation::Candles, ctx); }),
            "invalid_input: params.interval: Kraken offers only 1m 5m 15m 30m 1h 4h 1d 1w");
  ctx.params = json::object();
  EXPECT_EQ(failure([&] { build(Operation::Candles, ctx); }),
            "invalid_input: params.pair is required (Kraken's name, e.g. XBTUSD), or params.base "
            "and params.quote");
}

TEST(SigningKraken, ErrorsForNonceCredentialsAndPermissions) {
  auto ctx = privateContext();
  ctx.nonce = "";
  EXPECT_EQ(failure([&] { build(Operation::Balances, ctx); }),
            "invalid_input: nonce must be a decimal integer that increases with every Kraken call "
            "(e.g. the time in milliseconds)");
  ctx.nonce = "12a";
  EXPECT_NE(failure([&] { build(Operation::Balances, ctx); }).find("invalid_input: nonce"),
            std::string::npos);
  ctx = privateContext();
  ctx.credentials.secret = "not base64!";
  EXPECT_EQ(failure([&] { build(Operation::Balances, ctx); }),
            "bad_credentials: secret: not valid base64");
  ctx = privateContext();
  ctx.credentials.apiKey = "";
  EXPECT_EQ(failure([&] { build(Operation::Balances, ctx); }),
            "bad_credentials: apiKey: missing (Kraken needs it for this operation)");
  ctx = privateContext();
  ctx.credentials.keyType = "rsa";
  EXPECT_EQ(failure([&] { build(Operation::Balances, ctx); }),
            "bad_credentials: keyType: Kraken keys are HMAC keys, not 'rsa'");
  EXPECT_EQ(failure([] { build(Operation::Permissions, privateContext()); }),
            "unsupported: Kraken has no endpoint that reports a key's permissions; check them on "
            "kraken.com (Settings > API)");
  const auto& info = Kraken().info();
  EXPECT_FALSE(info.reportsPermissions);
  EXPECT_EQ(std::count(info.operations.begin(), info.operations.end(), Operation::Permissions), 0);
  EXPECT_EQ(std::count(info.operations.begin(), info.operations.end(), Operation::Ledger), 1);
}
