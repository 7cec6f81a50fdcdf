#include "portfolio/lots.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

#include "core/error.hpp"

namespace kf::portfolio {

void LotBook::add(Lot lot) {
  if (lot.amount.sign() <= 0) return;
  if (method_ == Method::Average) {
    if (lot.costKnown) {
      poolAmount_ += lot.amount;
      poolCost_ += lot.cost;
    }
    lot.cost = Decimal();  // the pool holds the cost
  }
  if (method_ == Method::Hifo) {
    std::uint32_t slot;
    if (free_.empty()) {
      if (lots_.size() >= UINT32_MAX) throw CoreError(ErrorKind::Overflow, "too many lots");
      slot = static_cast<std::uint32_t>(lots_.size());
      lots_.push_back(std::move(lot));
    } else {
      slot = free_.back();
      free_.pop_back();
      lots_[slot] = std::move(lot);
    }
    const auto biased = static_cast<unsigned __int128>(lots_[slot].unitKey) ^
                        (static_cast<unsigned __int128>(1) << 127);  // keeps the order unsigned
    heapPush({static_cast<std::uint64_t>(biased >> 64), static_cast<std::uint64_t>(biased),
              lots_[slot].seq, slot});
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
  if (lots.size() < 8 || method_ == Method::Hifo) {
    for (auto& lot : lots) add(std::move(lot));
    return;
  }
  const std::size_t mid = lots_.size();
  for (auto& lot : lots) {
    if (lot.amount.sign() <= 0) continue;
    if (method_ == Method::Average && lot.costKnown) {
      poolAmount_ += lot.amount;
      poolCost_ += lot.cost;
    }
    if (method_ == Method::Average) lot.cost = Decimal();
    lots_.push_back(std::move(lot));
  }
  const auto byDate = [](const Lot& a, const Lot& b) {
    return a.acquiredMs != b.acquiredMs ? a.acquiredMs < b.acquiredMs : a.seq < b.seq;
  };
  const auto begin = lots_.begin() + static_cast<std::ptrdiff_t>(head_);
  const auto middle = lots_.begin() + static_cast<std::ptrdiff_t>(mid);
  std::sort(middle, lots_.end(), byDate);
  // Lots already held keep their places before equal dates (inplace_merge is stable).
  std::inplace_merge(begin, middle, lots_.end(),
                     [](const Lot& a, const Lot& b) { return a.acquiredMs < b.acquiredMs; });
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

void LotBook::popNext() {
  switch (method_) {
    case Method::Lifo:
      lots_.pop_back();
      break;
    case Method::Hifo:
      free_.push_back(heap_.front().slot);
      heapPop();
      if (heap_.empty()) {  // nothing held: drop the slots
        lots_.clear();
        free_.clear();
      }
      return;
    default:
      ++head_;
      // Compact once the consumed prefix dominates: amortised O(1) per lot.
      if (head_ == lots_.size()) {
        lots_.clear();
        head_ = 0;
      } else if (head_ >= 1024 && head_ * 2 >= lots_.size()) {
        lots_.erase(lots_.begin(), lots_.begin() + static_cast<std::ptrdiff_t>(head_));
        head_ = 0;
      }
      break;
  }
  if (lots_.empty()) head_ = 0;
}

}  // namespace kf::portfolio
