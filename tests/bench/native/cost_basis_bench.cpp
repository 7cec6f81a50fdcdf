// Native benchmark of the cost-basis engine: generates the synthetic history of
// portfolio/cost_basis_bench (same seed -> same events as the wasm bench) and times
// generation and the engine separately, per method.
// Usage: core_bench [trades=1000000] [methods=fifo,hifo] [seed=1]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "core/error.hpp"
#include "portfolio/cost_basis_bench.hpp"
#include "portfolio/cost_basis_request.hpp"

namespace {
double msSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}
// CPU time as well as wall time: on a shared, loaded machine the wall clock overstates.
double cpuMsSince(std::clock_t start) {
  return 1000.0 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
}
}  // namespace

int main(int argc, char** argv) {
  using namespace kf::portfolio;
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  std::string methods = argc > 2 ? argv[2] : "fifo,hifo";
  const std::uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1;
  try {
    std::size_t start = 0;
    while (start <= methods.size()) {
      const std::size_t comma = std::min(methods.find(',', start), methods.size());
      const Method method = methodFromString(methods.substr(start, comma - start));
      start = comma + 1;
      auto t0 = std::chrono::steady_clock::now();
      auto c0 = std::clock();
      const BenchInput input = generateBenchInput(n, method, seed);
      const double genMs = msSince(t0), genCpuMs = cpuMsSince(c0);
      t0 = std::chrono::steady_clock::now();
      c0 = std::clock();
      const BenchOutcome r = runBench(input);
      const double runMs = msSince(t0), runCpuMs = cpuMsSince(c0);
      std::printf(
          "%-7s trades=%zu events=%llu generate=%.0f ms (cpu %.0f) engine=%.0f ms (cpu %.0f) | "
          "records=%llu missing=%llu unpriced=%llu gain=%s remainingCost=%s\n",
          std::string(to_string(method)).c_str(), n, static_cast<unsigned long long>(r.events),
          genMs, genCpuMs, runMs, runCpuMs, static_cast<unsigned long long>(r.records),
          static_cast<unsigned long long>(r.missingAcquisitions),
          static_cast<unsigned long long>(r.unpriced), r.gain.toPlainString().c_str(),
          r.remainingCost.toPlainString().c_str());
    }
  } catch (const kf::CoreError& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
