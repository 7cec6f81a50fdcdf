// The one interface every exchange module implements. An exchange module owns
// everything about its exchange: hosts, paths, parameters, signing, response
// shapes, error codes and asset names. Nothing outside wasm/src/exchanges/<id>/
// knows any of it. See wasm/README.md for the JSON shapes of the normalized model.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace kf::exchanges {

enum class Operation {
  ServerTime,
  Permissions,
  Balances,
  Trades,
  Deposits,
  Withdrawals,
  Ledger,
  Tickers,
  Candles,
};

std::string_view to_string(Operation op);
Operation operationFromString(std::string_view name);  // throws CoreError(Unsupported)

struct Credentials {
  std::string apiKey;      // the key's id (Coinbase: organizations/.../apiKeys/...)
  std::string secret;      // as the exchange hands it out (HMAC secret, PEM, base64)
  std::string passphrase;  // only where an exchange has one
  std::string keyType;     // "hmac" | "ed25519" | "rsa" | "ecdsa" | "" (detect from secret)
};

struct RequestContext {
  Credentials credentials;
  nlohmann::json params =
      nlohmann::json::object();  // operation parameters, incl. a previous `next`
  int64_t nowMs = 0;             // caller's clock, already corrected by the server-time offset
  std::string nonce;  // caller-managed, strictly increasing per key where the exchange needs it
};

struct HttpRequest {
  std::string method;  // "GET" | "POST"
  std::string url;     // absolute https URL
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // empty when none
  int64_t cost = 1;  // tokens of the exchange's RateLimit bucket this request spends
};

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string_view body;                       // raw text, untrusted
};

struct ParseResult {
  nlohmann::json data;                 // normalized model (see wasm/README.md)
  std::optional<nlohmann::json> next;  // params for the following page; absent when done
};

struct CredentialField {
  std::string name;   // "apiKey" | "secret" | "passphrase"
  std::string label;  // shown in the options form
  bool multiline = false;
};

// The exchange's documented request budget as a token bucket: `capacity` tokens, refilled
// at `refillPerSecond`; each request spends its HttpRequest::cost first, so the caller
// slows down before the exchange has to refuse. Not money, so a double is fine.
struct RateLimit {
  int64_t capacity = 0;
  double refillPerSecond = 0;
};

struct ExchangeInfo {
  std::string id;           // "binance"
  std::string displayName;  // "Binance"
  std::vector<CredentialField> credentialFields;
  std::vector<std::string> keyTypes;  // accepted key types
  std::vector<Operation> operations;
  bool reportsPermissions = false;
  std::vector<std::string> hosts;  // every host the module sends requests to
  RateLimit rateLimit;
  std::vector<std::string> keyGuide;      // steps to create a read-only key (<id>_guide.cpp)
  std::vector<std::string> historyNotes;  // what the exchange's API cannot return
  // Where the exchange counts public calls (no key) apart, their own budget; absent, they
  // spend `rateLimit` too (Binance: one weight budget per IP for every call).
  std::optional<RateLimit> publicRateLimit;
  // The private budget belongs to each API key (Kraken's per-key counter), not the exchange.
  bool rateLimitPerKey = false;
};

// Operations that need no key (public market data); the same for every exchange.
bool isPublicOperation(Operation op);

// A market of the exchange as the normalized ticker names it (wasm/README.md).
struct Market {
  std::string symbol;  // "BTC/USDT"
  std::string base;    // "BTC"
  std::string quote;   // "USDT"
};

// What is known when planning trade-history queries.
struct TradeQueryInput {
  std::vector<std::string> assets;   // held now or seen in stored history
  std::vector<std::string> symbols;  // markets already traded, or added by hand
  std::vector<Market> tickers;       // the exchange's markets, from its tickers
};

// What is known when planning a history sync (historyQueries).
struct HistoryQueryInput {
  int64_t nowMs = 0;                  // caller's clock
  std::optional<int64_t> sinceMs;     // earliest time wanted; absent: the exchange's whole life
  TradeQueryInput markets;            // for trades
  std::vector<std::string> accounts;  // exchange account ids seen in balances, ever
};

class Exchange {
 public:
  virtual ~Exchange() = default;
  virtual const ExchangeInfo& info() const = 0;
  // Builds the complete signed request. Throws CoreError (BadCredentials naming the
  // field, InvalidInput for bad params, Unsupported for an operation it lacks).
  virtual HttpRequest buildRequest(Operation op, const RequestContext& ctx) const = 0;
  // Turns a raw answer into the normalized model, or throws CoreError with one of
  // auth, permission, clock_skew, nonce, rate_limit, unavailable, bad_request, malformed.
  // `params` are the params the request was built with (for pagination and symbols).
  virtual ParseResult parseResponse(Operation op, const HttpResponse& response,
                                    const nlohmann::json& params) const = 0;
  // The `trades` params to query for a complete trade history, one request series
  // each. Most exchanges list every market in one series: one empty query. Throws
  // CoreError(InvalidInput) naming a symbol it cannot use.
  virtual std::vector<nlohmann::json> tradeQueries(const TradeQueryInput&) const {
    return {nlohmann::json::object()};
  }
  // The params of `op` (trades, deposits, withdrawals or ledger) whose page series
  // together cover the whole history, one request series each (history_queries.cpp).
  // Checks the operation and the times, then asks planHistory. Throws CoreError:
  // Unsupported for an operation the exchange lacks, InvalidInput naming a bad field.
  std::vector<nlohmann::json> historyQueries(Operation op, const HistoryQueryInput& input) const;

 protected:
  // Exchanges override this where one query cannot cover an operation. The default:
  // trades as tradeQueries plans them, every other operation one empty query.
  virtual std::vector<nlohmann::json> planHistory(Operation op,
                                                  const HistoryQueryInput& input) const;
};

// The registry: every supported exchange, in display order.
const std::vector<const Exchange*>& allExchanges();
const Exchange& exchangeById(std::string_view id);  // throws CoreError(Unsupported)

}  // namespace kf::exchanges
