// The core's public face: every function takes a JSON string and returns a JSON
// string in the envelope of api/envelope.hpp. The Embind bindings expose exactly
// these; native tests and benchmarks call them directly. Documented in wasm/README.md.
#pragma once

#include <string>
#include <string_view>

namespace kf::api {

std::string version();
// A deliberately failing call so tests can prove errors cross the boundary as values.
std::string selfTest(std::string_view json);

}  // namespace kf::api
