// The costBasis report: collects the engine's records for the report window and turns
// them into JSON. Amounts and values are exact decimal strings at full precision
// (values carry up to 18 decimals; the UI rounds for display); unknown values are null.
//   {method, currency, taxYear,
//    disposals: [{asset, amount, acquiredMs|null (earliest lot), lots (count), disposedMs,
//                 proceeds|null, costBasis|null, gain|null, term: "short"|"long"|null,
//                 missingAcquisition, kind: "trade"|"fee", exchange, tradeId}],
//    unpricedEvents: [{exchange, id, time, asset, reason}],
//    withdrawals: [{exchange, id, time, asset, amount, fee, toExchange|null, depositId|null,
//                   moved, removed, removedCostBasis|null, missing}],
//    summary: {byAsset: [{asset, proceeds, costBasis, gain, shortTermGain, longTermGain,
//                         records, incompleteRecords}], totals: {...same without asset}},
//    remainingLots: [{asset, amount, costBasis, unknownCostAmount}]}
#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "portfolio/cost_basis.hpp"
#include "portfolio/cost_basis_request.hpp"
#include "portfolio/cost_basis_summary.hpp"

namespace kf::portfolio {

class ReportSink : public CostBasisSink {
 public:
  ReportSink(const Ledger& ledger, std::int64_t fromMs, std::int64_t untilMs)
      : ledger_(ledger), fromMs_(fromMs), untilMs_(untilMs) {}
  void disposal(const DisposalRecord& r) override;
  void unpriced(const UnpricedEvent& u) override;
  void withdrawal(const WithdrawalRecord& w) override;

  const std::vector<DisposalRecord>& disposals() const { return disposals_; }
  const std::vector<UnpricedEvent>& unpricedEvents() const { return unpriced_; }
  const std::vector<WithdrawalRecord>& withdrawals() const { return withdrawals_; }
  const SummaryBuilder& summary() const { return summary_; }

 private:
  bool inWindow(std::uint32_t event) const;

  const Ledger& ledger_;
  std::int64_t fromMs_, untilMs_;
  std::vector<DisposalRecord> disposals_;
  std::vector<UnpricedEvent> unpriced_;
  std::vector<WithdrawalRecord> withdrawals_;
  SummaryBuilder summary_;
};

nlohmann::json reportToJson(const CostBasisRequest& request, const ReportSink& sink,
                            const CostBasisResult& result);

}  // namespace kf::portfolio
