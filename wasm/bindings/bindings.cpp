// The only file that knows Emscripten: it exposes the JSON-string functions of
// api/api.hpp to JavaScript, one line each.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <memory>

#include "api/api.hpp"

namespace {

using emscripten::val;

// Strings cross the boundary as UTF-8 through TextEncoder.encodeInto and TextDecoder on
// views of wasm memory, which run as native code in the JS engine; embind's std::string
// conversion runs per-character JS loops (a third of a large parse, BENCHMARKS.md).
class JsText {
 public:
  explicit JsText(const val& text) {
    static const val encoder = val::global("TextEncoder").new_();
    const auto units = text["length"].as<size_t>();
    // First as if ASCII (one byte per UTF-16 unit), then, if that was short, the most
    // UTF-8 can need: three bytes per unit.
    for (size_t capacity : {units, units * 3}) {
      bytes_.reset(new char[capacity + 1]);
      const val done =
          encoder.call<val>("encodeInto", text,
                            val(emscripten::typed_memory_view(
                                capacity, reinterpret_cast<unsigned char*>(bytes_.get()))));
      size_ = done["written"].as<size_t>();
      if (done["read"].as<size_t>() == units) return;
    }
  }
  std::string_view view() const { return {bytes_.get(), size_}; }

 private:
  std::unique_ptr<char[]> bytes_;  // uninitialised: encodeInto fills what is used
  size_t size_ = 0;
};

val toJs(const std::string& text) {
  static const val decoder = val::global("TextDecoder").new_();
  return decoder.call<val>("decode",
                           val(emscripten::typed_memory_view(
                               text.size(), reinterpret_cast<const unsigned char*>(text.data()))));
}

// Nothing throws across the boundary: a non-string argument is answered like bad input.
val notText() {
  return toJs(
      R"({"error":{"kind":"invalid_input","message":"arguments must be strings"},"ok":false})");
}

template <std::string (*Fn)()>
val call0() {
  return toJs(Fn());
}
template <std::string (*Fn)(std::string_view)>
val call(const val& json) {
  if (!json.isString()) return notText();
  return toJs(Fn(JsText(json).view()));
}
template <std::string (*Fn)(std::string_view, std::string_view)>
val call2(const val& first, const val& second) {
  if (!first.isString() || !second.isString()) return notText();
  return toJs(Fn(JsText(first).view(), JsText(second).view()));
}

}  // namespace

EMSCRIPTEN_BINDINGS(keyfolio_core) {
  using namespace kf::api;
  emscripten::function("version", &call0<version>);
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
  emscripten::function("exchanges", &call0<exchanges>);
  emscripten::function("buildRequest", &call<buildRequest>);
  emscripten::function("tradeQueries", &call<tradeQueries>);
  emscripten::function("historyQueries", &call<historyQueries>);
  emscripten::function("parseResponse", &call<parseResponse>);
  emscripten::function("parseResponseBody", &call2<parseResponseBody>);
  emscripten::function("exportReport", &call<exportReport>);
  emscripten::function("costBasis", &call<costBasis>);
  emscripten::function("costBasisBench", &call<costBasisBench>);
}
