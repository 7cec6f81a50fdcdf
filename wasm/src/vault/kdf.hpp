// Passphrase -> vault key: scrypt (Crypto++) then HKDF-SHA256 for domain
// separation. The parameters travel with the vault, so they can be raised later
// and old vaults still open; they are bounded when read so a hostile file
// cannot make us allocate gigabytes or spin for minutes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <cryptopp/secblock.h>
#include <nlohmann/json.hpp>

namespace kf::vault {

struct KdfParams {
  uint64_t N = 65536;  // 2^16: 128*N*r = 64 MiB, about 0.4 s natively
  uint64_t r = 8;
  uint64_t p = 1;
  std::string salt;  // raw bytes
};

constexpr size_t kSaltSize = 16;
constexpr size_t kMinSaltSize = 16;
constexpr size_t kMaxSaltSize = 64;
constexpr uint64_t kMinN = uint64_t{1} << 10;
constexpr uint64_t kMaxN = uint64_t{1} << 22;
constexpr uint64_t kMaxR = 32;
constexpr uint64_t kMaxP = 16;
// scrypt memory is 128*N*r bytes: N*r <= 2^21 caps it at 256 MiB.
constexpr uint64_t kMaxNr = uint64_t{1} << 21;
// Work grows with N*r*p: 2^22 is 8x the default.
constexpr uint64_t kMaxNrp = uint64_t{1} << 22;

// Throws CoreError(InvalidInput) naming the parameter out of bounds.
void validateKdfParams(const KdfParams& params);

// Parameters for a new vault: the defaults, or N/r/p from `options` (an object
// like {"N":1024,"r":8,"p":1}, or null) with a fresh random salt. Validated.
KdfParams newKdfParams(const nlohmann::json& options);

// The header's "kdf" object: {"name":"scrypt","N","r","p","salt":base64}.
nlohmann::json kdfToJson(const KdfParams& params);
// Parses and validates it. Unknown KDF name -> Unsupported; bad values -> InvalidInput.
KdfParams kdfFromJson(const nlohmann::json& kdf);

// Plain scrypt (RFC 7914) with only Crypto++'s own checks; for known-answer tests.
CryptoPP::SecByteBlock scrypt(std::string_view passphrase, std::string_view salt, uint64_t N,
                              uint64_t r, uint64_t p, size_t length);

// The 32-byte AES-256-GCM vault key: HKDF-SHA256(scrypt(passphrase, salt, N, r, p),
// info "keyfolio-vault v1 record key"). Validates `params` first.
CryptoPP::SecByteBlock deriveVaultKey(std::string_view passphrase, const KdfParams& params);

}  // namespace kf::vault
