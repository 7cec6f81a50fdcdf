// libFuzzer target: the vault's record, header, KDF-parameter and backup decoding, which
// read JSON that sits in browser storage or in a backup file someone hands over. The
// KDF itself (scrypt) is never run: it is slow on purpose; its parameters are bounded
// before it could run, and those bounds are checked here.
// Input: JSON text, tried as a record, a header, a kdf object, a backup ({header,
// records}) and a record array, directly and through the JSON API. Key: bytes 0..31.
// Invariants: failures are CoreError InvalidInput/Unsupported/Crypto only; what parses
// re-serialises and re-parses to the same thing; a record that opens re-seals and
// reopens to the same plaintext; accepted KDF parameters are within the documented
// bounds; the strict base64 accepts only canonical text.
#include <string>

#include "api/api.hpp"
#include "crypto/encoding.hpp"
#include "fuzz_common.hpp"
#include "vault/kdf.hpp"
#include "vault/record.hpp"
#include "vault/vault.hpp"

namespace {

using kf::ErrorKind;
using kf::fuzz::check;
using nlohmann::json;
namespace vault = kf::vault;

const CryptoPP::SecByteBlock& fixedKey() {
  static const CryptoPP::SecByteBlock key = [] {
    CryptoPP::SecByteBlock k(32);
    for (size_t i = 0; i < k.size(); ++i) k[i] = static_cast<CryptoPP::byte>(i);
    return k;
  }();
  return key;
}

template <class F>
bool vaultCall(F&& f) {
  return kf::fuzz::expectCoreErrorOnly(
      f, {ErrorKind::InvalidInput, ErrorKind::Unsupported, ErrorKind::Crypto});
}

void checkKdfBounds(const vault::KdfParams& k) {
  check(k.N >= vault::kMinN && k.N <= vault::kMaxN && (k.N & (k.N - 1)) == 0, "N out of bounds");
  check(k.r >= 1 && k.r <= vault::kMaxR && k.p >= 1 && k.p <= vault::kMaxP, "r/p out of bounds");
  check(128 * k.N * k.r <= (uint64_t{256} << 20), "KDF would need more than 256 MiB");
  check(k.N * k.r * k.p <= vault::kMaxNrp, "KDF work above the bound");
  check(k.salt.size() >= 16 && k.salt.size() <= 64, "salt size out of bounds");
}

void asRecord(const json& in) {
  vault::SealedRecord r;
  if (!vaultCall([&] { r = vault::parseRecord(in); })) return;
  check(!r.id.empty() && r.id.size() <= vault::kMaxFieldSize, "record id length unchecked");
  check(r.nonce.size() == 12 && r.ct.size() >= 16, "record nonce/ct length unchecked");
  const json again = vault::recordToJson(r);
  kf::fuzz::checkStrictJson(again, "a record re-serialises to invalid UTF-8");
  const auto r2 = vault::parseRecord(again);
  check(r2.id == r.id && r2.exchange == r.exchange && r2.nonce == r.nonce && r2.ct == r.ct,
        "record does not round-trip", in.dump());
  check(vault::recordIdForReport(in) == json(r.id), "recordIdForReport disagrees", in.dump());
  std::string plain;
  if (!vaultCall([&] { plain = std::string(vault::openRecord(fixedKey(), r).view()); })) return;
  const auto resealed = vault::sealRecord(fixedKey(), r.id, r.exchange, plain);
  check(resealed.nonce != r.nonce, "sealing reused a nonce");
  check(vault::openRecord(fixedKey(), resealed).view() == plain,
        "re-sealed record does not reopen");
  // Moving a record to another id must break it.
  auto moved = r;
  moved.id += "x";
  check(!vaultCall([&] { (void)vault::openRecord(fixedKey(), moved); }),
        "a record opened under another id");
}

void asHeader(const json& in) {
  vault::Header h;
  if (!vaultCall([&] { h = vault::parseHeader(in); })) return;
  checkKdfBounds(h.kdf);
  check(h.checkNonce.size() == 12, "check nonce length unchecked");
  const auto h2 = vault::parseHeader(vault::headerToJson(h));
  check(h2.kdf.N == h.kdf.N && h2.kdf.r == h.kdf.r && h2.kdf.p == h.kdf.p &&
            h2.kdf.salt == h.kdf.salt && h2.checkNonce == h.checkNonce && h2.checkCt == h.checkCt,
        "header does not round-trip", in.dump());
}

void asKdf(const json& in) {
  vault::KdfParams k;
  if (vaultCall([&] { k = vault::kdfFromJson(in); })) checkKdfBounds(k);
  if (vaultCall([&] { k = vault::newKdfParams(in); })) checkKdfBounds(k);
}

void asBackup(const json& in) {
  if (!in.is_object() || !in.contains("header") || !in.contains("records")) return;
  std::string file;
  if (!vaultCall([&] { file = vault::exportVault(in["header"], in["records"], 1700000000000); }))
    return;
  json doc = json::parse(file, nullptr, /*allow_exceptions=*/false);
  check(doc.is_object() && doc["format"] == "keyfolio-vault-backup" && doc["v"] == 1,
        "exported file is not a backup", file);
  check(doc["records"].size() == in["records"].size(), "export lost records", file);
  (void)vault::parseHeader(doc["header"]);
  for (const auto& r : doc["records"]) (void)vault::parseRecord(r);
}

// vaultImport up to the KDF: a file whose header and records would reach scrypt is left
// out (scrypt is slow by design); every other file must be refused with a reason.
void asBackupFile(std::string_view input, const json& in) {
  bool reachesKdf = in.is_object() && in.contains("format") &&
                    in["format"] == "keyfolio-vault-backup" && in.contains("v") &&
                    in["v"].is_number_integer() && in["v"] == 1 && in.contains("records") &&
                    in["records"].is_array() && in["records"].size() <= vault::kMaxRecords &&
                    in.contains("header");
  if (reachesKdf) reachesKdf = vaultCall([&] { (void)vault::parseHeader(in["header"]); });
  if (reachesKdf) return;
  check(!vaultCall([&] { (void)vault::importVault(input, "correct horse battery"); }),
        "a backup without a usable header or records was imported", std::string(input));
  const json call = {{"file", std::string(input)}, {"passphrase", "correct horse battery"}};
  const auto env = kf::fuzz::checkEnvelope(
      kf::api::vaultImport(call.dump(-1, ' ', false, json::error_handler_t::replace)));
  check(env["ok"] == false, "vaultImport accepted a broken backup", std::string(input));
}

void asStrings(const json& in) {
  if (!in.is_string()) return;
  const auto& s = in.get_ref<const std::string&>();
  if (const auto raw = kf::crypto::base64Decode(s))
    check(kf::crypto::base64Encode(*raw) == s, "vault base64 accepted non-canonical text", s);
  CryptoPP::SecByteBlock key;
  if (vaultCall([&] { key = vault::decodeKey(s); })) check(key.size() == 32, "key not 32 bytes");
}

void throughApi(std::string_view input) {
  const std::string key = "\"" + vault::encodeKey(fixedKey()) + "\"";
  const std::string inputText(input);
  kf::fuzz::checkEnvelope(kf::api::vaultOpen("{\"key\":" + key + ",\"record\":" + inputText + "}"));
  kf::fuzz::checkEnvelope(
      kf::api::vaultOpenAll("{\"key\":" + key + ",\"records\":" + inputText + "}"));
  const auto env = kf::fuzz::checkEnvelope(kf::api::vaultExport(inputText));
  if (env["ok"] == true) check(env["file"].is_string(), "vaultExport answered without a file");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 65536) return 0;
  const std::string_view input = kf::fuzz::text(data, size);
  throughApi(input);
  const json in = json::parse(input, nullptr, /*allow_exceptions=*/false);
  asBackupFile(input, in);
  if (in.is_discarded()) return 0;
  asRecord(in);
  asHeader(in);
  asKdf(in);
  asBackup(in);
  asStrings(in);
  if (in.is_array())
    for (const auto& item : in) asRecord(item);
  return 0;
}
