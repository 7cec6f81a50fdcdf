// Fast paths (exchanges/fast_responses.hpp) for Kraken's BalanceEx/Balance (balances) and
// TradesHistory (trades). Same rules as kraken_responses.cpp, including its orders: the
// DOM lists an object's members sorted by name, and trades are then sorted by time, id.
#include <algorithm>
#include <map>
#include <vector>

#include "exchanges/common/fast_fields.hpp"
#include "exchanges/common/fast_model.hpp"
#include "exchanges/common/response_fields.hpp"
#include "exchanges/common/response_model.hpp"
#include "exchanges/common/response_time.hpp"
#include "exchanges/fast_responses.hpp"
#include "exchanges/kraken/kraken_assets.hpp"

namespace kf::exchanges::kraken {

namespace {

using nlohmann::json;
using namespace fast;

constexpr std::string_view kId = "kraken";

// kraken::checkedResult for a clean answer: "error" an empty list or warnings ("W..."),
// then `readResult` reads "result". Anything else is the general path's to classify.
template <typename ReadResult>
void checkedResult(std::string_view body, ReadResult readResult) {
  JsonScanner s(body);
  unsigned seen = 0;
  std::string_view key;
  s.beginObject();
  while (s.nextKey(key)) {
    if (key == "error") {
      once(seen, 1);
      s.beginArray();
      while (s.nextElement())
        if (stringOf(s).substr(0, 1) == "E") JsonScanner::unhandled();
    } else if (key == "result") {
      once(seen, 2);
      readResult(s);
    } else {
      s.skip();
    }
  }
  s.finish();
  if (!(seen & 2)) JsonScanner::unhandled();
}

struct Entry {
  std::string_view code;
  Decimal free, locked;
};

// {"balance","hold_trade"?} of BalanceEx: free = balance - hold_trade.
Entry balanceEx(JsonScanner& s, std::string_view code) {
  std::optional<Decimal> total;
  Decimal hold;
  unsigned seen = 0;
  std::string_view key;
  s.beginObject();
  while (s.nextKey(key)) {
    if (key == "balance") {
      once(seen, 1);
      total = decimalOf(s);
    } else if (key == "hold_trade") {
      once(seen, 2);
      if (s.peek() == Kind::Null)
        s.null();
      else
        hold = decimalOf(s);
    } else {
      s.skip();
    }
  }
  if (!total) JsonScanner::unhandled();
  return {code, *total - hold, hold};
}

FastParseResult balances(std::string_view body) {
  std::vector<Entry> entries;
  checkedResult(body, [&](JsonScanner& s) {
    std::string_view code;
    s.beginObject();
    while (s.nextKey(code)) {
      if (s.peek() == Kind::Object)
        entries.push_back(balanceEx(s, code));
      else
        entries.push_back({code, decimalOf(s), Decimal()});
    }
  });
  // The DOM's order (sorted by name); a repeated name is left to the general path.
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.code < b.code; });
  for (size_t i = 1; i < entries.size(); ++i)
    if (entries[i].code == entries[i - 1].code) JsonScanner::unhandled();

  std::vector<response::BalanceRow> rows;
  std::map<std::pair<std::string, std::string>, size_t> index;
  for (const auto& e : entries) {
    if (e.code == "KFEE") continue;  // Kraken's fee credit, not a holding
    auto name = normalizeAsset(e.code);
    auto key = std::make_pair(name.asset, name.account);
    const auto found = index.find(key);
    if (found == index.end()) {
      index.emplace(std::move(key), rows.size());
      rows.push_back({std::move(name.asset), std::move(name.account), e.free, e.locked});
    } else {
      rows[found->second].free += e.free;
      rows[found->second].locked += e.locked;
    }
  }
  JsonWriter out;
  out.beginObject().key("balances").beginArray();
  for (const auto& row : rows) response::writeBalance(out, kId, row);
  out.endArray().endObject();
  return {out.take(), std::nullopt};
}

struct TradeFields {
  std::string_view id, pair, type;
  int64_t time = 0;
  Decimal vol, price, cost, fee;
};

TradeFields tradeRow(JsonScanner& s, std::string_view id) {
  TradeFields row;
  row.id = id;
  unsigned seen = 0;
  std::string_view key;
  s.beginObject();
  while (s.nextKey(key)) {
    if (key == "pair") {
      once(seen, 1);
      row.pair = stringOf(s);
    } else if (key == "type") {
      once(seen, 2);
      row.type = stringOf(s);
      if (row.type != "buy" && row.type != "sell") JsonScanner::unhandled();
    } else if (key == "time") {
      once(seen, 4);
      // secondsFieldMs: a string or a number, read from its text ("-0" and other
      // negatives are refused by secondsTextToMs, as by the general path).
      const auto ms = response::secondsTextToMs(scalarTextOf(s));
      if (!ms) JsonScanner::unhandled();
      row.time = *ms;
    } else if (key == "vol") {
      once(seen, 8);
      row.vol = decimalOf(s);
    } else if (key == "price") {
      once(seen, 16);
      row.price = decimalOf(s);
    } else if (key == "cost") {
      once(seen, 32);
      row.cost = decimalOf(s);
    } else if (key == "fee") {
      once(seen, 64);
      row.fee = decimalOf(s);
    } else {
      s.skip();
    }
  }
  if (seen != 127) JsonScanner::unhandled();
  return row;
}

FastParseResult trades(std::string_view body, const json& params) {
  std::vector<TradeFields> rows;
  std::optional<int64_t> count;
  checkedResult(body, [&](JsonScanner& s) {
    unsigned seen = 0;
    std::string_view key;
    s.beginObject();
    while (s.nextKey(key)) {
      if (key == "trades") {
        once(seen, 1);
        std::string_view txid;
        s.beginObject();
        while (s.nextKey(txid)) rows.push_back(tradeRow(s, txid));
      } else if (key == "count") {
        once(seen, 2);
        count = integerOf(s);
      } else {
        s.skip();
      }
    }
    if (seen != 3) JsonScanner::unhandled();
  });
  // A repeated id is the general path's (nlohmann keeps the last); then the answer's order:
  // by time, then id.
  std::sort(rows.begin(), rows.end(),
            [](const TradeFields& a, const TradeFields& b) { return a.id < b.id; });
  for (size_t i = 1; i < rows.size(); ++i)
    if (rows[i].id == rows[i - 1].id) JsonScanner::unhandled();
  std::sort(rows.begin(), rows.end(), [](const TradeFields& a, const TradeFields& b) {
    return a.time != b.time ? a.time < b.time : a.id < b.id;
  });

  JsonWriter out(64 + rows.size() * 300);
  out.beginObject().key("trades").beginArray();
  struct Market {
    std::string base, quote, symbol;
  };
  std::map<std::string_view, Market> markets;
  for (const auto& row : rows) {
    auto it = markets.find(row.pair);
    if (it == markets.end()) {
      const auto market = splitPair(row.pair);
      if (!market) JsonScanner::unhandled();
      it = markets
               .emplace(row.pair, Market{market->first, market->second,
                                         response::symbol(market->first, market->second)})
               .first;
    }
    const Market& m = it->second;
    // Kraken charges trade fees in the quote currency (kraken_responses.cpp).
    response::writeTrade(out, kId,
                         {row.id, row.time, m.symbol, m.base, m.quote, row.type, row.vol, row.price,
                          row.cost, m.quote, row.fee});
  }
  out.endArray().endObject();
  FastParseResult result{out.take(), std::nullopt};
  // Paged by offset; `count` is the total matching (kraken_responses.cpp pageByOffset).
  const int64_t ofs = response::intParam(params, "ofs", 0);
  int64_t next = 0;
  if (__builtin_add_overflow(ofs, static_cast<int64_t>(rows.size()), &next))
    JsonScanner::unhandled();
  if (!rows.empty() && next < *count) result.next = response::nextParams(params, {{"ofs", next}});
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

}  // namespace kf::exchanges::kraken
