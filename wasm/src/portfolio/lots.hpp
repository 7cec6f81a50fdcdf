// The lots one pool holds (one asset on one exchange, or one asset everywhere with
// universal pooling) and the order a disposal consumes them in: FIFO and LIFO take the
// oldest or newest lot, HIFO the lot with the highest cost per unit, and average cost
// takes amounts and dates in FIFO order but prices every piece at the pool's average.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/decimal.hpp"
#include "portfolio/lots_math.hpp"

namespace kf::portfolio {

enum class Method : std::uint8_t { Fifo, Lifo, Hifo, Average };

// Coins acquired in one go: `amount` units that cost `cost` in total, in the person's
// currency. A lot whose acquisition had no price has costKnown == false and cost 0:
// its cost is unknown, never zero.
struct Lot {
  Decimal amount;
  Decimal cost;
  std::int64_t acquiredMs = 0;
  __int128 unitKey = 0;   // HIFO order: cost per unit when acquired (lots_math unitCostKey)
  std::uint64_t seq = 0;  // acquisition order, breaks HIFO ties oldest first
  bool costKnown = true;
  bool split = false;  // part of it was taken: unitKey no longer derives from amount and cost
};

// What a disposal or a transfer took from one lot.
struct Piece {
  Decimal amount;
  Decimal cost;  // meaningful only when costKnown
  std::int64_t acquiredMs = 0;
  bool costKnown = true;
  // A whole lot never split before: its unitKey is still unitCostKey(cost, amount), so
  // a transfer moving the piece need not divide again.
  bool wholeLot = false;
  __int128 unitKey = 0;  // the lot's, meaningful when wholeLot
};

class LotBook {
 public:
  explicit LotBook(Method method) : method_(method) {}

  // Adds a lot (ignored when its amount is not positive). Lots normally arrive in time
  // order; a lot moved in by a transfer is slotted in by its acquisition date.
  void add(Lot&& lot);
  void add(const Lot& lot) { add(Lot(lot)); }
  // Adds many lots at once (a transfer moving lots in): one merge, not one insert each.
  void addAll(std::vector<Lot>& lots);

  // Removes up to `amount` in the method's order, calling onPiece(const Piece&) for each
  // piece, and returns the part no lot covered. onPiece must not touch this book.
  template <class OnPiece>
  Decimal take(Decimal amount, OnPiece&& onPiece);

  // Calls visit(const Lot&) for every lot still held (in no particular order).
  template <class Visit>
  void forEach(Visit&& visit) const {
    for (std::size_t i = head_; i < lots_.size(); ++i) visit(lots_[i]);
    for (const auto& r : runs_)
      for (std::size_t i = r.head; i < r.lots.size(); ++i) visit(r.lots[i]);
    for (const auto& h : heap_) visit(pending_[h.slot]);
  }
  // Average cost keeps costs in the pool, not in the lots: the cost still held.
  bool pooled() const { return method_ == Method::Average; }
  const Decimal& poolCost() const { return poolCost_; }

 private:
  Lot* next();
  void popNext();
  void popOther();
  // FIFO/average: once `head` lots of `size` are consumed, drop them (all taken, or the
  // taken prefix dominates: amortised O(1) per lot).
  static bool compactionDue(std::size_t head, std::size_t size) {
    return head == size || (head >= 1024 && head * 2 >= size);
  }

  // HIFO keeps most lots in lots_, sorted so that the next to take is at the back:
  // taking is a pop_back of memory just touched. A transfer's batch, already in the
  // order it was taken, becomes a run of its own (taken from its front) without moving
  // a lot; beyond kMaxRuns runs the two smallest are merged. A lot added that would not
  // go last in lots_ waits in a small 4-ary heap of 32-byte entries (the unit-cost key,
  // biased to unsigned and split in halves, and the acquisition order for ties, which
  // are common: one order filled in many trades at one price) over pending_ slots; the
  // heap is merged into lots_ once it holds a quarter as many lots, so it stays small
  // and close in cache. Taking compares the heap's top, lots_'s back and runs' fronts.
  struct HeapEntry {
    std::uint64_t keyHi, keyLo, seq;
    std::uint32_t slot;
  };
  static HeapEntry entryOf(const Lot& lot, std::uint32_t slot) {
    const auto biased = static_cast<unsigned __int128>(lot.unitKey) ^
                        (static_cast<unsigned __int128>(1) << 127);  // keeps the order unsigned
    return {static_cast<std::uint64_t>(biased >> 64), static_cast<std::uint64_t>(biased), lot.seq,
            slot};
  }
  static bool before(const HeapEntry& a, const HeapEntry& b) {  // a is taken first
    if (a.keyHi != b.keyHi) return a.keyHi > b.keyHi;
    if (a.keyLo != b.keyLo) return a.keyLo > b.keyLo;
    return a.seq < b.seq;  // equal unit costs: oldest first
  }
  static bool takenFirst(const Lot& a, const Lot& b) {
    return a.unitKey != b.unitKey ? a.unitKey > b.unitKey : a.seq < b.seq;
  }
  struct Run {
    std::vector<Lot> lots;  // in the order taken, from head on
    std::size_t head = 0;
    std::size_t size() const { return lots.size() - head; }
  };
  static constexpr std::size_t kMaxRuns = 4;
  static constexpr std::size_t kFromHeap = SIZE_MAX, kFromMain = SIZE_MAX - 1;
  Lot* nextHifo();
  void popHifo();
  void addHifo(Lot&& lot);
  void addRun(std::vector<Lot>& batch);
  void mergePending();
  void mergeSorted(Lot* first, Lot* last);  // [first, last) in the order taken
  void heapPush(HeapEntry e);
  void heapPop();

  Method method_;
  // FIFO/LIFO/average: sorted by acquisition date from head_ on (popped lots before
  // head_ are compacted away now and then). HIFO: sorted taken-last first, head_ == 0.
  std::vector<Lot> lots_;
  std::size_t head_ = 0;
  // HIFO only: transfer runs, the pending heap, its slots (free_ lists unused ones),
  // emptied vectors kept for their capacity.
  std::vector<Run> runs_;
  std::vector<HeapEntry> heap_;
  std::vector<Lot> pending_;
  std::vector<std::uint32_t> free_;
  std::vector<std::vector<Lot>> spare_;
  std::size_t from_ = kFromMain;  // where next() found the lot: a run's index or kFrom*
  // Within one take(): from_ is still the source to take from unless otherBest_, the
  // best lot of the other sources (nullptr: none), comes first.
  bool cached_ = false;
  Lot* otherBest_ = nullptr;
  Decimal poolAmount_;  // average cost: amount and total cost of the lots with a known cost
  Decimal poolCost_;
};

inline Lot* LotBook::next() {
  if (method_ == Method::Hifo) {
    if (heap_.empty() && runs_.empty()) {
      from_ = kFromMain;
      return lots_.empty() ? nullptr : &lots_.back();
    }
    return nextHifo();
  }
  if (head_ >= lots_.size()) return nullptr;
  return method_ == Method::Lifo ? &lots_.back() : &lots_[head_];
}

inline void LotBook::popNext() {
  // The usual cases inline (a call per lot taken shows in wasm): HIFO's main list and
  // FIFO's head moving on while no compaction is due.
  if (method_ == Method::Hifo) {
    if (from_ == kFromMain) {
      lots_.pop_back();
      return;
    }
  } else if (method_ != Method::Lifo && !compactionDue(head_ + 1, lots_.size())) {
    ++head_;
    return;
  }
  popOther();
}

template <class OnPiece>
Decimal LotBook::take(Decimal amount, OnPiece&& onPiece) {
  cached_ = false;  // lots may have been added since the last take
  while (amount.sign() > 0) {
    Lot* lot = next();
    if (lot == nullptr) break;
    const bool whole = lot->amount <= amount;
    Piece piece{whole ? lot->amount : amount, Decimal(),   lot->acquiredMs, lot->costKnown,
                whole && !lot->split,         lot->unitKey};
    if (lot->costKnown) {
      if (method_ == Method::Average) {
        piece.cost = proRata(poolCost_, piece.amount, poolAmount_);
        subtractFrom(poolCost_, piece.cost);
        subtractFrom(poolAmount_, piece.amount);
      } else {
        piece.cost = whole ? lot->cost : proRata(lot->cost, piece.amount, lot->amount);
      }
    }
    subtractFrom(amount, piece.amount);
    if (whole) {
      popNext();
    } else {
      // A partial take leaves the unit cost, hence the HIFO key, as it was.
      subtractFrom(lot->amount, piece.amount);
      if (lot->costKnown && method_ != Method::Average) subtractFrom(lot->cost, piece.cost);
      lot->split = true;
    }
    onPiece(static_cast<const Piece&>(piece));
  }
  return amount;
}

}  // namespace kf::portfolio
