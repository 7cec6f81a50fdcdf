// Transfers between exchanges: matched withdrawals move lots with their dates and
// costs, fees lose their basis, unmatched deposits create no lot, and universal
// pooling shares one pool per asset.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "api/api.hpp"

using nlohmann::json;

namespace {

constexpr long long kT0 = 1704067200000;  // 2024-01-01T00:00:00Z
constexpr long long kHour = 3600000;
constexpr long long kDay = 86400000;

json trade(const std::string& id, long long time, const std::string& side,
           const std::string& amount, const std::string& cost, const std::string& exchange) {
  return {{"exchange", exchange}, {"id", id},       {"time", time},
          {"base", "BTC"},        {"quote", "USD"}, {"side", side},
          {"amount", amount},     {"cost", cost},   {"fee", "0"}};
}

json transfer(const std::string& type, const std::string& id, long long time,
              const std::string& amount, const std::string& fee, const std::string& exchange,
              const std::string& status = "ok") {
  return {{"exchange", exchange}, {"type", type},     {"id", id},   {"time", time},
          {"asset", "BTC"},       {"amount", amount}, {"fee", fee}, {"status", status}};
}

json run(const json& request) {
  const json out = json::parse(kf::api::costBasis(request.dump()));
  EXPECT_TRUE(out.value("ok", false)) << out.dump();
  return out;
}

json scenario(long long depositAt, const std::string& depositStatus = "ok") {
  return {{"currency", "USD"},
          {"trades",
           {trade("b", kT0, "buy", "1", "20000", "kraken"),
            trade("s", kT0 + 400 * kDay, "sell", "0.5", "15000", "binance")}},
          {"transfers",
           {transfer("withdrawal", "w", kT0 + kDay, "0.5", "0.001", "kraken"),
            transfer("deposit", "d", depositAt, "0.5", "0", "binance", depositStatus)}}};
}

TEST(CostBasisTransfers, MatchedTransferMovesLotsWithTheirDateAndCost) {
  const json out = run(scenario(kT0 + kDay + kHour));
  ASSERT_EQ(out["disposals"].size(), 1u);
  const json& d = out["disposals"][0];
  EXPECT_EQ(d["exchange"], "binance");
  EXPECT_EQ(d["costBasis"], "10000");
  EXPECT_EQ(d["acquiredMs"], kT0);
  EXPECT_EQ(d["term"], "long");
  EXPECT_EQ(d["missingAcquisition"], false);
  ASSERT_EQ(out["withdrawals"].size(), 1u);
  const json& w = out["withdrawals"][0];
  EXPECT_EQ(w["toExchange"], "binance");
  EXPECT_EQ(w["depositId"], "d");
  EXPECT_EQ(w["moved"], "0.5");
  EXPECT_EQ(w["removed"], "0.001");  // the fee: its basis is lost
  EXPECT_EQ(w["removedCostBasis"], "20");
  EXPECT_EQ(w["missing"], "0");
  ASSERT_EQ(out["remainingLots"].size(), 1u);
  EXPECT_EQ(out["remainingLots"][0]["amount"], "0.499");
  EXPECT_EQ(out["remainingLots"][0]["costBasis"], "9980");
}

TEST(CostBasisTransfers, DepositOutsideTheWindowIsOfUnknownOrigin) {
  const json out = run(scenario(kT0 + 4 * kDay));
  ASSERT_EQ(out["disposals"].size(), 1u);
  EXPECT_EQ(out["disposals"][0]["missingAcquisition"], true);
  EXPECT_TRUE(out["disposals"][0]["costBasis"].is_null());
  const json& w = out["withdrawals"][0];
  EXPECT_TRUE(w["toExchange"].is_null());
  EXPECT_EQ(w["moved"], "0");
  EXPECT_EQ(w["removed"], "0.501");
  EXPECT_EQ(w["removedCostBasis"], "10020");
  // A wider window matches it.
  json wide = scenario(kT0 + 4 * kDay);
  wide["transferWindowMs"] = 5 * kDay;
  EXPECT_EQ(run(wide)["disposals"][0]["costBasis"], "10000");
}

TEST(CostBasisTransfers, PendingTransfersAreIgnored) {
  const json out = run(scenario(kT0 + kDay + kHour, "pending"));
  EXPECT_EQ(out["disposals"][0]["missingAcquisition"], true);
}

TEST(CostBasisTransfers, DepositBeforeTheWithdrawalDoesNotMatch) {
  const json out = run(scenario(kT0 + kDay - 1));
  EXPECT_EQ(out["disposals"][0]["missingAcquisition"], true);
}

TEST(CostBasisTransfers, UniversalPoolingSharesLotsAcrossExchanges) {
  json req = {{"currency", "USD"},
              {"pooling", "universal"},
              {"trades",
               {trade("b", kT0, "buy", "1", "20000", "kraken"),
                trade("s", kT0 + kDay, "sell", "0.5", "15000", "binance")}}};
  json out = run(req);
  EXPECT_EQ(out["disposals"][0]["costBasis"], "10000");
  req["pooling"] = "exchange";
  out = run(req);
  EXPECT_EQ(out["disposals"][0]["missingAcquisition"], true);
}

TEST(CostBasisTransfers, MovedLotsKeepFifoOrderAtTheDestination) {
  // binance buys at day 2 (cost 300); an older kraken lot (cost 100, day 0) moves in
  // at day 3: FIFO on binance then sells the older kraken lot first.
  const json req = {{"currency", "USD"},
                    {"trades",
                     {trade("k", kT0, "buy", "1", "100", "kraken"),
                      trade("b", kT0 + 2 * kDay, "buy", "1", "300", "binance"),
                      trade("s", kT0 + 5 * kDay, "sell", "1", "500", "binance")}},
                    {"transfers",
                     {transfer("withdrawal", "w", kT0 + 3 * kDay, "1", "0", "kraken"),
                      transfer("deposit", "d", kT0 + 3 * kDay + kHour, "1", "0", "binance")}}};
  const json out = run(req);
  EXPECT_EQ(out["disposals"][0]["costBasis"], "100");
  EXPECT_EQ(out["disposals"][0]["acquiredMs"], kT0);
}

}  // namespace
