#include <gtest/gtest.h>

#include <functional>

#include <cryptopp/rsa.h>
#include <cryptopp/sha.h>
#include <cryptopp/xed25519.h>

#include "core/error.hpp"
#include "crypto/encoding.hpp"
#include "crypto/hashes.hpp"
#include "crypto/keys.hpp"
#include "exchanges/binance/binance.hpp"
#include "signing_test_keys.hpp"

using namespace kf::exchanges;
using nlohmann::json;
namespace keys = kf::testkeys;

namespace {

// Binance's official documentation keys (reference §1.2).
constexpr const char* kApiKey = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
constexpr const char* kSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
constexpr int64_t kNow = 1499827319559;

RequestContext hmacContext(json params = json::object()) {
  RequestContext ctx;
  ctx.credentials.apiKey = kApiKey;
  ctx.credentials.secret = kSecret;
  ctx.params = std::move(params);
  ctx.nowMs = kNow;
  return ctx;
}

HttpRequest build(Operation op, const RequestContext& ctx) {
  return Binance().buildRequest(op, ctx);
}

// "kind: message" of the CoreError `fn` throws.
std::string failure(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const kf::CoreError& e) {
    return std::string(kf::to_string(e.kind())) + ": " + e.what();
  }
  return "no error";
}

// Splits a signed URL into the signed payload and the signature text.
std::pair<std::string, std::string> splitSigned(const std::string& url) {
  const auto q = url.find('?');
  const auto s = url.rfind("&signature=");
  return {url.substr(q + 1, s - q - 1), url.substr(s + 11)};
}

std::string percentDecode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out.push_back(static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string header(const HttpRequest& req, const std::string& name) {
  for (const auto& [n, v] : req.headers)
    if (n == name) return v;
  return "";
}

}  // namespace

TEST(SigningBinance, ServerTimeIsPublic) {
  const auto req = build(Operation::ServerTime, RequestContext{});
  EXPECT_EQ(req.method, "GET");
  EXPECT_EQ(req.url, "https://api.binance.com/api/v3/time");
  EXPECT_TRUE(req.headers.empty());
  EXPECT_EQ(req.body, "");
}

TEST(SigningBinance, BalancesSignedWithHmacHexLast) {
  const auto req = build(Operation::Balances, hmacContext());
  EXPECT_EQ(req.method, "GET");
  const std::string payload = "omitZeroBalances=true&recvWindow=5000&timestamp=1499827319559";
  EXPECT_EQ(req.url, "https://api.binance.com/api/v3/account?" + payload + "&signature=" +
                         kf::crypto::hexEncode(kf::crypto::hmacSha256(kSecret, payload)));
  EXPECT_EQ(header(req, "X-MBX-APIKEY"), kApiKey);
  EXPECT_EQ(req.headers.size(), 1u);
  EXPECT_EQ(req.body, "");
}

TEST(SigningBinance, PermissionsEndpointAndRecvWindowOverride) {
  const auto req = build(Operation::Permissions, hmacContext({{"recvWindow", 60000}}));
  EXPECT_EQ(splitSigned(req.url).first, "recvWindow=60000&timestamp=1499827319559");
  EXPECT_EQ(req.url.rfind("https://api.binance.com/sapi/v1/account/apiRestrictions?", 0), 0u);
  EXPECT_EQ(failure([] {
              build(Operation::Permissions, hmacContext({{"recvWindow", 60001}}));
            }),
            "invalid_input: params.recvWindow must be between 1 and 60000");
}

TEST(SigningBinance, TradesNeedASymbolAndPageById) {
  EXPECT_EQ(failure([] { build(Operation::Trades, hmacContext()); }),
            "invalid_input: params.symbol is required: Binance lists trades one symbol at a time");
  auto [payload, sig] =
      splitSigned(build(Operation::Trades, hmacContext({{"symbol", "BTCUSDT"}})).url);
  EXPECT_EQ(payload, "symbol=BTCUSDT&fromId=0&limit=1000&recvWindow=5000&timestamp=1499827319559");
  payload =
      splitSigned(
          build(Operation::Trades,
                hmacContext(
                    {{"symbol", "BNBBTC"}, {"fromId", "28457"}, {"startMs", 1}, {"limit", 10}}))
              .url)
          .first;
  EXPECT_EQ(payload, "symbol=BNBBTC&fromId=28457&limit=10&recvWindow=5000&timestamp=1499827319559");
  payload =
      splitSigned(build(Operation::Trades,
                        hmacContext({{"symbol", "BNBBTC"}, {"startMs", 1000}, {"endMs", 2000}}))
                      .url)
          .first;
  EXPECT_EQ(payload,
            "symbol=BNBBTC&startTime=1000&endTime=2000&limit=1000&recvWindow=5000&timestamp="
            "1499827319559");
  EXPECT_EQ(failure([] {
              build(Operation::Trades,
                    hmacContext({{"symbol", "BNBBTC"}, {"startMs", 0}, {"endMs", 86400001}}));
            }),
            "invalid_input: params.endMs: Binance trade windows are at most 24 hours");
  EXPECT_EQ(failure([] {
              build(Operation::Trades, hmacContext({{"symbol", 5}}));
            }),
            "invalid_input: params.symbol must be a string");
}

TEST(SigningBinance, DepositAndWithdrawalHistory) {
  auto req = build(Operation::Deposits, hmacContext());
  EXPECT_EQ(req.url.rfind("https://api.binance.com/sapi/v1/capital/deposit/hisrec?", 0), 0u);
  EXPECT_EQ(splitSigned(req.url).first,
            "offset=0&limit=1000&recvWindow=5000&timestamp=1499827319559");
  req = build(Operation::Withdrawals, hmacContext({{"coin", "BTC"},
                                                   {"startMs", 1495000000000},
                                                   {"endMs", 1499000000000},
                                                   {"offset", 1000}}));
  EXPECT_EQ(req.url.rfind("https://api.binance.com/sapi/v1/capital/withdraw/history?", 0), 0u);
  EXPECT_EQ(splitSigned(req.url).first,
            "coin=BTC&startTime=1495000000000&endTime=1499000000000&offset=1000&limit=1000&"
            "recvWindow=5000&timestamp=1499827319559");
  EXPECT_EQ(failure([] {
              build(Operation::Deposits, hmacContext({{"startMs", kNow - 91LL * 86400000}}));
            }),
            "invalid_input: params.endMs: Binance transfer history windows are at most 90 days");
  EXPECT_EQ(failure([] {
              build(Operation::Deposits, hmacContext({{"startMs", 5}, {"endMs", 4}}));
            }),
            "invalid_input: params.startMs must not be after endMs");
}

TEST(SigningBinance, PublicTickersAndCandles) {
  RequestContext ctx;  // no credentials needed
  EXPECT_EQ(build(Operation::Tickers, ctx).url, "https://api.binance.com/api/v3/ticker/24hr");
  ctx.params = {{"symbols", {"BTCUSDT", "BNBUSDT"}}};
  EXPECT_EQ(
      build(Operation::Tickers, ctx).url,
      "https://api.binance.com/api/v3/ticker/24hr?symbols=%5B%22BTCUSDT%22%2C%22BNBUSDT%22%5D");
  ctx.params = {{"symbol", "BTCUSDT"}};
  EXPECT_EQ(build(Operation::Tickers, ctx).url,
            "https://api.binance.com/api/v3/ticker/24hr?symbol=BTCUSDT");
  ctx.params = {{"symbol", "BTCUSDT"}, {"interval", "4h"}, {"startMs", 1000}, {"endMs", 2000}};
  const auto req = build(Operation::Candles, ctx);
  EXPECT_EQ(req.url,
            "https://api.binance.com/api/v3/klines?symbol=BTCUSDT&interval=4h&startTime=1000&"
            "endTime=2000&limit=1000");
  EXPECT_TRUE(req.headers.empty());
  ctx.params = {{"symbol", "BTCUSDT"}};
  EXPECT_EQ(build(Operation::Candles, ctx).url,
            "https://api.binance.com/api/v3/klines?symbol=BTCUSDT&interval=1d&limit=1000");
  ctx.params = {{"base", "BNB"}, {"quote", "USDT"}};  // the normalized market names
  EXPECT_EQ(build(Operation::Candles, ctx).url,
            "https://api.binance.com/api/v3/klines?symbol=BNBUSDT&interval=1d&limit=1000");
  ctx.params = {{"symbol", "BTCUSDT"}, {"interval", "7m"}};
  EXPECT_EQ(failure([&] { build(Operation::Candles, ctx); }),
            "invalid_input: params.interval '7m' is not one of 1m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d "
            "3d 1w");
}

TEST(SigningBinance, NonAsciiParamsArePercentEncodedBeforeSigning) {
  // As in the official B-2 example: the signed payload holds the encoded UTF-8.
  const auto [payload, sig] =
      splitSigned(build(Operation::Trades, hmacContext({{"symbol", "１２３４５６"}})).url);
  EXPECT_EQ(payload.substr(0, 62),
            "symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&");
  EXPECT_EQ(sig, kf::crypto::hexEncode(kf::crypto::hmacSha256(kSecret, payload)));
}

TEST(SigningBinance, RsaSignatureIsPercentEncodedBase64AndVerifies) {
  auto ctx = hmacContext();
  for (const char* pem : {keys::kRsa2048Pkcs8, keys::kRsa2048Pkcs1}) {
    ctx.credentials.secret = pem;  // detected from the PEM: keyType not needed
    const auto [payload, sigText] = splitSigned(build(Operation::Balances, ctx).url);
    EXPECT_EQ(sigText.find_first_of("+/="), std::string::npos);
    const auto sig = kf::crypto::base64Decode(percentDecode(sigText)).value();
    const auto key = kf::crypto::loadRsaPrivateKey(pem, "secret");
    const CryptoPP::RSA::PublicKey pub(key);
    const CryptoPP::RSASS<CryptoPP::PKCS1v15, CryptoPP::SHA256>::Verifier verifier(pub);
    EXPECT_TRUE(verifier.VerifyMessage(
        reinterpret_cast<const CryptoPP::byte*>(payload.data()), payload.size(),
        reinterpret_cast<const CryptoPP::byte*>(sig.data()), sig.size()));
  }
  ctx.credentials.secret = keys::kRsa1024Pkcs8;
  EXPECT_EQ(failure([&] { build(Operation::Balances, ctx); }),
            "bad_credentials: secret: RSA key is 1024 bits; Binance needs 2048 or 4096");
}

TEST(SigningBinance, Ed25519SignatureVerifies) {
  auto ctx = hmacContext();
  ctx.credentials.secret = keys::kEd25519Pkcs8;
  ctx.credentials.keyType = "ed25519";
  const auto [payload, sigText] = splitSigned(build(Operation::Balances, ctx).url);
  const auto sig = kf::crypto::base64Decode(percentDecode(sigText)).value();
  ASSERT_EQ(sig.size(), 64u);
  const auto pub = kf::crypto::hexDecode(keys::kEd25519PublicHex).value();
  const CryptoPP::ed25519Verifier verifier(reinterpret_cast<const CryptoPP::byte*>(pub.data()));
  EXPECT_TRUE(verifier.VerifyMessage(
      reinterpret_cast<const CryptoPP::byte*>(payload.data()), payload.size(),
      reinterpret_cast<const CryptoPP::byte*>(sig.data()), sig.size()));
}

TEST(SigningBinance, CredentialErrorsNameTheField) {
  auto ctx = hmacContext();
  ctx.credentials.apiKey = "  ";
  EXPECT_EQ(failure([&] { build(Operation::Balances, ctx); }),
            "bad_credentials: apiKey: missing (Binance needs it for this operation)");
  ctx = hmacContext();
  ctx.credentials.secret = "";
  EXPECT_EQ(failure([&] { build(Operation::Balances, ctx); }),
            "bad_credentials: secret: missing (Binance needs it for this operation)");
  ctx = hmacContext();
  ctx.credentials.secret = keys::kEcP256Pkcs8;
  EXPECT_EQ(failure([&] { build(Operation::Balances, ctx); }),
            "bad_credentials: secret: Binance accepts HMAC, Ed25519 or RSA keys, not ECDSA");
  ctx.credentials.secret = keys::kRsa2048Pkcs8;
  ctx.credentials.keyType = "hmac";
  EXPECT_EQ(
      failure([&] { build(Operation::Balances, ctx); }),
      "bad_credentials: keyType: 'hmac' does not match the secret, which is a rsa private key");
  ctx = hmacContext();
  ctx.credentials.keyType = "rsa";
  EXPECT_EQ(
      failure([&] { build(Operation::Balances, ctx); }),
      "bad_credentials: secret: a rsa key must be pasted as PEM (-----BEGIN ... PRIVATE KEY-----)");
  ctx = hmacContext();
  ctx.nowMs = 0;
  EXPECT_EQ(failure([&] { build(Operation::Balances, ctx); }),
            "invalid_input: nowMs must be the current time in milliseconds since the Unix epoch");
}

TEST(SigningBinance, LedgerIsUnsupportedAndInfoListsTheRest) {
  EXPECT_EQ(failure([] { build(Operation::Ledger, hmacContext()); }),
            "unsupported: Binance has no ledger endpoint; use trades, deposits and withdrawals");
  const auto& info = Binance().info();
  EXPECT_EQ(info.id, "binance");
  EXPECT_TRUE(info.reportsPermissions);
  EXPECT_EQ(info.operations.size(), 8u);
  EXPECT_EQ(info.hosts, std::vector<std::string>{"api.binance.com"});
}
