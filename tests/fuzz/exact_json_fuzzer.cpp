// libFuzzer target: kf::parseExact, the JSON reader every exchange answer goes through.
// Differential against nlohmann::json::parse. Invariants:
//  - parseExact accepts exactly what nlohmann accepts (within the depth limit), or
//    throws CoreError(Malformed) with a printable message;
//  - the result never holds a floating-point number: where nlohmann made a double,
//    parseExact kept a string with the number's text, which strtod reads as the same
//    double and Decimal::parse accepts (or refuses as Overflow, never as Malformed);
//  - everything else (objects, arrays, strings, integers, booleans, null) is identical;
//  - a small depth limit is enforced exactly.
#include <cstdlib>
#include <string>

#include "fuzz_common.hpp"
#include "model/decimal.hpp"
#include "model/exact_json.hpp"

namespace {

using kf::fuzz::check;
using nlohmann::json;

size_t depthOf(const json& v) {
  if (!v.is_structured()) return 0;
  size_t deepest = 0;
  for (const auto& child : v) deepest = std::max(deepest, depthOf(child));
  return deepest + 1;
}

// Deepest nesting of arrays/objects in the text (not the DOM: a duplicate key can
// replace a deep value by a shallow one, but the parser still had to descend).
size_t textDepth(std::string_view s) {
  size_t depth = 0, deepest = 0;
  bool inString = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

void compare(const json& ref, const json& exact) {
  if (ref.is_number_float()) {
    check(exact.is_string(), "a floating-point number did not become a string", exact.dump());
    const auto& text = exact.get_ref<const std::string&>();
    char* end = nullptr;
    const double d = std::strtod(text.c_str(), &end);
    check(end == text.c_str() + text.size(), "kept number text is not a number", text);
    check(d == ref.get<double>(), "kept number text is not the number that was read", text);
    kf::fuzz::expectCoreErrorOnly([&] { (void)kf::Decimal::parse(text); },
                                  {kf::ErrorKind::Overflow});
    return;
  }
  check(!exact.is_number_float(), "parseExact produced a double", exact.dump());
  check(ref.type() == exact.type(), "parseExact changed a type",
        ref.dump() + " vs " + exact.dump());
  if (ref.is_object()) {
    check(ref.size() == exact.size(), "object size differs");
    for (const auto& [key, value] : ref.items()) {
      const auto it = exact.find(key);
      check(it != exact.end(), "object key lost", key);
      compare(value, *it);
    }
  } else if (ref.is_array()) {
    check(ref.size() == exact.size(), "array size differs");
    for (size_t i = 0; i < ref.size(); ++i) compare(ref[i], exact[i]);
  } else {
    check(ref == exact, "scalar differs", ref.dump() + " vs " + exact.dump());
  }
}

void checkMessage(const kf::CoreError& e) {
  for (const char c : std::string_view(e.what()))
    check(c >= 0x20 && c <= 0x7e, "parse error message is not printable ASCII", e.what());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 16384) return 0;  // keeps this harness's own recursion (depthOf) shallow
  const std::string input(kf::fuzz::text(data, size));
  const json ref = json::parse(input, nullptr, /*allow_exceptions=*/false);
  const size_t refDepth = ref.is_discarded() ? 0 : textDepth(input);
  const size_t smallLimit = size > 0 ? 1 + data[0] % 6 : 1;

  for (const size_t limit : {kf::kMaxJsonDepth, smallLimit}) {
    json exact;
    bool ok = false;
    try {
      exact = kf::parseExact(input, limit);
      ok = true;
    } catch (const kf::CoreError& e) {
      check(e.kind() == kf::ErrorKind::Malformed, "parseExact threw a non-Malformed CoreError",
            e.what());
      checkMessage(e);
    } catch (const std::exception& e) {
      kf::fuzz::die("parseExact let a non-CoreError escape", e.what());
    }
    if (ok) {
      check(!ref.is_discarded(), "parseExact accepted what nlohmann rejects", input);
      check(depthOf(exact) <= limit, "depth limit not enforced", input);
      compare(ref, exact);
    } else {
      check(ref.is_discarded() || refDepth > limit, "parseExact rejected valid JSON", input);
    }
  }
  return 0;
}
