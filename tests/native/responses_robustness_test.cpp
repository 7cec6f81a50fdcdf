// Hostile and damaged answers: every fixture, cut short at many points and with bytes
// flipped, fed to every operation of its exchange. parseResponse may only answer or throw
// a CoreError of a documented kind; never another exception, never a crash.
#include <gtest/gtest.h>

#include <filesystem>

#include "exchanges/binance/binance.hpp"
#include "exchanges/coinbase/coinbase.hpp"
#include "exchanges/kraken/kraken.hpp"
#include "responses_fixture.hpp"

using namespace kf;
using namespace kf::exchanges;
using namespace kf::testing;
using nlohmann::json;

namespace {

constexpr Operation kOps[] = {Operation::ServerTime, Operation::Permissions, Operation::Balances,
                              Operation::Trades,     Operation::Deposits,    Operation::Withdrawals,
                              Operation::Ledger,     Operation::Tickers,     Operation::Candles};

bool documentedKind(ErrorKind k) {
  switch (k) {
    case ErrorKind::Auth:
    case ErrorKind::Permission:
    case ErrorKind::ClockSkew:
    case ErrorKind::Nonce:
    case ErrorKind::RateLimit:
    case ErrorKind::Unavailable:
    case ErrorKind::BadRequest:
    case ErrorKind::Malformed:
    case ErrorKind::Unsupported:   // the exchange lacks the operation
    case ErrorKind::InvalidInput:  // params missing (candles without a symbol)
    case ErrorKind::Overflow:      // an amount beyond 38 digits
      return true;
    default:
      return false;
  }
}

// Runs one body through every operation; counts answers and errors.
void exercise(const Exchange& ex, const std::string& body, int status, size_t& answers,
              size_t& errors) {
  const json params = {{"symbol", "BTCUSDT"}, {"productId", "BTC-USD"}, {"pair", "XBTUSD"}};
  for (Operation op : kOps) {
    try {
      const auto r = parse(ex, op, {status, body, {{"retry-after", "1"}}}, params);
      EXPECT_TRUE(r.data.is_object());
      ++answers;
    } catch (const CoreError& e) {
      EXPECT_TRUE(documentedKind(e.kind())) << to_string(e.kind()) << ": " << e.what();
      EXPECT_LT(std::string(e.what()).size(), 700u) << e.what();
      ++errors;
    } catch (const std::exception& e) {
      ADD_FAILURE() << "non-CoreError from " << ex.info().id << " " << to_string(op) << ": "
                    << e.what() << "\nbody: " << body.substr(0, 200);
    }
  }
}

}  // namespace

TEST(ResponsesRobustness, DamagedFixturesOnlyGiveCoreErrors) {
  const Binance binance;
  const Kraken kraken;
  const Coinbase coinbase;
  const std::pair<const char*, const Exchange*> exchanges[] = {
      {"binance", &binance}, {"kraken", &kraken}, {"coinbase", &coinbase}};
  size_t answers = 0, errors = 0, bodies = 0;
  for (const auto& [dir, ex] : exchanges) {
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(KF_FIXTURES_DIR) + "/" + dir)) {
      const std::string original =
          fixture(std::string(dir) + "/" + entry.path().filename().string());
      std::vector<std::string> variants = {original};
      for (size_t cut = 1; cut < original.size(); cut += std::max<size_t>(1, original.size() / 30))
        variants.push_back(original.substr(0, cut));
      // Flip characters that change structure or types: quotes, digits, brackets.
      for (size_t i = 0; i < original.size(); i += std::max<size_t>(1, original.size() / 15)) {
        for (char c : {'"', '1', '[', '.'}) {
          std::string v = original;
          v[i] = c;
          variants.push_back(std::move(v));
        }
      }
      for (const auto& body : variants) {
        for (int status : {200, 503}) exercise(*ex, body, status, answers, errors);
        ++bodies;
      }
    }
  }
  EXPECT_GT(answers, 100u);
  EXPECT_GT(errors, 10000u);
  std::printf("[ robust   ] %zu bodies, %zu answers, %zu classified errors\n", bodies, answers,
              errors);
}

TEST(ResponsesRobustness, ValuesOfTheWrongTypeAreMalformed) {
  const Binance binance;
  const Kraken kraken;
  const Coinbase coinbase;
  const auto kind = [](const Exchange& ex, Operation op, const std::string& body) {
    return parseError(ex, op, {200, body, {}}, {{"symbol", "BTCUSDT"}}).kind();
  };
  EXPECT_EQ(
      kind(binance, Operation::Balances, R"({"balances":[{"asset":5,"free":"1","locked":"0"}]})"),
      ErrorKind::Malformed);
  EXPECT_EQ(kind(binance, Operation::Balances,
                 R"({"balances":[{"asset":"A","free":1.5e400,"locked":"0"}]})"),
            ErrorKind::Malformed);
  EXPECT_EQ(kind(binance, Operation::Trades, R"([{"symbol":"BTCUSDT","id":"x"}])"),
            ErrorKind::Malformed);
  EXPECT_EQ(kind(binance, Operation::ServerTime, R"({"serverTime":"soon"})"), ErrorKind::Malformed);
  EXPECT_EQ(kind(binance, Operation::ServerTime, R"([1,2,3])"), ErrorKind::Malformed);
  EXPECT_EQ(kind(kraken, Operation::Balances, R"({"error":[],"result":{"XXBT":["1"]}})"),
            ErrorKind::Malformed);
  // A lone error string instead of Kraken's usual list is still read.
  EXPECT_EQ(kind(kraken, Operation::Balances, R"({"error":"EAPI:Invalid key","result":{}})"),
            ErrorKind::Auth);
  EXPECT_EQ(kind(coinbase, Operation::Balances, R"({"errors":[{"id":5,"message":[]}]})"),
            ErrorKind::Malformed);
  EXPECT_EQ(parseError(coinbase, Operation::Balances, {400, R"({"errors":[{"id":5}]})", {}}).kind(),
            ErrorKind::BadRequest);
  std::string deep(100000, '[');
  EXPECT_EQ(kind(binance, Operation::Trades, deep), ErrorKind::Malformed);
}
