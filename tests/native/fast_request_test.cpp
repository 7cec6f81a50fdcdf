// buildRequest's fast reader and text writer (api/fast_request.hpp) against the general
// path: the same input with an unknown field holding an escape (which the scanner leaves
// to the general reader) must give the very same answer, byte for byte; the answer must be
// what nlohmann writes for the same object; and the fast reader must really be taken.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "api/fast_request.hpp"
#include "signing_test_keys.hpp"

using nlohmann::json;

namespace {

// The same input, forced onto the general reader: an ignored field the scanner cannot read.
std::string generalVariant(const std::string& input) {
  const auto brace = input.find('{');
  return input.substr(0, brace + 1) + R"("_":"\u0041",)" + input.substr(brace + 1);
}

std::string canonical(const std::string& answer) {
  return json::parse(answer).dump(-1, ' ', false, json::error_handler_t::replace);
}

json input(const char* exchange, const char* operation, json credentials, json params = {}) {
  json in = {{"exchange", exchange},
             {"operation", operation},
             {"credentials", std::move(credentials)},
             {"nowMs", 1700000000000},
             {"nonce", "1700000000000000"}};
  if (!params.is_null()) in["params"] = std::move(params);
  return in;
}

const json kBinanceHmac = {{"apiKey", "key-1"},
                           {"secret", "XMStYqJ4ZJtj5rmA8F8LuXi4PV3pYYECwp7yJFRyu464OamHEjB662TJEm"},
                           {"keyType", "hmac"}};
const json kKraken = {{"apiKey", "kraken-key"},
                      {"secret",
                       "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd"
                       "5nE9qa99HAZtuZuj6F1huXg=="}};

}  // namespace

TEST(FastRequest, SameAnswerAsTheGeneralReader) {
  const std::vector<json> inputs = {
      input("binance", "balances", kBinanceHmac),
      input("binance", "trades", kBinanceHmac,
            {{"symbol", "BTCUSDT"}, {"fromId", 12}, {"limit", 500}, {"base", "BTC"}}),
      input("binance", "trades", kBinanceHmac, {{"symbol", "BTCUSDT"}, {"fromId", -1}}),
      input("binance", "trades", kBinanceHmac, {{"symbol", "BTCUSDT"}, {"fromId", "77"}}),
      input("binance", "tickers", json(), {{"symbols", {"BTCUSDT", "ETHBTC"}}}),
      input("binance", "balances", {{"apiKey", "k"}, {"secret", kf::testkeys::kEd25519Pkcs8}}),
      input("binance", "balances", {{"apiKey", "k"}, {"secret", kf::testkeys::kRsa2048Pkcs8}}),
      input("binance", "balances", {{"apiKey", "k"}, {"secret", kf::testkeys::kEcP256Pkcs8}}),
      input("binance", "balances", {{"apiKey", nullptr}, {"secret", "s"}}),
      input("binance", "ledger", kBinanceHmac),
      input("binance", "fly", kBinanceHmac),
      input("nope", "balances", kBinanceHmac),
      input("kraken", "balances", kKraken),
      input("kraken", "trades", kKraken, {{"ofs", 50}, {"startMs", 1600000000000}}),
      input("kraken", "balances", {{"apiKey", "k"}, {"secret", "not base64!"}}),
      input("kraken", "balances", {{"apiKey", "k"}, {"secret", "QUJD"}, {"keyType", "rsa"}}),
      input("kraken", "tickers", json(), {{"pairs", {"XBTUSD", "ETHUSD"}}, {"x", {{"y", true}}}}),
      input("coinbase", "balances",
            {{"apiKey", "organizations/o/apiKeys/k"}, {"secret", kf::testkeys::kEcP256Sec1}}),
      input("coinbase", "trades", {{"apiKey", "k"}, {"secret", kf::testkeys::kEd25519Pkcs8}},
            {{"cursor", "abc"}, {"limit", 100}}),
  };
  size_t fast = 0, plain = 0;
  for (const json& in : inputs) {
    // PEM secrets carry escaped newlines: the general reader's case.
    if (in.dump().find("-----BEGIN") == std::string::npos) plain += 3;
    for (const std::string& text : {in.dump(), in.dump(2), [&] {  // nonce and nowMs in other forms
                                      json v = in;
                                      v["nonce"] = 1700000000000001;
                                      v["params"] = nullptr;
                                      v["zz"] = {{"a", {1, -2, "x", nullptr}}};
                                      return v.dump();
                                    }()}) {
      if (kf::api::scanRequestInput(text)) ++fast;
      ASSERT_FALSE(kf::api::scanRequestInput(generalVariant(text)));
      const std::string answer = kf::api::buildRequest(text);
      EXPECT_EQ(answer, kf::api::buildRequest(generalVariant(text))) << text;
      EXPECT_EQ(answer, canonical(answer));
    }
  }
  EXPECT_EQ(fast, plain);
  EXPECT_GT(plain, 30u);
}

TEST(FastRequest, InputsLeftToTheGeneralReader) {
  // Each is valid JSON whose reading needs nlohmann's rules (or is an error it words).
  const std::string base =
      R"("operation":"balances","credentials":{"apiKey":"k","secret":"s"},"nowMs":1700000000000)";
  const std::vector<std::string> texts = {
      "{\"exchange\":\"binance\"," + base + ",\"exchange\":\"kraken\"}",  // repeated key
      "{\"exchange\":\"bin\\u0061nce\"," + base + "}",                    // escape
      "{\"exchange\":\"binance\"," + base + ",\"nonce\":1.5}",            // a double
      "{\"exchange\":\"binance\"," + base + ",\"nonce\":-0}",
      "{\"exchange\":\"binance\"," + base + ",\"nonce\":18446744073709551615}",
      "{\"exchange\":\"binance\"," + base + ",\"params\":[]}",
      "{\"exchange\":\"binance\"," + base + ",\"params\":{\"limit\":1e3}}",
      "{\"exchange\":null," + base + "}",
      "{" + base + "}",
      "{\"exchange\":\"binance\"," + base + "",  // truncated
      "[1]",
      "{\"exchange\":\"binance\",\"operation\":\"balances\",\"nowMs\":\"1700000000000\"}",
      "{\"exchange\":\"binance\",\"operation\":\"balances\",\"credentials\":{\"apiKey\":5}}",
  };
  for (const auto& text : texts) {
    EXPECT_FALSE(kf::api::scanRequestInput(text)) << text;
    const std::string answer = kf::api::buildRequest(text);
    EXPECT_EQ(answer, canonical(answer));
  }
  // The repeated key keeps the last value, as nlohmann does: Kraken, whose secrets are base64.
  EXPECT_NE(kf::api::buildRequest(texts[0]).find("not valid base64"), std::string::npos);
}

TEST(FastRequest, RequestTextEscapesLikeNlohmann) {
  kf::exchanges::HttpRequest r{"POST", "https://x.test/a?b=\"c\"", {}, "body\n\t\x01\xff\xc3\xa9"};
  r.headers = {{"B", "2"}, {"A\"", "1\\"}, {"B", "3"}};
  r.cost = -7;
  const std::string text = kf::api::requestText(r);
  EXPECT_EQ(text, canonical(text));
  EXPECT_EQ(json::parse(text)["headers"]["B"], "3");
}
