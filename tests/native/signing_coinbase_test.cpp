#include <gtest/gtest.h>

#include <functional>

#include <cryptopp/eccrypto.h>
#include <cryptopp/sha.h>
#include <cryptopp/xed25519.h>

#include "core/error.hpp"
#include "crypto/encoding.hpp"
#include "crypto/keys.hpp"
#include "exchanges/coinbase/coinbase.hpp"
#include "signing_test_keys.hpp"

using namespace kf::exchanges;
using nlohmann::json;
namespace keys = kf::testkeys;

namespace {

constexpr const char* kKeyName =
    "organizations/0a1b2c3d-0000-4000-8000-000000000000/apiKeys/"
    "11112222-3333-4444-5555-666677778888";
constexpr int64_t kNow = 1700000000123;

RequestContext ecContext(json params = json::object()) {
  RequestContext ctx;
  ctx.credentials.apiKey = kKeyName;
  ctx.credentials.secret = keys::kEcP256Sec1;
  ctx.params = std::move(params);
  ctx.nowMs = kNow;
  ctx.nonce = "00112233445566778899aabbccddeeff";
  return ctx;
}

HttpRequest build(Operation op, const RequestContext& ctx) {
  return Coinbase().buildRequest(op, ctx);
}

std::string failure(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const kf::CoreError& e) {
    return std::string(kf::to_string(e.kind())) + ": " + e.what();
  }
  return "no error";
}

struct Jwt {
  json header, claims;
  std::string signingInput, signature;
};

Jwt bearer(const HttpRequest& req) {
  std::string auth;
  for (const auto& [n, v] : req.headers)
    if (n == "Authorization") auth = v;
  EXPECT_EQ(auth.rfind("Bearer ", 0), 0u);
  const std::string token = auth.substr(7);
  const auto d1 = token.find('.'), d2 = token.rfind('.');
  Jwt jwt;
  jwt.header = json::parse(kf::crypto::base64UrlDecode(token.substr(0, d1)).value());
  jwt.claims = json::parse(kf::crypto::base64UrlDecode(token.substr(d1 + 1, d2 - d1 - 1)).value());
  jwt.signingInput = token.substr(0, d2);
  jwt.signature = kf::crypto::base64UrlDecode(token.substr(d2 + 1)).value();
  return jwt;
}

const CryptoPP::byte* bytes(const std::string& s) {
  return reinterpret_cast<const CryptoPP::byte*>(s.data());
}

bool verifiesWithEcKey(const Jwt& jwt, const char* pem) {
  const auto key = kf::crypto::loadEcdsaP256PrivateKey(pem, "secret");
  CryptoPP::ECDSA<CryptoPP::ECP, CryptoPP::SHA256>::PublicKey pub;
  key.MakePublicKey(pub);
  const CryptoPP::ECDSA<CryptoPP::ECP, CryptoPP::SHA256>::Verifier verifier(pub);
  return verifier.VerifyMessage(bytes(jwt.signingInput), jwt.signingInput.size(),
                                bytes(jwt.signature), jwt.signature.size());
}

}  // namespace

TEST(SigningCoinbase, AccountsCarryAnEs256JwtBoundToMethodHostAndPath) {
  const auto req = build(Operation::Balances, ecContext());
  EXPECT_EQ(req.method, "GET");
  EXPECT_EQ(req.url, "https://api.coinbase.com/api/v3/brokerage/accounts?limit=250");
  EXPECT_EQ(req.body, "");
  const auto jwt = bearer(req);
  EXPECT_EQ(jwt.header, (json{{"alg", "ES256"},
                              {"kid", kKeyName},
                              {"nonce", "00112233445566778899aabbccddeeff"},
                              {"typ", "JWT"}}));
  // The uri claim leaves out the query string.
  EXPECT_EQ(jwt.claims, (json{{"sub", kKeyName},
                              {"iss", "cdp"},
                              {"nbf", 1700000000},
                              {"exp", 1700000120},
                              {"uri", "GET api.coinbase.com/api/v3/brokerage/accounts"}}));
  ASSERT_EQ(jwt.signature.size(), 64u);
  EXPECT_TRUE(verifiesWithEcKey(jwt, keys::kEcP256Sec1));
  // Deterministic given nowMs and nonce (RFC 6979), so it can be checked from JS too.
  EXPECT_EQ(req.headers, build(Operation::Balances, ecContext()).headers);
}

TEST(SigningCoinbase, PkcsEightAndEscapedPemWork) {
  auto ctx = ecContext();
  ctx.credentials.secret = keys::kEcP256Pkcs8;
  EXPECT_TRUE(verifiesWithEcKey(bearer(build(Operation::Permissions, ctx)), keys::kEcP256Sec1));
  std::string escaped;
  for (char c : std::string(keys::kEcP256Sec1))
    escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
  ctx.credentials.secret = escaped;
  const auto req = build(Operation::Permissions, ctx);
  EXPECT_EQ(req.url, "https://api.coinbase.com/api/v3/brokerage/key_permissions");
  EXPECT_EQ(bearer(req).claims["uri"], "GET api.coinbase.com/api/v3/brokerage/key_permissions");
  EXPECT_TRUE(verifiesWithEcKey(bearer(req), keys::kEcP256Sec1));
}

TEST(SigningCoinbase, Ed25519Base64SecretSignsEdDsa) {
  auto ctx = ecContext({{"cursor", "abc"}});
  const auto seed = kf::crypto::hexDecode(keys::kEd25519SeedHex).value();
  const auto pub = kf::crypto::hexDecode(keys::kEd25519PublicHex).value();
  ctx.credentials.apiKey = "11112222-3333-4444-5555-666677778888";
  ctx.credentials.secret = kf::crypto::base64Encode(seed + pub);
  const auto req = build(Operation::Balances, ctx);
  EXPECT_EQ(req.url, "https://api.coinbase.com/api/v3/brokerage/accounts?limit=250&cursor=abc");
  const auto jwt = bearer(req);
  EXPECT_EQ(jwt.header["alg"], "EdDSA");
  EXPECT_EQ(jwt.claims["sub"], "11112222-3333-4444-5555-666677778888");
  const CryptoPP::ed25519Verifier verifier(bytes(pub));
  EXPECT_TRUE(verifier.VerifyMessage(bytes(jwt.signingInput), jwt.signingInput.size(),
                                     bytes(jwt.signature), jwt.signature.size()));
}

TEST(SigningCoinbase, RandomJwtNonceWhenTheCallerGivesNone) {
  auto ctx = ecContext();
  ctx.nonce = "";
  const auto a = bearer(build(Operation::Balances, ctx)).header["nonce"].get<std::string>();
  const auto b = bearer(build(Operation::Balances, ctx)).header["nonce"].get<std::string>();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_TRUE(kf::crypto::hexDecode(a));
  EXPECT_NE(a, b);
}

TEST(SigningCoinbase, FillsTransactionsAndPublicMarketData) {
  auto req = build(Operation::Trades, ecContext({{"product_ids", {"BTC-USD", "ETH-USD"}},
                                                 {"startMs", 1705314600000},
                                                 {"cursor", "c1"}}));
  EXPECT_EQ(req.url,
            "https://api.coinbase.com/api/v3/brokerage/orders/historical/fills?product_ids=BTC-USD&"
            "product_ids=ETH-USD&start_sequence_timestamp=2024-01-15T10%3A30%3A00Z&limit=250&"
            "cursor=c1");
  EXPECT_EQ(bearer(req).claims["uri"],
            "GET api.coinbase.com/api/v3/brokerage/orders/historical/fills");

  EXPECT_EQ(failure([] { build(Operation::Deposits, ecContext()); }),
            "invalid_input: params.account_id is required: Coinbase lists deposits and withdrawals "
            "per account (the account uuid)");
  EXPECT_EQ(failure([] {
              build(Operation::Withdrawals, ecContext({{"account_id", "../../v3/orders"}}));
            }),
            "invalid_input: params.account_id must be letters, digits, '-' or '_'");
  EXPECT_EQ(build(Operation::Deposits, ecContext({{"account_id", "acc-1"}})).url,
            "https://api.coinbase.com/v2/accounts/acc-1/transactions?limit=100&order=asc");
  req = build(Operation::Withdrawals,
              ecContext({{"account_id", "8bfc20d7-f7c6-4422-bf07-8243ca4169fe"},
                         {"starting_after", "5d5aed5f-b7c0-5585-a3dd-a7ed9ef0e414"}}));
  EXPECT_EQ(
      req.url,
      "https://api.coinbase.com/v2/accounts/8bfc20d7-f7c6-4422-bf07-8243ca4169fe/transactions?"
      "limit=100&order=asc&starting_after=5d5aed5f-b7c0-5585-a3dd-a7ed9ef0e414");
  EXPECT_EQ(bearer(req).claims["uri"],
            "GET api.coinbase.com/v2/accounts/8bfc20d7-f7c6-4422-bf07-8243ca4169fe/transactions");

  RequestContext pub;  // public: no credentials, no Authorization
  pub.nowMs = kNow;
  req = build(Operation::ServerTime, pub);
  EXPECT_EQ(req.url, "https://api.coinbase.com/api/v3/brokerage/time");
  EXPECT_TRUE(req.headers.empty());
  EXPECT_EQ(build(Operation::Tickers, pub).url,
            "https://api.coinbase.com/api/v3/brokerage/market/products?product_type=SPOT");
  pub.params = {{"product_id", "BTC-USD"}};
  req = build(Operation::Candles, pub);
  EXPECT_EQ(
      req.url,
      "https://api.coinbase.com/api/v3/brokerage/market/products/BTC-USD/candles?start=1669760000&"
      "end=1700000000&granularity=ONE_DAY");
  EXPECT_TRUE(req.headers.empty());
  pub.params = {{"base", "ETH"}, {"quote", "EUR"}, {"interval", "1h"}, {"startMs", 1700000000000}};
  EXPECT_EQ(
      build(Operation::Candles, pub).url,
      "https://api.coinbase.com/api/v3/brokerage/market/products/ETH-EUR/candles?start=1700000000&"
      "end=1701260000&granularity=ONE_HOUR");
  pub.params = {{"symbol", "BTC-USD"}, {"interval", "1m"}, {"startMs", 0}, {"endMs", 21060000}};
  EXPECT_EQ(failure([&] { build(Operation::Candles, pub); }),
            "invalid_input: params.endMs: Coinbase returns at most 350 candles per request; narrow "
            "startMs..endMs");
  pub.params = {{"product_id", "BTC-USD"}, {"interval", "4h"}};
  EXPECT_EQ(failure([&] { build(Operation::Candles, pub); }),
            "invalid_input: params.interval: Coinbase offers only 1m 5m 15m 30m 1h 2h 6h 1d");
}

TEST(SigningCoinbase, CredentialErrors) {
  auto ctx = ecContext();
  ctx.credentials.secret = keys::kRsa2048Pkcs8;
  EXPECT_EQ(
      failure([&] { build(Operation::Balances, ctx); }),
      "bad_credentials: secret: Coinbase CDP keys are ECDSA P-256 (EC PRIVATE KEY) or Ed25519, "
      "not RSA");
  ctx.credentials.secret = keys::kEcP384Pkcs8;
  EXPECT_EQ(failure([&] { build(Operation::Balances, ctx); }),
            "bad_credentials: secret: PEM does not contain a P-256 private key");
  ctx.credentials.secret = "c2hvcnQ=";
  EXPECT_EQ(failure([&] { build(Operation::Balances, ctx); }),
            "bad_credentials: secret: Ed25519 secret must be base64 of 32 or 64 bytes, got 5");
  ctx.credentials.secret = "legacy-hmac-secret";
  ctx.credentials.keyType = "hmac";
  EXPECT_EQ(failure([&] { build(Operation::Balances, ctx); }),
            "bad_credentials: keyType: legacy Coinbase HMAC keys are not supported; create a CDP "
            "API key (ECDSA or Ed25519)");
  ctx = ecContext();
  ctx.credentials.apiKey = "";
  EXPECT_EQ(failure([&] { build(Operation::Permissions, ctx); }),
            "bad_credentials: apiKey: missing (Coinbase needs it for this operation)");
  EXPECT_EQ(failure([] { build(Operation::Ledger, ecContext()); }),
            "unsupported: Coinbase Advanced Trade has no ledger endpoint; use trades, deposits and "
            "withdrawals");
}
