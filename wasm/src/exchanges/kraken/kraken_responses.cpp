// Kraken answers → the normalized model (wasm/README.md). Endpoints: public Time,
// Ticker, OHLC; private Balance/BalanceEx, TradesHistory, Ledgers, DepositStatus,
// WithdrawStatus. Kraken returns trades and ledger entries keyed by id (an object, whose
// order JSON does not keep), so they are emitted sorted by time, then id.
#include <algorithm>
#include <map>

#include "core/error.hpp"
#include "exchanges/common/response_fields.hpp"
#include "exchanges/common/response_http.hpp"
#include "exchanges/common/response_model.hpp"
#include "exchanges/kraken/kraken.hpp"
#include "exchanges/kraken/kraken_assets.hpp"
#include "exchanges/kraken/kraken_errors.hpp"

namespace kf::exchanges {

namespace {

using namespace response;
using nlohmann::json;

constexpr std::string_view kId = "kraken";

std::pair<std::string, std::string> requirePair(const std::string& pair, std::string_view ctx) {
  if (auto market = kraken::splitPair(pair)) return *market;
  malformed(ctx, "unknown quote asset in pair '" + excerpt(pair, 30) + "'");
}

// Kraken pages trades and ledger entries by offset; `count` is the total matching.
void pageByOffset(ParseResult& result, const json& body, size_t pageSize, const json& params,
                  std::string_view ctx) {
  const int64_t count = intField(body, ctx, "count");
  const int64_t ofs = intParam(params, "ofs", 0);
  int64_t next = 0;
  if (__builtin_add_overflow(ofs, static_cast<int64_t>(pageSize), &next))
    throw CoreError(ErrorKind::InvalidInput, "params.ofs is too large to page on");
  if (pageSize > 0 && next < count) result.next = nextParams(params, {{"ofs", next}});
}

void sortByTime(json& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const json& a, const json& b) {
    const auto ta = a["time"].get<int64_t>(), tb = b["time"].get<int64_t>();
    return ta != tb ? ta < tb
                    : a["id"].get_ref<const std::string&>() < b["id"].get_ref<const std::string&>();
  });
}

ParseResult serverTime(const json& result) {
  constexpr std::string_view ctx = "Kraken server time";
  return {json{{"serverTimeMs", secondsFieldMs(result, ctx, "unixtime")}}, std::nullopt};
}

// Balance: {"XXBT":"1.5",...}; BalanceEx: {"XXBT":{"balance":"1.5","hold_trade":"0.2"},...}.
// Names that normalize to the same asset and account (DOT.S, DOT28.S) are summed.
ParseResult balances(const json& result) {
  constexpr std::string_view ctx = "Kraken balances";
  requireObject(result, ctx, "the result");
  std::vector<BalanceRow> rows;
  std::map<std::pair<std::string, std::string>, size_t> index;
  for (const auto& [code, value] : result.items()) {
    // KFEE is Kraken's fee credit (spent on trading fees, not an asset with a market):
    // counting it would list a phantom "unpriced" holding.
    if (code == "KFEE") continue;
    const auto name = kraken::normalizeAsset(code);
    Decimal free, locked;
    if (value.is_object()) {
      const Decimal total = decimalField(value, ctx, "balance");
      const json* hold = optionalField(value, ctx, "hold_trade");
      locked = hold ? decimalValue(*hold, ctx, "field 'hold_trade'") : Decimal();
      free = total - locked;
    } else {
      free = decimalValue(value, ctx, "the balance of '" + excerpt(code, 20) + "'");
    }
    const auto key = std::make_pair(name.asset, name.account);
    const auto found = index.find(key);
    if (found == index.end()) {
      index.emplace(key, rows.size());
      rows.push_back({name.asset, name.account, free, locked});
    } else {
      rows[found->second].free += free;
      rows[found->second].locked += locked;
    }
  }
  json out = json::array();
  for (const auto& row : rows)
    if (auto b = balance(kId, row)) out.push_back(std::move(*b));
  return {json{{"balances", std::move(out)}}, std::nullopt};
}

ParseResult trades(const json& result, const json& params) {
  constexpr std::string_view ctx = "Kraken trades";
  const json& rows = objectField(result, ctx, "trades");
  json out = json::array();
  for (const auto& [txid, row] : rows.items()) {
    const auto [base, quote] = requirePair(stringField(row, ctx, "pair"), ctx);
    const auto type = stringField(row, ctx, "type");
    if (type != "buy" && type != "sell")
      malformed(ctx, "field 'type' must be buy or sell, got '" + excerpt(type, 20) + "'");
    // Kraken charges trade fees in the quote currency unless the order asked otherwise,
    // which TradesHistory does not report.
    out.push_back(trade(kId, {txid, secondsFieldMs(row, ctx, "time"), base, quote, type,
                              amountField(row, ctx, "vol"), amountField(row, ctx, "price"),
                              amountField(row, ctx, "cost"), quote, amountField(row, ctx, "fee")}));
  }
  sortByTime(out);
  ParseResult parsed{json{{"trades", std::move(out)}}, std::nullopt};
  pageByOffset(parsed, result, rows.size(), params, ctx);
  return parsed;
}

ParseResult ledger(const json& result, const json& params) {
  constexpr std::string_view ctx = "Kraken ledger";
  const json& rows = objectField(result, ctx, "ledger");
  json out = json::array();
  for (const auto& [id, row] : rows.items()) {
    const auto name = kraken::normalizeAsset(stringField(row, ctx, "asset"));
    const json* bal = optionalField(row, ctx, "balance");
    out.push_back(ledgerEntry(
        kId,
        {id, stringField(row, ctx, "refid"), secondsFieldMs(row, ctx, "time"),
         stringField(row, ctx, "type"), optionalString(row, ctx, "subtype").value_or(""),
         name.asset, name.account, amountField(row, ctx, "amount"), amountField(row, ctx, "fee"),
         bal ? amountValue(*bal, ctx, "field 'balance'") : std::string()}));
  }
  sortByTime(out);
  ParseResult parsed{json{{"ledger", std::move(out)}}, std::nullopt};
  pageByOffset(parsed, result, rows.size(), params, ctx);
  return parsed;
}

std::string transferStatus(const json& row, std::string_view ctx) {
  const auto prop = optionalString(row, ctx, "status-prop").value_or("");
  if (prop == "canceled" || prop == "cancel-pending") return "canceled";
  if (prop == "return") return "failed";
  const auto status = stringField(row, ctx, "status");
  if (status == "Success" || status == "Partial") return "ok";
  if (status == "Failure") return "failed";
  return "pending";  // Initial, Pending, Settled (not yet credited), onhold
}

// A plain array, or with cursor paging {"deposit"|"withdrawal"...: [...], "next_cursor": ...}.
ParseResult transfers(const json& result, const json& params, std::string_view type) {
  const std::string ctx = type == "deposit" ? "Kraken deposits" : "Kraken withdrawals";
  const json* rows = &result;
  std::optional<std::string> cursor;
  if (result.is_object()) {
    rows = nullptr;
    for (const auto& [key, value] : result.items())
      if (value.is_array()) rows = &value;
    if (!rows) malformed(ctx, "no list of " + std::string(type) + "s in the result");
    if (const json* c = optionalField(result, ctx, "next_cursor");
        c && c->is_string() && !c->get_ref<const std::string&>().empty())
      cursor = c->get<std::string>();
  }
  requireArray(*rows, ctx, "the result");
  json out = json::array();
  for (const auto& row : *rows) {
    const json* fee = optionalField(row, ctx, "fee");
    out.push_back(transfer(
        kId, {std::string(type), stringField(row, ctx, "refid"), secondsFieldMs(row, ctx, "time"),
              kraken::normalizeAsset(stringField(row, ctx, "asset")).asset,
              amountField(row, ctx, "amount"), fee ? amountValue(*fee, ctx, "field 'fee'") : "0",
              optionalString(row, ctx, "method").value_or(""),
              optionalString(row, ctx, "info").value_or(""),
              optionalString(row, ctx, "txid").value_or(""), transferStatus(row, ctx)}));
  }
  ParseResult parsed{json{{"transfers", std::move(out)}}, std::nullopt};
  if (cursor && !rows->empty()) parsed.next = nextParams(params, {{"cursor", *cursor}});
  return parsed;
}

// {"XXBTZUSD":{"a":[ask,...],"b":[bid,...],"c":[last,vol],"o":open,...}}
ParseResult tickers(const json& result) {
  constexpr std::string_view ctx = "Kraken tickers";
  requireObject(result, ctx, "the result");
  json out = json::array(), skipped = json::array();
  for (const auto& [pair, row] : result.items()) {
    const auto market = kraken::splitPair(pair);
    if (!market) {
      skipped.push_back(pair);
      continue;
    }
    TickerRow t{market->first, market->second,
                amountValue(at(arrayField(row, ctx, "c"), 0, ctx, "field 'c'"), ctx, "last price")};
    if (const json* o = optionalField(row, ctx, "o")) t.open24h = amountValue(*o, ctx, "field 'o'");
    if (const json* b = optionalField(row, ctx, "b"))
      t.bid = amountValue(at(*b, 0, ctx, "field 'b'"), ctx, "bid");
    if (const json* a = optionalField(row, ctx, "a"))
      t.ask = amountValue(at(*a, 0, ctx, "field 'a'"), ctx, "ask");
    out.push_back(ticker(kId, t));
  }
  json data{{"tickers", std::move(out)}};
  if (!skipped.empty()) data["skipped"] = std::move(skipped);
  return {std::move(data), std::nullopt};
}

// {"XXBTZUSD":[[time,open,high,low,close,vwap,volume,count],...],"last":1688672160}
ParseResult candles(const json& result) {
  constexpr std::string_view ctx = "Kraken candles";
  requireObject(result, ctx, "the result");
  json out = json::array();
  for (const auto& [pair, rows] : result.items()) {
    if (pair == "last") continue;
    requireArray(rows, ctx, "the candles of '" + excerpt(pair, 20) + "'");
    const auto [base, quote] = requirePair(pair, ctx);
    for (const auto& k : rows) {
      out.push_back(
          candle(kId, {base, quote, secondsValueMs(at(k, 0, ctx, "a candle"), ctx, "candle time"),
                       amountValue(at(k, 1, ctx, "a candle"), ctx, "candle open"),
                       amountValue(at(k, 2, ctx, "a candle"), ctx, "candle high"),
                       amountValue(at(k, 3, ctx, "a candle"), ctx, "candle low"),
                       amountValue(at(k, 4, ctx, "a candle"), ctx, "candle close"),
                       amountValue(at(k, 6, ctx, "a candle"), ctx, "candle volume")}));
    }
  }
  return {json{{"candles", std::move(out)}}, std::nullopt};
}

}  // namespace

ParseResult Kraken::parseResponse(Operation op, const HttpResponse& response,
                                  const nlohmann::json& params) const {
  if (op == Operation::Permissions)
    throw CoreError(ErrorKind::Unsupported,
                    "Kraken has no endpoint that reports a key's permissions");
  const json result = kraken::checkedResult(response);
  switch (op) {
    case Operation::ServerTime:
      return serverTime(result);
    case Operation::Balances:
      return balances(result);
    case Operation::Trades:
      return trades(result, params);
    case Operation::Ledger:
      return ledger(result, params);
    case Operation::Deposits:
      return transfers(result, params, "deposit");
    case Operation::Withdrawals:
      return transfers(result, params, "withdrawal");
    case Operation::Tickers:
      return tickers(result);
    case Operation::Candles:
      return candles(result);
    case Operation::Permissions:
      break;
  }
  throw CoreError(ErrorKind::Unsupported, "Kraken: unsupported operation");
}

}  // namespace kf::exchanges
