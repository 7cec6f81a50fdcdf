// Fast paths (exchanges/fast_responses.hpp) for Coinbase Advanced Trade's accounts
// (balances) and historical fills (trades). Same rules as coinbase_responses.cpp.
#include <vector>

#include "exchanges/coinbase/coinbase_assets.hpp"
#include "exchanges/common/fast_fields.hpp"
#include "exchanges/common/fast_model.hpp"
#include "exchanges/common/response_fields.hpp"
#include "exchanges/common/response_model.hpp"
#include "exchanges/common/response_time.hpp"
#include "exchanges/fast_responses.hpp"

namespace kf::exchanges::coinbase {

namespace {

using nlohmann::json;
using namespace fast;

constexpr std::string_view kId = "coinbase";
constexpr int kDerivedScale = 18;  // as coinbase_responses.cpp

// A v3 list answer: `rows` under `listKey`, paged by "cursor" and "has_next". An error
// body ("errors", "error") is the general path's to classify.
struct Page {
  std::string_view cursor;
  std::optional<bool> hasNext;
  size_t count = 0;
};

template <typename ReadRow>
Page listAnswer(std::string_view body, std::string_view listKey, ReadRow readRow) {
  JsonScanner s(body);
  Page page;
  unsigned seen = 0;
  std::string_view key;
  s.beginObject();
  while (s.nextKey(key)) {
    if (key == "errors" || key == "error") JsonScanner::unhandled();
    if (key == listKey) {
      once(seen, 1);
      s.beginArray();
      while (s.nextElement()) {
        readRow(s);
        ++page.count;
      }
    } else if (key == "cursor") {
      once(seen, 2);
      page.cursor = optionalStringOf(s).value_or("");
    } else if (key == "has_next") {
      once(seen, 4);
      page.hasNext = optionalBoolOf(s);
    } else {
      s.skip();
    }
  }
  s.finish();
  if (!(seen & 1)) JsonScanner::unhandled();
  return page;
}

void pageByCursor(FastParseResult& result, const Page& page, const json& params) {
  if (!page.cursor.empty() && page.count > 0 && page.hasNext.value_or(true))
    result.next = response::nextParams(params, {{"cursor", std::string(page.cursor)}});
}

// {"value": amount, ...}
Decimal valueOf(JsonScanner& s) {
  std::optional<Decimal> value;
  unsigned seen = 0;
  std::string_view key;
  s.beginObject();
  while (s.nextKey(key)) {
    if (key == "value") {
      once(seen, 1);
      value = decimalOf(s);
    } else {
      s.skip();
    }
  }
  if (!value) JsonScanner::unhandled();
  return *value;
}

FastParseResult balances(std::string_view body, const json& params) {
  JsonWriter rows;
  rows.beginArray();
  std::vector<std::string_view> accounts;  // every uuid, empty accounts too
  const Page page = listAnswer(body, "accounts", [&](JsonScanner& s) {
    std::string_view currency, uuid;
    Decimal free, locked;
    unsigned seen = 0;
    std::string_view key;
    s.beginObject();
    while (s.nextKey(key)) {
      if (key == "currency") {
        once(seen, 1);
        currency = stringOf(s);
      } else if (key == "available_balance") {
        once(seen, 2);
        free = valueOf(s);
      } else if (key == "hold") {
        once(seen, 4);
        if (s.peek() == Kind::Null)
          s.null();
        else
          locked = valueOf(s);
      } else if (key == "uuid") {
        once(seen, 8);
        uuid = optionalStringOf(s).value_or("");
      } else {
        s.skip();
      }
    }
    if ((seen & 3) != 3) JsonScanner::unhandled();
    if (!uuid.empty()) accounts.push_back(uuid);
    auto name = normalizeAsset(currency);
    response::writeBalance(rows, kId,
                           {std::move(name.asset), std::move(name.account), free, locked}, uuid);
  });
  rows.endArray();
  // Keys in nlohmann's sorted order, as the general path writes them.
  JsonWriter out;
  out.beginObject().key("accounts").beginArray();
  for (std::string_view id : accounts) out.string(id);
  out.endArray().key("balances").raw(rows.take()).endObject();
  FastParseResult result{out.take(), std::nullopt};
  pageByCursor(result, page, params);
  return result;
}

struct Market {
  std::string productId, base, quote, symbol;
};

FastParseResult trades(std::string_view body, const json& params) {
  JsonWriter out(64 + body.size());
  out.beginObject().key("trades").beginArray();
  std::optional<Market> market;
  const Page page = listAnswer(body, "fills", [&](JsonScanner& s) {
    std::string_view product, side;
    std::string id;
    int64_t time = 0;
    Decimal price, size, commission;
    bool inQuote = false;
    unsigned seen = 0;
    std::string_view key;
    s.beginObject();
    while (s.nextKey(key)) {
      if (key == "product_id") {
        once(seen, 1);
        product = stringOf(s);
      } else if (key == "side") {
        once(seen, 2);
        side = stringOf(s);
        if (side != "BUY" && side != "SELL") JsonScanner::unhandled();
      } else if (key == "price") {
        once(seen, 4);
        price = decimalOf(s);
      } else if (key == "size") {
        once(seen, 8);
        size = decimalOf(s);
      } else if (key == "trade_id") {
        once(seen, 16);
        // idField: a string as is, an integer in decimal.
        if (s.peek() == Kind::String) {
          id = std::string(s.string());
        } else {
          id = std::to_string(integerOf(s));
        }
      } else if (key == "trade_time") {
        once(seen, 32);
        const auto ms = response::isoTextToMs(stringOf(s));
        if (!ms) JsonScanner::unhandled();
        time = *ms;
      } else if (key == "commission") {
        once(seen, 64);
        commission = decimalOf(s);
      } else if (key == "size_in_quote") {
        once(seen, 128);
        inQuote = optionalBoolOf(s).value_or(false);
      } else {
        s.skip();
      }
    }
    if ((seen & 127) != 127) JsonScanner::unhandled();
    if (!market || market->productId != product) {
      const auto split = splitProduct(product);
      if (!split) JsonScanner::unhandled();
      market = Market{std::string(product), split->first, split->second,
                      response::symbol(split->first, split->second)};
    }
    Decimal amount, cost;
    if (inQuote) {
      // size is in the quote currency: the base amount is derived, rounded to 18 places.
      if (price.isZero()) JsonScanner::unhandled();
      amount = size.divide(price, kDerivedScale).trimmed();
      cost = size;
    } else {
      amount = size;
      cost = size * price;
    }
    response::writeTrade(
        out, kId,
        {id, time, market->symbol, market->base, market->quote, side == "BUY" ? "buy" : "sell",
         amount, price, cost, market->quote, commission});
  });
  out.endArray().endObject();
  FastParseResult result{out.take(), std::nullopt};
  pageByCursor(result, page, params);
  return result;
}

}  // namespace

std::optional<FastParseResult> fastParse(Operation op, const HttpResponse& response,
                                         const json& params) {
  switch (op) {
    case Operation::Balances:
      return balances(response.body, params);
    case Operation::Trades:
      return trades(response.body, params);
    default:
      return std::nullopt;
  }
}

}  // namespace kf::exchanges::coinbase
