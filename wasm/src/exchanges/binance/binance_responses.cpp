// Binance answers → the normalized model (wasm/README.md). Endpoints: /api/v3/time,
// /sapi/v1/account/apiRestrictions, /api/v3/account, /api/v3/myTrades,
// /sapi/v1/capital/deposit/hisrec, /sapi/v1/capital/withdraw/history,
// /api/v3/ticker/price|24hr, /api/v3/klines.
#include <limits>
#include <set>

#include "core/error.hpp"
#include "exchanges/binance/binance.hpp"
#include "exchanges/binance/binance_assets.hpp"
#include "exchanges/binance/binance_errors.hpp"
#include "exchanges/common/response_fields.hpp"
#include "exchanges/common/response_http.hpp"
#include "exchanges/common/response_model.hpp"

namespace kf::exchanges {

namespace {

using namespace response;
using nlohmann::json;

constexpr std::string_view kId = "binance";

// Base and quote of a market symbol: the caller's params.base/params.quote when they
// spell this symbol, else the known quote suffixes.
std::optional<std::pair<std::string, std::string>> marketOf(std::string_view symbol,
                                                            const json& params) {
  const auto base = stringParam(params, "base"), quote = stringParam(params, "quote");
  if (!base.empty() && !quote.empty() && base + quote == symbol) return std::make_pair(base, quote);
  return binance::splitSymbol(symbol);
}

std::pair<std::string, std::string> requireMarket(std::string_view symbol, const json& params,
                                                  std::string_view context) {
  if (auto market = marketOf(symbol, params)) return *market;
  malformed(context, "cannot tell the base and quote assets of symbol '" + excerpt(symbol, 30) +
                         "'; pass params.base and params.quote");
}

ParseResult serverTime(const json& body) {
  constexpr std::string_view ctx = "Binance server time";
  return {json{{"serverTimeMs", intField(body, ctx, "serverTime")}}, std::nullopt};
}

ParseResult permissions(const json& body) {
  constexpr std::string_view ctx = "Binance API key permissions";
  requireObject(body, ctx, "the answer");
  const auto flag = [&](std::string_view name) {
    return optionalBool(body, ctx, name).value_or(false);
  };
  const bool canRead = boolField(body, ctx, "enableReading");
  // Required: a read-only verdict must never rest on a flag Binance did not send.
  const bool spotTrade = boolField(body, ctx, "enableSpotAndMarginTrading");
  const bool withdraw = boolField(body, ctx, "enableWithdrawals");
  const bool canTrade = spotTrade || flag("enableMargin") || flag("enableFutures") ||
                        flag("enableVanillaOptions") || flag("enableFixApiTrade") ||
                        flag("enablePortfolioMarginTrading");
  const bool canTransfer =
      boolField(body, ctx, "enableInternalTransfer") || flag("permitsUniversalTransfer");
  json details = json::object();
  for (const auto& [key, value] : body.items())
    if (value.is_boolean() || value.is_number_integer()) details[key] = value;
  const auto ip = optionalBool(body, ctx, "ipRestrict");
  const auto created = optionalField(body, ctx, "createTime");
  return {
      json{{"permissions",
            {{"canRead", canRead},
             {"canTrade", canTrade},
             {"canWithdraw", withdraw},
             {"canTransfer", canTransfer},
             {"ipRestricted", ip ? json(*ip) : json()},
             {"createdMs", created ? json(intValue(*created, ctx, "field 'createTime'")) : json()},
             {"source", "binance:apiRestrictions"},
             {"details", details}}}},
      std::nullopt};
}

ParseResult balances(const json& body) {
  constexpr std::string_view ctx = "Binance account balances";
  const json& rows = arrayField(body, ctx, "balances");
  std::set<std::string> assets;
  for (const auto& row : rows) assets.insert(stringField(row, ctx, "asset"));
  json out = json::array();
  for (const auto& row : rows) {
    const auto name = binance::normalizeAsset(stringField(row, ctx, "asset"), assets);
    if (auto b = balance(kId, {name.asset, name.account, decimalField(row, ctx, "free"),
                               decimalField(row, ctx, "locked")}))
      out.push_back(std::move(*b));
  }
  return {json{{"balances", std::move(out)}}, std::nullopt};
}

ParseResult trades(const json& body, const json& params) {
  constexpr std::string_view ctx = "Binance trades";
  requireArray(body, ctx, "the answer");
  json out = json::array();
  int64_t lastId = -1;
  for (const auto& row : body) {
    const auto symbol = stringField(row, ctx, "symbol");
    const auto [base, quote] = requireMarket(symbol, params, ctx);
    const int64_t id = intField(row, ctx, "id");
    lastId = std::max(lastId, id);
    out.push_back(trade(
        kId, {std::to_string(id), intField(row, ctx, "time"), base, quote,
              boolField(row, ctx, "isBuyer") ? "buy" : "sell", amountField(row, ctx, "qty"),
              amountField(row, ctx, "price"), amountField(row, ctx, "quoteQty"),
              stringField(row, ctx, "commissionAsset"), amountField(row, ctx, "commission")}));
  }
  ParseResult result{json{{"trades", std::move(out)}}, std::nullopt};
  // A full page means there may be more: continue after the highest id (fromId is
  // inclusive and cannot be combined with a time window).
  const int64_t limit = intParam(params, "limit", 1000);  // the request's default
  // No id can follow INT64_MAX (and lastId + 1 would overflow).
  if (!body.empty() && static_cast<int64_t>(body.size()) >= limit &&
      lastId < std::numeric_limits<int64_t>::max())
    result.next =
        nextParams(params, {{"fromId", lastId + 1}, {"startMs", nullptr}, {"endMs", nullptr}});
  return result;
}

std::string depositStatus(int64_t s) {
  switch (s) {
    case 1:
      return "ok";
    case 6:
      return "ok";  // credited, not yet withdrawable
    case 2:
    case 7:
      return "failed";  // rejected, wrong deposit
    default:
      return "pending";  // 0 pending, 8 waiting for confirmation, and anything new
  }
}

std::string withdrawalStatus(int64_t s) {
  switch (s) {
    case 6:
      return "ok";
    case 1:
      return "canceled";
    case 3:
    case 5:
      return "failed";  // rejected, failure
    default:
      return "pending";  // 0 email sent, 2 awaiting approval, 4 processing
  }
}

// Capital endpoints page with offset/limit (limit default and max 1000).
void pageByOffset(ParseResult& result, size_t count, const json& params) {
  const int64_t limit = intParam(params, "limit", 1000);
  if (count > 0 && static_cast<int64_t>(count) >= limit) {
    int64_t offset = 0;
    if (__builtin_add_overflow(intParam(params, "offset", 0), static_cast<int64_t>(count), &offset))
      throw CoreError(ErrorKind::InvalidInput, "params.offset is too large to page on");
    result.next = nextParams(params, {{"offset", offset}});
  }
}

ParseResult deposits(const json& body, const json& params) {
  constexpr std::string_view ctx = "Binance deposits";
  requireArray(body, ctx, "the answer");
  json out = json::array();
  for (const auto& row : body) {
    out.push_back(
        transfer(kId, {"deposit", idField(row, ctx, "id"), intField(row, ctx, "insertTime"),
                       stringField(row, ctx, "coin"), amountField(row, ctx, "amount"), "0",
                       optionalString(row, ctx, "network").value_or(""),
                       optionalString(row, ctx, "address").value_or(""),
                       optionalString(row, ctx, "txId").value_or(""),
                       depositStatus(intField(row, ctx, "status"))}));
  }
  ParseResult result{json{{"transfers", std::move(out)}}, std::nullopt};
  pageByOffset(result, body.size(), params);
  return result;
}

ParseResult withdrawals(const json& body, const json& params) {
  constexpr std::string_view ctx = "Binance withdrawals";
  requireArray(body, ctx, "the answer");
  json out = json::array();
  for (const auto& row : body) {
    const json* fee = optionalField(row, ctx, "transactionFee");
    out.push_back(
        transfer(kId, {"withdrawal", idField(row, ctx, "id"), isoFieldMs(row, ctx, "applyTime"),
                       stringField(row, ctx, "coin"), amountField(row, ctx, "amount"),
                       fee ? amountValue(*fee, ctx, "field 'transactionFee'") : "0",
                       optionalString(row, ctx, "network").value_or(""),
                       optionalString(row, ctx, "address").value_or(""),
                       optionalString(row, ctx, "txId").value_or(""),
                       withdrawalStatus(intField(row, ctx, "status"))}));
  }
  ParseResult result{json{{"transfers", std::move(out)}}, std::nullopt};
  pageByOffset(result, body.size(), params);
  return result;
}

// /ticker/price ({symbol, price}) or /ticker/24hr ({symbol, lastPrice, openPrice, bidPrice,
// askPrice}), one object or an array. Symbols whose quote asset cannot be told are listed
// in `skipped` rather than guessed.
ParseResult tickers(const json& body, const json& params) {
  constexpr std::string_view ctx = "Binance tickers";
  json out = json::array(), skipped = json::array();
  const auto one = [&](const json& row) {
    const auto symbol = stringField(row, ctx, "symbol");
    const auto market = marketOf(symbol, params);
    if (!market) {
      skipped.push_back(symbol);
      return;
    }
    const json* price = optionalField(row, ctx, "price");
    TickerRow t{
        market->first, market->second,
        price ? amountValue(*price, ctx, "field 'price'") : amountField(row, ctx, "lastPrice")};
    const auto optionalAmount = [&](std::string_view name) -> std::optional<std::string> {
      const json* v = optionalField(row, ctx, name);
      if (!v) return std::nullopt;
      return amountValue(*v, ctx, "field '" + std::string(name) + "'");
    };
    t.open24h = optionalAmount("openPrice");
    t.bid = optionalAmount("bidPrice");
    t.ask = optionalAmount("askPrice");
    out.push_back(ticker(kId, t));
  };
  if (body.is_array())
    for (const auto& row : body) one(row);
  else
    one(body);
  json data{{"tickers", std::move(out)}};
  if (!skipped.empty()) data["skipped"] = std::move(skipped);
  return {std::move(data), std::nullopt};
}

ParseResult candles(const json& body, const json& params) {
  constexpr std::string_view ctx = "Binance candles";
  const auto symbol = stringParam(params, "symbol");
  if (symbol.empty())
    throw CoreError(ErrorKind::InvalidInput,
                    "Binance candles: params.symbol is needed to label the candles");
  const auto [base, quote] = requireMarket(symbol, params, ctx);
  requireArray(body, ctx, "the answer");
  json out = json::array();
  for (const auto& k : body) {
    // [openTime, open, high, low, close, volume, closeTime, quoteVolume, ...]
    out.push_back(
        candle(kId, {base, quote, intValue(at(k, 0, ctx, "a kline"), ctx, "kline open time"),
                     amountValue(at(k, 1, ctx, "a kline"), ctx, "kline open"),
                     amountValue(at(k, 2, ctx, "a kline"), ctx, "kline high"),
                     amountValue(at(k, 3, ctx, "a kline"), ctx, "kline low"),
                     amountValue(at(k, 4, ctx, "a kline"), ctx, "kline close"),
                     amountValue(at(k, 5, ctx, "a kline"), ctx, "kline volume")}));
  }
  return {json{{"candles", std::move(out)}}, std::nullopt};
}

}  // namespace

ParseResult Binance::parseResponse(Operation op, const HttpResponse& response,
                                   const nlohmann::json& params) const {
  const json body = binance::checkedBody(response);
  switch (op) {
    case Operation::ServerTime:
      return serverTime(body);
    case Operation::Permissions:
      return permissions(body);
    case Operation::Balances:
      return balances(body);
    case Operation::Trades:
      return trades(body, params);
    case Operation::Deposits:
      return deposits(body, params);
    case Operation::Withdrawals:
      return withdrawals(body, params);
    case Operation::Tickers:
      return tickers(body, params);
    case Operation::Candles:
      return candles(body, params);
    case Operation::Ledger:
      break;
  }
  throw CoreError(ErrorKind::Unsupported,
                  "Binance has no ledger endpoint; use trades and transfers");
}

}  // namespace kf::exchanges
