#include "portfolio/cost_basis_bench.hpp"

#include <algorithm>
#include <array>
#include <random>
#include <string>

#include "portfolio/cost_basis_summary.hpp"

namespace kf::portfolio {

namespace {

constexpr std::int64_t kStartMs = 1'609'459'200'000;  // 2021-01-01T00:00:00Z
constexpr std::int64_t kHourMs = 3'600'000;
constexpr std::int64_t kUnit = 100'000'000;  // amounts in 1e-8 units

enum Coin { BTC, ETH, SOL, BNB, kCoins };

class Generator {
 public:
  Generator(std::size_t trades, std::uint64_t seed) : rng_(seed), trades_(trades) {}

  BenchInput run(Method method) {
    BenchInput in;
    Ledger& l = in.ledger;
    usd_ = l.assets.intern("USD");
    const std::array<const char*, kCoins> names{"BTC", "ETH", "SOL", "BNB"};
    for (int c = 0; c < kCoins; ++c) coins_[c] = l.assets.intern(names[c]);
    exchanges_ = {l.exchanges.intern("binance"), l.exchanges.intern("kraken")};
    l.events.reserve(trades_ + trades_ / 250 + 2);
    l.idText.reserve(trades_ * 8);
    std::array<std::vector<PricePoint>, kCoins> series;
    std::int64_t t = kStartMs, lastHour = -1;
    for (std::size_t i = 0; i < trades_; ++i) {
      t += 1000 + static_cast<std::int64_t>(rng_() % 120'000);
      if (t / kHourMs != lastHour) {  // an hourly close for every coin
        lastHour = t / kHourMs;
        for (int c = 0; c < kCoins; ++c)
          series[c].push_back({lastHour * kHourMs, Decimal::fromParts(cents_[c], 2)});
      }
      const int coin = static_cast<int>(rng_() % kCoins);
      cents_[coin] += cents_[coin] * (static_cast<std::int64_t>(rng_() % 2001) - 1000) / 1'000'000;
      if (cents_[coin] < 100) cents_[coin] = 100;
      const int ex = static_cast<int>(rng_() % 2);
      if (i % 500 == 499) transfer(l, ex, t, i);
      if (rng_() % 10 == 0)
        cryptoTrade(l, ex, t, i);
      else
        usdTrade(l, coin, ex, t, i);
    }
    in.prices = HistoricalPrices(2 * 24 * kHourMs);
    for (int c = 0; c < kCoins; ++c) in.prices.setSeries(coins_[c], std::move(series[c]), names[c]);
    in.options.method = method;
    in.options.currency = "USD";
    return in;
  }

 private:
  static Decimal units(std::int64_t u) { return Decimal::fromParts(u, 8); }
  std::string id(char prefix, std::size_t i) { return prefix + std::to_string(i); }

  void usdTrade(Ledger& l, int coin, int ex, std::int64_t t, std::size_t i) {
    std::int64_t& held = held_[ex][coin];
    const std::int64_t lot = kUnit / (coin == BTC ? 100 : coin == ETH ? 10 : 1);
    const bool buy = held < lot || rng_() % 100 < 52;
    // Sells span a few lots on average; now and then one oversells (missing acquisition).
    std::int64_t amount = lot * static_cast<std::int64_t>(1 + rng_() % 100) / 50;
    if (!buy && amount > held && rng_() % 50 != 0) amount = held;
    Event e;
    e.kind = buy ? EventKind::Buy : EventKind::Sell;
    e.timeMs = t;
    e.exchange = exchanges_[ex];
    e.base = coins_[coin];
    e.quote = usd_;
    e.amount = units(amount);
    e.cost = (e.amount * Decimal::fromParts(cents_[coin], 2)).roundedTo(8);
    if (coin != BNB && held_[ex][BNB] > 1'000'000 && rng_() % 4 == 0) {
      e.feeAsset = coins_[BNB];  // a fee in a third asset
      const std::int64_t fee = 10'000 + static_cast<std::int64_t>(rng_() % 90'000);
      e.fee = units(fee);
      held_[ex][BNB] -= std::min(held_[ex][BNB], fee);
    } else {
      e.feeAsset = usd_;
      e.fee = (e.cost * Decimal::parse("0.001")).roundedTo(8);
    }
    held = buy ? held + amount : (held > amount ? held - amount : 0);
    l.add(std::move(e), id('t', i));
  }

  void cryptoTrade(Ledger& l, int ex, std::int64_t t, std::size_t i) {
    // ETH/BTC at the ratio of the USD prices, 8 decimals.
    const Decimal price = Decimal::fromInt(cents_[ETH]).divide(Decimal::fromInt(cents_[BTC]), 8);
    std::int64_t amount = kUnit / 10 * static_cast<std::int64_t>(1 + rng_() % 20) / 10;
    const bool buy = held_[ex][ETH] < amount || rng_() % 2 == 0;
    Event e;
    e.kind = buy ? EventKind::Buy : EventKind::Sell;
    e.timeMs = t;
    e.exchange = exchanges_[ex];
    e.base = coins_[ETH];
    e.quote = coins_[BTC];
    e.amount = units(amount);
    e.cost = (e.amount * price).roundedTo(8);
    const auto cost = static_cast<std::int64_t>(e.cost.coefficient());
    e.feeAsset = coins_[BTC];
    e.fee = (e.cost * Decimal::parse("0.001")).roundedTo(8);
    const auto fee = static_cast<std::int64_t>(e.fee.coefficient());
    if (buy) {
      held_[ex][ETH] += amount;
      held_[ex][BTC] -= std::min(held_[ex][BTC], cost + fee);
    } else {
      held_[ex][ETH] -= amount;
      held_[ex][BTC] += cost - fee;
    }
    l.add(std::move(e), id('x', i));
  }

  void transfer(Ledger& l, int from, std::int64_t t, std::size_t i) {
    const int coin = static_cast<int>(rng_() % kCoins);
    const std::int64_t amount = held_[from][coin] / 2;
    if (amount <= 1000) return;
    const std::int64_t fee = 1000;
    const int to = 1 - from;
    Event w;
    w.kind = EventKind::Withdrawal;
    w.timeMs = t;
    w.exchange = exchanges_[from];
    w.base = coins_[coin];
    w.amount = units(amount - fee);
    w.fee = units(fee);
    l.add(std::move(w), id('w', i));
    Event d;
    d.kind = EventKind::Deposit;
    d.timeMs = t + 600'000;  // arrives ten minutes later
    d.exchange = exchanges_[to];
    d.base = coins_[coin];
    d.amount = units(amount - fee);
    l.add(std::move(d), id('d', i));
    held_[from][coin] -= amount;
    held_[to][coin] += amount - fee;
  }

  std::mt19937_64 rng_;
  std::size_t trades_;
  NameId usd_ = kNoName;
  std::array<NameId, kCoins> coins_{};
  std::array<NameId, 2> exchanges_{};
  std::array<std::int64_t, kCoins> cents_{3'000'000, 200'000, 10'000, 30'000};
  std::array<std::array<std::int64_t, kCoins>, 2> held_{};
};

class CountingSink : public CostBasisSink {
 public:
  void disposal(const DisposalRecord& r) override {
    ++out.records;
    if (r.missingAcquisition) ++out.missingAcquisitions;
    summary.add(r);
  }
  void unpriced(const UnpricedEvent&) override { ++out.unpriced; }
  void withdrawal(const WithdrawalRecord&) override {}

  BenchOutcome out;
  SummaryBuilder summary;
};

}  // namespace

BenchInput generateBenchInput(std::size_t trades, Method method, std::uint64_t seed) {
  return Generator(trades, seed).run(method);
}

BenchOutcome runBench(const BenchInput& input) {
  CountingSink sink;
  const CostBasisResult result = computeCostBasis(input.ledger, input.prices, input.options, sink);
  BenchOutcome out = sink.out;
  out.events = result.eventsProcessed;
  const GainSummary totals = sink.summary.totals();
  out.proceeds = totals.proceeds;
  out.costBasis = totals.costBasis;
  out.gain = totals.gain;
  for (const auto& h : result.remaining) out.remainingCost += h.cost;
  return out;
}

}  // namespace kf::portfolio
