#include "exchanges/common/candle_interval.hpp"

#include <string>
#include <utility>

#include "core/error.hpp"
#include "exchanges/common/request_params.hpp"

namespace kf::exchanges::request {

namespace {
constexpr std::pair<std::string_view, int64_t> kIntervals[] = {
    {"1m", 60},    {"5m", 300},    {"15m", 900},   {"30m", 1800}, {"1h", 3600},
    {"2h", 7200},  {"4h", 14400},  {"6h", 21600},  {"8h", 28800}, {"12h", 43200},
    {"1d", 86400}, {"3d", 259200}, {"1w", 604800},
};
}  // namespace

int64_t intervalSecondsParam(const nlohmann::json& params) {
  const auto name = stringParam(params, "interval").value_or("1d");
  for (const auto& [n, seconds] : kIntervals) {
    if (n == name) return seconds;
  }
  throw CoreError(
      ErrorKind::InvalidInput,
      "params.interval '" + name + "' is not one of 1m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w");
}

void unsupportedInterval(std::string_view exchangeName, std::string_view offered) {
  throw CoreError(ErrorKind::InvalidInput, "params.interval: " + std::string(exchangeName) +
                                               " offers only " + std::string(offered));
}

}  // namespace kf::exchanges::request
