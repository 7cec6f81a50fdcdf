// Totals of realized gains per asset and overall. Only complete records count in the
// sums (known proceeds and known cost basis); the others are counted as incomplete so
// a report never presents an unknown as zero.
#pragma once

#include <cstdint>
#include <vector>

#include "portfolio/cost_basis.hpp"

namespace kf::portfolio {

struct GainSummary {
  NameId asset = kNoName;  // kNoName for the totals
  Decimal proceeds, costBasis, gain, shortTermGain, longTermGain;
  std::uint64_t records = 0;     // disposal records counted in the sums
  std::uint64_t incomplete = 0;  // records left out: proceeds or cost basis unknown
};

class SummaryBuilder {
 public:
  void add(const DisposalRecord& r);
  // Assets with at least one record, sorted by name.
  std::vector<GainSummary> byAsset(const NameTable& assets) const;
  const GainSummary& totals() const { return totals_; }

 private:
  std::vector<GainSummary> assets_;  // indexed by asset id
  GainSummary totals_;
};

}  // namespace kf::portfolio
