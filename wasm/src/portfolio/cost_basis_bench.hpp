// A synthetic trading history for benchmarks (tests/bench): n trades in USD and
// crypto-to-crypto (ETH/BTC) on two exchanges, fees in the quote or in BNB, a few
// transfers between the exchanges, and hourly price candles. Deterministic for a
// seed (std::mt19937_64 is fully specified), so the native and wasm builds process
// the very same events and must report the same totals. Not for anything secret.
#pragma once

#include <cstddef>
#include <cstdint>

#include "portfolio/cost_basis.hpp"

namespace kf::portfolio {

struct BenchInput {
  Ledger ledger;
  HistoricalPrices prices;
  CostBasisOptions options;
};

BenchInput generateBenchInput(std::size_t trades, Method method, std::uint64_t seed);

struct BenchOutcome {
  std::uint64_t events = 0;
  std::uint64_t records = 0;              // disposal records
  std::uint64_t missingAcquisitions = 0;  // records with no lot
  std::uint64_t unpriced = 0;
  Decimal proceeds, costBasis, gain;  // over complete records
  Decimal remainingCost;
};

// Runs the engine on the input, keeping only counts and totals (no record list).
BenchOutcome runBench(const BenchInput& input);

}  // namespace kf::portfolio
