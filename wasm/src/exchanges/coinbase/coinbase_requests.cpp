// Coinbase requests: Advanced Trade (api.coinbase.com/api/v3/brokerage) with CDP
// API keys, reference exchange-apis.md §3.1. Each private request carries a fresh
// JWT, "Authorization: Bearer <jwt>":
//   header {alg: ES256|EdDSA, kid: key name, nonce, typ: "JWT"}
//   claims {sub: key name, iss: "cdp", nbf: now s, exp: now s + 120,
//           uri: "<METHOD> api.coinbase.com<path>"}  (no query string in uri)
// The JWT nonce is the caller's `nonce` when given (deterministic requests), else
// 16 random bytes in hex. ES256 uses RFC 6979 nonces, so tokens are reproducible.
//
// Deposits and withdrawals are not in Advanced Trade v3: they come from the Coinbase
// App v2 transactions list of one account (same JWT), GET /v2/accounts/{id}/transactions,
// oldest first; deposits and withdrawals both read it and keep their own types.
// Assumed (UNCERTAIN in the reference): the v3 account uuid is the v2 account id. No
// CB-VERSION header is sent. Coinbase has no ledger endpoint: `ledger` is Unsupported.
//
// Params (all optional unless noted):
//   balances     cursor, limit (≤250, default 250)
//   trades       cursor, limit (default 250), product_ids (array), startMs, endMs
//   deposits,    account_id (required), starting_after, limit (≤100, default 100)
//   withdrawals
//   tickers      product_ids (array); none = every spot product
//   candles      product_id ("BTC-USD"; or symbol) or base+quote, interval (default 1d), startMs,
//                endMs (default: the 350 candles Coinbase allows, ending at endMs/nowMs)
//
// Rate limit: Advanced Trade private REST allows 30 requests a second per user, public
// 10 a second per IP (exchange-apis.md §3.1, UNCERTAIN secondary source): a bucket of 30
// refilled at 30/s for private calls and one of 10 at 10/s for public ones (info()'s
// publicRateLimit); every call costs 1.
// The App v2 transactions list allows 10,000 an hour per key, far above what a sync
// sends, so it costs 1.
#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "crypto/jwt.hpp"
#include "crypto/keys.hpp"
#include "crypto/random.hpp"
#include "exchanges/coinbase/coinbase.hpp"
#include "exchanges/common/candle_interval.hpp"
#include "exchanges/common/key_type.hpp"
#include "exchanges/common/query_string.hpp"
#include "exchanges/common/request_params.hpp"
#include "exchanges/common/request_time.hpp"

namespace kf::exchanges {

namespace {

using nlohmann::json;
using namespace request;

constexpr std::string_view kHost = "api.coinbase.com";
constexpr std::string_view kBrokerage = "/api/v3/brokerage";
constexpr int64_t kMaxCandles = 350;

std::string bearerToken(std::string_view method, std::string_view path, const RequestContext& ctx) {
  const std::string keyName = requireApiKey(ctx.credentials.apiKey, "apiKey", "Coinbase");
  const crypto::SecretBytes secret =
      requireCredential(ctx.credentials.secret, "secret", "Coinbase");
  // A plain (non-PEM) secret of a CDP key is the base64 Ed25519 seed||public key.
  const auto type = declaredOrPemKeyType(ctx.credentials).value_or(crypto::KeyType::Ed25519);
  const int64_t nowS = requireNowMs(ctx.nowMs) / 1000;
  const json header = {{"kid", keyName},
                       {"nonce", ctx.nonce.empty() ? crypto::randomHex(16) : ctx.nonce},
                       {"typ", "JWT"}};
  const json claims = {{"sub", keyName},
                       {"iss", "cdp"},
                       {"nbf", nowS},
                       {"exp", nowS + 120},
                       {"uri", std::string(method) + " " + std::string(kHost) + std::string(path)}};
  switch (type) {
    case crypto::KeyType::Ecdsa:
      return crypto::jwtEs256(header, claims,
                              crypto::loadEcdsaP256PrivateKey(secret.view(), "secret"));
    case crypto::KeyType::Ed25519:
      return crypto::jwtEdDsa(header, claims,
                              crypto::loadEd25519PrivateKey(secret.view(), "secret"));
    case crypto::KeyType::Hmac:
      throw CoreError(ErrorKind::BadCredentials,
                      "keyType: legacy Coinbase HMAC keys are not supported; create a CDP API key "
                      "(ECDSA or Ed25519)");
    case crypto::KeyType::Rsa:
      break;
  }
  throw CoreError(ErrorKind::BadCredentials,
                  "secret: Coinbase CDP keys are ECDSA P-256 (EC PRIVATE KEY) or Ed25519, not RSA");
}

HttpRequest get(std::string path, const QueryString& query) {
  std::string url = "https://" + std::string(kHost) + path;
  if (!query.empty()) url += "?" + query.str();
  return {"GET", std::move(url), {}, "", 1};
}

HttpRequest privateGet(const std::string& path, const QueryString& query,
                       const RequestContext& ctx) {
  HttpRequest req = get(path, query);
  req.headers.emplace_back("Authorization", "Bearer " + bearerToken("GET", path, ctx));
  return req;
}

// Product ids and account ids go into URL paths: allow only their own alphabet.
std::string pathSegment(const std::string& value, std::string_view name) {
  const bool ok =
      !value.empty() && value.size() <= 64 && std::all_of(value.begin(), value.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
      });
  if (!ok)
    throw CoreError(ErrorKind::InvalidInput,
                    "params." + std::string(name) + " must be letters, digits, '-' or '_'");
  return value;
}

HttpRequest balances(const RequestContext& ctx) {
  QueryString q;
  q.add("limit", boundedIntParam(ctx.params, "limit", 250, 1, 250));
  if (auto cursor = stringParam(ctx.params, "cursor"); cursor && !cursor->empty())
    q.add("cursor", *cursor);
  return privateGet(std::string(kBrokerage) + "/accounts", q, ctx);
}

HttpRequest trades(const RequestContext& ctx) {
  QueryString q;
  for (const auto& id : stringListParam(ctx.params, "product_ids")) q.add("product_ids", id);
  const auto window = timeWindowParams(ctx.params);
  if (window.startMs) q.add("start_sequence_timestamp", msToRfc3339(*window.startMs));
  if (window.endMs) q.add("end_sequence_timestamp", msToRfc3339(*window.endMs));
  q.add("limit", boundedIntParam(ctx.params, "limit", 250, 1, 1000));
  if (auto cursor = stringParam(ctx.params, "cursor"); cursor && !cursor->empty())
    q.add("cursor", *cursor);
  return privateGet(std::string(kBrokerage) + "/orders/historical/fills", q, ctx);
}

HttpRequest transactions(const RequestContext& ctx) {
  const std::string account = pathSegment(
      requireStringParam(ctx.params, "account_id",
                         "Coinbase lists deposits and withdrawals per account (the account uuid)"),
      "account_id");
  QueryString q;
  q.add("limit", boundedIntParam(ctx.params, "limit", 100, 1, 100));
  q.add("order", "asc");
  if (auto after = stringParam(ctx.params, "starting_after"); after && !after->empty())
    q.add("starting_after", *after);
  return privateGet("/v2/accounts/" + account + "/transactions", q, ctx);
}

HttpRequest tickers(const RequestContext& ctx) {
  QueryString q;
  q.add("product_type", "SPOT");
  for (const auto& id : stringListParam(ctx.params, "product_ids")) q.add("product_ids", id);
  return get(std::string(kBrokerage) + "/market/products", q);
}

std::string productParam(const json& params) {
  for (const char* name : {"product_id", "symbol"}) {
    if (auto id = stringParam(params, name); id && !id->empty()) return pathSegment(*id, name);
  }
  const auto base = stringParam(params, "base"), quote = stringParam(params, "quote");
  if (base && quote && !base->empty() && !quote->empty())
    return pathSegment(*base + "-" + *quote, "base");
  throw CoreError(ErrorKind::InvalidInput,
                  "params.product_id is required (e.g. BTC-USD), or params.base and params.quote");
}

std::string granularity(int64_t seconds) {
  switch (seconds) {
    case 60:
      return "ONE_MINUTE";
    case 300:
      return "FIVE_MINUTE";
    case 900:
      return "FIFTEEN_MINUTE";
    case 1800:
      return "THIRTY_MINUTE";
    case 3600:
      return "ONE_HOUR";
    case 7200:
      return "TWO_HOUR";
    case 21600:
      return "SIX_HOUR";
    case 86400:
      return "ONE_DAY";
    default:
      unsupportedInterval("Coinbase", "1m 5m 15m 30m 1h 2h 6h 1d");
  }
}

HttpRequest candles(const RequestContext& ctx) {
  const std::string product = productParam(ctx.params);
  const int64_t seconds = intervalSecondsParam(ctx.params);
  const std::string gran = granularity(seconds);
  const auto window = timeWindowParams(ctx.params);
  const int64_t span = kMaxCandles * seconds;
  int64_t endS = 0, startS = 0;
  if (window.startMs) {
    startS = *window.startMs / 1000;
    endS = window.endMs ? *window.endMs / 1000 : startS + span;
  } else {
    endS = (window.endMs ? *window.endMs : requireNowMs(ctx.nowMs)) / 1000;
    startS = std::max<int64_t>(0, endS - span);
  }
  if (endS - startS > span)
    throw CoreError(ErrorKind::InvalidInput,
                    "params.endMs: Coinbase returns at most 350 candles per request; narrow "
                    "startMs..endMs");
  QueryString q;
  q.add("start", std::to_string(startS));
  q.add("end", std::to_string(endS));
  q.add("granularity", gran);
  return get(std::string(kBrokerage) + "/market/products/" + product + "/candles", q);
}

}  // namespace

const ExchangeInfo& Coinbase::info() const {
  static const ExchangeInfo kInfo{
      "coinbase",
      "Coinbase",
      {{"apiKey", "API key name (organizations/.../apiKeys/... or key id)", false},
       {"secret", "Private key (EC PRIVATE KEY PEM or Ed25519 base64)", true}},
      {"ecdsa", "ed25519"},
      {Operation::ServerTime, Operation::Permissions, Operation::Balances, Operation::Trades,
       Operation::Deposits, Operation::Withdrawals, Operation::Tickers, Operation::Candles},
      /*reportsPermissions=*/true,
      {"api.coinbase.com"},
      {30, 30.0},
      coinbase::keyGuide(),
      coinbase::historyNotes(),
      RateLimit{10, 10.0}};  // public endpoints: 10 requests a second per IP
  return kInfo;
}

HttpRequest Coinbase::buildRequest(Operation op, const RequestContext& ctx) const {
  switch (op) {
    case Operation::ServerTime:
      return get(std::string(kBrokerage) + "/time", {});
    case Operation::Permissions:
      return privateGet(std::string(kBrokerage) + "/key_permissions", {}, ctx);
    case Operation::Balances:
      return balances(ctx);
    case Operation::Trades:
      return trades(ctx);
    case Operation::Deposits:
    case Operation::Withdrawals:
      return transactions(ctx);
    case Operation::Tickers:
      return tickers(ctx);
    case Operation::Candles:
      return candles(ctx);
    case Operation::Ledger:
      break;
  }
  throw CoreError(ErrorKind::Unsupported,
                  "Coinbase Advanced Trade has no ledger endpoint; use trades, deposits and "
                  "withdrawals");
}

}  // namespace kf::exchanges
