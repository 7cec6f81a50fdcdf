#include "portfolio/historical_prices.hpp"

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace kf::portfolio {

void HistoricalPrices::setSeries(NameId asset, std::vector<PricePoint> points,
                                 std::string_view assetName) {
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (points[i].price.sign() <= 0)
      throw CoreError(ErrorKind::InvalidInput,
                      "prices." + std::string(assetName) + "[" + std::to_string(i) +
                          "]: price must be positive, got " + points[i].price.toString());
    if (i > 0 && points[i].timeMs <= points[i - 1].timeMs)
      throw CoreError(ErrorKind::InvalidInput, "prices." + std::string(assetName) + "[" +
                                                   std::to_string(i) +
                                                   "]: times must be strictly increasing");
  }
  if (series_.size() <= asset) {
    series_.resize(static_cast<std::size_t>(asset) + 1);
    hint_.resize(series_.size());
  }
  series_[asset] = std::move(points);
  hint_[asset] = 0;
}

std::optional<Decimal> HistoricalPrices::at(NameId asset, std::int64_t timeMs) const {
  if (asset >= series_.size()) return std::nullopt;
  const auto& s = series_[asset];
  // The point wanted is the last with timeMs <= the moment: s[i] with s[i+1] after it.
  const auto fits = [&](std::size_t i) {
    return i < s.size() && s[i].timeMs <= timeMs && (i + 1 == s.size() || s[i + 1].timeMs > timeMs);
  };
  std::size_t& hint = hint_[asset];
  std::size_t i;
  if (fits(hint)) {
    i = hint;
  } else if (fits(hint + 1)) {
    i = ++hint;
  } else {
    const auto it =
        std::upper_bound(s.begin(), s.end(), timeMs,
                         [](std::int64_t t, const PricePoint& p) { return t < p.timeMs; });
    if (it == s.begin()) return std::nullopt;
    i = hint = static_cast<std::size_t>(it - s.begin()) - 1;
  }
  if (timeMs - s[i].timeMs > maxAgeMs_) return std::nullopt;
  return s[i].price;
}

HistoricalPrices parseHistoricalPrices(const nlohmann::json& prices, NameTable& assets,
                                       std::int64_t maxAgeMs) {
  HistoricalPrices out(maxAgeMs);
  if (prices.is_null()) return out;
  if (!prices.is_object())
    throw CoreError(ErrorKind::InvalidInput,
                    "field 'prices' must be an object of asset -> [[timeMs, price], ...]");
  for (const auto& [name, series] : prices.items()) {
    if (!series.is_array())
      throw CoreError(ErrorKind::InvalidInput, "prices." + name + " must be an array");
    std::vector<PricePoint> points;
    points.reserve(series.size());
    for (std::size_t i = 0; i < series.size(); ++i) {
      const auto& p = series[i];
      const auto where = "prices." + name + "[" + std::to_string(i) + "]";
      if (!p.is_array() || p.size() != 2 || !p[0].is_number_integer())
        throw CoreError(ErrorKind::InvalidInput, where + " must be [timeMs, \"price\"]");
      try {
        points.push_back({p[0].get<std::int64_t>(), Decimal::fromJson(p[1])});
      } catch (const CoreError& e) {
        throw CoreError(
            e.kind() == ErrorKind::Overflow ? ErrorKind::Overflow : ErrorKind::InvalidInput,
            where + ": " + e.what());
      }
    }
    out.setSeries(assets.intern(name), std::move(points), name);
  }
  return out;
}

}  // namespace kf::portfolio
