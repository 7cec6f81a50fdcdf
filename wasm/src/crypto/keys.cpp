#include "crypto/keys.hpp"

#include <algorithm>
#include <cctype>

#include <cryptopp/asn.h>
#include <cryptopp/filters.h>
#include <cryptopp/oids.h>
#include <cryptopp/osrng.h>
#include <cryptopp/queue.h>
#include <cryptopp/xed25519.h>

#include "core/error.hpp"
#include "crypto/encoding.hpp"
#include "crypto/pem.hpp"

namespace kf::crypto {

namespace {

[[noreturn]] void fail(std::string_view field, const std::string& what) {
  throw CoreError(ErrorKind::BadCredentials, std::string(field) + ": " + what);
}

CryptoPP::ByteQueue queueOf(std::string_view der) {
  CryptoPP::ByteQueue queue;
  queue.Put(reinterpret_cast<const CryptoPP::byte*>(der.data()), der.size());
  queue.MessageEnd();
  return queue;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// PKCS#8: SEQUENCE { INTEGER version, SEQUENCE { OID algorithm, ... }, OCTET STRING key, ... }
std::optional<CryptoPP::OID> pkcs8Algorithm(std::string_view der) {
  try {
    auto queue = queueOf(der);
    CryptoPP::BERSequenceDecoder info(queue);
    CryptoPP::word32 version = 0;
    CryptoPP::BERDecodeUnsigned<CryptoPP::word32>(info, version, CryptoPP::INTEGER, 0, 1);
    CryptoPP::BERSequenceDecoder algorithm(info);
    CryptoPP::OID oid;
    oid.BERDecode(algorithm);
    return oid;
  } catch (const CryptoPP::Exception&) {
    return std::nullopt;
  }
}

std::optional<KeyType> typeOfPem(const Pem& pem) {
  if (pem.label == "EC PRIVATE KEY") return KeyType::Ecdsa;
  if (pem.label == "RSA PRIVATE KEY") return KeyType::Rsa;
  const auto oid = pkcs8Algorithm(pem.der.view());
  if (!oid) return std::nullopt;
  if (*oid == CryptoPP::ASN1::id_ecPublicKey()) return KeyType::Ecdsa;
  if (*oid == CryptoPP::ASN1::Ed25519()) return KeyType::Ed25519;
  if (*oid == CryptoPP::ASN1::rsaEncryption()) return KeyType::Rsa;
  return std::nullopt;
}

Pem pemOfType(std::string_view secret, std::string_view field, KeyType wanted,
              const std::string& mismatch) {
  if (!hasPemArmor(secret)) fail(field, mismatch + " (no -----BEGIN line)");
  Pem pem = parsePrivateKeyPem(secret, field);
  const auto type = typeOfPem(pem);
  if (type != wanted) fail(field, mismatch);
  return pem;
}

}  // namespace

std::string_view to_string(KeyType type) {
  switch (type) {
    case KeyType::Hmac:
      return "hmac";
    case KeyType::Ed25519:
      return "ed25519";
    case KeyType::Rsa:
      return "rsa";
    case KeyType::Ecdsa:
      return "ecdsa";
  }
  return "hmac";
}

KeyType keyTypeFromString(std::string_view name, std::string_view field) {
  for (KeyType t : {KeyType::Hmac, KeyType::Ed25519, KeyType::Rsa, KeyType::Ecdsa}) {
    if (to_string(t) == name) return t;
  }
  // A name is short; anything else may be a secret pasted into the wrong field.
  const bool nameLike =
      name.size() <= 12 && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
      });
  if (nameLike)
    fail(field, "unknown key type '" + std::string(name) + "' (hmac, ed25519, rsa or ecdsa)");
  fail(field, "unknown key type (hmac, ed25519, rsa or ecdsa)");
}

std::optional<KeyType> detectPemKeyType(std::string_view secret, std::string_view field) {
  if (!hasPemArmor(secret)) return std::nullopt;
  const auto type = typeOfPem(parsePrivateKeyPem(secret, field));
  if (!type) fail(field, "PEM holds a private key of an unsupported algorithm");
  return type;
}

Ed25519PrivateKey ed25519FromSeed(std::string_view seed32) {
  if (seed32.size() != CryptoPP::ed25519PrivateKey::SECRET_KEYLENGTH)
    throw CoreError(ErrorKind::Internal, "Ed25519 seed must be 32 bytes");
  Ed25519PrivateKey key;
  key.seed.Assign(reinterpret_cast<const CryptoPP::byte*>(seed32.data()), seed32.size());
  const CryptoPP::ed25519Signer signer(key.seed.data());
  const auto& pk = static_cast<const CryptoPP::ed25519PrivateKey&>(signer.GetPrivateKey());
  key.publicKey.assign(reinterpret_cast<const char*>(pk.GetPublicKeyBytePtr()),
                       CryptoPP::ed25519PrivateKey::PUBLIC_KEYLENGTH);
  return key;
}

Ed25519PrivateKey loadEd25519PrivateKey(std::string_view secret, std::string_view field) {
  if (hasPemArmor(secret)) {
    const Pem pem =
        pemOfType(secret, field, KeyType::Ed25519, "PEM does not contain an Ed25519 private key");
    try {
      auto queue = queueOf(pem.der.view());
      CryptoPP::ed25519PrivateKey parsed;
      parsed.Load(queue);
      return ed25519FromSeed(
          std::string_view(reinterpret_cast<const char*>(parsed.GetPrivateKeyBytePtr()),
                           CryptoPP::ed25519PrivateKey::SECRET_KEYLENGTH));
    } catch (const CryptoPP::Exception&) {
      fail(field, "Ed25519 PKCS#8 key is malformed");
    }
  }
  const SecretBytes raw = base64DecodeField(trim(secret), field);
  if (raw.size() == 32) return ed25519FromSeed(raw.view());
  if (raw.size() == 64) {
    // seed || public key, as Coinbase CDP hands it out: a wrong half means a corrupted paste.
    auto key = ed25519FromSeed(raw.view().substr(0, 32));
    if (key.publicKey != raw.view().substr(32))
      fail(field, "Ed25519 public half does not match the private seed");
    return key;
  }
  fail(field, "Ed25519 secret must be base64 of 32 or 64 bytes, got " + std::to_string(raw.size()));
}

EcdsaP256PrivateKey loadEcdsaP256PrivateKey(std::string_view secret, std::string_view field) {
  const std::string mismatch = "PEM does not contain a P-256 private key";
  const Pem pem = pemOfType(secret, field, KeyType::Ecdsa, mismatch);
  EcdsaP256PrivateKey key;
  try {
    auto queue = queueOf(pem.der.view());
    if (pem.label == "EC PRIVATE KEY") {
      key.BERDecodePrivateKey(queue, /*parametersPresent=*/false, queue.MaxRetrievable());
    } else {
      key.Load(queue);
    }
  } catch (const CryptoPP::Exception&) {
    fail(field, "EC private key is malformed or uses an unsupported curve");
  }
  const CryptoPP::DL_GroupParameters_EC<CryptoPP::ECP> p256(CryptoPP::ASN1::secp256r1());
  if (!(key.GetGroupParameters() == p256)) fail(field, mismatch);
  CryptoPP::AutoSeededRandomPool rng;
  if (!key.Validate(rng, 1)) fail(field, "EC private key is out of range");
  return key;
}

RsaPrivateKey loadRsaPrivateKey(std::string_view secret, std::string_view field) {
  const Pem pem = pemOfType(secret, field, KeyType::Rsa, "PEM does not contain an RSA private key");
  RsaPrivateKey key;
  try {
    auto queue = queueOf(pem.der.view());
    if (pem.label == "RSA PRIVATE KEY") {
      key.BERDecodePrivateKey(queue, false, queue.MaxRetrievable());
    } else {
      key.Load(queue);
    }
  } catch (const CryptoPP::Exception&) {
    fail(field, "RSA private key is malformed");
  }
  CryptoPP::AutoSeededRandomPool rng;
  if (!key.Validate(rng, 1)) fail(field, "RSA private key is inconsistent");
  return key;
}

unsigned rsaModulusBits(const RsaPrivateKey& key) {
  return static_cast<unsigned>(key.GetModulus().BitCount());
}

}  // namespace kf::crypto
