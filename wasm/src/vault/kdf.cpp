#include "vault/kdf.hpp"

#include <cryptopp/hkdf.h>
#include <cryptopp/scrypt.h>
#include <cryptopp/sha.h>

#include "core/error.hpp"
#include "crypto/encoding.hpp"
#include "vault/aead.hpp"

namespace kf::vault {

namespace {
using nlohmann::json;

constexpr std::string_view kKeyInfo = "keyfolio-vault v1 record key";

[[noreturn]] void bad(const std::string& message) {
  throw CoreError(ErrorKind::InvalidInput, message);
}

bool isPowerOfTwo(uint64_t n) {
  return n != 0 && (n & (n - 1)) == 0;
}

// A non-negative JSON integer; floats, strings and negatives are refused.
uint64_t readCount(const json& obj, const char* name, uint64_t fallback, bool required) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) {
    if (required) bad(std::string("vault KDF parameters: missing '") + name + "'");
    return fallback;
  }
  if (it->is_number_unsigned()) return it->get<uint64_t>();
  if (it->is_number_integer() && it->get<int64_t>() >= 0)
    return static_cast<uint64_t>(it->get<int64_t>());
  bad(std::string("vault KDF parameters: '") + name + "' must be a non-negative integer");
}

const CryptoPP::byte* bytes(std::string_view s) {
  return reinterpret_cast<const CryptoPP::byte*>(s.data());
}
}  // namespace

void validateKdfParams(const KdfParams& k) {
  if (!isPowerOfTwo(k.N) || k.N < kMinN || k.N > kMaxN)
    bad("vault KDF parameter N=" + std::to_string(k.N) +
        " is out of bounds: it must be a power of two from 2^10 to 2^22");
  if (k.r < 1 || k.r > kMaxR)
    bad("vault KDF parameter r=" + std::to_string(k.r) + " is out of bounds: 1 to 32");
  if (k.p < 1 || k.p > kMaxP)
    bad("vault KDF parameter p=" + std::to_string(k.p) + " is out of bounds: 1 to 16");
  // No overflow: N <= 2^22, r <= 2^5, p <= 2^4.
  if (k.N * k.r > kMaxNr)
    bad("vault KDF parameters N*r=" + std::to_string(k.N * k.r) +
        " need more than 256 MiB of memory");
  if (k.N * k.r * k.p > kMaxNrp)
    bad("vault KDF parameters N*r*p=" + std::to_string(k.N * k.r * k.p) +
        " are too slow (at most 2^22)");
  if (k.salt.size() < kMinSaltSize || k.salt.size() > kMaxSaltSize)
    bad("vault KDF salt must be 16 to 64 bytes, not " + std::to_string(k.salt.size()));
}

KdfParams newKdfParams(const json& options) {
  KdfParams k;
  if (!options.is_null()) {
    if (!options.is_object()) bad("'kdf' must be an object like {\"N\":65536,\"r\":8,\"p\":1}");
    auto name = options.find("name");
    if (name != options.end() && *name != "scrypt")
      throw CoreError(ErrorKind::Unsupported, "only the scrypt KDF is supported");
    k.N = readCount(options, "N", k.N, false);
    k.r = readCount(options, "r", k.r, false);
    k.p = readCount(options, "p", k.p, false);
  }
  k.salt = randomBytes(kSaltSize);
  validateKdfParams(k);
  return k;
}

json kdfToJson(const KdfParams& k) {
  return json{{"name", "scrypt"},
              {"N", k.N},
              {"r", k.r},
              {"p", k.p},
              {"salt", crypto::base64Encode(k.salt)}};
}

KdfParams kdfFromJson(const json& kdf) {
  if (!kdf.is_object()) bad("vault header: 'kdf' must be an object");
  auto name = kdf.find("name");
  if (name == kdf.end() || !name->is_string()) bad("vault header: 'kdf' has no 'name'");
  if (*name != "scrypt")
    throw CoreError(ErrorKind::Unsupported, "the vault uses the KDF '" + name->get<std::string>() +
                                                "', which this version of Keyfolio cannot open");
  KdfParams k;
  k.N = readCount(kdf, "N", 0, true);
  k.r = readCount(kdf, "r", 0, true);
  k.p = readCount(kdf, "p", 0, true);
  auto salt = kdf.find("salt");
  if (salt == kdf.end() || !salt->is_string()) bad("vault header: 'kdf' has no 'salt'");
  auto raw = crypto::base64Decode(salt->get<std::string>());
  if (!raw) bad("vault header: the KDF salt is not valid base64");
  k.salt = std::move(*raw);
  validateKdfParams(k);
  return k;
}

CryptoPP::SecByteBlock scrypt(std::string_view passphrase, std::string_view salt, uint64_t N,
                              uint64_t r, uint64_t p, size_t length) {
  CryptoPP::SecByteBlock out(length);
  CryptoPP::Scrypt().DeriveKey(out, out.size(), bytes(passphrase), passphrase.size(), bytes(salt),
                               salt.size(), N, r, p);
  return out;
}

CryptoPP::SecByteBlock deriveVaultKey(std::string_view passphrase, const KdfParams& params) {
  validateKdfParams(params);
  const auto master = scrypt(passphrase, params.salt, params.N, params.r, params.p, kKeySize);
  CryptoPP::SecByteBlock key(kKeySize);
  // HKDF's own salt left unset (RFC 5869: zeros); scrypt already consumed the random salt.
  CryptoPP::HKDF<CryptoPP::SHA256>().DeriveKey(key, key.size(), master, master.size(), nullptr, 0,
                                               bytes(kKeyInfo), kKeyInfo.size());
  return key;
}

}  // namespace kf::vault
