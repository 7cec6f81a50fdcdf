// Reading a buildRequest call's operation params and credentials, with errors
// that name the field: CoreError(InvalidInput, "params.<name> ...") for params,
// CoreError(BadCredentials, "<field>: ...") for credentials.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "crypto/secret_bytes.hpp"

namespace kf::exchanges::request {

// Absent and null are the same: not given. A non-object `params` fails.
std::optional<std::string> stringParam(const nlohmann::json& params, std::string_view name);
// A JSON integer or a string of decimal digits (ids can exceed 2^53 in JS).
std::optional<int64_t> intParam(const nlohmann::json& params, std::string_view name);
// A string or an array of strings.
std::vector<std::string> stringListParam(const nlohmann::json& params, std::string_view name);

std::string requireStringParam(const nlohmann::json& params, std::string_view name,
                               std::string_view why);
// intParam limited to [min, max]; `fallback` when absent.
int64_t boundedIntParam(const nlohmann::json& params, std::string_view name, int64_t fallback,
                        int64_t min, int64_t max);

// An optional [startMs, endMs] window: both non-negative and start <= end.
struct TimeWindow {
  std::optional<int64_t> startMs;
  std::optional<int64_t> endMs;
};
TimeWindow timeWindowParams(const nlohmann::json& params);

// The credential trimmed of the whitespace a paste brings; BadCredentials when empty.
// Secrets (secret, passphrase) come back in wiping storage: the copy never outlives its use
// unzeroed. The key's id is not secret and goes out in headers: a plain string.
crypto::SecretBytes requireCredential(std::string_view value, std::string_view field,
                                      std::string_view exchangeName);
std::string requireApiKey(std::string_view value, std::string_view field,
                          std::string_view exchangeName);

// nowMs must be a plausible clock (after 2001) to sign with.
int64_t requireNowMs(int64_t nowMs);

}  // namespace kf::exchanges::request
