#include "portfolio/valuation.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/error.hpp"
#include "portfolio/valuation_math.hpp"

namespace kf::portfolio {

namespace {

// One asset's holdings merged over exchanges and accounts.
struct Merged {
  Decimal amount;
  std::map<std::pair<std::string, std::string>, Decimal> parts;  // (exchange, account)
};

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

void addNote(std::vector<std::string>& notes, std::string note) {
  if (std::find(notes.begin(), notes.end(), note) == notes.end()) notes.push_back(std::move(note));
}

UnpricedAsset unpricedOf(const std::string& asset, const Merged& m) {
  UnpricedAsset u{asset, m.amount, {}};
  for (const auto& [key, amount] : m.parts) {
    if (std::find(u.exchanges.begin(), u.exchanges.end(), key.first) == u.exchanges.end())
      u.exchanges.push_back(key.first);
  }
  std::sort(u.exchanges.begin(), u.exchanges.end(),
            [](const std::string& a, const std::string& b) { return exchangeBefore(a, b); });
  return u;
}

ValuedAsset valued(const std::string& asset, const Merged& m, const Decimal& price,
                   const std::optional<Decimal>& price24h, std::vector<std::string> path) {
  ValuedAsset v;
  v.asset = asset;
  v.amount = m.amount;
  v.price = price;
  v.value = mulRounded(m.amount, price, kInternalScale);
  if (price24h) v.value24hAgo = mulRounded(m.amount, *price24h, kInternalScale);
  v.path = std::move(path);
  for (const auto& [key, amount] : m.parts)
    v.split.push_back({key.first, key.second, amount, mulRounded(amount, price, kInternalScale)});
  std::sort(v.split.begin(), v.split.end(), [](const ValuedPart& a, const ValuedPart& b) {
    if (a.value != b.value) return a.value > b.value;
    if (a.exchange != b.exchange) return exchangeBefore(a.exchange, b.exchange);
    return a.account < b.account;
  });
  return v;
}

}  // namespace

const std::vector<std::string>& supportedCurrencies() {
  static const std::vector<std::string> list = {"USD", "EUR", "GBP", "JPY", "CHF",
                                                "CAD", "AUD", "BTC", "ETH"};
  return list;
}

int currencyScale(const std::string& currency) {
  const auto& list = supportedCurrencies();
  if (std::find(list.begin(), list.end(), currency) == list.end())
    throw CoreError(ErrorKind::InvalidInput, "field 'currency' must be one of " + joined(list) +
                                                 ", got \"" + currency.substr(0, 16) + "\"");
  if (currency == "JPY") return 0;
  if (currency == "BTC" || currency == "ETH") return 8;
  return 2;
}

Valuation valuePortfolio(const std::string& currency, const std::vector<BalanceHolding>& holdings,
                         const std::vector<Ticker>& tickers) {
  Valuation out;
  out.currency = currency;
  out.outputScale = currencyScale(currency);

  std::map<std::string, Merged> merged;
  std::map<std::string, std::set<std::string>> heldOn;
  std::set<std::string> exchanges;
  for (const auto& h : holdings) {
    if (h.total.isNegative())
      throw CoreError(ErrorKind::InvalidInput, "holding " + h.asset + " on " + h.exchange +
                                                   " has a negative total " + h.total.toString());
    if (h.total.isZero()) continue;
    Merged& m = merged[h.asset];
    m.amount += h.total;
    auto [it, fresh] = m.parts.emplace(std::make_pair(h.exchange, h.account), h.total);
    if (!fresh) it->second += h.total;
    heldOn[h.asset].insert(h.exchange);
    exchanges.insert(h.exchange);
  }

  const PriceGraph graph(tickers, heldOn);
  const std::optional<UsdQuote> target = graph.usd(currency);
  if (!target) {
    for (const auto& [asset, m] : merged) out.unpriced.push_back(unpricedOf(asset, m));
    out.notes.push_back("no price for " + currency +
                        " in the tickers: nothing could be valued in " + currency);
    return out;
  }
  for (const auto& s : target->parStables)
    addNote(out.notes, s + " valued at par (1 USD): no " + s + "/USD ticker");

  const Decimal one = Decimal::fromInt(1);
  std::vector<std::string> unpricedNames, uncovered;
  for (const auto& [asset, m] : merged) {
    if (asset == currency) {
      out.assets.push_back(valued(asset, m, one, one, {}));
      continue;
    }
    const std::optional<UsdQuote> q = graph.usd(asset);
    if (!q) {
      out.unpriced.push_back(unpricedOf(asset, m));
      unpricedNames.push_back(asset);
      continue;
    }
    Decimal price = q->price;
    std::optional<Decimal> price24h = q->price24h;
    std::vector<std::string> path = q->path;
    if (currency != "USD") {
      price = q->price.divide(target->price, kInternalScale, Rounding::HalfEven);
      price24h.reset();
      if (q->price24h && target->price24h)
        price24h = q->price24h->divide(*target->price24h, kInternalScale, Rounding::HalfEven);
      path.insert(path.end(), target->path.begin(), target->path.end());
    }
    for (const auto& s : q->parStables)
      addNote(out.notes, s + " valued at par (1 USD): no " + s + "/USD ticker");
    if (!price24h) uncovered.push_back(asset);
    out.assets.push_back(valued(asset, m, price, price24h, std::move(path)));
  }
  if (!unpricedNames.empty())
    out.notes.push_back("no price found for " + joined(unpricedNames) +
                        ": not counted in any total");

  Decimal total;
  Decimal change;
  bool covered = false;
  std::map<std::string, Decimal> byExchange;
  for (const auto& e : exchanges) byExchange[e] = Decimal();
  for (const auto& a : out.assets) {
    total += a.value;
    if (a.value24hAgo) {
      change += a.value - *a.value24hAgo;
      covered = true;
    }
    for (const auto& p : a.split) byExchange[p.exchange] += p.value;
  }
  out.total = total;
  if (covered) {
    out.change24h = change;
    if (!uncovered.empty())
      out.notes.push_back("no 24h price for " + joined(uncovered) +
                          ": counted as unchanged in the 24h change");
  }

  std::sort(out.assets.begin(), out.assets.end(), [](const ValuedAsset& a, const ValuedAsset& b) {
    return a.value != b.value ? a.value > b.value : a.asset < b.asset;
  });
  for (const auto& [exchange, value] : byExchange) out.exchanges.push_back({exchange, value});
  std::sort(out.exchanges.begin(), out.exchanges.end(),
            [](const ExchangeTotal& a, const ExchangeTotal& b) {
              return a.value != b.value ? a.value > b.value
                                        : exchangeBefore(a.exchange, b.exchange);
            });
  return out;
}

}  // namespace kf::portfolio
