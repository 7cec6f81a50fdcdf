// Text encodings of byte strings: Base64, Base64url, hex and URL percent-encoding.
// Bytes are carried in std::string (any byte value); the decoders are strict (Crypto++'s
// own decoders silently skip characters outside the alphabet). Table-driven, not Crypto++
// filters: they run on every signed request.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "crypto/secret_bytes.hpp"

namespace kf::crypto {

std::string base64Encode(std::string_view bytes);     // RFC 4648 §4, padded
std::string base64UrlEncode(std::string_view bytes);  // RFC 4648 §5, unpadded (JWS)
std::string hexEncode(std::string_view bytes);        // lowercase

// nullopt unless `text` is canonical: right alphabet, right padding, zero pad bits.
std::optional<std::string> base64Decode(std::string_view text);     // padding required
std::optional<std::string> base64UrlDecode(std::string_view text);  // padding optional
std::optional<std::string> hexDecode(std::string_view text);        // either case

// base64Decode into wiping storage, for secrets (decoded keys, a PEM's DER).
std::optional<SecretBytes> base64DecodeSecret(std::string_view text);
// Throwing form for secrets: CoreError(BadCredentials, "<field>: not valid base64").
SecretBytes base64DecodeField(std::string_view text, std::string_view field);

// RFC 3986: every byte except the unreserved A-Z a-z 0-9 - . _ ~ becomes %XX (uppercase).
std::string percentEncode(std::string_view text);

}  // namespace kf::crypto
