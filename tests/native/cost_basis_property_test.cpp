// Properties over random histories (fixed seeds), for every method and pooling:
// amounts are conserved exactly (acquired = still held + disposed from lots + removed
// by withdrawals), and so are known costs (acquired cost = cost still held + disposed
// cost basis + cost removed by withdrawals), so disposed cost bases never exceed what
// was paid. Histories mix fees in every position, crypto-to-crypto trades, sparse
// prices (so some events are unpriced), transfers, oversells and 18-decimal amounts.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

#include "portfolio/cost_basis.hpp"

using kf::Decimal;
using namespace kf::portfolio;

namespace {

struct Totals {
  Decimal amount, cost;
};

class AuditSink : public CostBasisSink {
 public:
  void disposal(const DisposalRecord& r) override {
    if (r.missingAcquisition) {
      EXPECT_FALSE(r.costKnown);
      EXPECT_EQ(r.lots, 0u);
      return;
    }
    EXPECT_GT(r.lots, 0u);
    auto& t = out[r.asset];
    t.amount += r.amount;
    if (r.costKnown) t.cost += r.costBasis;
    EXPECT_GT(r.amount.sign(), 0);
  }
  void unpriced(const UnpricedEvent&) override { ++unpricedCount; }
  void withdrawal(const WithdrawalRecord& w) override {
    auto& t = out[w.asset];
    t.amount += w.removed;
    t.cost += w.removedCost;
  }
  std::map<NameId, Totals> out;  // disposed from lots + removed by withdrawals
  int unpricedCount = 0;
};

Decimal randomAmount(std::mt19937_64& rng) {
  // 1..10^6 units at 0..18 decimals.
  const int scale = static_cast<int>(rng() % 19);
  return Decimal::fromParts(static_cast<__int128>(1 + rng() % 1000000), scale);
}

Ledger randomLedger(std::uint64_t seed, HistoricalPrices& prices, int events) {
  std::mt19937_64 rng(seed);
  Ledger l;
  const NameId usd = l.assets.intern("USD");
  const NameId coins[] = {l.assets.intern("AAA"), l.assets.intern("BBB"), l.assets.intern("CCC")};
  const NameId exchanges[] = {l.exchanges.intern("x"), l.exchanges.intern("y")};
  std::int64_t t = 1'600'000'000'000;
  std::vector<PricePoint> series[3];
  for (int i = 0; i < events; ++i) {
    t += static_cast<std::int64_t>(rng() % 40) * 3'600'000;  // often the same ms
    for (int c = 0; c < 3; ++c)
      if (rng() % 3 == 0 && (series[c].empty() || series[c].back().timeMs < t))
        series[c].push_back({t, Decimal::fromParts(static_cast<__int128>(1 + rng() % 100000), 2)});
    Event e;
    e.timeMs = t;
    e.exchange = exchanges[rng() % 2];
    const int kind = static_cast<int>(rng() % 10);
    if (kind < 7) {
      e.kind = rng() % 2 ? EventKind::Buy : EventKind::Sell;
      e.base = coins[rng() % 3];
      e.quote = rng() % 2 ? usd : coins[rng() % 3];
      if (e.quote == e.base) e.quote = usd;
      e.amount = randomAmount(rng);
      e.cost = randomAmount(rng);
      if (rng() % 2) {
        const NameId feeAssets[] = {e.base, e.quote, usd, coins[rng() % 3]};
        e.feeAsset = feeAssets[rng() % 4];
        // Small against the amounts it may come out of.
        e.fee = Decimal::fromParts(1 + static_cast<__int128>(rng() % 100), 20);
      }
    } else {
      e.kind = kind < 9 ? EventKind::Withdrawal : EventKind::Deposit;
      e.base = coins[rng() % 3];
      e.amount = randomAmount(rng);
      e.fee = Decimal::fromParts(static_cast<__int128>(rng() % 10), 19);
    }
    l.add(e, "e" + std::to_string(i));
    if (e.kind == EventKind::Withdrawal && rng() % 2) {  // its deposit elsewhere
      Event d = e;
      d.kind = EventKind::Deposit;
      d.exchange = e.exchange == exchanges[0] ? exchanges[1] : exchanges[0];
      d.timeMs = e.timeMs + static_cast<std::int64_t>(rng() % 3) * 3'600'000;
      d.fee = Decimal();
      l.add(d, "d" + std::to_string(i));
    }
  }
  prices = HistoricalPrices(2LL * 86'400'000);
  for (int c = 0; c < 3; ++c) prices.setSeries(coins[c], series[c], l.assets.name(coins[c]));
  return l;
}

TEST(CostBasisProperty, AmountsAndCostsAreConservedExactly) {
  int unpriced = 0, checkedAssets = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    HistoricalPrices prices;
    const Ledger ledger = randomLedger(seed, prices, 400);
    for (const Method method : {Method::Fifo, Method::Lifo, Method::Hifo, Method::Average}) {
      for (const Pooling pooling : {Pooling::PerExchange, Pooling::Universal}) {
        CostBasisOptions options;
        options.method = method;
        options.pooling = pooling;
        AuditSink sink;
        const CostBasisResult result = computeCostBasis(ledger, prices, options, sink);
        unpriced += sink.unpricedCount;
        for (const AcquiredTotal& a : result.acquired) {
          Totals held;
          for (const Holding& h : result.remaining)
            if (h.asset == a.asset) held = {h.amount, h.cost};
          const Totals& gone = sink.out[a.asset];
          const auto where = "seed " + std::to_string(seed) + " method " +
                             std::to_string(static_cast<int>(method)) + " asset " +
                             ledger.assets.name(a.asset);
          EXPECT_EQ(a.amount, held.amount + gone.amount) << where;
          EXPECT_EQ(a.cost, held.cost + gone.cost) << where;
          EXPECT_LE(gone.cost, a.cost) << where;
          EXPECT_GE(held.amount.sign(), 0) << where;
          ++checkedAssets;
        }
      }
    }
  }
  EXPECT_GT(unpriced, 0);  // the histories do exercise missing prices
  EXPECT_GT(checkedAssets, 200);
}

TEST(CostBasisProperty, NativeAndRepeatedRunsAreDeterministic) {
  HistoricalPrices prices;
  const Ledger ledger = randomLedger(99, prices, 300);
  CostBasisOptions options;
  options.method = Method::Hifo;
  AuditSink a, b;
  const auto r1 = computeCostBasis(ledger, prices, options, a);
  const auto r2 = computeCostBasis(ledger, prices, options, b);
  ASSERT_EQ(r1.remaining.size(), r2.remaining.size());
  for (std::size_t i = 0; i < r1.remaining.size(); ++i)
    EXPECT_EQ(r1.remaining[i].cost, r2.remaining[i].cost);
}

}  // namespace
