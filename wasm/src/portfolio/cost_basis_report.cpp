#include "portfolio/cost_basis_report.hpp"

#include <string>

#include <nlohmann/json.hpp>

namespace kf::portfolio {

namespace {

using nlohmann::json;

json decimalOrNull(bool known, const Decimal& d) {
  return known ? json(d.toPlainString()) : json(nullptr);
}

json summaryToJson(const GainSummary& s, const NameTable& assets) {
  json out = {{"proceeds", s.proceeds.toPlainString()},
              {"costBasis", s.costBasis.toPlainString()},
              {"gain", s.gain.toPlainString()},
              {"shortTermGain", s.shortTermGain.toPlainString()},
              {"longTermGain", s.longTermGain.toPlainString()},
              {"records", s.records},
              {"incompleteRecords", s.incomplete}};
  if (s.asset != kNoName) out["asset"] = assets.name(s.asset);
  return out;
}

std::string durationText(std::int64_t ms) {
  return ms % 3'600'000 == 0 ? std::to_string(ms / 3'600'000) + "h"
                             : std::to_string(ms / 1000) + "s";
}

}  // namespace

bool ReportSink::inWindow(std::uint32_t event) const {
  const std::int64_t t = ledger_.events[event].timeMs;
  return t >= fromMs_ && t < untilMs_;
}

void ReportSink::disposal(const DisposalRecord& r) {
  if (!inWindow(r.event)) return;
  disposals_.push_back(r);
  summary_.add(r);
}

void ReportSink::unpriced(const UnpricedEvent& u) {
  // Everything up to the window's end: an unpriced acquisition before the tax year
  // still leaves an unknown cost basis in it.
  if (ledger_.events[u.event].timeMs < untilMs_) unpriced_.push_back(u);
}

void ReportSink::withdrawal(const WithdrawalRecord& w) {
  if (inWindow(w.event)) withdrawals_.push_back(w);
}

json reportToJson(const CostBasisRequest& request, const ReportSink& sink,
                  const CostBasisResult& result) {
  const Ledger& ledger = request.ledger;
  const auto& assets = ledger.assets;
  json disposals = json::array();
  for (const auto& r : sink.disposals()) {
    const Event& e = ledger.events[r.event];
    const bool complete = r.proceedsKnown && r.costKnown;
    disposals.push_back({{"asset", assets.name(r.asset)},
                         {"amount", r.amount.toPlainString()},
                         {"acquiredMs", r.lots > 0 ? json(r.acquiredMs) : json(nullptr)},
                         {"lots", r.lots},
                         {"disposedMs", r.disposedMs},
                         {"proceeds", decimalOrNull(r.proceedsKnown, r.proceeds)},
                         {"costBasis", decimalOrNull(r.costKnown, r.costBasis)},
                         {"gain", decimalOrNull(complete, r.proceeds - r.costBasis)},
                         {"term", r.term == Term::Long    ? json("long")
                                  : r.term == Term::Short ? json("short")
                                                          : json(nullptr)},
                         {"missingAcquisition", r.missingAcquisition},
                         {"kind", r.kind == DisposalKind::Fee ? "fee" : "trade"},
                         {"exchange", ledger.exchanges.name(e.exchange)},
                         {"tradeId", ledger.id(e)}});
  }
  const std::string maxAge = durationText(request.prices.maxAgeMs());
  json unpriced = json::array();
  for (const auto& u : sink.unpricedEvents()) {
    const Event& e = ledger.events[u.event];
    std::string reason = "no " + request.options.currency + " price for " + assets.name(u.asset);
    if (u.other != kNoName) reason += " or " + assets.name(u.other);
    reason += " within " + maxAge + " before the " +
              (u.reason == UnpricedReason::FeeValue ? "fee" : "trade");
    unpriced.push_back({{"exchange", ledger.exchanges.name(e.exchange)},
                        {"id", ledger.id(e)},
                        {"time", e.timeMs},
                        {"asset", assets.name(u.asset)},
                        {"reason", reason}});
  }
  json withdrawals = json::array();
  for (const auto& w : sink.withdrawals()) {
    const Event& e = ledger.events[w.event];
    const bool matched = w.matchedDeposit != UINT32_MAX;
    withdrawals.push_back(
        {{"exchange", ledger.exchanges.name(e.exchange)},
         {"id", ledger.id(e)},
         {"time", e.timeMs},
         {"asset", assets.name(w.asset)},
         {"amount", e.amount.toPlainString()},
         {"fee", e.fee.toPlainString()},
         {"toExchange", matched
                            ? json(ledger.exchanges.name(ledger.events[w.matchedDeposit].exchange))
                            : json(nullptr)},
         {"depositId", matched ? json(ledger.id(ledger.events[w.matchedDeposit])) : json(nullptr)},
         {"moved", w.moved.toPlainString()},
         {"removed", w.removed.toPlainString()},
         {"removedCostBasis", decimalOrNull(w.removedCostKnown, w.removedCost)},
         {"missing", w.missing.toPlainString()}});
  }
  json byAsset = json::array();
  for (const auto& s : sink.summary().byAsset(assets)) byAsset.push_back(summaryToJson(s, assets));
  json remaining = json::array();
  for (const auto& h : result.remaining)
    remaining.push_back({{"asset", assets.name(h.asset)},
                         {"amount", h.amount.toPlainString()},
                         {"costBasis", h.cost.toPlainString()},
                         {"unknownCostAmount", h.unknownCostAmount.toPlainString()}});
  json out = {{"method", to_string(request.options.method)},
              {"currency", request.options.currency},
              {"taxYear", request.taxYear ? json(*request.taxYear) : json(nullptr)},
              {"disposals", std::move(disposals)},
              {"unpricedEvents", std::move(unpriced)},
              {"withdrawals", std::move(withdrawals)},
              {"summary",
               {{"byAsset", std::move(byAsset)},
                {"totals", summaryToJson(sink.summary().totals(), assets)}}},
              {"remainingLots", std::move(remaining)}};
  return out;
}

}  // namespace kf::portfolio
