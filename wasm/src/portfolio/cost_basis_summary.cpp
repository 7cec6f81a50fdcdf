#include "portfolio/cost_basis_summary.hpp"

#include <algorithm>

namespace kf::portfolio {

void SummaryBuilder::Sums::add(const DisposalRecord& r, bool rawGain, __int128 g) {
  if (!r.proceedsKnown || !r.costKnown) {
    ++incomplete;
    return;
  }
  proceeds.add(r.proceeds);
  costBasis.add(r.costBasis);
  ExactSum& termGain = r.term == Term::Long ? longTermGain : shortTermGain;
  if (rawGain) {
    if (!gain.addRaw(g)) gain.addSlow(Decimal::fromParts(g, kValueScale));
    if (!termGain.addRaw(g)) termGain.addSlow(Decimal::fromParts(g, kValueScale));
  } else {
    const Decimal difference = r.proceeds - r.costBasis;
    gain.add(difference);
    termGain.add(difference);
  }
  ++records;
}

GainSummary SummaryBuilder::Sums::summary(NameId asset) const {
  GainSummary s;
  s.asset = asset;
  s.proceeds = proceeds.value();
  s.costBasis = costBasis.value();
  s.gain = gain.value();
  s.shortTermGain = shortTermGain.value();
  s.longTermGain = longTermGain.value();
  s.records = records;
  s.incomplete = incomplete;
  return s;
}

void SummaryBuilder::add(const DisposalRecord& r) {
  if (assets_.size() <= r.asset) assets_.resize(static_cast<std::size_t>(r.asset) + 1);
  // gain = proceeds - costBasis, once for both sums: raw when both have kValueScale
  // decimals and the difference fits 38 digits (exactly what operator- would return).
  __int128 g = 0;
  const bool rawGain =
      r.proceedsKnown && r.costKnown && r.proceeds.scale() == kValueScale &&
      r.costBasis.scale() == kValueScale &&
      !__builtin_sub_overflow(r.proceeds.coefficient(), r.costBasis.coefficient(), &g) &&
      g < detail::kPow10[38] && g > -detail::kPow10[38];
  assets_[r.asset].add(r, rawGain, g);
}

GainSummary SummaryBuilder::totals() const {
  ExactSum proceeds, costBasis, gain, shortTermGain, longTermGain;
  GainSummary t;
  t.asset = kNoName;
  for (const auto& a : assets_) {
    if (a.records == 0 && a.incomplete == 0) continue;
    proceeds.add(a.proceeds.value());
    costBasis.add(a.costBasis.value());
    gain.add(a.gain.value());
    shortTermGain.add(a.shortTermGain.value());
    longTermGain.add(a.longTermGain.value());
    t.records += a.records;
    t.incomplete += a.incomplete;
  }
  t.proceeds = proceeds.value();
  t.costBasis = costBasis.value();
  t.gain = gain.value();
  t.shortTermGain = shortTermGain.value();
  t.longTermGain = longTermGain.value();
  return t;
}

std::vector<GainSummary> SummaryBuilder::byAsset(const NameTable& assets) const {
  std::vector<GainSummary> out;
  for (std::size_t a = 0; a < assets_.size(); ++a)
    if (assets_[a].records + assets_[a].incomplete > 0)
      out.push_back(assets_[a].summary(static_cast<NameId>(a)));
  std::sort(out.begin(), out.end(), [&](const GainSummary& a, const GainSummary& b) {
    return assets.name(a.asset) < assets.name(b.asset);
  });
  return out;
}

}  // namespace kf::portfolio
