// The only file that knows Emscripten: it exposes the JSON-string functions of
// api/api.hpp to JavaScript, one line each.
#include <emscripten/bind.h>

#include "api/api.hpp"

namespace {
// Embind passes JS strings as std::string; the API takes string_view.
template <std::string (*Fn)(std::string_view)>
std::string call(const std::string& json) {
  return Fn(json);
}
}  // namespace

EMSCRIPTEN_BINDINGS(keyfolio_core) {
  using namespace kf::api;
  emscripten::function("version", &version);
  emscripten::function("selfTest", &call<selfTest>);
  emscripten::function("vaultCreate", &call<vaultCreate>);
  emscripten::function("vaultUnlock", &call<vaultUnlock>);
  emscripten::function("vaultSeal", &call<vaultSeal>);
  emscripten::function("vaultOpen", &call<vaultOpen>);
  emscripten::function("vaultOpenAll", &call<vaultOpenAll>);
  emscripten::function("vaultRekey", &call<vaultRekey>);
  emscripten::function("vaultExport", &call<vaultExport>);
  emscripten::function("vaultImport", &call<vaultImport>);
  emscripten::function("portfolioValue", &call<portfolioValue>);
  emscripten::function("demoData", &call<demoData>);
  emscripten::function("exchanges", &exchanges);
  emscripten::function("buildRequest", &call<buildRequest>);
  emscripten::function("tradeQueries", &call<tradeQueries>);
  emscripten::function("historyQueries", &call<historyQueries>);
  emscripten::function("parseResponse", &call<parseResponse>);
  emscripten::function("exportReport", &call<exportReport>);
  emscripten::function("costBasis", &call<costBasis>);
  emscripten::function("costBasisBench", &call<costBasisBench>);
}
