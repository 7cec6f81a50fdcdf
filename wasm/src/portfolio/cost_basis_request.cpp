#include "portfolio/cost_basis_request.hpp"

#include <string>

#include <nlohmann/json.hpp>

#include "api/envelope.hpp"
#include "core/error.hpp"

namespace kf::portfolio {

namespace {

using nlohmann::json;

constexpr std::int64_t kMaxTimeMs = 1LL << 53;  // times beyond this are not dates

[[noreturn]] void invalid(const std::string& message) {
  throw CoreError(ErrorKind::InvalidInput, message);
}

std::int64_t optionalInt(const json& in, const char* name, std::int64_t fallback, std::int64_t lo,
                         std::int64_t hi) {
  const auto it = in.find(name);
  if (it == in.end() || it->is_null()) return fallback;
  const std::int64_t v = api::requireInt(in, name);
  if (v < lo || v > hi)
    invalid("field '" + std::string(name) + "' must be " + std::to_string(lo) + ".." +
            std::to_string(hi));
  return v;
}

Decimal nonNegative(const json& obj, const char* name, bool required) {
  const auto it = obj.find(name);
  if (it == obj.end() || it->is_null() ||
      (it->is_string() && it->get_ref<const std::string&>().empty())) {
    if (required) invalid(std::string(name) + ": missing");
    return Decimal();
  }
  Decimal d;
  try {
    d = Decimal::fromJson(*it);
  } catch (const CoreError& e) {
    if (e.kind() == ErrorKind::Overflow)
      throw CoreError(ErrorKind::Overflow, name + std::string(": ") + e.what());
    invalid(std::string(name) + ": " + e.what());
  }
  if (d.isNegative()) invalid(std::string(name) + ": must not be negative, got " + d.toString());
  return d;
}

std::string idOf(const json& obj) {
  const auto& v = api::requireField(obj, "id");
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return v.dump();
  invalid("id: must be a string");
}

std::int64_t timeOf(const json& obj) {
  const std::int64_t t = api::requireInt(obj, "time");
  if (t < 0 || t > kMaxTimeMs) invalid("time: out of range");
  return t;
}

NameId assetOf(const json& obj, const char* name, NameTable& assets) {
  const auto s = api::requireString(obj, name);
  if (s.empty()) invalid(std::string(name) + ": empty");
  return assets.intern(s);
}

void parseTrade(const json& t, Ledger& ledger) {
  if (!t.is_object()) invalid("must be an object");
  Event e;
  const auto side = api::requireString(t, "side");
  if (side == "buy")
    e.kind = EventKind::Buy;
  else if (side == "sell")
    e.kind = EventKind::Sell;
  else
    invalid("side: must be \"buy\" or \"sell\"");
  e.timeMs = timeOf(t);
  e.exchange = ledger.exchanges.intern(api::requireString(t, "exchange"));
  e.base = assetOf(t, "base", ledger.assets);
  e.quote = assetOf(t, "quote", ledger.assets);
  e.amount = nonNegative(t, "amount", true);
  e.cost = nonNegative(t, "cost", false);
  const auto costIt = t.find("cost");
  const bool noCost = costIt == t.end() || costIt->is_null() ||
                      (costIt->is_string() && costIt->get_ref<const std::string&>().empty());
  if (noCost) e.cost = e.amount * nonNegative(t, "price", true);  // cost absent: amount * price
  e.fee = nonNegative(t, "fee", false);
  if (!e.fee.isZero()) e.feeAsset = assetOf(t, "feeAsset", ledger.assets);
  ledger.add(std::move(e), idOf(t));
}

void parseTransfer(const json& t, Ledger& ledger) {
  if (!t.is_object()) invalid("must be an object");
  // Only completed transfers move coins; pending, failed and canceled ones are skipped.
  if (api::optionalString(t, "status", "ok") != "ok") return;
  Event e;
  const auto type = api::requireString(t, "type");
  if (type == "deposit")
    e.kind = EventKind::Deposit;
  else if (type == "withdrawal")
    e.kind = EventKind::Withdrawal;
  else
    invalid("type: must be \"deposit\" or \"withdrawal\"");
  e.timeMs = timeOf(t);
  e.exchange = ledger.exchanges.intern(api::requireString(t, "exchange"));
  e.base = assetOf(t, "asset", ledger.assets);
  e.amount = nonNegative(t, "amount", true);
  e.fee = nonNegative(t, "fee", false);
  ledger.add(std::move(e), idOf(t));
}

template <class Parse>
void parseList(const json& in, const char* name, Ledger& ledger, Parse parse) {
  const auto it = in.find(name);
  if (it == in.end() || it->is_null()) return;
  if (!it->is_array()) invalid("field '" + std::string(name) + "' must be an array");
  for (std::size_t i = 0; i < it->size(); ++i) {
    try {
      parse((*it)[i], ledger);
    } catch (const CoreError& e) {
      throw CoreError(e.kind(), std::string(name) + "[" + std::to_string(i) + "]: " + e.what());
    }
  }
}

int parseTwoDigits(std::string_view s, std::size_t at) {
  if (at + 2 > s.size() || s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9')
    return -1;
  return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

}  // namespace

Method methodFromString(std::string_view name) {
  if (name == "fifo") return Method::Fifo;
  if (name == "lifo") return Method::Lifo;
  if (name == "hifo") return Method::Hifo;
  if (name == "average") return Method::Average;
  invalid("method must be fifo, lifo, hifo or average");
}

std::string_view to_string(Method method) {
  switch (method) {
    case Method::Fifo:
      return "fifo";
    case Method::Lifo:
      return "lifo";
    case Method::Hifo:
      return "hifo";
    case Method::Average:
      return "average";
  }
  return "fifo";
}

std::int64_t utcOffsetMs(std::string_view tz) {
  if (tz == "UTC" || tz == "Z" || tz == "Etc/UTC") return 0;
  if (tz.substr(0, 3) == "UTC") tz.remove_prefix(3);
  if (tz.size() == 6 && (tz[0] == '+' || tz[0] == '-') && tz[3] == ':') {
    const int h = parseTwoDigits(tz, 1), m = parseTwoDigits(tz, 4);
    if (h >= 0 && h <= 14 && m >= 0 && m < 60)
      return (tz[0] == '-' ? -1 : 1) * (h * 3600000LL + m * 60000LL);
  }
  throw CoreError(ErrorKind::Unsupported,
                  "timezone must be \"UTC\" or a fixed offset like \"+01:00\"");
}

std::int64_t yearStartMs(int year, std::int64_t offsetMs) {
  // Days from 1970-01-01 to January 1 of `year` (proleptic Gregorian).
  const std::int64_t y = year - 1;
  const std::int64_t days =
      365 * (y - 1969) + (y / 4 - 1969 / 4) - (y / 100 - 1969 / 100) + (y / 400 - 1969 / 400);
  return days * 86'400'000 - offsetMs;
}

CostBasisRequest parseCostBasisRequest(const nlohmann::json& in) {
  CostBasisRequest req;
  auto& o = req.options;
  o.method = methodFromString(api::optionalString(in, "method", "fifo"));
  o.currency = api::requireString(in, "currency");
  if (o.currency.empty()) invalid("field 'currency' must not be empty");
  o.holdingPeriodDays = optionalInt(in, "holdingPeriodDays", 365, 0, 36500);
  o.transferWindowMs =
      optionalInt(in, "transferWindowMs", o.transferWindowMs, 0, 366 * 86'400'000LL);
  const std::int64_t maxAge =
      optionalInt(in, "priceMaxAgeMs", 2 * 86'400'000LL, 0, 366 * 86'400'000LL);
  if (api::optionalString(in, "feeTreatment", "default") != "default")
    throw CoreError(ErrorKind::Unsupported, "feeTreatment must be \"default\"");
  const auto pooling = api::optionalString(in, "pooling", "exchange");
  if (pooling == "universal")
    o.pooling = Pooling::Universal;
  else if (pooling != "exchange")
    invalid("pooling must be \"exchange\" or \"universal\"");
  const std::int64_t offset = utcOffsetMs(api::optionalString(in, "timezone", "UTC"));
  if (const auto it = in.find("taxYear"); it != in.end() && !it->is_null()) {
    req.taxYear = static_cast<int>(optionalInt(in, "taxYear", 0, 1970, 9999));
    req.fromMs = yearStartMs(*req.taxYear, offset);
    o.untilMs = yearStartMs(*req.taxYear + 1, offset);
  }
  req.ledger.assets.intern(o.currency);
  parseList(in, "trades", req.ledger, parseTrade);
  parseList(in, "transfers", req.ledger, parseTransfer);
  const auto pricesIt = in.find("prices");
  req.prices =
      parseHistoricalPrices(pricesIt == in.end() ? json() : *pricesIt, req.ledger.assets, maxAge);
  return req;
}

}  // namespace kf::portfolio
