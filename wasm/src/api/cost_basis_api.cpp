// Cost basis and realized gains: costBasis (request and report shapes in
// portfolio/cost_basis_request.hpp and cost_basis_report.hpp) and costBasisBench.
#include <string>

#include "api/api.hpp"
#include "api/envelope.hpp"
#include "core/error.hpp"
#include "portfolio/cost_basis.hpp"
#include "portfolio/cost_basis_bench.hpp"
#include "portfolio/cost_basis_report.hpp"
#include "portfolio/cost_basis_request.hpp"

namespace kf::api {

std::string costBasis(std::string_view input) {
  return respond([&] {
    const auto in = parseInput(input);
    const auto request = portfolio::parseCostBasisRequest(in);
    portfolio::ReportSink sink(request.ledger, request.fromMs, request.options.untilMs);
    const auto result =
        portfolio::computeCostBasis(request.ledger, request.prices, request.options, sink);
    return portfolio::reportToJson(request, sink, result);
  });
}

std::string costBasisBench(std::string_view input) {
  return respond([&] {
    const auto in = parseInput(input);
    const auto n = requireInt(in, "n");
    if (n < 1 || n > 5'000'000)
      throw CoreError(ErrorKind::InvalidInput, "field 'n' must be 1..5000000");
    const auto method = portfolio::methodFromString(optionalString(in, "method", "fifo"));
    const auto seedIt = in.find("seed");
    const std::int64_t seed = seedIt == in.end() || seedIt->is_null() ? 1 : requireInt(in, "seed");
    const auto bench = portfolio::generateBenchInput(static_cast<std::size_t>(n), method,
                                                     static_cast<std::uint64_t>(seed));
    nlohmann::json out = {{"trades", n}, {"events", bench.ledger.events.size()}};
    // generateOnly lets the caller time generation alone and subtract it.
    const auto genOnly = in.find("generateOnly");
    if (genOnly != in.end() && genOnly->is_boolean() && genOnly->get<bool>()) return out;
    const auto r = portfolio::runBench(bench);
    out["processed"] = r.events;
    out["records"] = r.records;
    out["missingAcquisitions"] = r.missingAcquisitions;
    out["unpriced"] = r.unpriced;
    out["proceeds"] = r.proceeds.toPlainString();
    out["costBasis"] = r.costBasis.toPlainString();
    out["gain"] = r.gain.toPlainString();
    out["remainingCost"] = r.remainingCost.toPlainString();
    return out;
  });
}

}  // namespace kf::api
