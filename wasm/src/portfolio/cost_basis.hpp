// Cost basis and realized gains: replays trades and transfers in time order through
// per-exchange lot pools (FIFO, LIFO, HIFO or average cost) and reports every disposal
// with its proceeds, cost basis, gain and holding term. The rules:
// - Order: time, then deposits, buys, sells, withdrawals at the same millisecond, then
//   exchange name, then event id, then input order.
// - A buy acquires the base (cost = value of the quote spent incl. a fee in the quote,
//   plus the value of a fee in a third asset) and, unless the quote is the person's
//   currency, disposes of the quote at that same value. A sell disposes of the base
//   (proceeds = value of the quote received net of a fee in the quote, minus the value
//   of a fee in a third asset) and acquires the quote. A fee in the base changes the
//   base amount (a buy acquires amount - fee; a sell disposes of amount + fee). A fee in
//   a third asset is also a disposal of that asset (kind Fee) with the fee's value as
//   proceeds, as rotki treats it: spending a coin on a fee realizes its gain or loss.
//   Buying the currency with a coin is treated as selling the coin.
// - Value of a trade: the quote amount when the quote is the currency (exact); else the
//   quote amount at the quote's price; else the base amount at the base's price. No
//   price: the values are unknown (null), never zero, and the event is listed unpriced.
//   The currency is worth 1; nothing else is assumed (no stablecoin at par).
// - Deposits create no lot (the acquisition is unknown: later disposals show a missing
//   acquisition) unless matched with a withdrawal (cost_basis_transfers.hpp): then the
//   withdrawn lots move, keeping dates and costs. A withdrawal removes amount + fee;
//   what does not arrive (the fee) leaves with its cost basis, reported, not a disposal.
// - HIFO orders lots by cost per unit at acquisition, ties oldest first; lots of
//   unknown cost go last. Average cost takes amounts and dates in FIFO order (for the
//   holding term) and prices them at the pool's average.
// - Long term when disposedMs - acquiredMs > holdingPeriodDays * 86,400,000 (strictly
//   more: the IRS "more than one year"; days of 24 h, not calendar years).
// - Exact decimals throughout. Values in the currency keep 18 decimals: products and
//   pro-rata shares round half-even there once, and the last share of a lot, a pool or
//   a disposal's proceeds takes the remainder, so totals are conserved exactly.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/decimal.hpp"
#include "portfolio/cost_basis_ledger.hpp"
#include "portfolio/historical_prices.hpp"
#include "portfolio/lots.hpp"

namespace kf::portfolio {

enum class Pooling : std::uint8_t {
  PerExchange,  // one pool per exchange and asset (per-wallet, as US rules since 2025)
  Universal,    // one pool per asset across exchanges (e.g. Canada's ACB)
};

struct CostBasisOptions {
  Method method = Method::Fifo;
  std::string currency = "USD";
  std::int64_t holdingPeriodDays = 365;
  std::int64_t transferWindowMs = 48LL * 3600 * 1000;
  Pooling pooling = Pooling::PerExchange;
  std::int64_t untilMs = INT64_MAX;  // events at or after this are not processed
};

enum class Term : std::uint8_t { Short, Long, Unknown };
enum class DisposalKind : std::uint8_t { Trade, Fee };

// One disposal, or one part of it: a disposal is split by holding term, into the part
// from lots with an unknown cost, and into the part no lot covered (missingAcquisition).
// Several lots in one part: acquiredMs is the earliest, `lots` counts them.
struct DisposalRecord {
  std::uint32_t event = 0;  // index into Ledger::events
  NameId asset = kNoName;
  DisposalKind kind = DisposalKind::Trade;
  Term term = Term::Unknown;
  bool missingAcquisition = false;
  bool proceedsKnown = true;
  bool costKnown = true;
  std::uint32_t lots = 0;
  std::int64_t acquiredMs = 0;  // meaningful when lots > 0
  std::int64_t disposedMs = 0;
  Decimal amount, proceeds, costBasis;
};

enum class UnpricedReason : std::uint8_t { TradeValue, FeeValue };

struct UnpricedEvent {
  std::uint32_t event = 0;
  NameId asset = kNoName;  // the asset without a price (the quote, for a trade's value)
  NameId other = kNoName;  // for TradeValue: the base, also without a price
  UnpricedReason reason = UnpricedReason::TradeValue;
};

// A withdrawal: amount + fee left the pool; `moved` went to the matched deposit's
// pool, `removed` left tracking with its cost basis (`removedCost`), `missing` had no lot.
struct WithdrawalRecord {
  std::uint32_t event = 0;
  std::uint32_t matchedDeposit = UINT32_MAX;  // event index, or UINT32_MAX
  NameId asset = kNoName;
  Decimal moved, removed, removedCost, missing;
  bool removedCostKnown = true;
};

class CostBasisSink {
 public:
  virtual ~CostBasisSink() = default;
  virtual void disposal(const DisposalRecord& record) = 0;
  virtual void unpriced(const UnpricedEvent& event) = 0;
  virtual void withdrawal(const WithdrawalRecord& record) = 0;
};

// Per asset, over all pools.
struct Holding {
  NameId asset = kNoName;
  Decimal amount;  // all lots
  Decimal cost;    // of the lots with a known cost
  Decimal unknownCostAmount;
};

struct AcquiredTotal {  // every lot ever created (not moves), for audits and tests
  NameId asset = kNoName;
  Decimal amount, cost, unknownCostAmount;
};

struct CostBasisResult {
  std::vector<Holding> remaining;       // sorted by asset name, zero holdings dropped
  std::vector<AcquiredTotal> acquired;  // sorted by asset name
  std::uint64_t eventsProcessed = 0;
};

// Replays the ledger; throws CoreError(InvalidInput) for an impossible trade (a fee
// larger than the amount it is taken from) and CoreError(Overflow) past 38 digits.
CostBasisResult computeCostBasis(const Ledger& ledger, const HistoricalPrices& prices,
                                 const CostBasisOptions& options, CostBasisSink& sink);

}  // namespace kf::portfolio
