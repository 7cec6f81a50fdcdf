#pragma once
#include <string_view>

namespace kf {
// Kept in step with package.json and manifest.json by tests/js/version.test.mjs.
inline constexpr std::string_view kVersion = "0.1.0";
}  // namespace kf
