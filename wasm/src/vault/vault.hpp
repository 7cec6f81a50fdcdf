// The key vault: passphrase-sealed exchange secrets. The extension stores the
// header and records in chrome.storage.local and the derived key (never the
// passphrase) in chrome.storage.session; all cryptography happens here.
//
// Design (see also wasm/README.md, "## Vault"):
// - Header {"format":"keyfolio-vault","v":1,"kdf":{"name":"scrypt","N","r","p","salt"},
//   "check":{"nonce","ct"}}. Key = HKDF-SHA256(scrypt(passphrase, salt, N, r, p),
//   info "keyfolio-vault v1 record key"), 32 bytes, AES-256-GCM. The HKDF step
//   separates the record key from any key a later format derives from the same scrypt run.
// - "check" seals a fixed known plaintext under the key with associated data
//   encodeFields({"keyfolio-vault-check","1"}); if it does not open, the passphrase
//   is wrong (WrongPassphrase), before any record is touched.
// - Records: see record.hpp. Nonces are 12 random bytes per seal; a vault holds
//   few records and every passphrase change draws a new key, far from GCM's
//   2^32 random-nonce limit.
// - The KDF parameters are read from the header and bounded (kdf.hpp), so they
//   can be raised later and old vaults still open. The passphrase policy
//   applies only to new passphrases (create, rekey), never to opening.
// - Passphrases are used as their UTF-8 bytes, not Unicode-normalized: the same
//   keyboard gives the same bytes; an NFC/NFD mismatch reads as a wrong passphrase.
// - Rekey and import compute the complete result first and fail with no output
//   if anything does not open: the caller writes it in one storage write, so an
//   interruption leaves the old vault, and the old passphrase, intact.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <cryptopp/secblock.h>
#include <nlohmann/json.hpp>

#include "vault/kdf.hpp"

namespace kf::vault {

constexpr std::string_view kHeaderFormat = "keyfolio-vault";
constexpr std::string_view kBackupFormat = "keyfolio-vault-backup";
constexpr int kHeaderVersion = 1;
constexpr int kBackupVersion = 1;
constexpr size_t kMaxRecords = 10000;

struct Header {
  KdfParams kdf;
  std::string checkNonce;  // raw bytes
  std::string checkCt;     // raw bytes
};

struct Vault {
  nlohmann::json header;
  nlohmann::json records;  // array of sealed records
  CryptoPP::SecByteBlock key;
};

// Header JSON <-> struct. Not a vault header -> InvalidInput; other version -> Unsupported.
Header parseHeader(const nlohmann::json& header);
nlohmann::json headerToJson(const Header& header);

// The session key crosses the boundary as base64 of its 32 bytes.
std::string encodeKey(const CryptoPP::SecByteBlock& key);
CryptoPP::SecByteBlock decodeKey(std::string_view base64);

// A new empty vault (records: []). Checks the passphrase policy.
Vault createVault(std::string_view passphrase, const nlohmann::json& kdfOptions);
// The key, or CoreError(WrongPassphrase, "Wrong passphrase. Nothing was changed.").
CryptoPP::SecByteBlock unlockVault(const Header& header, std::string_view passphrase);

// Every record re-sealed under a new salt (and kdfOptions, default parameters if
// null) and passphrase. Throws, producing nothing, if the old passphrase is wrong
// or any record fails to open.
Vault rekeyVault(const nlohmann::json& header, const nlohmann::json& records,
                 std::string_view oldPassphrase, std::string_view newPassphrase,
                 const nlohmann::json& kdfOptions);

// The backup file text: {"format":"keyfolio-vault-backup","v":1,["exportedMs",]"header","records"}.
// Checks the shapes only (no key needed): the records stay sealed.
std::string exportVault(const nlohmann::json& header, const nlohmann::json& records,
                        std::optional<int64_t> exportedMs);
// Reads a backup, checks the passphrase and opens every record before returning it.
Vault importVault(std::string_view file, std::string_view passphrase);

}  // namespace kf::vault
