#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "exchanges/exchange.hpp"

using nlohmann::json;

namespace {
json call(const json& in) {
  return json::parse(kf::api::buildRequest(in.dump()));
}
}  // namespace

TEST(SigningApi, ExchangesDescribesAllThree) {
  const auto out = json::parse(kf::api::exchanges());
  ASSERT_TRUE(out["ok"].get<bool>());
  const auto& list = out["exchanges"];
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0]["id"], "binance");
  EXPECT_EQ(list[1]["id"], "kraken");
  EXPECT_EQ(list[2]["id"], "coinbase");
  EXPECT_EQ(list[0]["name"], "Binance");
  EXPECT_EQ(list[0]["keyTypes"], (json{"hmac", "ed25519", "rsa"}));
  EXPECT_EQ(list[0]["credentialFields"][1], (json{{"name", "secret"},
                                                  {"label", "Secret key or private key (PEM)"},
                                                  {"multiline", true}}));
  EXPECT_EQ(list[1]["operations"], (json{"serverTime", "balances", "trades", "deposits",
                                         "withdrawals", "ledger", "tickers", "candles"}));
  EXPECT_FALSE(list[1]["reportsPermissions"].get<bool>());
  EXPECT_EQ(list[2]["hosts"], (json{"api.coinbase.com"}));
}

TEST(SigningApi, OperationNamesRoundTrip) {
  using kf::exchanges::Operation;
  for (auto op : {Operation::ServerTime, Operation::Permissions, Operation::Balances,
                  Operation::Trades, Operation::Deposits, Operation::Withdrawals, Operation::Ledger,
                  Operation::Tickers, Operation::Candles})
    EXPECT_EQ(kf::exchanges::operationFromString(kf::exchanges::to_string(op)), op);
  EXPECT_EQ(&kf::exchanges::exchangeById("kraken"), kf::exchanges::allExchanges()[1]);
}

TEST(SigningApi, BuildRequestAnswersMethodUrlHeadersBody) {
  const auto out = call(
      {{"exchange", "kraken"},
       {"operation", "balances"},
       {"credentials",
        {{"apiKey", "k"},
         {"secret",
          "kQH5HW/"
          "8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg=="}}},
       {"nowMs", 1616492376594},
       {"nonce", 1616492376594}});
  ASSERT_TRUE(out["ok"].get<bool>()) << out.dump();
  EXPECT_EQ(out["method"], "POST");
  EXPECT_EQ(out["url"], "https://api.kraken.com/0/private/BalanceEx");
  EXPECT_EQ(out["body"], "nonce=1616492376594");
  EXPECT_EQ(out["headers"]["API-Key"], "k");
  EXPECT_EQ(out["headers"]["API-Sign"].get<std::string>().size(), 88u);

  const auto pub = call({{"exchange", "binance"}, {"operation", "serverTime"}});
  EXPECT_EQ(pub, (json{{"ok", true},
                       {"method", "GET"},
                       {"url", "https://api.binance.com/api/v3/time"},
                       {"headers", json::object()},
                       {"body", ""},
                       {"cost", 1}}));
}

TEST(SigningApi, BuildRequestIsDeterministicGivenNowAndNonce) {
  const json in = {{"exchange", "binance"},
                   {"operation", "balances"},
                   {"credentials", {{"apiKey", "a"}, {"secret", "s"}}},
                   {"nowMs", "1499827319559"}};
  EXPECT_EQ(kf::api::buildRequest(in.dump()), kf::api::buildRequest(in.dump()));
  EXPECT_NE(call(in)["url"].get<std::string>().find("timestamp=1499827319559&signature="),
            std::string::npos);
}

TEST(SigningApi, BuildRequestErrorsAreValues) {
  auto out = call({{"exchange", "ftx"}, {"operation", "balances"}});
  EXPECT_EQ(out["error"], (json{{"kind", "unsupported"}, {"message", "unknown exchange 'ftx'"}}));
  out = call({{"exchange", "binance"}, {"operation", "orders"}});
  EXPECT_EQ(out["error"]["message"], "unknown operation 'orders'");
  out = call({{"exchange", "binance"}, {"operation", "tickers"}, {"params", "BTCUSDT"}});
  EXPECT_EQ(out["error"],
            (json{{"kind", "invalid_input"}, {"message", "field 'params' must be an object"}}));
  out = call({{"exchange", "binance"}, {"operation", "balances"}, {"nowMs", 1499827319559}});
  EXPECT_EQ(out["error"],
            (json{{"kind", "bad_credentials"},
                  {"message", "apiKey: missing (Binance needs it for this operation)"}}));
  out = call({{"exchange", "kraken"}, {"operation", "permissions"}});
  EXPECT_EQ(out["error"]["kind"], "unsupported");
  out =
      call({{"exchange", "coinbase"}, {"operation", "balances"}, {"credentials", {{"secret", 3}}}});
  EXPECT_EQ(out["error"],
            (json{{"kind", "invalid_input"}, {"message", "field 'secret' must be a string"}}));
  out = call({{"exchange", "kraken"}, {"operation", "balances"}, {"nonce", 1.5}});
  EXPECT_EQ(out["error"]["message"], "field 'nonce' must be a string or an integer");
  EXPECT_EQ(json::parse(kf::api::buildRequest("[1]"))["error"]["kind"], "invalid_input");
}
