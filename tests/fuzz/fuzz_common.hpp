// Shared checks for the libFuzzer targets. A target must prove invariants, not just
// survive: any broken invariant, and any exception other than a CoreError of an
// allowed kind, ends in __builtin_trap() so libFuzzer records the input as a crash.
#pragma once

#include <cstdint>
#include <cstdio>
#include <exception>
#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace kf::fuzz {

[[noreturn]] inline void die(std::string_view what, std::string_view detail = {}) {
  std::fprintf(stderr, "\n*** FUZZ INVARIANT BROKEN: %.*s\n%.*s\n", static_cast<int>(what.size()),
               what.data(), static_cast<int>(detail.size() < 2000 ? detail.size() : 2000),
               detail.data());
  __builtin_trap();
}

inline void check(bool ok, std::string_view what, std::string_view detail = {}) {
  if (!ok) die(what, detail);
}

inline std::string_view text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// An independent UTF-8 validator (RFC 3629: no overlongs, surrogates or > U+10FFFF),
// so the core's own sanitizer is checked against something it does not share code with.
inline bool isValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    size_t n;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F, n = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F, n = 3;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07, n = 4;
    } else {
      return false;
    }
    if (i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    const uint32_t minimum = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
    if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

// Runs `body`; a CoreError must be of one of `allowed` kinds and carry a short,
// non-empty message. Returns true when `body` returned normally.
template <class Body>
bool expectCoreErrorOnly(Body&& body, std::initializer_list<ErrorKind> allowed) {
  try {
    body();
    return true;
  } catch (const CoreError& e) {
    bool ok = false;
    for (ErrorKind k : allowed) ok = ok || k == e.kind();
    const std::string_view message = e.what();
    check(ok, "CoreError of an unexpected kind",
          std::string(to_string(e.kind())) + ": " + e.what());
    check(!message.empty(), "CoreError without a message");
    check(message.size() < 2000, "CoreError message is unbounded", message);
    return false;
  } catch (const std::exception& e) {
    die("an exception other than CoreError escaped", e.what());
  } catch (...) {
    die("a non-std exception escaped");
  }
}

// Every string in the tree is valid UTF-8: dump() with the strict handler throws otherwise.
inline void checkStrictJson(const nlohmann::json& value, std::string_view what) {
  try {
    (void)value.dump();
  } catch (const nlohmann::json::exception& e) {
    die(what, e.what());
  }
}

// An answer of the JSON API (api/envelope.hpp): valid JSON, {"ok":true,...} or
// {"ok":false,"error":{"kind","message"}}. Returns the parsed envelope.
inline nlohmann::json checkEnvelope(const std::string& out) {
  auto env = nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
  check(!env.is_discarded() && env.is_object(), "API answer is not a JSON object", out);
  check(isValidUtf8(out), "API answer is not valid UTF-8", out);
  const auto ok = env.find("ok");
  check(ok != env.end() && ok->is_boolean(), "API answer has no boolean 'ok'", out);
  if (!ok->get<bool>()) {
    const auto err = env.find("error");
    check(err != env.end() && err->is_object(), "failed API answer has no 'error' object", out);
    check(err->contains("kind") && (*err)["kind"].is_string(), "error without 'kind'", out);
    check(err->contains("message") && (*err)["message"].is_string(), "error without 'message'",
          out);
    check((*err)["kind"] != "internal", "API answered an internal error", out);
  }
  return env;
}

}  // namespace kf::fuzz
