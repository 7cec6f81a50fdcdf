// Valuation and the demo portfolio (wasm/README.md; rules in portfolio/valuation.hpp
// and portfolio/price_graph.hpp).
#include <string>

#include "api/api.hpp"
#include "api/envelope.hpp"
#include "core/error.hpp"
#include "model/exact_json.hpp"
#include "portfolio/demo.hpp"
#include "portfolio/valuation.hpp"
#include "portfolio/valuation_json.hpp"

namespace kf::api {

namespace {
using nlohmann::json;

// Like parseInput, but numbers keep their exact text: a price sent as a JSON number
// (0.1) must not pass through a double.
json parseExactInput(std::string_view text) {
  json in;
  try {
    in = parseExact(text);
  } catch (const CoreError& e) {
    throw CoreError(ErrorKind::InvalidInput, std::string("input is not valid JSON: ") + e.what());
  }
  if (!in.is_object()) throw CoreError(ErrorKind::InvalidInput, "input must be a JSON object");
  return in;
}
}  // namespace

std::string portfolioValue(std::string_view input) {
  return respond([&] {
    const auto in = parseExactInput(input);
    const std::string currency = requireString(in, "currency");
    portfolio::currencyScale(currency);  // reject an unknown currency before anything else
    const auto holdings = portfolio::holdingsFromJson(requireField(in, "holdings"));
    const auto tickers = portfolio::tickersFromJson(requireField(in, "tickers"));
    return portfolio::valuationToJson(portfolio::valuePortfolio(currency, holdings, tickers));
  });
}

std::string demoData(std::string_view input) {
  return respond([&] {
    const auto in = parseExactInput(input);
    return portfolio::demoData(requireInt(in, "nowMs"));
  });
}

}  // namespace kf::api
