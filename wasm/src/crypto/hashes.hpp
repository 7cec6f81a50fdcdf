// SHA-2 digests and HMACs over byte strings (std::string holds the raw bytes;
// results are raw too: hex/base64 them with crypto/encoding.hpp).
#pragma once

#include <string>
#include <string_view>

namespace kf::crypto {

std::string sha256(std::string_view data);                            // 32 bytes
std::string sha512(std::string_view data);                            // 64 bytes
std::string hmacSha256(std::string_view key, std::string_view data);  // 32 bytes
std::string hmacSha512(std::string_view key, std::string_view data);  // 64 bytes

}  // namespace kf::crypto
