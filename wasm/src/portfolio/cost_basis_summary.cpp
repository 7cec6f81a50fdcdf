#include "portfolio/cost_basis_summary.hpp"

#include <algorithm>

namespace kf::portfolio {

namespace {
void addTo(GainSummary& s, const DisposalRecord& r) {
  if (!r.proceedsKnown || !r.costKnown) {
    ++s.incomplete;
    return;
  }
  const Decimal gain = r.proceeds - r.costBasis;
  s.proceeds += r.proceeds;
  s.costBasis += r.costBasis;
  s.gain += gain;
  (r.term == Term::Long ? s.longTermGain : s.shortTermGain) += gain;
  ++s.records;
}
}  // namespace

void SummaryBuilder::add(const DisposalRecord& r) {
  if (assets_.size() <= r.asset) assets_.resize(static_cast<std::size_t>(r.asset) + 1);
  assets_[r.asset].asset = r.asset;
  addTo(assets_[r.asset], r);
  addTo(totals_, r);
}

std::vector<GainSummary> SummaryBuilder::byAsset(const NameTable& assets) const {
  std::vector<GainSummary> out;
  for (const auto& s : assets_)
    if (s.records + s.incomplete > 0) out.push_back(s);
  std::sort(out.begin(), out.end(), [&](const GainSummary& a, const GainSummary& b) {
    return assets.name(a.asset) < assets.name(b.asset);
  });
  return out;
}

}  // namespace kf::portfolio
