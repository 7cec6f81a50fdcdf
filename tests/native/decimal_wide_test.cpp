// The 64 x 64 -> 128-bit products the wasm build computes from 32-bit halves (no
// __multi3 call) must equal the compiler's 128-bit multiply, signed and unsigned.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "model/decimal.hpp"

namespace {

using kf::detail::mul64x64;
using kf::detail::mul64x64Portable;
using u128 = unsigned __int128;

std::vector<std::uint64_t> edgeValues() {
  return {0,
          1,
          2,
          0xffffffffu,
          0x100000000u,
          0xffffffffffffffffu,
          0x8000000000000000u,
          0x7fffffffffffffffu,
          0xfffffffe00000001u,
          1'000'000'000'000'000'000u};
}

TEST(DecimalWide, PortableProductEqualsTheCompilers) {
  const auto edges = edgeValues();
  for (const auto a : edges)
    for (const auto b : edges)
      ASSERT_TRUE(mul64x64Portable(a, b) == static_cast<u128>(a) * b) << a << " * " << b;
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200'000; ++i) {
    const std::uint64_t a = rng() >> (rng() % 64), b = rng() >> (rng() % 64);
    ASSERT_TRUE(mul64x64Portable(a, b) == static_cast<u128>(a) * b) << a << " * " << b;
  }
}

TEST(DecimalWide, SignedProductCorrectsTheHighHalf) {
  const std::vector<std::int64_t> edges{0,
                                        1,
                                        -1,
                                        2,
                                        -2,
                                        std::numeric_limits<std::int64_t>::max(),
                                        std::numeric_limits<std::int64_t>::min(),
                                        4'294'967'296,
                                        -4'294'967'296,
                                        999'999'999'999'999'999};
  for (const auto a : edges)
    for (const auto b : edges)
      ASSERT_TRUE(mul64x64(a, b) == static_cast<__int128>(a) * b) << a << " * " << b;
  std::mt19937_64 rng(11);
  for (int i = 0; i < 200'000; ++i) {
    const auto a = static_cast<std::int64_t>(rng()) >> (rng() % 64);
    const auto b = static_cast<std::int64_t>(rng()) >> (rng() % 64);
    ASSERT_TRUE(mul64x64(a, b) == static_cast<__int128>(a) * b) << a << " * " << b;
  }
}

}  // namespace
