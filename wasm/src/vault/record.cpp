#include "vault/record.hpp"

#include "core/error.hpp"
#include "crypto/encoding.hpp"
#include "vault/aead.hpp"
#include "vault/format_version.hpp"

namespace kf::vault {

namespace {
using nlohmann::json;

std::string quoteId(std::string_view id) {
  return "'" + std::string(id) + "'";
}

std::string requireText(const json& record, const char* field, std::string_view who) {
  auto it = record.find(field);
  if (it == record.end() || !it->is_string())
    throw CoreError(ErrorKind::InvalidInput,
                    std::string(who) + " has no '" + field + "' string field");
  auto value = it->get<std::string>();
  if (value.empty() || value.size() > kMaxFieldSize)
    throw CoreError(ErrorKind::InvalidInput,
                    std::string(who) + ": '" + field + "' must be 1 to 256 bytes long");
  return value;
}

[[noreturn]] void damaged(const std::string& id, const std::string& why) {
  throw CoreError(ErrorKind::Crypto, "record " + quoteId(id) + " is damaged: " + why);
}

std::string decodeField(const json& record, const char* field, const std::string& id) {
  auto it = record.find(field);
  if (it == record.end() || !it->is_string())
    throw CoreError(ErrorKind::InvalidInput,
                    "record " + quoteId(id) + " has no '" + field + "' string field");
  // Base64 of the largest ciphertext we would ever write, with room to spare.
  if (it->get_ref<const std::string&>().size() > 2 * kMaxPlaintextSize)
    damaged(id, "it is larger than any record Keyfolio writes");
  auto raw = crypto::base64Decode(it->get_ref<const std::string&>());
  if (!raw) damaged(id, std::string("'") + field + "' is not valid base64");
  return std::move(*raw);
}
}  // namespace

std::string encodeFields(std::initializer_list<std::string_view> fields) {
  std::string out;
  for (auto f : fields) {
    const auto n = static_cast<uint32_t>(f.size());  // fields are bounded far below 4 GiB
    for (int shift = 24; shift >= 0; shift -= 8)
      out.push_back(static_cast<char>((n >> shift) & 0xFF));
    out.append(f);
  }
  return out;
}

std::string recordAad(std::string_view id, std::string_view exchange) {
  return encodeFields({"keyfolio-vault-record", std::to_string(kRecordVersion), id, exchange});
}

SealedRecord parseRecord(const json& record) {
  if (!record.is_object())
    throw CoreError(ErrorKind::InvalidInput, "a vault record must be a JSON object");
  SealedRecord r;
  r.id = requireText(record, "id", "a vault record");
  checkFormatVersion(record, kRecordVersion, "record " + quoteId(r.id));
  r.exchange = requireText(record, "exchange", "record " + quoteId(r.id));
  r.nonce = decodeField(record, "nonce", r.id);
  r.ct = decodeField(record, "ct", r.id);
  if (r.nonce.size() != kNonceSize) damaged(r.id, "its nonce is not 12 bytes");
  if (r.ct.size() < kTagSize) damaged(r.id, "its ciphertext is shorter than a tag");
  return r;
}

json recordToJson(const SealedRecord& r) {
  return json{{"v", kRecordVersion},
              {"id", r.id},
              {"exchange", r.exchange},
              {"nonce", crypto::base64Encode(r.nonce)},
              {"ct", crypto::base64Encode(r.ct)}};
}

SealedRecord sealRecord(const CryptoPP::SecByteBlock& key, std::string_view id,
                        std::string_view exchange, std::string_view plaintext) {
  if (id.empty() || id.size() > kMaxFieldSize || exchange.empty() ||
      exchange.size() > kMaxFieldSize)
    throw CoreError(ErrorKind::InvalidInput, "'id' and 'exchange' must be 1 to 256 bytes long");
  if (plaintext.size() > kMaxPlaintextSize)
    throw CoreError(ErrorKind::InvalidInput, "a vault secret is limited to 1 MiB");
  SealedRecord r{std::string(id), std::string(exchange), randomBytes(kNonceSize), {}};
  r.ct = gcmSeal(key, r.nonce, recordAad(id, exchange), plaintext);
  return r;
}

crypto::SecretBytes openRecord(const CryptoPP::SecByteBlock& key, const SealedRecord& r) {
  auto plain = gcmOpen(key, r.nonce, recordAad(r.id, r.exchange), r.ct);
  if (!plain)
    throw CoreError(ErrorKind::Crypto, "record " + quoteId(r.id) +
                                           " failed authentication: it was altered or belongs to "
                                           "another vault");
  return std::move(*plain);
}

json recordIdForReport(const json& record) {
  if (record.is_object()) {
    auto it = record.find("id");
    if (it != record.end() && it->is_string()) return *it;
  }
  return nullptr;
}

}  // namespace kf::vault
