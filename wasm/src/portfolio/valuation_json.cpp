#include "portfolio/valuation_json.hpp"

#include <string>

#include "core/error.hpp"
#include "portfolio/valuation_math.hpp"

namespace kf::portfolio {

namespace {

using nlohmann::json;

[[noreturn]] void invalid(const std::string& where, const std::string& what) {
  throw CoreError(ErrorKind::InvalidInput, where + ": " + what);
}

const json& arrayField(const json& value, const char* name) {
  if (!value.is_array()) invalid(name, "must be an array");
  return value;
}

std::string text(const json& obj, const std::string& where, const char* name) {
  const auto it = obj.find(name);
  const std::string field = where + "." + name;
  if (it == obj.end() || it->is_null()) invalid(field, "missing");
  if (!it->is_string()) invalid(field, "must be a string");
  std::string s = it->get<std::string>();
  if (s.empty()) invalid(field, "must not be empty");
  return s;
}

Decimal decimal(const json& value, const std::string& field) {
  try {
    return Decimal::fromJson(value);
  } catch (const CoreError& e) {
    // Overflow keeps its kind; anything else is a bad value from the caller.
    throw CoreError(e.kind() == ErrorKind::Overflow ? ErrorKind::Overflow : ErrorKind::InvalidInput,
                    field + ": " + e.what());
  }
}

Decimal requiredDecimal(const json& obj, const std::string& where, const char* name) {
  const auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) invalid(where + "." + name, "missing");
  return decimal(*it, where + "." + name);
}

std::string rounded(const Decimal& d, int scale) {
  return d.rescale(scale, Rounding::HalfEven).toString();
}

std::string percent(const Decimal& part, const Decimal& whole) {
  return whole.isZero() ? "0.00" : percentOf(part, whole).toString();
}

}  // namespace

std::vector<BalanceHolding> holdingsFromJson(const json& holdings) {
  std::vector<BalanceHolding> out;
  const json& list = arrayField(holdings, "holdings");
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = "holdings[" + std::to_string(i) + "]";
    const json& h = list[i];
    if (!h.is_object()) invalid(where, "must be an object");
    BalanceHolding row{text(h, where, "exchange"), text(h, where, "account"), text(h, where, "asset"),
                requiredDecimal(h, where, "total")};
    if (row.total.isNegative()) invalid(where + ".total", "must not be negative");
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<Ticker> tickersFromJson(const json& tickers) {
  std::vector<Ticker> out;
  const json& list = arrayField(tickers, "tickers");
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = "tickers[" + std::to_string(i) + "]";
    const json& t = list[i];
    if (!t.is_object()) invalid(where, "must be an object");
    Ticker row{text(t, where, "exchange"), text(t, where, "base"), text(t, where, "quote"),
               requiredDecimal(t, where, "last"), std::nullopt};
    if (const auto it = t.find("open24h"); it != t.end() && !it->is_null())
      row.open24h = decimal(*it, where + ".open24h");
    out.push_back(std::move(row));
  }
  return out;
}

json valuationToJson(const Valuation& v) {
  const int scale = v.outputScale;
  json out = {{"currency", v.currency}, {"decimals", scale}};
  const Decimal total = v.total.value_or(Decimal());
  out["total"] = v.total ? json(rounded(total, scale)) : json();
  if (v.total && v.change24h) {
    const Decimal before = total - *v.change24h;
    out["total24hAgo"] = rounded(before, scale);
    out["change24h"] = rounded(*v.change24h, scale);
    out["change24hPct"] =
        before.sign() > 0 ? json(percentOf(*v.change24h, before).toString()) : json();
  } else {
    out["total24hAgo"] = out["change24h"] = out["change24hPct"] = nullptr;
  }

  json assets = json::array();
  for (const auto& a : v.assets) {
    json split = json::array();
    for (const auto& p : a.split)
      split.push_back({{"exchange", p.exchange},
                       {"account", p.account},
                       {"amount", p.amount.toPlainString()},
                       {"value", rounded(p.value, scale)}});
    json pct;
    if (a.value24hAgo && a.value24hAgo->sign() > 0)
      pct = percentOf(a.value - *a.value24hAgo, *a.value24hAgo).toString();
    assets.push_back({{"asset", a.asset},
                      {"amount", a.amount.toPlainString()},
                      {"price", a.price.toPlainString()},
                      {"value", rounded(a.value, scale)},
                      {"share", percent(a.value, total)},
                      {"change24hPct", pct},
                      {"path", a.path},
                      {"split", std::move(split)}});
  }
  out["assets"] = std::move(assets);

  json exchanges = json::array();
  for (const auto& e : v.exchanges)
    exchanges.push_back({{"exchange", e.exchange},
                         {"value", rounded(e.value, scale)},
                         {"share", percent(e.value, total)}});
  out["exchanges"] = std::move(exchanges);

  json unpriced = json::array();
  for (const auto& u : v.unpriced)
    unpriced.push_back(
        {{"asset", u.asset}, {"amount", u.amount.toPlainString()}, {"exchanges", u.exchanges}});
  out["unpriced"] = std::move(unpriced);
  out["notes"] = v.notes;
  return out;
}

}  // namespace kf::portfolio
