#include "vault/vault.hpp"

#include <utility>
#include <vector>

#include "core/error.hpp"
#include "crypto/encoding.hpp"
#include "vault/aead.hpp"
#include "vault/format_version.hpp"
#include "vault/passphrase.hpp"
#include "vault/record.hpp"

namespace kf::vault {

namespace {
using nlohmann::json;

constexpr std::string_view kCheckPlaintext = "keyfolio-vault-check v1";

std::string checkAad() {
  return encodeFields({"keyfolio-vault-check", std::to_string(kHeaderVersion)});
}

[[noreturn]] void badHeader(const std::string& why) {
  throw CoreError(ErrorKind::InvalidInput, "not a usable Keyfolio vault header: " + why);
}

std::string headerBytes(const json& check, const char* field) {
  auto it = check.find(field);
  if (it == check.end() || !it->is_string())
    badHeader(std::string("'check' has no '") + field + "'");
  auto raw = crypto::base64Decode(it->get<std::string>());
  if (!raw) badHeader(std::string("'check.") + field + "' is not valid base64");
  return std::move(*raw);
}

const json& requireArray(const json& records) {
  if (!records.is_array()) throw CoreError(ErrorKind::InvalidInput, "'records' must be an array");
  if (records.size() > kMaxRecords)
    throw CoreError(ErrorKind::InvalidInput, "a vault holds at most 10000 records");
  return records;
}

Header newHeader(const CryptoPP::SecByteBlock& key, KdfParams kdf) {
  Header h{std::move(kdf), randomBytes(kNonceSize), {}};
  h.checkCt = gcmSeal(key, h.checkNonce, checkAad(), kCheckPlaintext);
  return h;
}

// Parses and opens every record; the first failure throws, naming the record.
std::vector<std::pair<SealedRecord, crypto::SecretBytes>> openAll(const CryptoPP::SecByteBlock& key,
                                                                  const json& records) {
  std::vector<std::pair<SealedRecord, crypto::SecretBytes>> out;
  out.reserve(requireArray(records).size());
  for (const auto& r : records) {
    auto sealed = parseRecord(r);
    auto plain = openRecord(key, sealed);
    out.emplace_back(std::move(sealed), std::move(plain));
  }
  return out;
}
}  // namespace

Header parseHeader(const json& header) {
  if (!header.is_object()) badHeader("it must be a JSON object");
  auto format = header.find("format");
  if (format == header.end() || *format != kHeaderFormat)
    badHeader("'format' is not \"keyfolio-vault\"");
  checkFormatVersion(header, kHeaderVersion, "the vault");
  Header h;
  h.kdf = kdfFromJson(header.contains("kdf") ? header["kdf"] : json());
  auto check = header.find("check");
  if (check == header.end() || !check->is_object()) badHeader("it has no 'check' object");
  h.checkNonce = headerBytes(*check, "nonce");
  h.checkCt = headerBytes(*check, "ct");
  if (h.checkNonce.size() != kNonceSize) badHeader("the check nonce is not 12 bytes");
  return h;
}

json headerToJson(const Header& h) {
  return json{
      {"format", kHeaderFormat},
      {"v", kHeaderVersion},
      {"kdf", kdfToJson(h.kdf)},
      {"check",
       {{"nonce", crypto::base64Encode(h.checkNonce)}, {"ct", crypto::base64Encode(h.checkCt)}}}};
}

std::string encodeKey(const CryptoPP::SecByteBlock& key) {
  return crypto::base64Encode(
      std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
}

CryptoPP::SecByteBlock decodeKey(std::string_view text) {
  const auto raw = crypto::base64DecodeSecret(text);
  if (!raw || raw->size() != kKeySize)
    throw CoreError(ErrorKind::InvalidInput,
                    "'key' must be the base64 vault key (32 bytes) from vaultUnlock");
  return CryptoPP::SecByteBlock(reinterpret_cast<const CryptoPP::byte*>(raw->view().data()),
                                raw->size());
}

Vault createVault(std::string_view passphrase, const json& kdfOptions) {
  checkNewPassphrase(passphrase);
  auto kdf = newKdfParams(kdfOptions);
  auto key = deriveVaultKey(passphrase, kdf);
  auto header = headerToJson(newHeader(key, std::move(kdf)));
  return Vault{std::move(header), json::array(), std::move(key)};
}

CryptoPP::SecByteBlock unlockVault(const Header& header, std::string_view passphrase) {
  auto key = deriveVaultKey(passphrase, header.kdf);
  auto plain = gcmOpen(key, header.checkNonce, checkAad(), header.checkCt);
  if (!plain || plain->view() != kCheckPlaintext)
    throw CoreError(ErrorKind::WrongPassphrase, "Wrong passphrase. Nothing was changed.");
  return key;
}

Vault rekeyVault(const json& header, const json& records, std::string_view oldPassphrase,
                 std::string_view newPassphrase, const json& kdfOptions) {
  checkNewPassphrase(newPassphrase);
  const auto oldHeader = parseHeader(header);
  requireArray(records);
  auto newKdf = newKdfParams(kdfOptions);  // validate options before the slow part
  const auto oldKey = unlockVault(oldHeader, oldPassphrase);
  std::vector<std::pair<SealedRecord, crypto::SecretBytes>> opened;
  try {
    opened = openAll(oldKey, records);
  } catch (const CoreError& e) {
    throw CoreError(e.kind(), std::string(e.what()) + ". Nothing was changed.");
  }

  auto key = deriveVaultKey(newPassphrase, newKdf);
  Vault out{headerToJson(newHeader(key, std::move(newKdf))), json::array(),
            CryptoPP::SecByteBlock()};
  for (const auto& [sealed, plain] : opened)
    out.records.push_back(recordToJson(sealRecord(key, sealed.id, sealed.exchange, plain.view())));
  out.key = std::move(key);
  return out;
}

std::string exportVault(const json& header, const json& records,
                        std::optional<int64_t> exportedMs) {
  json doc{{"format", kBackupFormat}, {"v", kBackupVersion}};
  if (exportedMs) doc["exportedMs"] = *exportedMs;
  doc["header"] = headerToJson(parseHeader(header));
  doc["records"] = json::array();
  for (const auto& r : requireArray(records))
    doc["records"].push_back(recordToJson(parseRecord(r)));
  return doc.dump(2);
}

Vault importVault(std::string_view file, std::string_view passphrase) {
  auto doc = json::parse(file, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object())
    throw CoreError(ErrorKind::InvalidInput, "the file is not a Keyfolio vault backup (not JSON)");
  auto format = doc.find("format");
  if (format == doc.end() || *format != kBackupFormat)
    throw CoreError(ErrorKind::InvalidInput, "the file is not a Keyfolio vault backup");
  checkFormatVersion(doc, kBackupVersion, "the backup");
  const auto header = parseHeader(doc.contains("header") ? doc["header"] : json());
  const json& records = doc.contains("records") ? doc["records"] : json();
  requireArray(records);
  auto key = unlockVault(header, passphrase);
  Vault out{headerToJson(header), json::array(), CryptoPP::SecByteBlock()};
  try {
    // Opened only to prove every record opens; the plaintexts are wiped as they go.
    for (const auto& opened : openAll(key, records))
      out.records.push_back(recordToJson(opened.first));
  } catch (const CoreError& e) {
    throw CoreError(e.kind(), std::string(e.what()) + ". Nothing was imported.");
  }
  out.key = std::move(key);
  return out;
}

}  // namespace kf::vault
