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
  if (series_.size() <= asset) series_.resize(static_cast<std::size_t>(asset) + 1);
  series_[asset] = std::move(points);
}

std::optional<Decimal> HistoricalPrices::at(NameId asset, std::int64_t timeMs) const {
  if (asset >= series_.size()) return std::nullopt;
  const auto& s = series_[asset];
  auto it = std::upper_bound(s.begin(), s.end(), timeMs,
                             [](std::int64_t t, const PricePoint& p) { return t < p.timeMs; });
  if (it == s.begin()) return std::nullopt;
  --it;
  if (timeMs - it->timeMs > maxAgeMs_) return std::nullopt;
  return it->price;
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
