// Coinbase answers → the normalized model (wasm/README.md). Advanced Trade (v3):
// /brokerage/time, /brokerage/key_permissions, /brokerage/accounts,
// /brokerage/orders/historical/fills, /brokerage/(market/)products, .../candles.
// Deposits and withdrawals come from the Coinbase App API (v2)
// /v2/accounts/{id}/transactions, which v3 lacks. There is no ledger.
#include <algorithm>

#include "core/error.hpp"
#include "exchanges/coinbase/coinbase.hpp"
#include "exchanges/coinbase/coinbase_assets.hpp"
#include "exchanges/coinbase/coinbase_errors.hpp"
#include "exchanges/common/response_fields.hpp"
#include "exchanges/common/response_http.hpp"
#include "exchanges/common/response_model.hpp"

namespace kf::exchanges {

namespace {

using namespace response;
using nlohmann::json;

constexpr std::string_view kId = "coinbase";

// Decimals kept when a base amount must be derived by division (size_in_quote fills).
constexpr int kDerivedScale = 18;

std::pair<std::string, std::string> requireProduct(const std::string& id, std::string_view ctx) {
  if (auto market = coinbase::splitProduct(id)) return *market;
  malformed(ctx, "product id '" + excerpt(id, 30) + "' is not BASE-QUOTE");
}

// v3 lists page with a cursor; `has_next` where the endpoint has it, else a non-empty cursor.
void pageByCursor(ParseResult& result, const json& body, size_t count, const json& params,
                  std::string_view ctx) {
  const auto cursor = optionalString(body, ctx, "cursor").value_or("");
  const auto hasNext = optionalBool(body, ctx, "has_next");
  if (!cursor.empty() && count > 0 && hasNext.value_or(true))
    result.next = nextParams(params, {{"cursor", cursor}});
}

ParseResult serverTime(const json& body) {
  constexpr std::string_view ctx = "Coinbase server time";
  if (const json* ms = optionalField(body, ctx, "epochMillis"))
    return {json{{"serverTimeMs", intValue(*ms, ctx, "field 'epochMillis'")}}, std::nullopt};
  if (optionalField(body, ctx, "epochSeconds"))
    return {json{{"serverTimeMs", secondsFieldMs(body, ctx, "epochSeconds")}}, std::nullopt};
  return {json{{"serverTimeMs", isoFieldMs(body, ctx, "iso")}}, std::nullopt};
}

ParseResult permissions(const json& body) {
  constexpr std::string_view ctx = "Coinbase API key permissions";
  const bool view = boolField(body, ctx, "can_view");
  const bool trade = boolField(body, ctx, "can_trade");
  const bool transfer = boolField(body, ctx, "can_transfer");
  json details = {{"can_view", view}, {"can_trade", trade}, {"can_transfer", transfer}};
  for (const auto* name : {"portfolio_uuid", "portfolio_type"})
    if (auto v = optionalString(body, ctx, name)) details[name] = *v;
  // "transfer" lets a key send funds off Coinbase: it is the withdrawal permission too.
  // Coinbase reports neither an IP allow-list nor the key's creation time.
  return {json{{"permissions",
                {{"canRead", view},
                 {"canTrade", trade},
                 {"canWithdraw", transfer},
                 {"canTransfer", transfer},
                 {"ipRestricted", nullptr},
                 {"createdMs", nullptr},
                 {"source", "coinbase:key_permissions"},
                 {"details", details}}}},
          std::nullopt};
}

ParseResult balances(const json& body, const json& params) {
  constexpr std::string_view ctx = "Coinbase accounts";
  const json& rows = arrayField(body, ctx, "accounts");
  json out = json::array();
  // Every account uuid, empty accounts too: deposits and withdrawals are listed per
  // account (historyQueries), and an account emptied before the first sync has history.
  json accounts = json::array();
  for (const auto& row : rows) {
    const auto name = coinbase::normalizeAsset(stringField(row, ctx, "currency"));
    const Decimal free = decimalField(objectField(row, ctx, "available_balance"), ctx, "value");
    const json* hold = optionalField(row, ctx, "hold");
    const Decimal locked = hold ? decimalField(*hold, ctx, "value") : Decimal();
    auto uuid = optionalString(row, ctx, "uuid").value_or("");
    if (!uuid.empty()) accounts.push_back(uuid);
    if (auto b = balance(kId, {name.asset, name.account, free, locked})) {
      if (!uuid.empty()) (*b)["accountId"] = std::move(uuid);
      out.push_back(std::move(*b));
    }
  }
  ParseResult result{json{{"accounts", std::move(accounts)}, {"balances", std::move(out)}},
                     std::nullopt};
  pageByCursor(result, body, rows.size(), params, ctx);
  return result;
}

ParseResult trades(const json& body, const json& params) {
  constexpr std::string_view ctx = "Coinbase fills";
  const json& rows = arrayField(body, ctx, "fills");
  json out = json::array();
  for (const auto& row : rows) {
    const auto [base, quote] = requireProduct(stringField(row, ctx, "product_id"), ctx);
    const auto side = stringField(row, ctx, "side");
    if (side != "BUY" && side != "SELL")
      malformed(ctx, "field 'side' must be BUY or SELL, got '" + excerpt(side, 20) + "'");
    const Decimal price = decimalField(row, ctx, "price");
    const Decimal size = decimalField(row, ctx, "size");
    std::string amount, cost;
    if (optionalBool(row, ctx, "size_in_quote").value_or(false)) {
      // size is in the quote currency: the base amount is derived, rounded to 18 places.
      if (price.isZero()) malformed(ctx, "a quote-sized fill has price 0");
      amount = size.divide(price, kDerivedScale).trimmed().toString();
      cost = size.toString();
    } else {
      amount = size.toString();
      cost = (size * price).toString();
    }
    out.push_back(trade(kId, {idField(row, ctx, "trade_id"), isoFieldMs(row, ctx, "trade_time"),
                              base, quote, side == "BUY" ? "buy" : "sell", amount, price.toString(),
                              cost, quote, amountField(row, ctx, "commission")}));
  }
  ParseResult result{json{{"trades", std::move(out)}}, std::nullopt};
  pageByCursor(result, body, rows.size(), params, ctx);
  return result;
}

// ---- v2 transactions: deposits and withdrawals ----

std::string transferStatus(const std::string& s) {
  if (s == "completed") return "ok";
  if (s == "canceled") return "canceled";
  if (s == "failed" || s == "expired") return "failed";
  return "pending";  // pending, waiting_for_clearing, waiting_for_signature, ...
}

// v2 pages with starting_after: the id in pagination.next_starting_after, or in next_uri.
void pageV2(ParseResult& result, const json& body, size_t count, const json& params,
            std::string_view ctx) {
  const json* pagination = optionalField(body, ctx, "pagination");
  if (!pagination || count == 0) return;
  requireObject(*pagination, ctx, "field 'pagination'");
  auto after = optionalString(*pagination, ctx, "next_starting_after").value_or("");
  if (after.empty()) {
    const auto uri = optionalString(*pagination, ctx, "next_uri").value_or("");
    constexpr std::string_view key = "starting_after=";
    if (const auto at = uri.find(key); at != std::string::npos)
      after = uri.substr(at + key.size(), uri.find('&', at) - (at + key.size()));
  }
  if (!after.empty()) result.next = nextParams(params, {{"starting_after", after}});
}

struct V2Transaction {
  std::string id, type, status, asset;
  Decimal amount;  // signed: negative leaves the account
  int64_t time = 0;
  std::string fee = "0", network, address, txid;
};

V2Transaction readTransaction(const json& row, std::string_view ctx) {
  V2Transaction t;
  t.id = stringField(row, ctx, "id");
  t.type = stringField(row, ctx, "type");
  t.status = optionalString(row, ctx, "status").value_or("");
  const json& amount = objectField(row, ctx, "amount");
  t.amount = decimalField(amount, ctx, "amount");
  t.asset = coinbase::normalizeAsset(stringField(amount, ctx, "currency")).asset;
  t.time = isoFieldMs(row, ctx, "created_at");
  if (const json* network = optionalField(row, ctx, "network")) {
    requireObject(*network, ctx, "field 'network'");
    t.txid = optionalString(*network, ctx, "hash").value_or("");
    t.network = optionalString(*network, ctx, "network_name").value_or("");
    if (const json* fee = optionalField(*network, ctx, "transaction_fee"))
      t.fee = amountField(*fee, ctx, "amount");
  }
  if (const json* to = optionalField(row, ctx, "to"); to && to->is_object())
    t.address = optionalString(*to, ctx, "address").value_or("");
  return t;
}

ParseResult transfers(const json& body, const json& params, bool deposits) {
  const std::string_view ctx = deposits ? "Coinbase deposits" : "Coinbase withdrawals";
  const json& rows = arrayField(body, ctx, "data");
  json out = json::array();
  for (const auto& row : rows) {
    const auto t = readTransaction(row, ctx);
    // A "send" is incoming when positive; buys, sells, trades and rewards are not transfers.
    const bool in = t.type == "receive" || t.type == "fiat_deposit" ||
                    (t.type == "send" && !t.amount.isNegative());
    const bool outgoing =
        t.type == "fiat_withdrawal" || (t.type == "send" && t.amount.isNegative());
    if (deposits ? !in : !outgoing) continue;
    out.push_back(transfer(
        kId, {deposits ? "deposit" : "withdrawal", t.id, t.time, t.asset, t.amount.abs().toString(),
              t.fee, t.network, t.address, t.txid, transferStatus(t.status)}));
  }
  ParseResult result{json{{"transfers", std::move(out)}}, std::nullopt};
  pageV2(result, body, rows.size(), params, ctx);
  return result;
}

// ---- market data ----

// {"products":[{"product_id","price",...}]} or one product.
ParseResult tickers(const json& body) {
  constexpr std::string_view ctx = "Coinbase tickers";
  requireObject(body, ctx, "the answer");
  json out = json::array(), skipped = json::array();
  const json* products = optionalField(body, ctx, "products");
  const auto one = [&](const json& p) {
    const auto id = stringField(p, ctx, "product_id");
    const auto market = coinbase::splitProduct(id);
    const auto price = optionalString(p, ctx, "price").value_or("");
    if (!market || price.empty()) {  // delisted products carry an empty price
      skipped.push_back(id);
      return;
    }
    out.push_back(ticker(kId, {market->first, market->second, amountField(p, ctx, "price")}));
  };
  if (products) {
    requireArray(*products, ctx, "field 'products'");
    for (const auto& p : *products) one(p);
  } else {
    one(body);
  }
  json data{{"tickers", std::move(out)}};
  if (!skipped.empty()) data["skipped"] = std::move(skipped);
  return {std::move(data), std::nullopt};
}

// {"candles":[{"start":"1639508050","low","high","open","close","volume"}]}, newest first;
// emitted oldest first like the other exchanges.
ParseResult candles(const json& body, const json& params) {
  constexpr std::string_view ctx = "Coinbase candles";
  // The same names buildRequest reads (product_id, symbol), plus the older productId.
  std::string product;
  for (const char* name : {"product_id", "symbol", "productId"})
    if (product.empty()) product = stringParam(params, name);
  const auto baseParam = stringParam(params, "base"), quoteParam = stringParam(params, "quote");
  if (product.empty() && !baseParam.empty() && !quoteParam.empty())
    product = baseParam + "-" + quoteParam;
  if (product.empty())
    throw CoreError(ErrorKind::InvalidInput,
                    "Coinbase candles: params.product_id (or base and quote) is needed to label "
                    "the candles");
  const auto [base, quote] = requireProduct(product, ctx);
  const json& rows = arrayField(body, ctx, "candles");
  json out = json::array();
  for (const auto& c : rows)
    out.push_back(
        candle(kId, {base, quote, secondsFieldMs(c, ctx, "start"), amountField(c, ctx, "open"),
                     amountField(c, ctx, "high"), amountField(c, ctx, "low"),
                     amountField(c, ctx, "close"), amountField(c, ctx, "volume")}));
  std::stable_sort(out.begin(), out.end(), [](const json& a, const json& b) {
    return a["time"].get<int64_t>() < b["time"].get<int64_t>();
  });
  return {json{{"candles", std::move(out)}}, std::nullopt};
}

}  // namespace

ParseResult Coinbase::parseResponse(Operation op, const HttpResponse& response,
                                    const nlohmann::json& params) const {
  if (op == Operation::Ledger)
    throw CoreError(ErrorKind::Unsupported,
                    "Coinbase Advanced Trade has no ledger endpoint; use trades, deposits and "
                    "withdrawals");
  const json body = coinbase::checkedBody(response);
  switch (op) {
    case Operation::ServerTime:
      return serverTime(body);
    case Operation::Permissions:
      return permissions(body);
    case Operation::Balances:
      return balances(body, params);
    case Operation::Trades:
      return trades(body, params);
    case Operation::Deposits:
      return transfers(body, params, true);
    case Operation::Withdrawals:
      return transfers(body, params, false);
    case Operation::Ledger:
      break;  // refused above
    case Operation::Tickers:
      return tickers(body);
    case Operation::Candles:
      return candles(body, params);
  }
  throw CoreError(ErrorKind::Internal, "Coinbase: unhandled operation");
}

}  // namespace kf::exchanges
