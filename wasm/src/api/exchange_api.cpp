// exchanges(), buildRequest(), tradeQueries() and historyQueries(): what the extension
// needs to show the exchanges, to send a signed request within the exchange's rate limit,
// and to plan a history sync. The caller supplies the clock and the nonce, so the same input
// always builds the same request (save Coinbase's JWT nonce when the caller leaves it out).
#include "api/api.hpp"
#include "api/envelope.hpp"
#include "api/fast_request.hpp"
#include "core/error.hpp"
#include "exchanges/exchange.hpp"

namespace kf::api {

namespace {

using nlohmann::json;
using namespace kf::exchanges;

json describe(const ExchangeInfo& info) {
  json fields = json::array();
  for (const auto& f : info.credentialFields)
    fields.push_back({{"name", f.name}, {"label", f.label}, {"multiline", f.multiline}});
  json operations = json::array();
  json publicOperations = json::array();
  for (Operation op : info.operations) {
    operations.push_back(to_string(op));
    if (isPublicOperation(op)) publicOperations.push_back(to_string(op));
  }
  json out = {{"id", info.id},
              {"name", info.displayName},
              {"credentialFields", std::move(fields)},
              {"keyTypes", info.keyTypes},
              {"operations", std::move(operations)},
              {"reportsPermissions", info.reportsPermissions},
              {"hosts", info.hosts},
              {"rateLimit",
               {{"capacity", info.rateLimit.capacity},
                {"refillPerSecond", info.rateLimit.refillPerSecond}}},
              {"rateLimitPerKey", info.rateLimitPerKey},
              {"publicOperations", std::move(publicOperations)},
              {"keyGuide", info.keyGuide},
              {"historyNotes", info.historyNotes}};
  if (info.publicRateLimit)
    out["publicRateLimit"] = {{"capacity", info.publicRateLimit->capacity},
                              {"refillPerSecond", info.publicRateLimit->refillPerSecond}};
  return out;
}

Credentials credentialsOf(const json& in) {
  Credentials c;
  const auto it = in.find("credentials");
  if (it == in.end() || it->is_null()) return c;
  if (!it->is_object())
    throw CoreError(ErrorKind::InvalidInput, "field 'credentials' must be an object");
  c.apiKey = optionalString(*it, "apiKey");
  c.secret = optionalString(*it, "secret");
  c.passphrase = optionalString(*it, "passphrase");
  c.keyType = optionalString(*it, "keyType");
  return c;
}

// The nonce may come as a JSON integer or a string (a 64-bit counter exceeds JS numbers).
std::string nonceOf(const json& in) {
  const auto it = in.find("nonce");
  if (it == in.end() || it->is_null()) return "";
  if (it->is_number_unsigned() || it->is_number_integer()) return it->dump();
  if (it->is_string()) return it->get<std::string>();
  throw CoreError(ErrorKind::InvalidInput, "field 'nonce' must be a string or an integer");
}

// An optional array field (absent or null: empty), each element checked by `read`.
template <typename Read>
void eachOf(const json& in, std::string_view name, Read read) {
  const auto it = in.find(name);
  if (it == in.end() || it->is_null()) return;
  if (!it->is_array())
    throw CoreError(ErrorKind::InvalidInput, "field '" + std::string(name) + "' must be an array");
  for (size_t i = 0; i < it->size(); ++i)
    read((*it)[i], std::string(name) + "[" + std::to_string(i) + "]");
}

std::string nonEmptyString(const json& value, const std::string& where) {
  if (!value.is_string() || value.get_ref<const std::string&>().empty())
    throw CoreError(ErrorKind::InvalidInput, where + " must be a non-empty string");
  return value.get<std::string>();
}

TradeQueryInput tradeQueryInputOf(const json& in) {
  TradeQueryInput input;
  eachOf(in, "assets", [&](const json& v, const std::string& where) {
    input.assets.push_back(nonEmptyString(v, where));
  });
  eachOf(in, "symbols", [&](const json& v, const std::string& where) {
    input.symbols.push_back(nonEmptyString(v, where));
  });
  // Normalized tickers: only the market matters here, prices and other fields are ignored.
  eachOf(in, "tickers", [&](const json& v, const std::string& where) {
    if (!v.is_object()) throw CoreError(ErrorKind::InvalidInput, where + " must be an object");
    Market m;
    m.base = nonEmptyString(v.contains("base") ? v["base"] : json(), where + ".base");
    m.quote = nonEmptyString(v.contains("quote") ? v["quote"] : json(), where + ".quote");
    m.symbol = m.base + "/" + m.quote;
    input.tickers.push_back(std::move(m));
  });
  return input;
}

HistoryQueryInput historyQueryInputOf(const json& in) {
  HistoryQueryInput input;
  input.nowMs = requireInt(in, "nowMs");
  if (in.contains("sinceMs") && !in["sinceMs"].is_null()) input.sinceMs = requireInt(in, "sinceMs");
  input.markets = tradeQueryInputOf(in);
  eachOf(in, "accounts", [&](const json& v, const std::string& where) {
    input.accounts.push_back(nonEmptyString(v, where));
  });
  return input;
}

}  // namespace

std::string exchanges() {
  return respond([] {
    json list = json::array();
    for (const Exchange* exchange : allExchanges()) list.push_back(describe(exchange->info()));
    return json{{"exchanges", std::move(list)}};
  });
}

std::string buildRequest(std::string_view text) {
  return respondText([&] {
    // The common case read without a DOM (api/fast_request.hpp); the same checks follow.
    if (auto in = scanRequestInput(text)) {
      const Exchange& exchange = exchangeById(in->exchange);
      const Operation op = operationFromString(in->operation);
      return requestText(exchange.buildRequest(op, in->context));
    }
    const json in = parseInput(text);
    const Exchange& exchange = exchangeById(requireString(in, "exchange"));
    const Operation op = operationFromString(requireString(in, "operation"));
    RequestInput general;  // its destructor wipes the credentials copied out of `in`
    RequestContext& ctx = general.context;
    ctx.credentials = credentialsOf(in);
    if (const auto it = in.find("params"); it != in.end() && !it->is_null()) {
      if (!it->is_object())
        throw CoreError(ErrorKind::InvalidInput, "field 'params' must be an object");
      ctx.params = *it;
    }
    if (in.contains("nowMs") && !in["nowMs"].is_null()) ctx.nowMs = requireInt(in, "nowMs");
    ctx.nonce = nonceOf(in);
    return requestText(exchange.buildRequest(op, ctx));
  });
}

std::string tradeQueries(std::string_view text) {
  return respond([&] {
    const json in = parseInput(text);
    const Exchange& exchange = exchangeById(requireString(in, "exchange"));
    return json{{"queries", exchange.tradeQueries(tradeQueryInputOf(in))}};
  });
}

std::string historyQueries(std::string_view text) {
  return respond([&] {
    const json in = parseInput(text);
    const Exchange& exchange = exchangeById(requireString(in, "exchange"));
    const Operation op = operationFromString(requireString(in, "operation"));
    return json{{"queries", exchange.historyQueries(op, historyQueryInputOf(in))}};
  });
}

}  // namespace kf::api
