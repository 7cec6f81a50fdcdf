// Native timing (and a target for perf/callgrind) of the core's JSON-string API on a
// file holding one input, e.g. a parseResponse envelope written by tests/bench/run.mjs.
// Prints one JSON line: {"fn","iterations","medianMs","minMs","maxMs","outputBytes"}.
// Usage: parse_native <input-file> [iterations=20]
// [parseResponse|buildRequest|vaultUnlock|selfTest] Built by scripts/bench against
// build/native/libkeyfolio_core.a (not a CMake target, so it cannot collide with core_bench, which
// owns tests/bench/native/).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "api/api.hpp"

namespace {

std::string readFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path);
    std::exit(2);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

using ApiFn = std::string (*)(std::string_view);

ApiFn pick(const std::string& name) {
  if (name == "parseResponse") return &kf::api::parseResponse;
  if (name == "buildRequest") return &kf::api::buildRequest;
  if (name == "vaultUnlock") return &kf::api::vaultUnlock;
  if (name == "selfTest") return &kf::api::selfTest;  // parses the input only (then fails)
  std::fprintf(stderr, "unknown function %s\n", name.c_str());
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: parse_native <input-file> [iterations] [function]\n");
    return 2;
  }
  const std::string input = readFile(argv[1]);
  const int iterations = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;
  const std::string name = argc > 3 ? argv[3] : "parseResponse";
  const ApiFn fn = pick(name);

  std::vector<double> ms;
  std::size_t outputBytes = 0;
  for (int i = 0; i < iterations; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::string out = fn(input);
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    outputBytes = out.size();
    // A failed call would time the error path: refuse to report it as a result.
    if (name != "selfTest" && out.find("\"ok\":true") == std::string::npos) {
      std::fprintf(stderr, "%s failed: %.300s\n", name.c_str(), out.c_str());
      return 1;
    }
  }
  std::vector<double> sorted = ms;
  std::sort(sorted.begin(), sorted.end());
  std::printf(
      "{\"fn\":\"%s\",\"iterations\":%d,\"medianMs\":%.4f,\"minMs\":%.4f,\"maxMs\":%.4f,"
      "\"outputBytes\":%zu}\n",
      name.c_str(), iterations, sorted[sorted.size() / 2], sorted.front(), sorted.back(),
      outputBytes);
  return 0;
}
