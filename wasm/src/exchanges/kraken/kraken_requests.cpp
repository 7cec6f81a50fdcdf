// Kraken requests (Spot REST, reference exchange-apis.md §2). Private calls are
// POST https://api.kraken.com/0/private/<Method> with a form body starting with the
// caller's nonce; API-Sign = base64(HMAC-SHA512(base64decode(secret),
// path + SHA256(nonce + body))). Public calls are GETs without credentials.
//
// Choices: balances use BalanceEx (it reports what is held by open orders);
// deposits and withdrawals use DepositStatus / WithdrawStatus with cursor paging
// (they carry txid, address and status, which ledger entries lack; the Ledger
// operation also lists them, as type deposit/withdrawal). Kraken has no endpoint
// that reports a key's permissions, and probing with order calls is off-limits for a
// read-only tool, so `permissions` is Unsupported (reportsPermissions=false).
//
// Params (all optional):
//   trades       ofs, startMs, endMs (sent as Kraken's start/end in whole seconds)
//   ledger       ofs, asset, type (Kraken ledger type), startMs, endMs
//   deposits,    asset, startMs, endMs, limit, cursor (the `next` of the previous page;
//   withdrawals  the first page asks for cursor paging with cursor=true)
//   tickers      pair, or pairs (array): Kraken names like "XBTUSD"; none = every pair
//   candles      pair (Kraken's, e.g. "XBTUSD") or base+quote ("BTC","USD"), interval
//                (default 1d), startMs (Kraken's `since`). Kraken answers at most the
//                720 most recent candles and has no end parameter.
//
// Rate limit: Kraken's private calls raise a per-key counter that decays over time; the
// Starter tier (the lowest, so safe for every account) allows 15 and decays 0.33 a
// second; ledger and trade history calls add 2, every other call 1
// (docs.kraken.com/exchange/guides/rest/ratelimits; rotki models the same tiers,
// product-landscape.md §1.3, and ccxt the cost 2 of TradesHistory, §2.2). The counter is
// per key. Public calls are not counted there but are throttled per IP to about one a
// second (ccxt's rateLimit 1000 ms), so they have a bucket of their own.
#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "crypto/encoding.hpp"
#include "crypto/hashes.hpp"
#include "crypto/keys.hpp"
#include "exchanges/common/candle_interval.hpp"
#include "exchanges/common/query_string.hpp"
#include "exchanges/common/request_params.hpp"
#include "exchanges/kraken/kraken.hpp"

namespace kf::exchanges {

namespace {

using nlohmann::json;
using namespace request;

constexpr std::string_view kHost = "https://api.kraken.com";

// Kraken's nonce: an unsigned 64-bit integer, strictly increasing per key.
std::string requireNonce(const std::string& nonce) {
  const bool digits =
      !nonce.empty() && nonce.size() <= 19 && std::all_of(nonce.begin(), nonce.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      });
  if (!digits)
    throw CoreError(ErrorKind::InvalidInput,
                    "nonce must be a decimal integer that increases with every Kraken call (e.g. "
                    "the time in milliseconds)");
  return nonce;
}

HttpRequest privatePost(std::string_view method, const QueryString& params,
                        const RequestContext& ctx) {
  const std::string apiKey = requireApiKey(ctx.credentials.apiKey, "apiKey", "Kraken");
  const crypto::SecretBytes secret = requireCredential(ctx.credentials.secret, "secret", "Kraken");
  if (!ctx.credentials.keyType.empty() && ctx.credentials.keyType != "hmac") {
    // Unknown names fail first, with a message that does not repeat them (may be a secret).
    const auto declared = crypto::keyTypeFromString(ctx.credentials.keyType, "keyType");
    throw CoreError(ErrorKind::BadCredentials, "keyType: Kraken keys are HMAC keys, not '" +
                                                   std::string(crypto::to_string(declared)) + "'");
  }
  const crypto::SecretBytes key = crypto::base64DecodeField(secret.view(), "secret");
  const std::string nonce = requireNonce(ctx.nonce);

  QueryString body;
  body.add("nonce", nonce);
  std::string text = body.str();
  if (!params.empty()) text += "&" + params.str();

  const std::string path = "/0/private/" + std::string(method);
  const std::string sign =
      crypto::base64Encode(crypto::hmacSha512(key.view(), path + crypto::sha256(nonce + text)));
  return {"POST",
          std::string(kHost) + path,
          {{"API-Key", apiKey},
           {"API-Sign", sign},
           {"Content-Type", "application/x-www-form-urlencoded"}},
          std::move(text)};
}

HttpRequest publicGet(std::string_view method, const QueryString& query) {
  std::string url = std::string(kHost) + "/0/public/" + std::string(method);
  if (!query.empty()) url += "?" + query.str();
  return {"GET", std::move(url), {}, ""};
}

void addWindowSeconds(QueryString& q, const json& params) {
  const auto window = timeWindowParams(params);
  if (window.startMs) q.add("start", *window.startMs / 1000);
  if (window.endMs) q.add("end", *window.endMs / 1000);
}

void addOffset(QueryString& q, const json& params) {
  q.add("ofs", boundedIntParam(params, "ofs", 0, 0, INT32_MAX));
}

constexpr int64_t kHistoryCost = 2;

HttpRequest trades(const RequestContext& ctx) {
  QueryString q;
  addOffset(q, ctx.params);
  addWindowSeconds(q, ctx.params);
  HttpRequest req = privatePost("TradesHistory", q, ctx);
  req.cost = kHistoryCost;
  return req;
}

HttpRequest ledger(const RequestContext& ctx) {
  QueryString q;
  addOffset(q, ctx.params);
  if (auto asset = stringParam(ctx.params, "asset")) q.add("asset", *asset);
  if (auto type = stringParam(ctx.params, "type")) q.add("type", *type);
  addWindowSeconds(q, ctx.params);
  HttpRequest req = privatePost("Ledgers", q, ctx);
  req.cost = kHistoryCost;
  return req;
}

HttpRequest transfers(std::string_view method, const RequestContext& ctx) {
  QueryString q;
  if (auto asset = stringParam(ctx.params, "asset")) q.add("asset", *asset);
  addWindowSeconds(q, ctx.params);
  if (auto limit = intParam(ctx.params, "limit")) {
    if (*limit < 1) throw CoreError(ErrorKind::InvalidInput, "params.limit must be positive");
    q.add("limit", *limit);
  }
  const auto cursor = stringParam(ctx.params, "cursor");
  q.add("cursor", cursor && !cursor->empty() ? *cursor : "true");
  return privatePost(method, q, ctx);
}

// Common tickers → Kraken's asset names where they differ.
std::string krakenAsset(std::string asset) {
  for (auto& c : asset) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (asset == "BTC") return "XBT";
  if (asset == "DOGE") return "XDG";
  return asset;
}

std::string pairParam(const json& params) {
  if (auto pair = stringParam(params, "pair"); pair && !pair->empty()) return *pair;
  const auto base = stringParam(params, "base"), quote = stringParam(params, "quote");
  if (base && quote && !base->empty() && !quote->empty())
    return krakenAsset(*base) + krakenAsset(*quote);
  throw CoreError(ErrorKind::InvalidInput,
                  "params.pair is required (Kraken's name, e.g. XBTUSD), or params.base and "
                  "params.quote");
}

HttpRequest tickers(const RequestContext& ctx) {
  QueryString q;
  std::vector<std::string> pairs = stringListParam(ctx.params, "pairs");
  if (auto pair = stringParam(ctx.params, "pair")) pairs.insert(pairs.begin(), *pair);
  if (!pairs.empty()) {
    std::string joined;
    for (const auto& p : pairs) joined += (joined.empty() ? "" : ",") + p;
    q.add("pair", joined);
  }
  return publicGet("Ticker", q);
}

HttpRequest candles(const RequestContext& ctx) {
  QueryString q;
  q.add("pair", pairParam(ctx.params));
  const int64_t seconds = intervalSecondsParam(ctx.params);
  switch (seconds) {
    case 60:
    case 300:
    case 900:
    case 1800:
    case 3600:
    case 14400:
    case 86400:
    case 604800:
      q.add("interval", seconds / 60);  // minutes
      break;
    default:
      unsupportedInterval("Kraken", "1m 5m 15m 30m 1h 4h 1d 1w");
  }
  const auto window = timeWindowParams(ctx.params);
  if (window.startMs) q.add("since", *window.startMs / 1000);
  return publicGet("OHLC", q);
}

}  // namespace

const ExchangeInfo& Kraken::info() const {
  static const ExchangeInfo kInfo{
      "kraken",
      "Kraken",
      {{"apiKey", "API key", false}, {"secret", "Private key", false}},
      {"hmac"},
      {Operation::ServerTime, Operation::Balances, Operation::Trades, Operation::Deposits,
       Operation::Withdrawals, Operation::Ledger, Operation::Tickers, Operation::Candles},
      /*reportsPermissions=*/false,
      {"api.kraken.com"},
      {15, 0.33},
      kraken::keyGuide(),
      kraken::historyNotes(),
      RateLimit{1, 1.0},  // public calls: about one a second per IP
      /*rateLimitPerKey=*/true};
  return kInfo;
}

HttpRequest Kraken::buildRequest(Operation op, const RequestContext& ctx) const {
  switch (op) {
    case Operation::ServerTime:
      return publicGet("Time", {});
    case Operation::Balances:
      return privatePost("BalanceEx", {}, ctx);
    case Operation::Trades:
      return trades(ctx);
    case Operation::Ledger:
      return ledger(ctx);
    case Operation::Deposits:
      return transfers("DepositStatus", ctx);
    case Operation::Withdrawals:
      return transfers("WithdrawStatus", ctx);
    case Operation::Tickers:
      return tickers(ctx);
    case Operation::Candles:
      return candles(ctx);
    case Operation::Permissions:
      break;
  }
  throw CoreError(ErrorKind::Unsupported,
                  "Kraken has no endpoint that reports a key's permissions; check them on "
                  "kraken.com (Settings > API)");
}

}  // namespace kf::exchanges
