// ExchangeInfo's rate limit, key guide and history notes, and how exchanges() shows them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "exchanges/exchange.hpp"

using nlohmann::json;
using namespace kf::exchanges;

namespace {

bool mentions(const std::vector<std::string>& lines, std::string_view text) {
  for (const auto& line : lines)
    if (line.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST(ExtrasInfo, EveryExchangeHasRateLimitGuideAndNotes) {
  ASSERT_FALSE(allExchanges().empty());
  for (const Exchange* exchange : allExchanges()) {
    const ExchangeInfo& info = exchange->info();
    SCOPED_TRACE(info.id);
    EXPECT_GT(info.rateLimit.capacity, 0);
    EXPECT_GT(info.rateLimit.refillPerSecond, 0.0);
    EXPECT_GE(info.keyGuide.size(), 5u);
    EXPECT_GE(info.historyNotes.size(), 3u);
    for (const auto& line : info.keyGuide) EXPECT_FALSE(line.empty());
    for (const auto& line : info.historyNotes) EXPECT_FALSE(line.empty());
    // Every guide says where the secret is shown once and how to restrict the IP.
    EXPECT_TRUE(mentions(info.keyGuide, "only once"));
    EXPECT_TRUE(mentions(info.keyGuide, "IP"));
    EXPECT_TRUE(mentions(info.keyGuide, "two-factor"));
  }
}

TEST(ExtrasInfo, DocumentedBuckets) {
  const auto& binance = exchangeById("binance").info().rateLimit;
  EXPECT_EQ(binance.capacity, 6000);  // weight per minute
  EXPECT_DOUBLE_EQ(binance.refillPerSecond, 100.0);
  const auto& kraken = exchangeById("kraken").info().rateLimit;
  EXPECT_EQ(kraken.capacity, 15);  // Starter tier
  EXPECT_DOUBLE_EQ(kraken.refillPerSecond, 0.33);
  const auto& coinbase = exchangeById("coinbase").info().rateLimit;
  EXPECT_EQ(coinbase.capacity, 30);
  EXPECT_DOUBLE_EQ(coinbase.refillPerSecond, 30.0);
}

TEST(ExtrasInfo, PublicAndPerKeyBudgets) {
  // Binance weighs every call against one budget per IP.
  EXPECT_FALSE(exchangeById("binance").info().publicRateLimit.has_value());
  EXPECT_FALSE(exchangeById("binance").info().rateLimitPerKey);
  // Kraken: a counter per key for private calls, about 1/s per IP for public ones.
  const auto& kraken = exchangeById("kraken").info();
  ASSERT_TRUE(kraken.publicRateLimit.has_value());
  EXPECT_EQ(kraken.publicRateLimit->capacity, 1);
  EXPECT_DOUBLE_EQ(kraken.publicRateLimit->refillPerSecond, 1.0);
  EXPECT_TRUE(kraken.rateLimitPerKey);
  // Coinbase: 10/s per IP for public endpoints.
  const auto& coinbase = exchangeById("coinbase").info();
  ASSERT_TRUE(coinbase.publicRateLimit.has_value());
  EXPECT_EQ(coinbase.publicRateLimit->capacity, 10);
  EXPECT_FALSE(coinbase.rateLimitPerKey);

  EXPECT_TRUE(isPublicOperation(Operation::Tickers));
  EXPECT_TRUE(isPublicOperation(Operation::Candles));
  EXPECT_TRUE(isPublicOperation(Operation::ServerTime));
  for (Operation op : {Operation::Permissions, Operation::Balances, Operation::Trades,
                       Operation::Deposits, Operation::Withdrawals, Operation::Ledger})
    EXPECT_FALSE(isPublicOperation(op)) << to_string(op);
}

TEST(ExtrasInfo, GuidesNameTheReadOnlyBoxes) {
  const auto& binance = exchangeById("binance").info();
  EXPECT_TRUE(mentions(binance.keyGuide, "API Management"));
  EXPECT_TRUE(mentions(binance.keyGuide, "\"Enable Reading\""));
  EXPECT_TRUE(mentions(binance.keyGuide, "\"Enable Withdrawals\""));
  EXPECT_TRUE(mentions(binance.keyGuide, "\"Enable Spot & Margin Trading\""));
  EXPECT_TRUE(mentions(binance.keyGuide, "Ed25519"));
  EXPECT_TRUE(mentions(binance.historyNotes, "90 days"));

  const auto& kraken = exchangeById("kraken").info();
  for (const char* box :
       {"\"Query Funds\"", "\"Query Open Orders & Trades\"", "\"Query Closed Orders & Trades\"",
        "\"Query Ledger Entries\"", "\"Withdraw Funds\"", "nonce"})
    EXPECT_TRUE(mentions(kraken.keyGuide, box)) << box;

  const auto& coinbase = exchangeById("coinbase").info();
  for (const char* box : {"\"View\"", "\"Trade\"", "\"Transfer\"", "ECDSA", "Ed25519"})
    EXPECT_TRUE(mentions(coinbase.keyGuide, box)) << box;
}

TEST(ExtrasInfo, ExchangesJsonCarriesTheNewFields) {
  const auto out = json::parse(kf::api::exchanges());
  ASSERT_TRUE(out["ok"].get<bool>());
  ASSERT_EQ(out["exchanges"].size(), allExchanges().size());
  for (size_t i = 0; i < allExchanges().size(); ++i) {
    const auto& e = out["exchanges"][i];
    const ExchangeInfo& info = allExchanges()[i]->info();
    SCOPED_TRACE(info.id);
    ASSERT_TRUE(e["rateLimit"].is_object());
    EXPECT_EQ(e["rateLimit"]["capacity"], info.rateLimit.capacity);
    EXPECT_TRUE(e["rateLimit"]["refillPerSecond"].is_number());
    EXPECT_DOUBLE_EQ(e["rateLimit"]["refillPerSecond"].get<double>(),
                     info.rateLimit.refillPerSecond);
    EXPECT_EQ(e["keyGuide"], json(info.keyGuide));
    EXPECT_EQ(e["historyNotes"], json(info.historyNotes));
  }
  EXPECT_EQ(out["exchanges"][1]["rateLimit"].dump(), R"({"capacity":15,"refillPerSecond":0.33})");
  EXPECT_EQ(out["exchanges"][1]["publicRateLimit"].dump(),
            R"({"capacity":1,"refillPerSecond":1.0})");
  EXPECT_TRUE(out["exchanges"][1]["rateLimitPerKey"].get<bool>());
  EXPECT_FALSE(out["exchanges"][0].contains("publicRateLimit"));
  EXPECT_EQ(out["exchanges"][0]["publicOperations"].dump(),
            R"(["serverTime","tickers","candles"])");
  EXPECT_EQ(out["exchanges"][1]["publicOperations"].dump(),
            R"(["serverTime","tickers","candles"])");
}
