// The fast parsers (exchanges/fast_responses.hpp) against the general path
// (Exchange::parseResponse): wherever a fast path answers, its text must be byte for byte
// the dump of the general path's answer, and the general path must not fail; wherever the
// general path fails, the fast path must decline. Run over every fixture, damaged copies
// of them, edge cases and seeded random bodies. Also: the API answers (parseResponse,
// parseResponseBody) equal the general path's envelope.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "api/api.hpp"
#include "exchanges/binance/binance.hpp"
#include "exchanges/coinbase/coinbase.hpp"
#include "exchanges/fast_responses.hpp"
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

std::string dumped(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

struct Tally {
  size_t fast = 0, declined = 0;
};

// One body through one operation on both paths.
void agree(const Exchange& ex, Operation op, const std::string& body, int status,
           const json& params, Tally& tally) {
  HttpResponse r;
  r.status = status;
  r.body = body;
  std::optional<ParseResult> slow;
  std::string slowError;
  try {
    slow = ex.parseResponse(op, r, params);
  } catch (const CoreError& e) {
    slowError = e.what();
  }
  const auto fast = fastParseResponse(ex, op, r, params);
  if (!fast) {
    ++tally.declined;
    return;
  }
  ++tally.fast;
  ASSERT_TRUE(slow) << ex.info().id << " " << to_string(op)
                    << ": fast path answered where the general path failed (" << slowError
                    << ")\nbody: " << body.substr(0, 300);
  EXPECT_EQ(fast->data, dumped(slow->data))
      << ex.info().id << " " << to_string(op) << "\nbody: " << body.substr(0, 300);
  EXPECT_EQ(fast->next.has_value(), slow->next.has_value()) << body.substr(0, 300);
  if (fast->next && slow->next) EXPECT_EQ(dumped(*fast->next), dumped(*slow->next));
}

// The operations with fast paths (the others decline at once), at a success and an error status.
void allOps(const Exchange& ex, const std::string& body, const json& params, Tally& tally) {
  for (Operation op : {Operation::Balances, Operation::Trades})
    for (int status : {200, 503}) agree(ex, op, body, status, params, tally);
}

const json kParams = {{"symbol", "BTCUSDT"}, {"productId", "BTC-USD"}, {"pair", "XBTUSD"}};

}  // namespace

TEST(FastResponses, FixturesAndDamagedCopiesAgreeWithTheGeneralPath) {
  const Binance binance;
  const Kraken kraken;
  const Coinbase coinbase;
  const std::pair<const char*, const Exchange*> exchanges[] = {
      {"binance", &binance}, {"kraken", &kraken}, {"coinbase", &coinbase}};
  Tally tally;
  for (const auto& [dir, ex] : exchanges) {
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(KF_FIXTURES_DIR) + "/" + dir)) {
      const std::string original =
          fixture(std::string(dir) + "/" + entry.path().filename().string());
      std::vector<std::string> variants = {original};
      for (size_t cut = 1; cut < original.size(); cut += std::max<size_t>(1, original.size() / 40))
        variants.push_back(original.substr(0, cut));
      for (size_t i = 0; i < original.size(); i += std::max<size_t>(1, original.size() / 25)) {
        for (char c : {'"', '1', '[', '.', '-', ' ', '\\', 'e', ','}) {
          std::string v = original;
          v[i] = c;
          variants.push_back(std::move(v));
        }
        std::string removed = original;
        removed.erase(i, 1);
        variants.push_back(std::move(removed));
      }
      allOps(*ex, original, {{"limit", 2}, {"ofs", 3}, {"base", "BTC"}, {"quote", "USDT"}}, tally);
      for (const auto& body : variants)
        for (Operation op : {Operation::Balances, Operation::Trades})
          agree(*ex, op, body, 200, kParams, tally);
    }
  }
  EXPECT_GT(tally.fast, 250u);  // the fast paths are really taken
  std::printf("[ fast     ] %zu fast answers, %zu declined\n", tally.fast, tally.declined);
}

TEST(FastResponses, EdgeCasesAgree) {
  const Binance binance;
  const Kraken kraken;
  const Coinbase coinbase;
  Tally tally;
  const std::vector<std::string> binanceBodies = {
      R"({"balances":[]})",
      R"({"balances":[{"asset":"BTC","free":1,"locked":0.5}]})",
      R"({"balances":[{"asset":"BTC","free":-0,"locked":"0"},{"asset":"ETH","free":"-0.0","locked":"0"}]})",
      R"({"balances":[{"asset":"BTC","free":123456789012345678901234567890,"locked":"0"}]})",
      R"({"balances":[{"asset":"BTC","free":"1e-8","locked":"0"},{"asset":"X","free":1e-8,"locked":0}]})",
      R"({"balances":[{"asset":"BTC","free":"1","locked":"0","free":"2"}]})",
      R"({"balances":[{"asset":"LDBTC","free":"1","locked":"0"},{"asset":"LDO","free":"1","locked":"0"},{"asset":"LDXYZ","free":"1","locked":"0"},{"asset":"XYZ","free":"0","locked":"0"},{"asset":"LDQQ","free":"1","locked":"0"}]})",
      R"({"balances":[{"asset":"B\u0054C","free":"1","locked":"0"}]})",
      R"({"balances":[{"asset":"BTC€","free":"1","locked":"0"}]})",
      R"({"balances":[{"asset":"BTC","free":"1","locked":null}]})",
      R"({"balances":[{"asset":"BTC","free":"1"}]})",
      R"({"balances":[{"asset":"BTC","free":"1.","locked":"0"}]})",
      R"({"balances":[{"asset":"BTC","free":"99999999999999999999999999999999999999","locked":"1"}]})",
      R"({"code":-2015,"msg":"Invalid API-key","balances":[]})",
      R"({"code":0,"balances":[]})",
      R"({"balances":[],"balances":[]})",
      R"( {"balances" : [ {"asset" : "BTC" , "free" : "1" , "locked" : "0"} ] } )",
      "{\"balances\":[{\"asset\":\"BTC\",\"free\":\"1\",\"locked\":\"0\"}]}\n\t",
      R"({"balances":[{"asset":"BTC","free":"1","locked":"0"}]} x)",
      R"({"balances":[{"asset":"BTC","free":"1","locked":"0"},]})",
      R"({"balances":[{"asset":"BTC","free":"01","locked":"0"}]})",
      R"({"balances":[{"asset":"BTC","free":01,"locked":0}]})",
      "\xEF\xBB\xBF{\"balances\":[]}",
      R"([{"symbol":"BTCUSDT","id":1,"time":2,"isBuyer":true,"qty":"1","price":"2","quoteQty":"2","commission":"0","commissionAsset":""}])",
      R"([{"symbol":"BTCUSDT","id":"1","time":2,"isBuyer":true,"qty":"1","price":"2","quoteQty":"2","commission":"0","commissionAsset":"BNB"}])",
      R"([{"symbol":"ETHBTC","id":9223372036854775806,"time":-5,"isBuyer":false,"qty":1.5,"price":2,"quoteQty":"3.0","commission":"0.1","commissionAsset":"BNB"},{"symbol":"BTCUSDT","id":3,"time":2,"isBuyer":true,"qty":"1","price":"2","quoteQty":"2","commission":"0","commissionAsset":"BNB"}])",
      R"([{"symbol":"XYZABC","id":1,"time":2,"isBuyer":true,"qty":"1","price":"2","quoteQty":"2","commission":"0","commissionAsset":"BNB"}])",
      R"([{"symbol":"BTCUSDT","id":1,"time":2,"isBuyer":1,"qty":"1","price":"2","quoteQty":"2","commission":"0","commissionAsset":"BNB"}])",
      R"([{"symbol":"BTCUSDT","id":1.5,"time":2,"isBuyer":true,"qty":"1","price":"2","quoteQty":"2","commission":"0","commissionAsset":"BNB"}])",
      R"([{"symbol":"BTCUSDT","id":18446744073709551615,"time":2,"isBuyer":true,"qty":"1","price":"2","quoteQty":"2","commission":"0","commissionAsset":"BNB"}])",
      R"([])",
      R"({"code":-1121,"msg":"Invalid symbol."})",
  };
  for (const auto& body : binanceBodies) {
    for (Operation op : kOps) agree(binance, op, body, 201, kParams, tally);
    for (const json& params :
         {json::object(), json{{"limit", 1}}, json{{"limit", "2"}}, json{{"limit", "x"}},
          json{{"limit", 1}, {"base", "XYZ"}, {"quote", "ABC"}, {"startMs", 5}},
          json{{"base", "ET"}, {"quote", "HBTC"}}})
      for (Operation op : {Operation::Balances, Operation::Trades})
        agree(binance, op, body, 200, params, tally);
  }
  const std::vector<std::string> krakenBodies = {
      R"({"error":[],"result":{}})",
      R"({"error":[],"result":{"XXBT":"1.5","ZUSD":"0","KFEE":"100","DOT.S":"1","DOT28.S":"2","XXBT":"2"}})",
      R"({"error":[],"result":{"XXBT":"1.5","ZUSD":"10","KFEE":"100","DOT.S":"1","DOT28.S":"2"}})",
      R"({"result":{"XXBT":{"balance":"1.5","hold_trade":"0.5"},"XETH":{"balance":2},"ETH2.S":{"balance":"1","hold_trade":null}},"error":[]})",
      R"({"error":["WGeneral:Warning"],"result":{"XXBT":"1"}})",
      R"({"error":["EAPI:Invalid key"],"result":{"XXBT":"1"}})",
      R"({"error":"EAPI:Invalid key","result":{}})",
      R"({"error":[],"result":{"XXBT":["1"]}})",
      R"({"error":[],"result":{"XXBT":{"hold_trade":"1"}}})",
      R"({"error":[],"result":{"trades":{},"count":0}})",
      R"({"error":[],"result":{"trades":{"T2":{"pair":"XXBTZUSD","time":1688667796.8802,"type":"buy","price":"30010.0","cost":"600.2","fee":"0","vol":"0.02"},"T1":{"pair":"XETHXXBT","time":1688667796,"type":"sell","price":"0.06","cost":"0.06","fee":"0.0001","vol":"1"},"T0":{"pair":"XETHXXBT","time":"1688667796.8802","type":"sell","price":1,"cost":2,"fee":0,"vol":1}},"count":10}})",
      R"({"error":[],"result":{"trades":{"T1":{"pair":"XETHXXBT","time":1688667796,"type":"short","price":"0.06","cost":"0.06","fee":"0.0001","vol":"1"}},"count":1}})",
      R"({"error":[],"result":{"trades":{"T1":{"pair":"NOPE","time":1688667796,"type":"buy","price":"0.06","cost":"0.06","fee":"0.0001","vol":"1"}},"count":1}})",
      R"({"error":[],"result":{"trades":{"T1":{"pair":"XETHXXBT","time":-1,"type":"buy","price":"0.06","cost":"0.06","fee":"0.0001","vol":"1"}},"count":"1"}})",
      R"({"error":[],"result":{"count":3,"trades":{"T1":{"pair":"XETHXXBT","time":5,"type":"buy","price":"0.06","cost":"0.06","fee":"0.0001","vol":"1"},"T1":{"pair":"XETHXXBT","time":4,"type":"buy","price":"0.06","cost":"0.06","fee":"0.0001","vol":"1"}}}})",
  };
  for (const auto& body : krakenBodies) {
    for (Operation op : kOps) agree(kraken, op, body, 201, kParams, tally);
    for (const json& params :
         {json::object(), json{{"ofs", 2}}, json{{"ofs", "x"}}, json{{"ofs", INT64_MAX}}})
      for (Operation op : {Operation::Balances, Operation::Trades})
        agree(kraken, op, body, 200, params, tally);
  }
  const std::vector<std::string> coinbaseBodies = {
      R"({"accounts":[],"has_next":false,"cursor":""})",
      R"({"accounts":[{"uuid":"u1","currency":"BTC","available_balance":{"value":"1.5","currency":"BTC"},"hold":{"value":"0.5"}},{"uuid":"","currency":"ETH","available_balance":{"value":"2"}},{"currency":"USD","available_balance":{"value":"0"},"hold":null}],"has_next":true,"cursor":"abc"})",
      R"({"accounts":[{"uuid":"u1","currency":"BTC","available_balance":{"value":1.5},"hold":{"value":0}}],"cursor":"abc"})",
      R"({"accounts":[{"uuid":5,"currency":"BTC","available_balance":{"value":"1.5"}}]})",
      R"({"accounts":[{"uuid":"u","currency":"BTC","available_balance":"1.5"}]})",
      R"({"fills":[{"trade_id":"t1","trade_time":"2024-01-15T10:30:00Z","price":"45123.45","size":"0.005","commission":"1.14","product_id":"BTC-USD","side":"BUY","size_in_quote":false},{"trade_id":2,"trade_time":"2024-01-16T08:00:00.5Z","price":"2500","size":"100","commission":"0.6","product_id":"ETH-USDC","side":"SELL","size_in_quote":true}],"cursor":"c2"})",
      R"({"fills":[{"trade_id":"t1","trade_time":"2024-01-15T10:30:00Z","price":"0","size":"10","commission":"1","product_id":"BTC-USD","side":"BUY","size_in_quote":true}]})",
      R"({"fills":[{"trade_id":"t1","trade_time":"2024-01-15T10:30:00Z","price":"3","size":"10","commission":"1","product_id":"BTC-USD","side":"BUY","size_in_quote":true}]})",
      R"({"fills":[{"trade_id":"t1","trade_time":"yesterday","price":"3","size":"10","commission":"1","product_id":"BTC-USD","side":"BUY"}]})",
      R"({"fills":[{"trade_id":"t1","trade_time":"2024-01-15T10:30:00Z","price":"3","size":"10","commission":"1","product_id":"BTCUSD","side":"BUY"}]})",
      R"({"fills":[{"trade_id":"t1","trade_time":"2024-01-15T10:30:00Z","price":"3","size":"10","commission":"1","product_id":"BTC-USD","side":"buy"}]})",
      R"({"fills":[],"cursor":"x","has_next":true})",
  };
  for (const auto& body : coinbaseBodies) {
    for (Operation op : kOps) agree(coinbase, op, body, 201, kParams, tally);
    for (const json& params : {json::object(), json{{"cursor", "old"}, {"limit", 5}}})
      for (Operation op : {Operation::Balances, Operation::Trades})
        agree(coinbase, op, body, 200, params, tally);
  }
  EXPECT_GT(tally.fast, 60u);
}

// Seeded random bodies of the shapes the fast paths read, with fields in random order,
// random extra fields, numbers or strings, occasional wrong types and duplicates.
TEST(FastResponses, RandomBodiesAgree) {
  const Binance binance;
  const Kraken kraken;
  const Coinbase coinbase;
  std::mt19937 rng(20261128);
  const auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  const char* amounts[] = {
      "\"0\"",    "\"0.00000000\"", "\"1.5\"", "2",       "0.25",
      "\"-3.1\"", "\"1e-3\"",       "null",    "\"abc\"", "12345678901234567890123"};
  const char* junk[] = {"\"x\":1", "\"y\":[1,{\"z\":null}]", "\"w\":\"\\n\"", "\"v\":true",
                        "\"u\":-0.5"};
  const auto object = [&](std::vector<std::string> fields) {
    if (pick(3) == 0) fields.push_back(junk[pick(5)]);
    if (pick(25) == 0 && !fields.empty()) fields.push_back(fields[pick(fields.size())]);
    if (pick(25) == 0 && !fields.empty()) fields.erase(fields.begin() + pick(fields.size()));
    std::shuffle(fields.begin(), fields.end(), rng);
    std::string out = "{";
    for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + fields[i];
    return out + "}";
  };
  const auto amount = [&] { return std::string(amounts[pick(pick(4) == 0 ? 10 : 5)]); };
  Tally binanceTally, krakenTally, coinbaseTally;
  for (int round = 0; round < 3000; ++round) {
    const char* assets[] = {"BTC", "LDBTC", "ETH", "LDO", "LDXYZ", "XYZ", "USDT"};
    std::string rows;
    const size_t n = pick(6);
    for (size_t i = 0; i < n; ++i)
      rows += (i ? "," : "") + object({std::string("\"asset\":\"") + assets[pick(7)] + "\"",
                                       "\"free\":" + amount(), "\"locked\":" + amount()});
    agree(binance, Operation::Balances, object({"\"balances\":[" + rows + "]"}), 200, {},
          binanceTally);

    const char* symbols[] = {"BTCUSDT", "ETHBTC", "BNBFDUSD", "NOPE"};
    rows.clear();
    for (size_t i = 0; i < n; ++i)
      rows += (i ? "," : "") +
              object({std::string("\"symbol\":\"") + symbols[pick(pick(5) == 0 ? 4 : 3)] + "\"",
                      "\"id\":" + std::to_string(pick(1000)), "\"time\":" + std::to_string(rng()),
                      pick(2) ? "\"isBuyer\":true" : "\"isBuyer\":false", "\"qty\":" + amount(),
                      "\"price\":" + amount(), "\"quoteQty\":" + amount(),
                      "\"commission\":" + amount(), "\"commissionAsset\":\"BNB\""});
    agree(binance, Operation::Trades, "[" + rows + "]", 200, {{"limit", 1 + pick(4)}},
          binanceTally);

    const char* codes[] = {"XXBT", "ZUSD", "KFEE", "DOT.S", "DOT28.S", "XETH", "ETH2.S", "SOL03.S"};
    rows.clear();
    for (size_t i = 0; i < n; ++i) {
      std::string value = amount();
      if (pick(2))
        value = pick(2) ? object({"\"balance\":" + amount(), "\"hold_trade\":" + amount()})
                        : object({"\"balance\":" + amount()});
      rows += (i ? "," : "") + std::string("\"") + codes[pick(8)] + "\":" + value;
    }
    agree(kraken, Operation::Balances, object({"\"error\":[]", "\"result\":{" + rows + "}"}), 200,
          {}, krakenTally);

    const char* pairs[] = {"XXBTZUSD", "XETHXXBT", "DOTUSD", "NOPE"};
    rows.clear();
    for (size_t i = 0; i < n; ++i)
      rows += (i ? "," : "") + std::string("\"T") + std::to_string(pick(4)) + "\":" +
              object({std::string("\"pair\":\"") + pairs[pick(pick(5) == 0 ? 4 : 3)] + "\"",
                      "\"time\":" + std::to_string(1600000000 + pick(3)) + (pick(2) ? ".5" : ""),
                      pick(2) ? "\"type\":\"buy\"" : "\"type\":\"sell\"", "\"vol\":" + amount(),
                      "\"price\":" + amount(), "\"cost\":" + amount(), "\"fee\":" + amount()});
    agree(
        kraken, Operation::Trades,
        object({"\"error\":[]", "\"result\":" + object({"\"trades\":{" + rows + "}",
                                                        "\"count\":" + std::to_string(pick(9))})}),
        200, {{"ofs", pick(3)}}, krakenTally);

    rows.clear();
    for (size_t i = 0; i < n; ++i)
      rows += (i ? "," : "") + object({std::string("\"currency\":\"") + assets[pick(7)] + "\"",
                                       "\"uuid\":\"u" + std::to_string(pick(3)) + "\"",
                                       "\"available_balance\":" + object({"\"value\":" + amount()}),
                                       "\"hold\":" + object({"\"value\":" + amount()})});
    agree(coinbase, Operation::Balances,
          object({"\"accounts\":[" + rows + "]", "\"cursor\":\"c\"",
                  pick(2) ? "\"has_next\":true" : "\"has_next\":false"}),
          200, {}, coinbaseTally);

    const char* products[] = {"BTC-USD", "ETH-USDC", "SOL-EUR", "NOPE"};
    rows.clear();
    for (size_t i = 0; i < n; ++i)
      rows +=
          (i ? "," : "") +
          object({"\"trade_id\":\"t" + std::to_string(pick(100)) + "\"",
                  "\"trade_time\":\"2024-01-15T10:30:0" + std::to_string(pick(10)) + "Z\"",
                  "\"price\":" + amount(), "\"size\":" + amount(), "\"commission\":" + amount(),
                  std::string("\"product_id\":\"") + products[pick(pick(5) == 0 ? 4 : 3)] + "\"",
                  pick(2) ? "\"side\":\"BUY\"" : "\"side\":\"SELL\"",
                  pick(3) ? "\"size_in_quote\":false" : "\"size_in_quote\":true"});
    agree(coinbase, Operation::Trades, object({"\"fills\":[" + rows + "]", "\"cursor\":\"c\""}),
          200, {}, coinbaseTally);
  }
  // Each exchange's fast paths answer a good share, and decline the rest.
  for (const Tally* t : {&binanceTally, &krakenTally, &coinbaseTally}) {
    EXPECT_GT(t->fast, 1000u);
    EXPECT_GT(t->declined, 500u);
  }
}

TEST(FastResponses, ApiAnswersEqualTheGeneralPath) {
  const Binance binance;
  const Kraken kraken;
  const Coinbase coinbase;
  const struct {
    const Exchange* ex;
    const char* file;
    Operation op;
    json params;
  } cases[] = {
      {&binance, "binance/account.json", Operation::Balances, json::object()},
      {&binance,
       "binance/my_trades.json",
       Operation::Trades,
       {{"symbol", "BTCUSDT"}, {"limit", 2}}},
      {&binance, "binance/error_rejected_key.json", Operation::Balances, json::object()},
      {&kraken, "kraken/balance_ex.json", Operation::Balances, json::object()},
      {&kraken, "kraken/trades_history.json", Operation::Trades, json::object()},
      {&coinbase, "coinbase/accounts.json", Operation::Balances, json::object()},
      {&coinbase, "coinbase/fills.json", Operation::Trades, json::object()},
  };
  for (const auto& c : cases) {
    const std::string body = fixture(c.file);
    std::string expected;
    try {
      HttpResponse r;
      r.status = 200;
      r.body = body;
      auto result = c.ex->parseResponse(c.op, r, c.params);
      json out = {{"data", std::move(result.data)}, {"ok", true}};
      if (result.next) out["next"] = std::move(*result.next);
      expected = dumped(out);
    } catch (const CoreError& e) {
      expected = dumped(
          {{"ok", false}, {"error", {{"kind", to_string(e.kind())}, {"message", e.what()}}}});
    }
    json meta = {{"exchange", c.ex->info().id},
                 {"operation", to_string(c.op)},
                 {"status", 200},
                 {"params", c.params}};
    EXPECT_EQ(api::parseResponseBody(meta.dump(), body), expected) << c.file;
    meta["body"] = body;
    EXPECT_EQ(api::parseResponse(meta.dump()), expected) << c.file;
  }
}

TEST(FastResponses, ParseResponseBodyChecksItsMeta) {
  const auto kindOf = [](const std::string& meta, const std::string& body) {
    return json::parse(api::parseResponseBody(meta, body))["error"]["kind"].get<std::string>();
  };
  EXPECT_EQ(kindOf("{", "{}"), "invalid_input");
  EXPECT_EQ(
      kindOf(R"({"exchange":"binance","operation":"balances","status":200,"body":"{}"})", "{}"),
      "invalid_input");
  EXPECT_EQ(kindOf(R"({"exchange":"nope","operation":"balances","status":200})", "{}"),
            "unsupported");
  EXPECT_EQ(kindOf(R"({"exchange":"binance","operation":"balances","status":200})", "{"),
            "malformed");
  EXPECT_EQ(kindOf(R"({"exchange":"binance","operation":"balances","status":401})",
                   R"({"code":-2015,"msg":"x"})"),
            "auth");
}
