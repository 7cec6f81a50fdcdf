#include "portfolio/lots.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

#include "core/error.hpp"

namespace kf::portfolio {

void LotBook::add(Lot&& lot) {
  if (lot.amount.sign() <= 0) return;
  if (method_ == Method::Average) {
    if (lot.costKnown) {
      poolAmount_ += lot.amount;
      poolCost_ += lot.cost;
    }
    lot.cost = Decimal();  // the pool holds the cost
  }
  if (method_ == Method::Hifo) {
    addHifo(std::move(lot));
    return;
  }
  if (head_ == lots_.size() || lots_.back().acquiredMs <= lot.acquiredMs) {
    lots_.push_back(std::move(lot));
    return;
  }
  // Out of date order (a transfer moved it in): after every lot of the same date or older.
  const auto begin = lots_.begin() + static_cast<std::ptrdiff_t>(head_);
  const auto at = std::upper_bound(begin, lots_.end(), lot.acquiredMs,
                                   [](std::int64_t t, const Lot& l) { return t < l.acquiredMs; });
  lots_.insert(at, std::move(lot));
}

void LotBook::addAll(std::vector<Lot>& lots) {
  if (lots.size() < 8) {
    for (auto& lot : lots) add(std::move(lot));
    return;
  }
  if (method_ == Method::Hifo) {
    lots.erase(
        std::remove_if(lots.begin(), lots.end(), [](const Lot& l) { return l.amount.sign() <= 0; }),
        lots.end());
    // A transfer's lots come in the order they were taken: already sorted.
    // (Lambdas, not function pointers: a pointer stays an indirect call in wasm.)
    const auto first = [](const Lot& a, const Lot& b) { return takenFirst(a, b); };
    if (!std::is_sorted(lots.begin(), lots.end(), first))
      std::sort(lots.begin(), lots.end(), first);
    addRun(lots);
    return;
  }
  std::size_t kept = 0;
  for (auto& lot : lots) {
    if (lot.amount.sign() <= 0) continue;
    if (method_ == Method::Average) {
      if (lot.costKnown) {
        poolAmount_ += lot.amount;
        poolCost_ += lot.cost;
      }
      lot.cost = Decimal();
    }
    if (&lots[kept] != &lot) lots[kept] = std::move(lot);
    ++kept;
  }
  lots.resize(kept);
  const auto byDate = [](const Lot& a, const Lot& b) {
    return a.acquiredMs != b.acquiredMs ? a.acquiredMs < b.acquiredMs : a.seq < b.seq;
  };
  // A transfer's lots come oldest first (FIFO, average) or newest first (LIFO).
  if (std::is_sorted(lots.rbegin(), lots.rend(), byDate))
    std::reverse(lots.begin(), lots.end());
  else if (!std::is_sorted(lots.begin(), lots.end(), byDate))
    std::sort(lots.begin(), lots.end(), byDate);
  // Merged backwards, in place: lots held that are newer than all of the batch move
  // once, older ones stay, and lots already held keep their places before equal dates.
  std::size_t i = lots_.size(), out = lots_.size() + lots.size();
  lots_.resize(out);
  for (auto it = lots.rbegin(); it != lots.rend(); ++it) {
    while (i > head_ && lots_[i - 1].acquiredMs > it->acquiredMs)
      lots_[--out] = std::move(lots_[--i]);
    lots_[--out] = std::move(*it);
  }
}

void LotBook::addHifo(Lot&& lot) {
  if (lots_.empty() || takenFirst(lot, lots_.back())) {  // goes last: stays sorted
    lots_.push_back(std::move(lot));
    return;
  }
  std::uint32_t slot;
  if (free_.empty()) {
    if (pending_.size() >= UINT32_MAX) throw CoreError(ErrorKind::Overflow, "too many lots");
    slot = static_cast<std::uint32_t>(pending_.size());
    pending_.push_back(std::move(lot));
  } else {
    slot = free_.back();
    free_.pop_back();
    pending_[slot] = std::move(lot);
  }
  heapPush(entryOf(pending_[slot], slot));
  if (heap_.size() >= 64 && heap_.size() * 4 >= lots_.size()) mergePending();
}

Lot* LotBook::nextHifo() {
  // Within one take() only the source taken from changes: while its next lot still
  // comes before the best of the others, no other source needs a look.
  if (cached_) {
    Lot* next = from_ == kFromMain   ? (lots_.empty() ? nullptr : &lots_.back())
                : from_ == kFromHeap ? (heap_.empty() ? nullptr : &pending_[heap_.front().slot])
                                     : &runs_[from_].lots[runs_[from_].head];
    if (next != nullptr && (otherBest_ == nullptr || takenFirst(*next, *otherBest_))) return next;
  }
  // The best and the best of the other sources.
  Lot *best = nullptr, *second = nullptr;
  from_ = kFromMain;
  const auto consider = [&](Lot* lot, std::size_t source) {
    if (best == nullptr || takenFirst(*lot, *best)) {
      second = best;
      best = lot;
      from_ = source;
    } else if (second == nullptr || takenFirst(*lot, *second)) {
      second = lot;
    }
  };
  if (!lots_.empty()) consider(&lots_.back(), kFromMain);
  for (std::size_t r = 0; r < runs_.size(); ++r)  // runs are never empty
    consider(&runs_[r].lots[runs_[r].head], r);
  if (!heap_.empty()) consider(&pending_[heap_.front().slot], kFromHeap);
  otherBest_ = second;
  cached_ = best != nullptr;
  return best;
}

void LotBook::popHifo() {
  if (from_ == kFromMain) {
    lots_.pop_back();
  } else if (from_ == kFromHeap) {
    free_.push_back(heap_.front().slot);
    heapPop();
    if (heap_.empty()) {  // nothing pending: drop the slots
      pending_.clear();
      free_.clear();
    }
  } else if (++runs_[from_].head == runs_[from_].lots.size()) {
    spare_.push_back(std::move(runs_[from_].lots));
    spare_.back().clear();
    runs_.erase(runs_.begin() + static_cast<std::ptrdiff_t>(from_));
    cached_ = false;  // run indices moved
  }
}

void LotBook::addRun(std::vector<Lot>& batch) {
  if (batch.empty()) return;
  runs_.push_back(Run{std::move(batch), 0});
  batch.clear();
  if (!spare_.empty()) {  // the caller gets an emptied run's capacity back
    batch.swap(spare_.back());
    spare_.pop_back();
  }
  if (runs_.size() <= kMaxRuns) return;
  // Merge the two smallest runs into one.
  std::size_t a = 0, b = 1;
  if (runs_[b].size() < runs_[a].size()) std::swap(a, b);
  for (std::size_t r = 2; r < runs_.size(); ++r) {
    if (runs_[r].size() < runs_[a].size()) {
      b = a;
      a = r;
    } else if (runs_[r].size() < runs_[b].size()) {
      b = r;
    }
  }
  std::vector<Lot> merged;
  if (!spare_.empty()) {
    merged.swap(spare_.back());
    spare_.pop_back();
  }
  merged.reserve(runs_[a].size() + runs_[b].size());
  auto& x = runs_[a].lots;
  auto& y = runs_[b].lots;
  const auto from = [](std::vector<Lot>& v, std::size_t head) {
    return std::make_move_iterator(v.begin() + static_cast<std::ptrdiff_t>(head));
  };
  std::merge(from(x, runs_[a].head), std::make_move_iterator(x.end()), from(y, runs_[b].head),
             std::make_move_iterator(y.end()), std::back_inserter(merged),
             [](const Lot& a, const Lot& b) { return takenFirst(a, b); });
  spare_.push_back(std::move(x));
  spare_.back().clear();
  spare_.push_back(std::move(y));
  spare_.back().clear();
  runs_[a] = Run{std::move(merged), 0};
  runs_.erase(runs_.begin() + static_cast<std::ptrdiff_t>(b));
}

void LotBook::mergePending() {
  // Sort the small entries, then gather the lots in that order.
  std::sort(heap_.begin(), heap_.end(),
            [](const HeapEntry& a, const HeapEntry& b) { return before(a, b); });
  std::vector<Lot> batch;
  if (!spare_.empty()) {
    batch.swap(spare_.back());
    spare_.pop_back();
  }
  batch.reserve(heap_.size());
  for (const auto& h : heap_) batch.push_back(std::move(pending_[h.slot]));
  heap_.clear();
  pending_.clear();
  free_.clear();
  mergeSorted(batch.data(), batch.data() + batch.size());
  batch.clear();
  spare_.push_back(std::move(batch));
}

void LotBook::mergeSorted(Lot* first, Lot* last) {
  // Backwards, in place: the lots taken after all of the batch stay where they are, and
  // each lot moves once (a Lot is over 64 bytes: every move is a memcpy call in wasm).
  std::size_t i = lots_.size(), out = lots_.size() + static_cast<std::size_t>(last - first);
  lots_.resize(out);
  for (; first != last; ++first) {
    while (i > 0 && takenFirst(lots_[i - 1], *first)) lots_[--out] = std::move(lots_[--i]);
    lots_[--out] = std::move(*first);
  }
}

void LotBook::heapPush(HeapEntry e) {
  std::size_t i = heap_.size();
  heap_.push_back(e);
  while (i > 0) {
    const std::size_t parent = (i - 1) / 4;
    if (!before(e, heap_[parent])) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = e;
}

void LotBook::heapPop() {
  const HeapEntry last = heap_.back();
  heap_.pop_back();
  const std::size_t n = heap_.size();
  if (n == 0) return;
  std::size_t i = 0;
  for (;;) {
    const std::size_t first = 4 * i + 1;
    if (first >= n) break;
    std::size_t best = first;
    const std::size_t end = std::min(first + 4, n);
    for (std::size_t c = first + 1; c < end; ++c)
      if (before(heap_[c], heap_[best])) best = c;
    if (!before(heap_[best], last)) break;
    heap_[i] = heap_[best];
    i = best;
  }
  heap_[i] = last;
}

void LotBook::popOther() {
  switch (method_) {
    case Method::Lifo:
      lots_.pop_back();
      break;
    case Method::Hifo:
      popHifo();
      return;
    default:
      if (compactionDue(++head_, lots_.size())) {
        lots_.erase(lots_.begin(), lots_.begin() + static_cast<std::ptrdiff_t>(head_));
        head_ = 0;
      }
      break;
  }
  if (lots_.empty()) head_ = 0;
}

}  // namespace kf::portfolio
