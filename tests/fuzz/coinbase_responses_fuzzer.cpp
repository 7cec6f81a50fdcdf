// libFuzzer target: every Coinbase response parser (see responses_fuzz.hpp for the input layout).
#include "responses_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return kf::fuzz::fuzzResponses("coinbase", data, size);
}
