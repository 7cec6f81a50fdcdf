// Fast paths (exchanges/fast_responses.hpp) for Binance's largest answers: /api/v3/account
// (balances) and /api/v3/myTrades (trades). Same rules as binance_responses.cpp.
#include <set>
#include <vector>

#include "exchanges/binance/binance_assets.hpp"
#include "exchanges/common/fast_fields.hpp"
#include "exchanges/common/fast_model.hpp"
#include "exchanges/common/response_fields.hpp"
#include "exchanges/common/response_model.hpp"
#include "exchanges/fast_responses.hpp"
#include "model/json_scan.hpp"

namespace kf::exchanges::binance {

namespace {

using nlohmann::json;
using namespace fast;

constexpr std::string_view kId = "binance";

struct BalanceText {
  std::string_view asset;
  Decimal free, locked;
};

BalanceText balanceRow(JsonScanner& s) {
  BalanceText row;
  unsigned seen = 0;
  std::string_view key;
  s.beginObject();
  while (s.nextKey(key)) {
    if (key == "asset") {
      once(seen, 1);
      row.asset = stringOf(s);
    } else if (key == "free") {
      once(seen, 2);
      row.free = decimalOf(s);
    } else if (key == "locked") {
      once(seen, 4);
      row.locked = decimalOf(s);
    } else {
      s.skip();
    }
  }
  if (seen != 7) JsonScanner::unhandled();
  return row;
}

FastParseResult balances(std::string_view body) {
  JsonScanner s(body);
  std::vector<BalanceText> rows;
  bool listed = false;
  std::string_view key;
  s.beginObject();
  while (s.nextKey(key)) {
    if (key == "code") JsonScanner::unhandled();  // an error's shape: binance::checkedBody
    if (key != "balances") {
      s.skip();
      continue;
    }
    if (listed) JsonScanner::unhandled();
    listed = true;
    s.beginArray();
    while (s.nextElement()) rows.push_back(balanceRow(s));
  }
  s.finish();
  if (!listed) JsonScanner::unhandled();

  // normalizeAsset only asks the account's asset set about X for an "LD"+X row, so the
  // set of such X that the account lists answers exactly as the set of all its assets.
  std::set<std::string, std::less<>> underlying;
  for (const auto& row : rows)
    if (row.asset.size() > 2 && row.asset.substr(0, 2) == "LD")
      underlying.emplace(row.asset.substr(2));
  std::set<std::string> assets;
  if (!underlying.empty())
    for (const auto& row : rows)
      if (underlying.count(row.asset)) assets.emplace(row.asset);

  JsonWriter out(64 + rows.size() * 128);
  out.beginObject().key("balances").beginArray();
  for (const auto& row : rows) {
    auto name = normalizeAsset(row.asset, assets);
    response::writeBalance(out, kId,
                           {std::move(name.asset), std::move(name.account), row.free, row.locked});
  }
  out.endArray().endObject();
  return {out.take(), std::nullopt};
}

struct TradeFields {
  std::string_view symbol, commissionAsset;
  std::string_view idText;  // std::to_string(id): the number's own text, save "-0"
  int64_t id = 0, time = 0;
  bool isBuyer = false;
  Decimal qty, price, quoteQty, commission;
};

TradeFields tradeRow(JsonScanner& s) {
  TradeFields row;
  unsigned seen = 0;
  std::string_view key;
  s.beginObject();
  while (s.nextKey(key)) {
    if (key == "symbol") {
      once(seen, 1);
      row.symbol = stringOf(s);
    } else if (key == "id") {
      once(seen, 2);
      if (s.peek() != Kind::Number) JsonScanner::unhandled();
      row.idText = s.number();
      const auto id = jsonInteger(row.idText);
      if (!id) JsonScanner::unhandled();
      row.id = *id;
      if (row.idText == "-0") row.idText = "0";
    } else if (key == "time") {
      once(seen, 4);
      row.time = integerOf(s);
    } else if (key == "isBuyer") {
      once(seen, 8);
      row.isBuyer = s.boolean();
    } else if (key == "qty") {
      once(seen, 16);
      row.qty = decimalOf(s);
    } else if (key == "price") {
      once(seen, 32);
      row.price = decimalOf(s);
    } else if (key == "quoteQty") {
      once(seen, 64);
      row.quoteQty = decimalOf(s);
    } else if (key == "commission") {
      once(seen, 128);
      row.commission = decimalOf(s);
    } else if (key == "commissionAsset") {
      once(seen, 256);
      row.commissionAsset = stringOf(s);
    } else {
      s.skip();
    }
  }
  if (seen != 511) JsonScanner::unhandled();
  return row;
}

// binance_responses.cpp's marketOf: the caller's params.base/quote when they spell the
// symbol, else the known quote suffixes; nullopt leaves the error to the general path.
struct MarketText {
  std::string symbol, base, quote, normalized;
};

MarketText marketOf(std::string_view symbol, const json& params) {
  const auto base = response::stringParam(params, "base");
  const auto quote = response::stringParam(params, "quote");
  std::optional<std::pair<std::string, std::string>> market;
  if (!base.empty() && !quote.empty() && base + quote == symbol)
    market = std::make_pair(base, quote);
  else
    market = splitSymbol(symbol);
  if (!market) JsonScanner::unhandled();
  return {std::string(symbol), market->first, market->second,
          response::symbol(market->first, market->second)};
}

FastParseResult trades(std::string_view body, const json& params) {
  JsonScanner s(body);
  JsonWriter out(64 + body.size());
  out.beginObject().key("trades").beginArray();
  std::optional<MarketText> market;  // histories come one symbol at a time
  int64_t lastId = -1, count = 0;
  s.beginArray();
  while (s.nextElement()) {
    const TradeFields row = tradeRow(s);
    if (!market || market->symbol != row.symbol) market = marketOf(row.symbol, params);
    lastId = std::max(lastId, row.id);
    ++count;
    response::writeTrade(out, kId,
                         {row.idText, row.time, market->normalized, market->base, market->quote,
                          row.isBuyer ? "buy" : "sell", row.qty, row.price, row.quoteQty,
                          row.commissionAsset, row.commission});
  }
  s.finish();
  out.endArray().endObject();
  FastParseResult result{out.take(), std::nullopt};
  // As binance_responses.cpp: a full page continues after the highest id.
  const int64_t limit = response::intParam(params, "limit", 1000);
  if (count > 0 && count >= limit)
    result.next = response::nextParams(
        params, {{"fromId", lastId + 1}, {"startMs", nullptr}, {"endMs", nullptr}});
  return result;
}

}  // namespace

std::optional<FastParseResult> fastParse(Operation op, const HttpResponse& response,
                                         const json& params) {
  switch (op) {
    case Operation::Balances:
      return balances(response.body);
    case Operation::Trades:
      return trades(response.body, params);
    default:
      return std::nullopt;
  }
}

}  // namespace kf::exchanges::binance
