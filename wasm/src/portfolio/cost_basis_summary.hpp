// Totals of realized gains per asset and overall. Only complete records count in the
// sums (known proceeds and known cost basis); the others are counted as incomplete so
// a report never presents an unknown as zero.
#pragma once

#include <cstdint>
#include <vector>

#include "portfolio/cost_basis.hpp"
#include "portfolio/lots_math.hpp"

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
  // Over every asset: the per-asset sums added up (exact, so the same as summing every
  // record again, at half the work per record).
  GainSummary totals() const;

 private:
  struct Sums {  // GainSummary's sums as they accumulate
    ExactSum proceeds, costBasis, gain, shortTermGain, longTermGain;
    std::uint64_t records = 0, incomplete = 0;
    // g: r.proceeds - r.costBasis as a kValueScale coefficient, when rawGain.
    void add(const DisposalRecord& r, bool rawGain, __int128 g);
    GainSummary summary(NameId asset) const;
  };
  std::vector<Sums> assets_;  // indexed by asset id
};

}  // namespace kf::portfolio
