// One sealed secret: {"v":1,"id","exchange","nonce":b64(12 bytes),"ct":b64(ciphertext||tag)}.
// AES-256-GCM under the vault key with a fresh random nonce; the associated data
// binds the format version, id and exchange, so a record copied to another id or
// exchange, or into another vault, fails authentication instead of opening.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

#include <cryptopp/secblock.h>
#include <nlohmann/json.hpp>

#include "crypto/secret_bytes.hpp"

namespace kf::vault {

constexpr int kRecordVersion = 1;
constexpr size_t kMaxFieldSize = 256;          // id, exchange
constexpr size_t kMaxPlaintextSize = 1 << 20;  // API secrets are a few KB at most

struct SealedRecord {
  std::string id;
  std::string exchange;
  std::string nonce;  // raw bytes
  std::string ct;     // raw bytes: ciphertext || 16-byte tag
};

// Unambiguous associated data: each field as a 4-byte big-endian length, then
// its bytes ("a|b","c" and "a","b|c" encode differently).
std::string encodeFields(std::initializer_list<std::string_view> fields);
// encodeFields({"keyfolio-vault-record", "1", id, exchange}).
std::string recordAad(std::string_view id, std::string_view exchange);

// Reads the record's JSON. Missing or mistyped fields -> InvalidInput; a version
// other than 1 -> Unsupported; a nonce or ct that cannot be what we wrote (bad
// base64, wrong length) -> Crypto, as for any other alteration.
SealedRecord parseRecord(const nlohmann::json& record);
nlohmann::json recordToJson(const SealedRecord& record);

SealedRecord sealRecord(const CryptoPP::SecByteBlock& key, std::string_view id,
                        std::string_view exchange, std::string_view plaintext);
// The plaintext; throws CoreError(Crypto) naming the id if authentication fails.
crypto::SecretBytes openRecord(const CryptoPP::SecByteBlock& key, const SealedRecord& record);

// The record's id for an error report, or null if it has none we can show.
nlohmann::json recordIdForReport(const nlohmann::json& record);

}  // namespace kf::vault
