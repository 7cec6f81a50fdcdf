// The replay order does not depend on the order events arrive in: the bench's history
// (nearly sorted: deposits come after the trades that follow their withdrawal), the
// same events sorted, sorted with a few out of place, and shuffled, give the same
// disposals, per method.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "portfolio/cost_basis.hpp"
#include "portfolio/cost_basis_bench.hpp"

using namespace kf::portfolio;

namespace {

class Recorder : public CostBasisSink {
 public:
  explicit Recorder(const Ledger& ledger) : ledger_(ledger) {}
  void disposal(const DisposalRecord& r) override {
    lines.push_back(std::string(ledger_.id(ledger_.events[r.event])) + " " +
                    ledger_.assets.name(r.asset) + " " + std::to_string(static_cast<int>(r.term)) +
                    " " + std::to_string(r.lots) + " " + std::to_string(r.acquiredMs) + " " +
                    r.amount.toString() + " " + r.proceeds.toString() + " " +
                    r.costBasis.toString());
  }
  void unpriced(const UnpricedEvent&) override { lines.push_back("unpriced"); }
  void withdrawal(const WithdrawalRecord& w) override {
    lines.push_back("w " + std::string(ledger_.id(ledger_.events[w.event])) + " " +
                    w.moved.toString() + " " + w.removedCost.toString());
  }
  std::vector<std::string> lines;

 private:
  const Ledger& ledger_;
};

// The same events in another order (names interned in the same order: same ids).
Ledger reordered(const Ledger& from, const std::vector<std::size_t>& order) {
  Ledger to;
  for (std::size_t i = 0; i < from.assets.size(); ++i) to.assets.intern(from.assets.name(i));
  for (std::size_t i = 0; i < from.exchanges.size(); ++i)
    to.exchanges.intern(from.exchanges.name(i));
  for (const std::size_t i : order) to.add(from.events[i], from.id(from.events[i]));
  return to;
}

std::vector<std::string> replay(const Ledger& ledger, const BenchInput& in) {
  Recorder sink(ledger);
  computeCostBasis(ledger, in.prices, in.options, sink);
  return sink.lines;
}

TEST(CostBasisOrder, ArrivalOrderDoesNotChangeTheDisposals) {
  for (const Method m : {Method::Fifo, Method::Hifo}) {
    const BenchInput in = generateBenchInput(3000, m, 7);
    const Ledger& nearly = in.ledger;
    std::vector<std::size_t> order(nearly.events.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    ASSERT_FALSE(std::is_sorted(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return nearly.events[a].timeMs < nearly.events[b].timeMs;
    }));  // the deposits are out of place
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const Event &x = nearly.events[a], &y = nearly.events[b];
      return x.timeMs != y.timeMs ? x.timeMs < y.timeMs : x.kind < y.kind;
    });
    const Ledger sorted = reordered(nearly, order);
    std::mt19937_64 rng(3);
    for (std::size_t k = 0; k < order.size() / 50; ++k) {  // a few out of place, both ways
      const std::size_t i = rng() % order.size(), j = std::min(order.size() - 1, i + rng() % 40);
      std::swap(order[i], order[j]);
    }
    const Ledger displaced = reordered(nearly, order);
    std::shuffle(order.begin(), order.end(), rng);
    const Ledger shuffled = reordered(nearly, order);

    const auto want = replay(nearly, in);
    EXPECT_GT(want.size(), 1000u);
    EXPECT_EQ(replay(sorted, in), want);
    EXPECT_EQ(replay(displaced, in), want);
    EXPECT_EQ(replay(shuffled, in), want);
  }
}

}  // namespace
