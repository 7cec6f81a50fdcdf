// AES-256-GCM with a 96-bit nonce and a 128-bit tag (Crypto++), plus the OS
// random source the vault draws its nonces and salts from. Nothing here knows
// the record format; record.hpp binds ids in through the associated data.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <cryptopp/secblock.h>

#include "crypto/secret_bytes.hpp"

namespace kf::vault {

constexpr size_t kKeySize = 32;    // AES-256
constexpr size_t kNonceSize = 12;  // the GCM nonce size with no GHASH pre-processing
constexpr size_t kTagSize = 16;    // full tag: truncated tags weaken forgery bounds

// Returns ciphertext || tag. `key` must be kKeySize bytes, `nonce` kNonceSize.
std::string gcmSeal(const CryptoPP::SecByteBlock& key, std::string_view nonce, std::string_view aad,
                    std::string_view plaintext);

// The plaintext, or nullopt if the tag does not verify (wrong key, altered
// ciphertext, nonce or associated data) or the input is shorter than a tag. The
// plaintext is a secret, and a refused one was decrypted too: both are wiped when freed.
std::optional<crypto::SecretBytes> gcmOpen(const CryptoPP::SecByteBlock& key,
                                           std::string_view nonce, std::string_view aad,
                                           std::string_view sealed);

// `n` bytes from Crypto++'s AutoSeededRandomPool (OS entropy; in wasm,
// crypto.getRandomValues through Emscripten's /dev/urandom).
std::string randomBytes(size_t n);

}  // namespace kf::vault
