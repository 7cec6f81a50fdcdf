// Randomness from the operating system through Crypto++ (in wasm: crypto.getRandomValues).
#pragma once

#include <cstddef>
#include <string>

namespace kf::crypto {

std::string randomBytes(std::size_t count);
std::string randomHex(std::size_t byteCount);  // 2 * byteCount lowercase hex digits

}  // namespace kf::crypto
