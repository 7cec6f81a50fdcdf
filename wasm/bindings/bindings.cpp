// The only file that knows Emscripten: it exposes the JSON-string functions of
// api/api.hpp to JavaScript, one line each in kFunctions below.
//
// No embind on the call path: each function is a small JS wrapper (kf_install) that writes
// its string arguments as UTF-8 straight into wasm memory with TextEncoder.encodeInto,
// calls the exported kf_call, reads the answer with TextDecoder, then calls kf_done, which
// wipes what may hold secrets. Three plain wasm calls per call, no handle table and no
// allocation for arguments up to kScratch bytes (embind's val arguments and the EM_JS
// helpers cost about 0.5 us more per call, BENCHMARKS.md).
#include <cryptopp/misc.h>
#include <emscripten/em_js.h>
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "api/api.hpp"

namespace {

using Fn0 = std::string (*)();
using Fn1 = std::string (*)(std::string_view);
using Fn2 = std::string (*)(std::string_view, std::string_view);

// What a function's arguments and answer may hold, decided here, once per function.
enum Wipe : unsigned {
  kWipeNone = 0,
  kWipeFirst = 1,   // the first argument (credentials, a passphrase, a vault key, ...)
  kWipeSecond = 2,  // the second argument
  kWipeAnswer = 4,  // the answer (a signed request, a vault key, opened secrets)
};

struct Function {
  const char* name;
  int arity;
  Fn0 fn0;
  Fn1 fn1;
  Fn2 fn2;
  unsigned wipe;
};

constexpr Function f0(const char* name, Fn0 fn) {
  return {name, 0, fn, nullptr, nullptr, kWipeNone};
}
constexpr Function f1(const char* name, Fn1 fn, unsigned wipe) {
  return {name, 1, nullptr, fn, nullptr, wipe};
}
constexpr Function f2(const char* name, Fn2 fn, unsigned wipe) {
  return {name, 2, nullptr, nullptr, fn, wipe};
}

using namespace kf::api;
constexpr unsigned kAll = kWipeFirst | kWipeAnswer;
// Arguments are wiped whenever they could carry a secret; answers when they do: the
// vault's, signed requests (the key id and signature). A response body (parseResponseBody's
// second argument), parsed histories and reports hold no credentials and may be megabytes.
const Function kFunctions[] = {
    f0("version", version),
    f1("selfTest", selfTest, kAll),
    f1("vaultCreate", vaultCreate, kAll),
    f1("vaultUnlock", vaultUnlock, kAll),
    f1("vaultSeal", vaultSeal, kAll),
    f1("vaultOpen", vaultOpen, kAll),
    f1("vaultOpenAll", vaultOpenAll, kAll),
    f1("vaultRekey", vaultRekey, kAll),
    f1("vaultExport", vaultExport, kAll),
    f1("vaultImport", vaultImport, kAll),
    f1("portfolioValue", portfolioValue, kWipeFirst),
    f1("demoData", demoData, kWipeFirst),
    f0("exchanges", exchanges),
    f1("buildRequest", buildRequest, kAll),
    f1("tradeQueries", tradeQueries, kWipeFirst),
    f1("historyQueries", historyQueries, kWipeFirst),
    f1("parseResponse", parseResponse, kWipeFirst),
    f2("parseResponseBody", parseResponseBody, kWipeFirst),
    f1("exportReport", exportReport, kWipeFirst),
    f1("costBasis", costBasis, kWipeFirst),
    f1("costBasisBench", costBasisBench, kWipeFirst),
};
constexpr int kCount = sizeof kFunctions / sizeof kFunctions[0];

// Crypto++'s volatile wipe, eight bytes per store where aligned (byte by byte it costs
// ~0.25 us for a signed request's input and answer).
void wipe(char* bytes, size_t size) {
  auto* p = reinterpret_cast<CryptoPP::byte*>(bytes);
  const size_t head = std::min(size, (8 - reinterpret_cast<uintptr_t>(p) % 8) % 8);
  CryptoPP::SecureWipeBuffer(p, head);
  p += head;
  size -= head;
  CryptoPP::SecureWipeBuffer(reinterpret_cast<CryptoPP::word64*>(p), size / 8);
  CryptoPP::SecureWipeBuffer(p + size / 8 * 8, size % 8);
}

// Inputs up to this size go into one static buffer (no allocation per call); larger ones
// (response bodies) into a buffer of their own, freed by kf_done.
constexpr size_t kScratch = 64 * 1024;
alignas(16) char scratch[kScratch];

// The state of the one call in flight (JS is single-threaded and nothing calls back).
struct Call {
  char* in = scratch;  // the arguments' UTF-8, one after the other
  size_t capacity = kScratch;
  size_t firstSize = 0, secondSize = 0;
  unsigned wipe = 0;
  std::string answer;
} call;

void releaseInput() {
  if (call.in != scratch) {
    delete[] call.in;
    call.in = scratch;
    call.capacity = kScratch;
  }
}

}  // namespace

extern "C" {

// Room for `size` bytes of arguments, keeping the first `keep` bytes already written
// (grown for the second argument). The address to write to, or 0 when out of memory.
EMSCRIPTEN_KEEPALIVE char* kf_reserve(size_t size, size_t keep) {
  if (size <= call.capacity) return call.in;
  char* bigger = new (std::nothrow) char[size];
  if (bigger == nullptr) return nullptr;
  std::memcpy(bigger, call.in, keep);
  wipe(call.in, keep);  // may hold the first argument
  releaseInput();
  call.in = bigger;
  call.capacity = size;
  return bigger;
}

// Runs function `id` on the arguments written by JS ([0, first) and [first, first +
// second) of the input): the answer's address; its size is at kf_answer_size().
EMSCRIPTEN_KEEPALIVE const char* kf_call(int id, size_t first, size_t second) {
  const Function& f = kFunctions[id];
  call.firstSize = first;
  call.secondSize = second;
  call.wipe = f.wipe;
  const std::string_view a(call.in, first), b(call.in + first, second);
  call.answer = f.arity == 0 ? f.fn0() : f.arity == 1 ? f.fn1(a) : f.fn2(a, b);
  return call.answer.data();
}

EMSCRIPTEN_KEEPALIVE size_t kf_answer_size() {
  return call.answer.size();
}

// After JS has read the answer: wipes what may hold secrets, frees what was allocated.
EMSCRIPTEN_KEEPALIVE void kf_done() {
  if (call.wipe & kWipeFirst) wipe(call.in, call.firstSize);
  if (call.wipe & kWipeSecond) wipe(call.in + call.firstSize, call.secondSize);
  if (call.wipe & kWipeAnswer) wipe(call.answer.data(), call.answer.size());
  std::string().swap(call.answer);
  releaseInput();
  call.firstSize = call.secondSize = 0;
}

// When writing the arguments failed (out of memory): wipes all the input room.
EMSCRIPTEN_KEEPALIVE void kf_abort() {
  wipe(call.in, call.capacity);
  releaseInput();
}

}  // extern "C"

// Defines Module[name] for each function of `list` ("name/arity/id,..."). A non-string
// argument is answered like bad input, as every function answers errors.
// clang-format off
EM_JS(void, kf_install, (const char* list), {
  var encoder = new TextEncoder();
  var decoder = new TextDecoder();
  var notText = "{\"error\":{\"kind\":\"invalid_input\",\"message\":\"arguments must be strings\"},\"ok\":false}";
  /* Writes `text` as UTF-8 at offset `at` of the input, the room grown as needed: a
     short text gets three bytes per UTF-16 unit at once; a long one (a response body) is
     first tried as one byte per unit, so a 10 MB body does not reserve 30 MB. */
  function put(text, at) {
    var units = text.length;
    var guess = units < 16384 ? units * 3 : units;
    for (var round = 0; round < 2; round++) {
      var room = round == 0 ? guess : units * 3;
      var base = _kf_reserve(at + room, at);
      if (!base) throw new RangeError("keyfolio core: out of memory for the arguments");
      var done = encoder.encodeInto(text, HEAPU8.subarray(base + at, base + at + room));
      if (done.read == units) return done.written;
    }
    throw new RangeError("keyfolio core: argument did not fit");
  }
  /* One call: arguments in, the answer out; kf_done wipes and frees even when
     something in between throws (kf_abort also wipes arguments written before). */
  function invoke(id, arity, first, second) {
    var called = false;
    try {
      var a = arity > 0 ? put(first, 0) : 0;
      var b = arity > 1 ? put(second, a) : 0;
      called = true;
      var address = _kf_call(id, a, b);
      return decoder.decode(HEAPU8.subarray(address, address + _kf_answer_size()));
    } finally {
      if (called) _kf_done(); else _kf_abort();
    }
  }
  function define(name, arity, id) {
    if (arity == 0) {
      Module[name] = function() { return invoke(id, 0, "", ""); };
    } else if (arity == 1) {
      Module[name] = function(text) {
        return typeof text == "string" ? invoke(id, 1, text, "") : notText;
      };
    } else {
      Module[name] = function(first, second) {
        if (typeof first != "string" || typeof second != "string") return notText;
        return invoke(id, 2, first, second);
      };
    }
  }
  UTF8ToString(list).split(",").forEach(function(entry) {
    var f = entry.split("/");
    define(f[0], +f[1], +f[2]);
  });
});
// clang-format on

namespace {

// Runs once when the module starts, before createCore() resolves.
struct Install {
  Install() {
    std::string list;
    for (int id = 0; id < kCount; ++id) {
      if (id) list += ',';
      list += kFunctions[id].name;
      list += '/' + std::to_string(kFunctions[id].arity) + '/' + std::to_string(id);
    }
    kf_install(list.c_str());
  }
} install;

}  // namespace
