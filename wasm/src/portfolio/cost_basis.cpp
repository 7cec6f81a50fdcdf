#include "portfolio/cost_basis.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/error.hpp"
#include "portfolio/cost_basis_transfers.hpp"

namespace kf::portfolio {

namespace {

constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kMaxTimeMs = std::int64_t{1} << 53;

// Pieces of one disposal grouped by term and by whether their cost is known.
struct Bucket {
  Decimal amount, cost;
  std::int64_t earliest = 0;
  std::uint32_t lots = 0;
};

class Engine {
 public:
  Engine(const Ledger& ledger, const HistoricalPrices& prices, const CostBasisOptions& options,
         CostBasisSink& sink)
      : ledger_(ledger), prices_(prices), options_(options), sink_(sink) {
    currency_ = ledger.assets.find(options.currency);
    if (options.holdingPeriodDays < 0 ||
        __builtin_mul_overflow(options.holdingPeriodDays, kDayMs, &holdingMs_))
      throw CoreError(ErrorKind::InvalidInput, "holdingPeriodDays out of range");
    acquired_.resize(ledger.assets.size());
    const std::size_t cells =
        std::max<std::size_t>(ledger.exchanges.size(), 1) * ledger.assets.size();
    if (cells <= (std::size_t{1} << 20)) denseBooks_.assign(cells, kUnmatched);
    zeroValue_ = atValueScale(Decimal());
  }

  CostBasisResult run() {
    const auto partners = matchTransfers(ledger_, options_.transferWindowMs);
    partners_ = &partners;
    CostBasisResult result;
    for (const std::uint32_t i : order()) {
      const Event& e = ledger_.events[i];
      if (e.timeMs >= options_.untilMs) break;
      switch (e.kind) {
        case EventKind::Buy:
        case EventKind::Sell:
          trade(i, e);
          break;
        case EventKind::Withdrawal:
          withdrawal(i, e);
          break;
        case EventKind::Deposit:
          break;  // no lot: unknown origin, or moved in by its matched withdrawal
      }
      ++result.eventsProcessed;
    }
    collect(result);
    return result;
  }

 private:
  std::vector<std::uint32_t> order() const {
    const auto& ev = ledger_.events;
    std::vector<std::uint32_t> idx(ev.size());
    for (std::uint32_t i = 0; i < idx.size(); ++i) {
      // Keeps time arithmetic (holding periods, sort keys) far from overflow.
      if (ev[i].timeMs < 0 || ev[i].timeMs > kMaxTimeMs)
        throw CoreError(ErrorKind::InvalidInput,
                        "event " + std::string(ledger_.id(ev[i])) + ": time out of range");
      idx[i] = i;
    }
    const auto key = [&](std::uint32_t i) {  // (time, kind): decides all but ties
      return (static_cast<std::uint64_t>(ev[i].timeMs) << 2) |
             static_cast<std::uint64_t>(ev[i].kind);
    };
    // Equal (time, kind): exchange name, event id, input order. Apart from `before`,
    // which stays small enough to inline (a merge compares a million pairs).
    const auto tieBefore = [&](std::uint32_t a, std::uint32_t b) {
      const Event &x = ev[a], &y = ev[b];
      if (x.exchange != y.exchange)
        return ledger_.exchanges.name(x.exchange) < ledger_.exchanges.name(y.exchange);
      const auto ix = ledger_.id(x), iy = ledger_.id(y);
      if (ix != iy) return ix < iy;
      return a < b;
    };
    const auto before = [&](std::uint32_t a, std::uint32_t b) {
      const std::uint64_t ka = key(a), kb = key(b);
      return ka != kb ? ka < kb : tieBefore(a, b);
    };
    // Exchange histories usually arrive sorted, or nearly: a deposit is recorded after
    // the trades that follow its withdrawal. Events in order go to `run` (each one not
    // before the last taken, nor after the next); the few others are sorted apart and
    // merged in. `before` is a total order, so the result is the one sort would give.
    std::vector<std::uint32_t> run, rest;
    run.reserve(idx.size());
    std::uint64_t lastKey = 0, k = idx.empty() ? 0 : key(0);
    for (std::uint32_t i = 0; i < idx.size(); ++i) {
      const std::uint64_t next = i + 1 < idx.size() ? key(i + 1) : UINT64_MAX;
      const bool afterLast =
          run.empty() || (k != lastKey ? k > lastKey : !tieBefore(i, run.back()));
      const bool beforeNext = i + 1 == idx.size() || (next != k ? next > k : !tieBefore(i + 1, i));
      if (afterLast && beforeNext) {
        run.push_back(i);
        lastKey = k;
      } else {
        rest.push_back(i);
      }
      k = next;
    }
    if (rest.empty()) return idx;
    if (rest.size() > idx.size() / 8) {
      // Far from sorted: sort compact (time, kind) keys next to the index; only ties
      // look at the names.
      std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed(ev.size());
      for (std::uint32_t i = 0; i < keyed.size(); ++i) keyed[i] = {key(i), i};
      std::sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : tieBefore(a.second, b.second);
      });
      for (std::size_t i = 0; i < keyed.size(); ++i) idx[i] = keyed[i].second;
      return idx;
    }
    std::sort(rest.begin(), rest.end(), before);
    std::merge(run.begin(), run.end(), rest.begin(), rest.end(), idx.begin(), before);
    return idx;
  }

  std::uint32_t bookId(NameId exchange, NameId asset) {
    if (options_.pooling == Pooling::Universal) exchange = 0;
    if (!denseBooks_.empty()) {  // the usual case: a direct table, no hashing
      const std::uint32_t id =
          denseBooks_[static_cast<std::size_t>(exchange) * ledger_.assets.size() + asset];
      if (id != kUnmatched) return id;
    }
    return bookIdSlow(exchange, asset);
  }

  std::uint32_t bookIdSlow(NameId exchange, NameId asset) {
    std::uint32_t* slot;
    if (!denseBooks_.empty()) {
      slot = &denseBooks_[static_cast<std::size_t>(exchange) * ledger_.assets.size() + asset];
    } else {
      const std::uint64_t key = (static_cast<std::uint64_t>(exchange) << 32) | asset;
      slot = &bookIds_.try_emplace(key, kUnmatched).first->second;
    }
    if (*slot == kUnmatched) {
      *slot = static_cast<std::uint32_t>(books_.size());
      books_.emplace_back(options_.method);
      bookAssets_.push_back(asset);
    }
    return *slot;
  }

  std::optional<Decimal> priceOf(NameId asset, std::int64_t timeMs) const {
    if (asset == currency_) return Decimal::fromInt(1);
    return prices_.at(asset, timeMs);
  }

  [[noreturn]] void badTrade(const Event& e, const std::string& why) const {
    throw CoreError(ErrorKind::InvalidInput, "trade " + std::string(ledger_.id(e)) + " on " +
                                                 ledger_.exchanges.name(e.exchange) + ": " + why);
  }

  void trade(std::uint32_t i, const Event& e) {
    if (e.base == e.quote) badTrade(e, "base and quote are the same asset");
    bool buy = e.kind == EventKind::Buy;
    NameId base = e.base, quote = e.quote;
    Decimal amount = e.amount, cost = e.cost;
    // Buying the person's currency with a coin is selling the coin: swap the sides so
    // that a fee in the coin counts as spent, not as value received.
    if (base == currency_) {
      std::swap(base, quote);
      std::swap(amount, cost);
      buy = !buy;
    }
    const NameId feeAsset = e.fee.isZero() ? kNoName : e.feeAsset;
    const Decimal zero;
    const Decimal& feeInBase = feeAsset == base ? e.fee : zero;
    const Decimal& feeInQuote = feeAsset == quote ? e.fee : zero;
    const bool thirdFee = feeAsset != kNoName && feeAsset != base && feeAsset != quote;
    // (No fee, the usual side, adds nothing: skipping it avoids a mixed-scale add.)
    const Decimal baseAmount = feeInBase.isZero() ? amount
                               : buy              ? amount - feeInBase
                                                  : amount + feeInBase;
    const Decimal quoteAmount = feeInQuote.isZero() ? cost
                                : buy               ? cost + feeInQuote
                                                    : cost - feeInQuote;
    if (baseAmount.isNegative() || quoteAmount.isNegative())
      badTrade(e, "fee " + e.fee.toString() + " exceeds the amount it is taken from");

    // The value of quoteAmount in the person's currency.
    std::optional<Decimal> value;
    if (quote == currency_) {
      value = atValueScale(quoteAmount);
    } else if (const auto pq = prices_.at(quote, e.timeMs)) {
      value = atValueScale(mulRound(quoteAmount, *pq));
    } else if (const auto pb = prices_.at(base, e.timeMs); pb && cost.sign() > 0) {
      value = mulDiv(mulRound(amount, *pb), quoteAmount, cost);
    }
    if (!value) sink_.unpriced({i, quote, base, UnpricedReason::TradeValue});

    std::optional<Decimal> feeValue = zeroValue_;
    if (thirdFee) {
      feeValue.reset();
      if (const auto pf = priceOf(feeAsset, e.timeMs))
        feeValue = atValueScale(mulRound(e.fee, *pf));
      if (!feeValue) sink_.unpriced({i, feeAsset, kNoName, UnpricedReason::FeeValue});
    }
    std::optional<Decimal> total;  // cost of a buy, proceeds of a sell
    if (value && feeValue) total = buy ? *value + *feeValue : *value - *feeValue;

    if (buy) {
      if (quote != currency_) dispose(i, e, quote, quoteAmount, value, DisposalKind::Trade);
      if (thirdFee && feeAsset != currency_)
        dispose(i, e, feeAsset, e.fee, feeValue, DisposalKind::Fee);
      acquire(e, base, baseAmount, total);
    } else {
      dispose(i, e, base, baseAmount, total, DisposalKind::Trade);
      if (thirdFee && feeAsset != currency_)
        dispose(i, e, feeAsset, e.fee, feeValue, DisposalKind::Fee);
      if (quote != currency_) acquire(e, quote, quoteAmount, value);
    }
  }

  void acquire(const Event& e, NameId asset, const Decimal& amount,
               const std::optional<Decimal>& cost) {
    if (amount.sign() <= 0) return;
    Lot lot{amount, cost.value_or(Decimal()), e.timeMs, 0, seq_++, cost.has_value()};
    account(asset, lot);
    books_[bookId(e.exchange, asset)].add(std::move(lot));
  }

  void account(NameId asset, Lot& lot) {
    auto& a = acquired_[asset];
    addInto(a.amount, lot.amount);
    if (lot.costKnown)
      addInto(a.cost, lot.cost);
    else
      addInto(a.unknownCostAmount, lot.amount);
    if (options_.method == Method::Hifo)
      lot.unitKey = lot.costKnown ? unitCostKey(lot.cost, lot.amount)
                                  : std::numeric_limits<__int128>::min();  // used last
  }

  void dispose(std::uint32_t i, const Event& e, NameId asset, const Decimal& amount,
               const std::optional<Decimal>& proceeds, DisposalKind kind) {
    if (amount.sign() <= 0) return;
    // Buckets: 0 long/known, 1 long/unknown cost, 2 short/known, 3 short/unknown cost.
    // Engaged by their first piece, which keeps the sums at the pieces' scales (and
    // spares zeroing four buckets per disposal).
    std::array<std::optional<Bucket>, 4> buckets;
    const Decimal uncovered = books_[bookId(e.exchange, asset)].take(amount, [&](const Piece& p) {
      const bool isLong = e.timeMs - p.acquiredMs > holdingMs_;
      std::optional<Bucket>& b = buckets[(isLong ? 0 : 2) + (p.costKnown ? 0 : 1)];
      if (!b) {
        b = Bucket{p.amount, p.cost, p.acquiredMs, 1};
        return;
      }
      addInto(b->amount, p.amount);
      if (p.costKnown) addInto(b->cost, p.cost);
      if (p.acquiredMs < b->earliest) b->earliest = p.acquiredMs;
      ++b->lots;
    });

    DisposalRecord& r = record_;  // reused: every field is set below
    r.event = i;
    r.asset = asset;
    r.kind = kind;
    r.disposedMs = e.timeMs;
    r.proceedsKnown = proceeds.has_value();
    r.proceeds = Decimal();
    Decimal proceedsLeft = proceeds.value_or(Decimal()), amountLeft = amount;
    const auto emit = [&](DisposalRecord& rec) {
      if (rec.proceedsKnown) {
        // Proceeds shared by amount; the last part takes the rest, so parts add up exactly.
        rec.proceeds = proRata(proceedsLeft, rec.amount, amountLeft);
        subtractFrom(proceedsLeft, rec.proceeds);
      }
      subtractFrom(amountLeft, rec.amount);
      sink_.disposal(rec);
    };
    for (std::size_t k = 0; k < buckets.size(); ++k) {
      if (!buckets[k]) continue;
      const Bucket& b = *buckets[k];
      r.term = k < 2 ? Term::Long : Term::Short;
      r.costKnown = (k % 2) == 0;
      r.missingAcquisition = false;
      r.lots = b.lots;
      r.acquiredMs = b.earliest;
      r.amount = b.amount;
      r.costBasis = r.costKnown ? b.cost : Decimal();
      emit(r);
    }
    if (uncovered.sign() > 0) {
      r.term = Term::Unknown;
      r.costKnown = false;
      r.missingAcquisition = true;
      r.lots = 0;
      r.acquiredMs = 0;
      r.amount = uncovered;
      r.costBasis = Decimal();
      emit(r);
    }
  }

  void withdrawal(std::uint32_t i, const Event& e) {
    WithdrawalRecord rec;
    rec.event = i;
    rec.asset = e.base;
    rec.matchedDeposit = (*partners_)[i];
    const Decimal total = e.amount + e.fee;
    const std::uint32_t src = bookId(e.exchange, e.base);
    Decimal arriving;
    if (rec.matchedDeposit != kUnmatched) {
      const Decimal& deposited = ledger_.events[rec.matchedDeposit].amount;
      arriving = deposited < total ? deposited : total;
    }
    // The book the lots go to, found first: taking hands its pieces straight to it.
    const std::uint32_t dst = rec.matchedDeposit != kUnmatched && arriving.sign() > 0
                                  ? bookId(ledger_.events[rec.matchedDeposit].exchange, e.base)
                                  : kUnmatched;
    movedLots_.clear();
    const Decimal notMoved = books_[src].take(arriving, [&](const Piece& p) {
      Lot& lot = movedLots_.emplace_back();
      lot.amount = p.amount;
      lot.cost = p.cost;
      lot.acquiredMs = p.acquiredMs;
      lot.seq = seq_++;
      lot.costKnown = p.costKnown;
      if (options_.method == Method::Hifo)  // a whole lot keeps its key: no division
        lot.unitKey = !p.costKnown ? std::numeric_limits<__int128>::min()
                      : p.wholeLot ? p.unitKey
                                   : unitCostKey(p.cost, p.amount);
    });
    rec.moved = arriving - notMoved;
    rec.missing = notMoved;
    const Decimal notRemoved = books_[src].take(total - arriving, [&](const Piece& p) {
      addInto(rec.removed, p.amount);
      if (p.costKnown)
        addInto(rec.removedCost, p.cost);
      else
        rec.removedCostKnown = false;
    });
    rec.missing += notRemoved;
    if (!movedLots_.empty()) books_[dst].addAll(movedLots_);
    sink_.withdrawal(rec);
  }

  void collect(CostBasisResult& result) const {
    std::vector<Holding> byAsset(ledger_.assets.size());
    for (std::size_t b = 0; b < books_.size(); ++b) {
      Holding& h = byAsset[bookAssets_[b]];
      books_[b].forEach([&](const Lot& lot) {
        h.amount += lot.amount;
        if (!lot.costKnown)
          h.unknownCostAmount += lot.amount;
        else if (!books_[b].pooled())
          h.cost += lot.cost;
      });
      if (books_[b].pooled()) h.cost += books_[b].poolCost();
    }
    for (NameId a = 0; a < byAsset.size(); ++a) {
      if (!byAsset[a].amount.isZero()) {
        byAsset[a].asset = a;
        result.remaining.push_back(byAsset[a]);
      }
      if (!acquired_[a].amount.isZero()) {
        result.acquired.push_back(acquired_[a]);
        result.acquired.back().asset = a;
      }
    }
    const auto byName = [&](const auto& x, const auto& y) {
      return ledger_.assets.name(x.asset) < ledger_.assets.name(y.asset);
    };
    std::sort(result.remaining.begin(), result.remaining.end(), byName);
    std::sort(result.acquired.begin(), result.acquired.end(), byName);
  }

  const Ledger& ledger_;
  const HistoricalPrices& prices_;
  const CostBasisOptions& options_;
  CostBasisSink& sink_;
  NameId currency_ = kNoName;
  std::int64_t holdingMs_ = 0;
  const std::vector<std::uint32_t>* partners_ = nullptr;
  std::vector<std::uint32_t> denseBooks_;  // exchange * assets + asset -> book, or kUnmatched
  std::unordered_map<std::uint64_t, std::uint32_t> bookIds_;  // when the table would be huge
  Decimal zeroValue_;
  std::vector<LotBook> books_;
  std::vector<NameId> bookAssets_;
  std::vector<AcquiredTotal> acquired_;  // indexed by asset id
  std::vector<Lot> movedLots_;
  DisposalRecord record_;
  std::uint64_t seq_ = 0;
};

}  // namespace

CostBasisResult computeCostBasis(const Ledger& ledger, const HistoricalPrices& prices,
                                 const CostBasisOptions& options, CostBasisSink& sink) {
  return Engine(ledger, prices, options, sink).run();
}

}  // namespace kf::portfolio
