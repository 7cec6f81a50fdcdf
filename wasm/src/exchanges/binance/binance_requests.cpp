// Binance requests (Spot REST, reference exchange-apis.md §1). Signed calls carry
// the operation params, then recvWindow and timestamp, then `signature` last; the
// signed payload is exactly that query string. HMAC signatures are hex; RSA and
// Ed25519 signatures are base64, percent-encoded into the query.
//
// Params (all optional unless noted):
//   trades       symbol (required, Binance's own e.g. "BTCUSDT"), fromId, startMs, endMs,
//                limit (≤1000, default 1000). Without fromId or startMs, fromId=0: the
//                whole history oldest first. fromId wins over a time window (Binance
//                refuses the combination); a window is at most 24 h.
//   deposits,    coin, startMs, endMs (window ≤ 90 days), offset, limit (≤1000, default 1000)
//   withdrawals
//   tickers      symbol, or symbols (array); none = every symbol
//   candles      symbol, or base and quote (BTC + USDT -> BTCUSDT), interval (default 1d),
//                startMs, endMs, limit (≤1000)
//   any signed   recvWindow (ms, 1..60000, default 5000)
//
// Rate limit: exchangeInfo's REQUEST_WEIGHT, 6000 per minute
// (developers.binance.com/docs/binance-spot-api-docs/rest-api/limits), counted per IP, not
// per key (exchange-apis.md §1.5): a bucket of 6000 refilled at 100/s. Each
// request's cost is its documented weight (exchange-apis.md §1.3-1.4; ticker/24hr from
// rest-api.md). SAPI calls (apiRestrictions, deposit and withdraw history) count in
// Binance's separate SAPI pools; they spend from the same bucket so one budget paces all.
#include "core/error.hpp"
#include "crypto/encoding.hpp"
#include "crypto/hashes.hpp"
#include "crypto/keys.hpp"
#include "crypto/signers.hpp"
#include "exchanges/binance/binance.hpp"
#include "exchanges/common/candle_interval.hpp"
#include "exchanges/common/key_type.hpp"
#include "exchanges/common/query_string.hpp"
#include "exchanges/common/request_params.hpp"

namespace kf::exchanges {

namespace {

using nlohmann::json;
using namespace request;

constexpr std::string_view kHost = "https://api.binance.com";
constexpr int64_t kNinetyDaysMs = 90LL * 24 * 3600 * 1000;
constexpr int64_t kOneDayMs = 24LL * 3600 * 1000;

// The signature text as it goes into the query string.
std::string signPayload(const Credentials& credentials, std::string_view payload) {
  const auto type = declaredOrPemKeyType(credentials).value_or(crypto::KeyType::Hmac);
  const crypto::SecretBytes secret = requireCredential(credentials.secret, "secret", "Binance");
  switch (type) {
    case crypto::KeyType::Hmac:
      return crypto::hexEncode(crypto::hmacSha256(secret.view(), payload));
    case crypto::KeyType::Ed25519:
      return crypto::percentEncode(crypto::base64Encode(
          crypto::signEd25519(crypto::loadEd25519PrivateKey(secret.view(), "secret"), payload)));
    case crypto::KeyType::Rsa: {
      const auto key = crypto::loadRsaPrivateKey(secret.view(), "secret");
      const unsigned bits = crypto::rsaModulusBits(key);
      if (bits != 2048 && bits != 4096)
        throw CoreError(ErrorKind::BadCredentials, "secret: RSA key is " + std::to_string(bits) +
                                                       " bits; Binance needs 2048 or 4096");
      return crypto::percentEncode(crypto::base64Encode(crypto::signRsaSha256(key, payload)));
    }
    case crypto::KeyType::Ecdsa:
      break;
  }
  throw CoreError(ErrorKind::BadCredentials,
                  "secret: Binance accepts HMAC, Ed25519 or RSA keys, not ECDSA");
}

HttpRequest withCost(HttpRequest req, int64_t weight) {
  req.cost = weight;
  return req;
}

HttpRequest publicGet(std::string_view path, const QueryString& query) {
  std::string url = std::string(kHost) + std::string(path);
  if (!query.empty()) url += "?" + query.str();
  return {"GET", std::move(url), {}, ""};
}

HttpRequest signedGet(std::string_view path, QueryString query, const RequestContext& ctx) {
  const std::string apiKey = requireApiKey(ctx.credentials.apiKey, "apiKey", "Binance");
  query.add("recvWindow", boundedIntParam(ctx.params, "recvWindow", 5000, 1, 60000));
  query.add("timestamp", requireNowMs(ctx.nowMs));
  const std::string signature = signPayload(ctx.credentials, query.str());
  query.addEncoded("signature", signature);
  HttpRequest req = publicGet(path, query);
  req.headers.emplace_back("X-MBX-APIKEY", apiKey);
  return req;
}

std::string symbolParam(const json& params, std::string_view why) {
  return requireStringParam(params, "symbol", why);
}

HttpRequest trades(const RequestContext& ctx) {
  QueryString q;
  q.add("symbol", symbolParam(ctx.params, "Binance lists trades one symbol at a time"));
  const auto fromId = intParam(ctx.params, "fromId");
  const auto window = timeWindowParams(ctx.params);
  if (fromId) {
    if (*fromId < 0) throw CoreError(ErrorKind::InvalidInput, "params.fromId must not be negative");
    q.add("fromId", *fromId);
  } else if (window.startMs) {
    if (window.endMs && *window.endMs - *window.startMs > kOneDayMs)
      throw CoreError(ErrorKind::InvalidInput,
                      "params.endMs: Binance trade windows are at most 24 hours");
    q.add("startTime", *window.startMs);
    if (window.endMs) q.add("endTime", *window.endMs);
  } else {
    q.add("fromId", int64_t{0});  // the oldest trade first, then page forward by id
  }
  q.add("limit", boundedIntParam(ctx.params, "limit", 1000, 1, 1000));
  return withCost(signedGet("/api/v3/myTrades", std::move(q), ctx), 20);
}

HttpRequest transfers(std::string_view path, const RequestContext& ctx) {
  QueryString q;
  if (auto coin = stringParam(ctx.params, "coin")) q.add("coin", *coin);
  const auto window = timeWindowParams(ctx.params);
  if (window.startMs) {
    const int64_t end = window.endMs.value_or(ctx.nowMs);
    if (end - *window.startMs > kNinetyDaysMs)
      throw CoreError(ErrorKind::InvalidInput,
                      "params.endMs: Binance transfer history windows are at most 90 days");
    q.add("startTime", *window.startMs);
  }
  if (window.endMs) q.add("endTime", *window.endMs);
  q.add("offset", boundedIntParam(ctx.params, "offset", 0, 0, INT32_MAX));
  q.add("limit", boundedIntParam(ctx.params, "limit", 1000, 1, 1000));
  return signedGet(path, std::move(q), ctx);
}

// ticker/24hr weight: one symbol 2; a symbols list of 1-20 → 2, 21-100 → 40, more → 80;
// every symbol 80.
int64_t tickerWeight(size_t symbols) {
  if (symbols <= 20) return 2;
  if (symbols <= 100) return 40;
  return 80;
}

HttpRequest tickers(const RequestContext& ctx) {
  QueryString q;
  int64_t weight = 80;
  if (auto symbol = stringParam(ctx.params, "symbol")) {
    q.add("symbol", *symbol);
    weight = 2;
  } else if (const auto symbols = stringListParam(ctx.params, "symbols"); !symbols.empty()) {
    q.add("symbols", json(symbols).dump());  // Binance wants a JSON array: ["BTCUSDT","ETHBTC"]
    weight = tickerWeight(symbols.size());
  }
  return withCost(publicGet("/api/v3/ticker/24hr", q), weight);
}

std::string klineInterval(int64_t seconds) {
  switch (seconds) {
    case 60:
      return "1m";
    case 300:
      return "5m";
    case 900:
      return "15m";
    case 1800:
      return "30m";
    case 3600:
      return "1h";
    case 7200:
      return "2h";
    case 14400:
      return "4h";
    case 21600:
      return "6h";
    case 28800:
      return "8h";
    case 43200:
      return "12h";
    case 86400:
      return "1d";
    case 259200:
      return "3d";
    case 604800:
      return "1w";
    default:
      unsupportedInterval("Binance", "1m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w");
  }
}

HttpRequest candles(const RequestContext& ctx) {
  QueryString q;
  // The extension names markets by their normalized base and quote; Binance spells
  // its symbols as the two tickers run together.
  const auto base = stringParam(ctx.params, "base"), quote = stringParam(ctx.params, "quote");
  if (!stringParam(ctx.params, "symbol") && base && quote && !base->empty() && !quote->empty())
    q.add("symbol", *base + *quote);
  else
    q.add("symbol", symbolParam(ctx.params, "candles are per symbol"));
  q.add("interval", klineInterval(intervalSecondsParam(ctx.params)));
  const auto window = timeWindowParams(ctx.params);
  if (window.startMs) q.add("startTime", *window.startMs);
  if (window.endMs) q.add("endTime", *window.endMs);
  q.add("limit", boundedIntParam(ctx.params, "limit", 1000, 1, 1000));
  return withCost(publicGet("/api/v3/klines", q), 2);
}

}  // namespace

const ExchangeInfo& Binance::info() const {
  static const ExchangeInfo kInfo{
      "binance",
      "Binance",
      {{"apiKey", "API key", false}, {"secret", "Secret key or private key (PEM)", true}},
      {"hmac", "ed25519", "rsa"},
      {Operation::ServerTime, Operation::Permissions, Operation::Balances, Operation::Trades,
       Operation::Deposits, Operation::Withdrawals, Operation::Tickers, Operation::Candles},
      /*reportsPermissions=*/true,
      {"api.binance.com"},
      {6000, 100.0},
      binance::keyGuide(),
      binance::historyNotes(),
      /*publicRateLimit=*/std::nullopt,  // one weight budget per IP, public calls included
      /*rateLimitPerKey=*/false};
  return kInfo;
}

HttpRequest Binance::buildRequest(Operation op, const RequestContext& ctx) const {
  switch (op) {
    case Operation::ServerTime:
      return publicGet("/api/v3/time", {});  // weight 1, the default cost
    case Operation::Permissions:
      return signedGet("/sapi/v1/account/apiRestrictions", {}, ctx);  // IP weight 1
    case Operation::Balances:
      return withCost(
          signedGet("/api/v3/account", QueryString().add("omitZeroBalances", "true"), ctx), 20);
    case Operation::Trades:
      return trades(ctx);
    case Operation::Deposits:
      return transfers("/sapi/v1/capital/deposit/hisrec", ctx);  // IP weight 1
    case Operation::Withdrawals:
      // UID weight 18000 of Binance's 180000, at most 10 calls a second (§1.4): the same
      // tenth of this bucket keeps a burst at ten calls, then one every 6 s.
      return withCost(transfers("/sapi/v1/capital/withdraw/history", ctx), 600);
    case Operation::Tickers:
      return tickers(ctx);
    case Operation::Candles:
      return candles(ctx);
    case Operation::Ledger:
      break;
  }
  throw CoreError(ErrorKind::Unsupported,
                  "Binance has no ledger endpoint; use trades, deposits and withdrawals");
}

}  // namespace kf::exchanges
