// FIFO, LIFO and average cost books against a plain reference (a vector kept in date
// order, lots of equal dates in the order they arrived): same pieces in the same order
// over random acquisitions, transfer batches (in the order a transfer takes them, or
// shuffled) and partial takes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "portfolio/lots.hpp"
#include "portfolio/lots_math.hpp"

using kf::Decimal;
using namespace kf::portfolio;

namespace {

class ReferenceBook {
 public:
  explicit ReferenceBook(Method m) : method_(m) {}
  void add(Lot lot) {
    if (lot.amount.sign() <= 0) return;
    if (method_ == Method::Average) {
      if (lot.costKnown) {
        poolAmount_ += lot.amount;
        poolCost_ += lot.cost;
      }
      lot.cost = Decimal();
    }
    const auto at = std::upper_bound(
        lots_.begin(), lots_.end(), lot.acquiredMs,
        [](std::int64_t t, const Lot& l) { return t < l.acquiredMs; });  // after equal dates
    lots_.insert(at, lot);
  }
  void addAll(std::vector<Lot> batch) {
    if (batch.size() >= 8)  // a batch goes in by date, then acquisition order
      std::sort(batch.begin(), batch.end(), [](const Lot& a, const Lot& b) {
        return a.acquiredMs != b.acquiredMs ? a.acquiredMs < b.acquiredMs : a.seq < b.seq;
      });
    for (const Lot& lot : batch) add(lot);
  }
  template <class OnPiece>
  Decimal take(Decimal amount, OnPiece&& onPiece) {
    while (amount.sign() > 0 && !lots_.empty()) {
      const std::size_t at = method_ == Method::Lifo ? lots_.size() - 1 : 0;
      Lot& lot = lots_[at];
      const bool whole = lot.amount <= amount;
      Piece p{whole ? lot.amount : amount, Decimal(), lot.acquiredMs, lot.costKnown};
      if (lot.costKnown) {
        if (method_ == Method::Average) {
          p.cost = proRata(poolCost_, p.amount, poolAmount_);
          poolCost_ -= p.cost;
          poolAmount_ -= p.amount;
        } else {
          p.cost = whole ? lot.cost : proRata(lot.cost, p.amount, lot.amount);
        }
      }
      amount -= p.amount;
      if (whole) {
        lots_.erase(lots_.begin() + static_cast<std::ptrdiff_t>(at));
      } else {
        lot.amount -= p.amount;
        if (lot.costKnown && method_ != Method::Average) lot.cost -= p.cost;
      }
      onPiece(p);
    }
    return amount;
  }

 private:
  Method method_;
  std::vector<Lot> lots_;
  Decimal poolAmount_, poolCost_;
};

struct Case {
  Method method;
  std::uint64_t seed;
};

class BookRandom : public ::testing::TestWithParam<Case> {};

TEST_P(BookRandom, TakesTheSameLotsAsTheReference) {
  const Case c = GetParam();
  std::mt19937_64 rng(c.seed);
  LotBook book(c.method);
  ReferenceBook ref(c.method);
  std::uint64_t seq = 0;
  std::int64_t now = 1000;
  // Dates repeat (several lots per millisecond) and batches carry old dates, as moved lots do.
  const auto makeLot = [&](std::int64_t date) {
    const Decimal amount = Decimal::fromParts(static_cast<__int128>(rng() % 5000), 8);
    const Decimal price = Decimal::fromParts(100 + static_cast<__int128>(rng() % 900), 2);
    Lot lot{amount, atValueScale(mulRound(amount, price)), date, 0, seq++, rng() % 13 != 0};
    if (!lot.costKnown) lot.cost = Decimal();
    return lot;
  };
  std::vector<Piece> got, want;
  for (int step = 0; step < 3000; ++step) {
    const bool buying = (step / 400) % 2 == 0;
    const auto op = rng() % 10;
    if (op < (buying ? 7 : 4)) {
      if (rng() % 3 != 0) now += static_cast<std::int64_t>(rng() % 3);
      const Lot lot = makeLot(now);
      book.add(lot);
      ref.add(lot);
    } else if (op < (buying ? 8 : 5)) {
      std::vector<Lot> batch;
      const auto n = rng() % 30;
      std::int64_t date = now - static_cast<std::int64_t>(rng() % 500);
      for (std::uint64_t i = 0; i < n; ++i) {
        batch.push_back(makeLot(date));
        date += static_cast<std::int64_t>(rng() % 3);
      }
      if (rng() % 3 == 0) std::reverse(batch.begin(), batch.end());  // as LIFO takes them
      if (rng() % 4 == 0) std::shuffle(batch.begin(), batch.end(), rng);
      ref.addAll(batch);
      book.addAll(batch);
    } else {
      const Decimal amount = Decimal::fromParts(static_cast<__int128>(rng() % 12000), 8);
      got.clear();
      want.clear();
      const Decimal leftGot = book.take(amount, [&](const Piece& p) { got.push_back(p); });
      const Decimal leftWant = ref.take(amount, [&](const Piece& p) { want.push_back(p); });
      ASSERT_EQ(leftGot, leftWant) << "step " << step;
      ASSERT_EQ(got.size(), want.size()) << "step " << step;
      for (std::size_t i = 0; i < got.size(); ++i) {
        ASSERT_EQ(got[i].amount.toString(), want[i].amount.toString()) << "step " << step;
        ASSERT_EQ(got[i].cost.toString(), want[i].cost.toString()) << "step " << step;
        ASSERT_EQ(got[i].acquiredMs, want[i].acquiredMs) << "step " << step;
        ASSERT_EQ(got[i].costKnown, want[i].costKnown) << "step " << step;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Methods, BookRandom,
                         ::testing::Values(Case{Method::Fifo, 1}, Case{Method::Fifo, 2},
                                           Case{Method::Lifo, 1}, Case{Method::Lifo, 2},
                                           Case{Method::Average, 1}, Case{Method::Average, 2}));

}  // namespace
