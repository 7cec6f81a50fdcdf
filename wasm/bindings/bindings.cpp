// The only file that knows Emscripten: it exposes the JSON-string functions of
// api/api.hpp to JavaScript, one line each.
#include <cryptopp/misc.h>
#include <emscripten/bind.h>
#include <emscripten/em_js.h>
#include <emscripten/emscripten.h>
#include <emscripten/val.h>

#include <memory>

#include "api/api.hpp"

// Strings cross the boundary as UTF-8 through TextEncoder.encodeInto and TextDecoder on
// views of wasm memory, which run as native code in the JS engine; embind's std::string
// conversion runs per-character JS loops (a third of a large parse, BENCHMARKS.md). One
// JS call each way (Emval is embind's handle table).
// clang-format off
EM_JS(int, kf_js_length, (emscripten::EM_VAL text), {
  return Emval.toValue(text).length;
});
// The UTF-8 of `text` into out[0, capacity): the bytes written, or -1 when it did not fit.
EM_JS(int, kf_js_encode, (emscripten::EM_VAL text, char* out, int capacity), {
  var s = Emval.toValue(text);
  var encoder = Module["kfEncoder"] || (Module["kfEncoder"] = new TextEncoder());
  var done = encoder.encodeInto(s, HEAPU8.subarray(out, out + capacity));
  return done.read == s.length ? done.written : -1;
});
EM_JS(emscripten::EM_VAL, kf_js_decode, (const char* bytes, int size), {
  var decoder = Module["kfDecoder"] || (Module["kfDecoder"] = new TextDecoder());
  return Emval.toHandle(decoder.decode(HEAPU8.subarray(bytes, bytes + size)));
});
// clang-format on

namespace {

using emscripten::val;

class JsText {
 public:
  // `secret`: the text may hold credentials or a passphrase, wiped when done with.
  JsText(const val& text, bool secret) : secret_(secret) {
    const auto units = static_cast<size_t>(kf_js_length(text.as_handle()));
    // UTF-8 needs at most three bytes per UTF-16 unit. A short text gets that room at
    // once; a long one (a response body) is first tried as ASCII, one byte per unit, so a
    // 10 MB body does not take 30 MB.
    for (size_t capacity : {units < kShort ? units * 3 : units, units * 3}) {
      bytes_.reset(new char[capacity + 1]);
      const int written = kf_js_encode(text.as_handle(), bytes_.get(), static_cast<int>(capacity));
      if (written >= 0) {
        size_ = static_cast<size_t>(written);
        return;
      }
    }
  }
  ~JsText() {
    if (secret_) CryptoPP::SecureWipeBuffer(reinterpret_cast<CryptoPP::byte*>(bytes_.get()), size_);
  }
  JsText(const JsText&) = delete;
  JsText& operator=(const JsText&) = delete;
  std::string_view view() const { return {bytes_.get(), size_}; }

 private:
  static constexpr size_t kShort = 16384;
  std::unique_ptr<char[]> bytes_;  // uninitialised: encodeInto fills what is used
  size_t size_ = 0;
  bool secret_;
};

val toJs(const std::string& text) {
  return val::take_ownership(kf_js_decode(text.data(), static_cast<int>(text.size())));
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
  return toJs(Fn(JsText(json, /*secret=*/true).view()));
}
template <std::string (*Fn)(std::string_view, std::string_view)>
val call2(const val& first, const val& second) {
  if (!first.isString() || !second.isString()) return notText();
  // parseResponseBody: the meta, and an exchange's answer (no secrets, maybe megabytes).
  return toJs(Fn(JsText(first, /*secret=*/true).view(), JsText(second, /*secret=*/false).view()));
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
