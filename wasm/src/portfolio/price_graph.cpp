#include "portfolio/price_graph.hpp"

#include <algorithm>
#include <tuple>

#include "portfolio/valuation_math.hpp"

namespace kf::portfolio {

namespace {

const std::vector<std::string> kBtcEth = {"BTC", "ETH"};
const std::vector<std::string> kFiatBridges = {"EUR", "GBP", "JPY", "CHF", "CAD", "AUD"};
// At most 3 bridges, so a path uses at most 4 tickers: enough for X/BTC x BTC/EUR x
// EUR/USD, and it bounds the search (no exponential walk over many bridges).
constexpr std::size_t kMaxBridges = 3;

std::optional<Decimal> inverse(const Decimal& rate) {
  const Decimal inv = Decimal::fromInt(1).divide(rate, kInternalScale, Rounding::HalfEven);
  if (inv.isZero()) return std::nullopt;  // a price too large to invert at 18 decimals
  return inv;
}

struct Candidate {
  std::tuple<int, int, std::string, int, std::size_t> key;  // smaller is better
  std::pair<std::string, std::string> hop;
  Decimal rate;
  std::optional<Decimal> rate24h;
  std::string label;
};

}  // namespace

const std::vector<std::string>& stablecoins() {
  static const std::vector<std::string> list = {"USDT", "USDC",  "DAI",  "FDUSD", "TUSD",
                                                "USDP", "PYUSD", "BUSD", "USDS"};
  return list;
}

bool isStablecoin(std::string_view asset) {
  const auto& list = stablecoins();
  return std::find(list.begin(), list.end(), asset) != list.end();
}

int exchangeRank(std::string_view exchange) {
  if (exchange == "binance") return 0;
  if (exchange == "coinbase") return 1;
  if (exchange == "kraken") return 2;
  return 3;
}

bool exchangeBefore(std::string_view a, std::string_view b) {
  const int ra = exchangeRank(a), rb = exchangeRank(b);
  return ra != rb ? ra < rb : a < b;
}

PriceGraph::PriceGraph(const std::vector<Ticker>& tickers,
                       const std::map<std::string, std::set<std::string>>& heldOn) {
  auto held = [&](const std::string& asset, const std::string& exchange) {
    const auto it = heldOn.find(asset);
    return it != heldOn.end() && it->second.count(exchange) > 0;
  };
  std::vector<Candidate> candidates;
  for (std::size_t i = 0; i < tickers.size(); ++i) {
    const Ticker& t = tickers[i];
    if (t.base == t.quote || t.last.sign() <= 0) continue;
    std::optional<Decimal> open = t.open24h;
    if (open && open->sign() <= 0) open.reset();
    const std::string label = t.base + "/" + t.quote + "@" + t.exchange;
    // Forward: pricing the base in the quote.
    candidates.push_back(
        {{held(t.base, t.exchange) ? 0 : 1, exchangeRank(t.exchange), t.exchange, 0, i},
         {t.base, t.quote},
         t.last,
         open,
         label});
    // Inverse: pricing the quote in the base.
    if (auto inv = inverse(t.last)) {
      candidates.push_back(
          {{held(t.quote, t.exchange) ? 0 : 1, exchangeRank(t.exchange), t.exchange, 1, i},
           {t.quote, t.base},
           *inv,
           open ? inverse(*open) : std::nullopt,
           label});
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.key < b.key; });
  for (auto& c : candidates)  // emplace keeps the first, i.e. the best, per hop
    edges_.emplace(c.hop, Edge{c.rate, c.rate24h, std::move(c.label)});
}

const PriceGraph::Edge* PriceGraph::edge(const std::string& from, const std::string& to) const {
  const auto it = edges_.find({from, to});
  return it == edges_.end() ? nullptr : &it->second;
}

std::optional<UsdQuote> PriceGraph::usd(const std::string& asset) const {
  std::vector<std::string> visiting;
  return usd(asset, visiting);
}

std::optional<UsdQuote> PriceGraph::usd(const std::string& asset,
                                        std::vector<std::string>& visiting) const {
  const Decimal one = Decimal::fromInt(1);
  if (asset == "USD") return UsdQuote{one, one, {}, {}};
  if (const Edge* e = edge(asset, "USD")) return UsdQuote{e->rate, e->rate24h, {e->label}, {}};
  if (isStablecoin(asset)) return UsdQuote{one, one, {asset + "=USD (par)"}, {asset}};
  if (visiting.size() >= kMaxBridges) return std::nullopt;

  visiting.push_back(asset);
  std::optional<UsdQuote> found;
  auto through = [&](const std::vector<std::string>& bridges) {
    for (const auto& bridge : bridges) {
      if (bridge == asset || std::find(visiting.begin(), visiting.end(), bridge) != visiting.end())
        continue;
      const Edge* e = edge(asset, bridge);
      if (!e) continue;
      auto rest = usd(bridge, visiting);
      if (!rest) continue;
      UsdQuote q;
      q.price = mulRounded(e->rate, rest->price, kInternalScale);
      if (e->rate24h && rest->price24h)
        q.price24h = mulRounded(*e->rate24h, *rest->price24h, kInternalScale);
      q.path.push_back(e->label);
      q.path.insert(q.path.end(), rest->path.begin(), rest->path.end());
      q.parStables = std::move(rest->parStables);
      found = std::move(q);
      return true;
    }
    return false;
  };
  through(stablecoins()) || through(kBtcEth) || through(kFiatBridges);
  visiting.pop_back();
  return found;
}

}  // namespace kf::portfolio
