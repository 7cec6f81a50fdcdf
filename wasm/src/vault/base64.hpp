// Strict Base64 (RFC 4648, standard alphabet, padded, no whitespace) for the
// vault's stored fields. Crypto++'s decoder silently skips characters outside
// the alphabet, so a decoded value is accepted only if it re-encodes to exactly
// the text given: one spelling per byte string, nothing smuggled in.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kf::vault {

std::string base64Encode(std::string_view bytes);

// The decoded bytes, or nullopt if `text` is not canonical Base64. The caller
// picks the error: a damaged record is a crypto failure, a bad argument invalid input.
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace kf::vault
