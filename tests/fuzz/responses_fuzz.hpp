// The driver behind <exchange>_responses_fuzzer.cpp: one raw HTTP answer, fed to
// every operation of one exchange's parseResponse.
//
// Input layout (so the corpus can start from the raw fixture bodies):
//   byte 0       HTTP status (low 4 bits, from kStatuses) and headers (high 4 bits)
//   bytes 1..    the body, up to an optional "\0\0" after which come the request params
//                as JSON (pagination: limit, offset, ofs, fromId, cursor; labels: symbol...)
// Invariants: parseResponse returns data whose records carry only exact decimal
// strings for amounts (each re-parses as a Decimal to the same text), integer times,
// values from the closed vocabularies of wasm/README.md and valid UTF-8; or it throws
// a CoreError of a documented kind. Anything else traps.
#pragma once

#include <array>
#include <limits>
#include <set>

#include "exchanges/exchange.hpp"
#include "fuzz_common.hpp"
#include "model/decimal.hpp"

namespace kf::fuzz {

namespace responses {

using nlohmann::json;

constexpr std::array<int, 16> kStatuses = {200, 200, 200, 201, 204, 301, 400, 401,
                                           403, 404, 418, 429, 451, 500, 503, 520};
constexpr std::array<const char*, 8> kRetryAfter = {
    nullptr, "1", "120", "0", "-5", "99999999999999999999", "Wed, 21 Oct 2015 07:28:00 GMT", "1.5"};

constexpr exchanges::Operation kOps[] = {
    exchanges::Operation::ServerTime, exchanges::Operation::Permissions,
    exchanges::Operation::Balances,   exchanges::Operation::Trades,
    exchanges::Operation::Deposits,   exchanges::Operation::Withdrawals,
    exchanges::Operation::Ledger,     exchanges::Operation::Tickers,
    exchanges::Operation::Candles};

inline const std::set<std::string>& amountKeys() {
  static const std::set<std::string> keys = {
      "free", "locked", "total", "amount", "price", "cost",  "fee",    "last",   "open24h",
      "bid",  "ask",    "open",  "high",   "low",   "close", "volume", "balance"};
  return keys;
}

inline void checkAmount(const json& v, const std::string& key, const json& row) {
  if (v.is_null() && key == "balance") return;  // a ledger row may not report it
  check(v.is_string(), "amount is not a string", key + " in " + row.dump());
  const auto& s = v.get_ref<const std::string&>();
  Decimal d;
  const bool parsed = expectCoreErrorOnly([&] { d = Decimal::parse(s); }, {});
  check(parsed, "amount does not re-parse", s);
  check(d.toString() == s, "amount is not in canonical Decimal text", s);
}

inline void checkOneOf(const json& row, const char* key,
                       std::initializer_list<const char*> values) {
  const auto it = row.find(key);
  if (it == row.end()) return;
  bool ok = false;
  for (const char* v : values) ok = ok || (it->is_string() && *it == v);
  check(ok, "value outside its vocabulary", std::string(key) + " in " + row.dump());
}

inline void checkRecord(const json& row, std::string_view exchange) {
  check(row.is_object(), "a record is not an object", row.dump());
  for (const auto& [key, value] : row.items()) {
    if (amountKeys().count(key)) checkAmount(value, key, row);
    if (key == "time") check(value.is_number_integer(), "time is not an integer", row.dump());
    if (key == "exchange")
      check(value == std::string(exchange), "record names another exchange", row.dump());
  }
  checkOneOf(row, "side", {"buy", "sell"});
  checkOneOf(row, "status", {"ok", "pending", "failed", "canceled"});
  checkOneOf(row, "account", {"spot", "earn", "staked", "funding", "margin", "futures", "hold"});
  if (row.contains("free") && row.contains("locked") && row.contains("total")) {
    const auto total = Decimal::parse(row["total"].get<std::string>());
    check(total == Decimal::parse(row["free"].get<std::string>()) +
                       Decimal::parse(row["locked"].get<std::string>()),
          "balance total is not free + locked", row.dump());
    check(!total.isZero(), "zero balance not dropped", row.dump());
  }
}

inline void checkResult(const exchanges::ParseResult& r, std::string_view exchange) {
  check(r.data.is_object(), "data is not an object", r.data.dump());
  checkStrictJson(r.data, "data holds invalid UTF-8");
  for (const auto& [key, value] : r.data.items()) {
    if (key == "accounts") {  // Coinbase balances: every account id, empty accounts too
      check(value.is_array(), "accounts is not an array", value.dump());
      for (const auto& id : value)
        check(id.is_string() && !id.get_ref<const std::string&>().empty(),
              "an account id is not a non-empty string", value.dump());
      continue;
    }
    if (key == "permissions" || key == "skipped" || !value.is_array()) continue;
    for (const auto& row : value) checkRecord(row, exchange);
  }
  // A balance's account is among the accounts listed with it.
  if (r.data.contains("accounts") && r.data.contains("balances")) {
    for (const auto& b : r.data["balances"]) {
      if (!b.contains("accountId")) continue;
      bool listed = false;
      for (const auto& id : r.data["accounts"]) listed = listed || id == b["accountId"];
      check(listed, "a balance's accountId is not in accounts", b.dump());
    }
  }
  if (r.next) {
    check(r.next->is_object(), "next is not an object", r.next->dump());
    checkStrictJson(*r.next, "next holds invalid UTF-8");
  }
}

}  // namespace responses

inline void readAnswer(const exchanges::Exchange& exchange, std::string_view exchangeId,
                       exchanges::Operation op, const exchanges::HttpResponse& response,
                       const nlohmann::json& params) {
  exchanges::ParseResult result;
  const bool answered = expectCoreErrorOnly(
      [&] { result = exchange.parseResponse(op, response, params); },
      {ErrorKind::Auth, ErrorKind::Permission, ErrorKind::ClockSkew, ErrorKind::Nonce,
       ErrorKind::RateLimit, ErrorKind::Unavailable, ErrorKind::BadRequest, ErrorKind::Malformed,
       ErrorKind::Unsupported, ErrorKind::InvalidInput, ErrorKind::Overflow});
  if (answered) responses::checkResult(result, exchangeId);
}

inline int fuzzResponses(std::string_view exchangeId, const uint8_t* data, size_t size) {
  using namespace responses;
  if (size < 1) return 0;
  const auto& exchange = exchanges::exchangeById(exchangeId);
  exchanges::HttpResponse response;
  response.status = kStatuses[data[0] & 0x0F];
  if (const char* retry = kRetryAfter[(data[0] >> 4) & 0x07])
    response.headers["retry-after"] = retry;
  if (data[0] & 0x80) response.headers["date"] = "Mon, 15 Jan 2024 10:30:00 GMT";

  std::string_view rest = text(data + 1, size - 1);
  json params = {{"symbol", "BTCUSDT"}, {"productId", "BTC-USD"}, {"pair", "XBTUSD"}};
  if (const auto cut = rest.find(std::string_view("\0\0", 2)); cut != std::string_view::npos) {
    auto parsed = json::parse(rest.substr(cut + 2), nullptr, /*allow_exceptions=*/false);
    if (parsed.is_object()) params = std::move(parsed);
    rest = rest.substr(0, cut);
  }
  const std::string body(rest);  // owned, so ASan sees reads past its end
  response.body = body;

  // Paging arithmetic at the edges of int64 (offsets and ids the caller hands back):
  // found slowly by mutation, so every paged answer is also read with these.
  json extremes = params;
  for (const char* key : {"offset", "ofs", "fromId"})
    extremes[key] = std::numeric_limits<int64_t>::max();
  extremes["limit"] = 1;

  for (const auto op : kOps) {
    const bool paged = op == exchanges::Operation::Trades || op == exchanges::Operation::Deposits ||
                       op == exchanges::Operation::Withdrawals ||
                       op == exchanges::Operation::Ledger || op == exchanges::Operation::Balances;
    for (const json* p : {&params, paged ? &extremes : nullptr}) {
      if (p) readAnswer(exchange, exchangeId, op, response, *p);
    }
  }
  return 0;
}

}  // namespace kf::fuzz
