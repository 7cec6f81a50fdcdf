// HIFO's lot book (a sorted run plus a pending heap merged in bulk) against a plain
// reference that scans every lot for the highest unit cost: same pieces in the same
// order, over random adds, transfer batches and partial takes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "portfolio/lots.hpp"
#include "portfolio/lots_math.hpp"

using kf::Decimal;
using namespace kf::portfolio;

namespace {

// The rule, spelled out: highest key first, equal keys oldest (lowest seq) first.
class ReferenceHifo {
 public:
  void add(Lot lot) {
    if (lot.amount.sign() > 0) lots_.push_back(lot);
  }
  template <class OnPiece>
  Decimal take(Decimal amount, OnPiece&& onPiece) {
    while (amount.sign() > 0 && !lots_.empty()) {
      std::size_t best = 0;
      for (std::size_t i = 1; i < lots_.size(); ++i) {
        const Lot &a = lots_[i], &b = lots_[best];
        if (a.unitKey > b.unitKey || (a.unitKey == b.unitKey && a.seq < b.seq)) best = i;
      }
      Lot& lot = lots_[best];
      const bool whole = lot.amount <= amount;
      Piece p{whole ? lot.amount : amount, Decimal(),  lot.acquiredMs, lot.costKnown,
              whole && !lot.split,         lot.unitKey};
      if (lot.costKnown) p.cost = whole ? lot.cost : proRata(lot.cost, p.amount, lot.amount);
      amount -= p.amount;
      if (whole) {
        lots_.erase(lots_.begin() + static_cast<std::ptrdiff_t>(best));
      } else {
        lot.amount -= p.amount;
        if (lot.costKnown) lot.cost -= p.cost;
        lot.split = true;
      }
      onPiece(p);
    }
    return amount;
  }
  const std::vector<Lot>& lots() const { return lots_; }

 private:
  std::vector<Lot> lots_;
};

void expectSamePiece(const Piece& got, const Piece& want, int step) {
  ASSERT_EQ(got.amount.toString(), want.amount.toString()) << "step " << step;
  ASSERT_EQ(got.cost.toString(), want.cost.toString()) << "step " << step;
  ASSERT_EQ(got.acquiredMs, want.acquiredMs) << "step " << step;
  ASSERT_EQ(got.costKnown, want.costKnown) << "step " << step;
  ASSERT_EQ(got.wholeLot, want.wholeLot) << "step " << step;
  if (got.wholeLot) ASSERT_TRUE(got.unitKey == want.unitKey) << "step " << step;
}

class HifoRandom : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(HifoRandom, TakesTheSameLotsAsAFullScan) {
  std::mt19937_64 rng(GetParam());
  LotBook book(Method::Hifo);
  ReferenceHifo ref;
  std::uint64_t seq = 0;
  std::int64_t now = 0;
  // Few distinct prices, so equal unit costs (ties broken by age) are common.
  const auto makeLot = [&]() {
    const Decimal amount = Decimal::fromParts(static_cast<__int128>(rng() % 5000), 8);
    const Decimal price = Decimal::fromParts(100 + static_cast<__int128>(rng() % 12) * 25, 2);
    Lot lot{amount, atValueScale(mulRound(amount, price)), now++, 0, seq++, rng() % 17 != 0};
    if (!lot.costKnown) lot.cost = Decimal();
    lot.unitKey =
        lot.costKnown ? unitCostKey(lot.cost, lot.amount) : std::numeric_limits<__int128>::min();
    return lot;
  };
  std::vector<Piece> got, want;
  int step = 0;
  for (; step < 4000; ++step) {
    // Phases of buying (the pending heap fills and merges) and of selling.
    const bool buying = (step / 500) % 2 == 0;
    const auto op = rng() % 10;
    if (op < (buying ? 8 : 4)) {  // one acquisition
      const Lot lot = makeLot();
      book.add(lot);
      ref.add(lot);
    } else if (op < 6) {  // a transfer's batch: taken order, shuffled, or with empty lots
      std::vector<Lot> batch;
      const auto n = rng() % 40;
      for (std::uint64_t i = 0; i < n; ++i) batch.push_back(makeLot());
      if (rng() % 2 == 0)
        std::sort(batch.begin(), batch.end(), [](const Lot& a, const Lot& b) {
          return a.unitKey != b.unitKey ? a.unitKey > b.unitKey : a.seq < b.seq;
        });
      for (const Lot& lot : batch) ref.add(lot);
      book.addAll(batch);
    } else {  // a disposal, now and then of more than is held
      const Decimal amount = Decimal::fromParts(static_cast<__int128>(rng() % 12000), 8);
      got.clear();
      want.clear();
      const Decimal leftGot = book.take(amount, [&](const Piece& p) { got.push_back(p); });
      const Decimal leftWant = ref.take(amount, [&](const Piece& p) { want.push_back(p); });
      ASSERT_EQ(leftGot, leftWant) << "step " << step;
      ASSERT_EQ(got.size(), want.size()) << "step " << step;
      for (std::size_t i = 0; i < got.size(); ++i) {
        expectSamePiece(got[i], want[i], step);
        // A whole, never split lot carries the key a transfer would otherwise recompute.
        if (got[i].wholeLot && got[i].costKnown)
          ASSERT_TRUE(got[i].unitKey == unitCostKey(got[i].cost, got[i].amount));
      }
    }
  }
  Decimal heldGot, heldWant, costGot, costWant;
  std::size_t countGot = 0;
  book.forEach([&](const Lot& l) {
    heldGot += l.amount;
    costGot += l.cost;
    ++countGot;
  });
  for (const Lot& l : ref.lots()) {
    heldWant += l.amount;
    costWant += l.cost;
  }
  EXPECT_EQ(countGot, ref.lots().size());
  EXPECT_EQ(heldGot, heldWant);
  EXPECT_EQ(costGot, costWant);
  // Emptying both gives the same tail, in the same order.
  got.clear();
  want.clear();
  book.take(heldWant + Decimal::fromInt(1), [&](const Piece& p) { got.push_back(p); });
  ref.take(heldWant + Decimal::fromInt(1), [&](const Piece& p) { want.push_back(p); });
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) expectSamePiece(got[i], want[i], step);
}

INSTANTIATE_TEST_SUITE_P(Seeds, HifoRandom, ::testing::Values(1, 2, 3, 42, 2026));

TEST(LotsHifo, ManyAcquisitionsBeforeAnyDisposalComeOutInOrder) {
  // Enough lots in falling and rising price runs to merge the pending heap many times.
  LotBook book(Method::Hifo);
  std::vector<std::int64_t> cents;
  for (int i = 0; i < 3000; ++i) {
    const std::int64_t c = 10'000 + ((i * 7919) % 3001);  // a permutation of 3001 prices
    cents.push_back(c);
    Lot lot{
        Decimal::fromInt(1), Decimal::fromParts(c, 2), i, 0, static_cast<std::uint64_t>(i), true};
    lot.unitKey = unitCostKey(lot.cost, lot.amount);
    book.add(lot);
  }
  std::sort(cents.rbegin(), cents.rend());
  std::vector<std::int64_t> taken;
  const Decimal left = book.take(Decimal::fromInt(3001), [&](const Piece& p) {
    EXPECT_TRUE(p.wholeLot);
    taken.push_back(static_cast<std::int64_t>(p.cost.coefficient()));
  });
  EXPECT_EQ(left, Decimal::fromInt(1));
  EXPECT_EQ(taken, cents);
}

TEST(LotsHifo, PartialTakeKeepsThePlaceAndMarksTheLotSplit) {
  LotBook book(Method::Hifo);
  const auto add = [&](const char* amount, const char* cost, std::uint64_t seq) {
    Lot lot{
        Decimal::parse(amount), Decimal::parse(cost), static_cast<std::int64_t>(seq), 0, seq, true};
    lot.unitKey = unitCostKey(lot.cost, lot.amount);
    book.add(lot);
  };
  add("3", "30", 0);  // 10 a unit
  add("1", "20", 1);  // 20 a unit
  add("2", "20", 2);  // 10 a unit, newer than the first
  std::vector<Piece> pieces;
  book.take(Decimal::parse("1.5"), [&](const Piece& p) { pieces.push_back(p); });
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[0].cost, Decimal::fromInt(20));
  EXPECT_TRUE(pieces[0].wholeLot);
  EXPECT_EQ(pieces[1].acquiredMs, 0);  // the older of the two at 10
  EXPECT_EQ(pieces[1].cost, Decimal::fromInt(5));
  EXPECT_FALSE(pieces[1].wholeLot);
  pieces.clear();
  book.take(Decimal::fromInt(10), [&](const Piece& p) { pieces.push_back(p); });
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[0].acquiredMs, 0);  // the rest of the split lot, still first
  EXPECT_EQ(pieces[0].amount, Decimal::parse("2.5"));
  EXPECT_EQ(pieces[0].cost, Decimal::fromInt(25));
  EXPECT_FALSE(pieces[0].wholeLot);  // split: a transfer recomputes its key
  EXPECT_EQ(pieces[1].acquiredMs, 2);
  EXPECT_TRUE(pieces[1].wholeLot);
}

}  // namespace
