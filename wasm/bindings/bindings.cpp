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
}
