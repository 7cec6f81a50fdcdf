#include <gtest/gtest.h>

#include <functional>

#include <cryptopp/eccrypto.h>
#include <cryptopp/oids.h>

#include "core/error.hpp"
#include "crypto/encoding.hpp"
#include "crypto/keys.hpp"
#include "signing_test_keys.hpp"

using namespace kf::crypto;
namespace keys = kf::testkeys;

namespace {

// The message of a BadCredentials failure, or "" when `fn` did not throw one.
std::string badCredentials(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const kf::CoreError& e) {
    return e.kind() == kf::ErrorKind::BadCredentials ? e.what()
                                                     : "wrong kind: " + std::string(e.what());
  }
  return "";
}

std::string publicPointHex(const EcdsaP256PrivateKey& key) {
  CryptoPP::ECDSA<CryptoPP::ECP, CryptoPP::SHA256>::PublicKey pub;
  key.MakePublicKey(pub);
  const auto& q = pub.GetPublicElement();
  std::string out(65, '\0');
  pub.GetGroupParameters().GetCurve().EncodePoint(reinterpret_cast<CryptoPP::byte*>(out.data()), q,
                                                  false);
  return hexEncode(out);
}

// One-line form with literal backslash-n, as pasted from a JSON key file.
std::string escaped(std::string pem) {
  std::string out;
  for (char c : pem) {
    if (c == '\n')
      out += "\\n";
    else
      out.push_back(c);
  }
  return out;
}

// Line breaks collapsed to spaces, as some single-line inputs do.
std::string spaced(std::string pem) {
  for (char& c : pem)
    if (c == '\n') c = ' ';
  return pem;
}

std::string crlf(std::string pem) {
  std::string out;
  for (char c : pem) {
    if (c == '\n')
      out += "\r\n";
    else
      out.push_back(c);
  }
  return out;
}

}  // namespace

TEST(CryptoKeys, DetectsTypeFromPemLabelAndPkcs8Oid) {
  EXPECT_EQ(detectPemKeyType(keys::kEcP256Pkcs8, "secret"), KeyType::Ecdsa);
  EXPECT_EQ(detectPemKeyType(keys::kEcP256Sec1, "secret"), KeyType::Ecdsa);
  EXPECT_EQ(detectPemKeyType(keys::kEcP256WithParams, "secret"), KeyType::Ecdsa);
  EXPECT_EQ(detectPemKeyType(keys::kEd25519Pkcs8, "secret"), KeyType::Ed25519);
  EXPECT_EQ(detectPemKeyType(keys::kRsa2048Pkcs8, "secret"), KeyType::Rsa);
  EXPECT_EQ(detectPemKeyType(keys::kRsa2048Pkcs1, "secret"), KeyType::Rsa);
  EXPECT_EQ(detectPemKeyType("NhqPtmdSJYdKjVHjA7PZj4Mge3R5", "secret"), std::nullopt);
}

TEST(CryptoKeys, KeyTypeNames) {
  for (auto t : {KeyType::Hmac, KeyType::Ed25519, KeyType::Rsa, KeyType::Ecdsa})
    EXPECT_EQ(keyTypeFromString(to_string(t), "keyType"), t);
  EXPECT_EQ(badCredentials([] { keyTypeFromString("dsa", "keyType"); }),
            "keyType: unknown key type 'dsa' (hmac, ed25519, rsa or ecdsa)");
}

TEST(CryptoKeys, EcdsaLoadsFromSec1AndPkcs8InEveryPastedForm) {
  const std::string expected = keys::kEcP256PublicHex;
  for (const std::string& form :
       {std::string(keys::kEcP256Pkcs8), std::string(keys::kEcP256Sec1), escaped(keys::kEcP256Sec1),
        "\"" + escaped(keys::kEcP256Sec1) + "\"", crlf(keys::kEcP256Pkcs8),
        spaced(keys::kEcP256Sec1), "  \n" + std::string(keys::kEcP256Sec1) + "\n\n"}) {
    EXPECT_EQ(publicPointHex(loadEcdsaP256PrivateKey(form, "secret")), expected) << form;
  }
  // Behind an EC PARAMETERS block (openssl ecparam -genkey).
  EXPECT_NO_THROW(loadEcdsaP256PrivateKey(keys::kEcP256WithParams, "secret"));
}

TEST(CryptoKeys, EcdsaRejectsOtherKeysAndGarbage) {
  const std::string notP256 = "secret: PEM does not contain a P-256 private key";
  EXPECT_EQ(badCredentials([] { loadEcdsaP256PrivateKey(keys::kEcP384Pkcs8, "secret"); }), notP256);
  EXPECT_EQ(badCredentials([] { loadEcdsaP256PrivateKey(keys::kEd25519Pkcs8, "secret"); }),
            notP256);
  EXPECT_EQ(badCredentials([] { loadEcdsaP256PrivateKey(keys::kRsa2048Pkcs8, "secret"); }),
            notP256);
  EXPECT_EQ(badCredentials([] { loadEcdsaP256PrivateKey("hello", "secret"); }),
            notP256 + " (no -----BEGIN line)");
  EXPECT_EQ(badCredentials([] {
              loadEcdsaP256PrivateKey("-----BEGIN EC PRIVATE KEY-----\nAAAA\n", "secret");
            }),
            "secret: PEM has no matching -----END EC PRIVATE KEY----- line");
  EXPECT_EQ(badCredentials([] {
              loadEcdsaP256PrivateKey(
                  "-----BEGIN EC PRIVATE KEY-----\nnot*base64\n-----END EC PRIVATE KEY-----",
                  "secret");
            }),
            "secret: PEM body is not valid base64");
  EXPECT_EQ(badCredentials([] {
              loadEcdsaP256PrivateKey(
                  "-----BEGIN EC PRIVATE KEY-----\nMAMCAQE=\n-----END EC PRIVATE KEY-----",
                  "secret");
            }),
            "secret: EC private key is malformed or uses an unsupported curve");
  EXPECT_EQ(
      badCredentials([] {
        loadEcdsaP256PrivateKey(
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAMCAQE=\n-----END ENCRYPTED PRIVATE KEY-----",
            "secret");
      }),
      "secret: encrypted private keys are not supported; export the key without a passphrase");
  EXPECT_EQ(
      badCredentials([] {
        loadEcdsaP256PrivateKey(
            "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n"
            "MAMCAQE=\n-----END EC PRIVATE KEY-----",
            "secret");
      }),
      "secret: encrypted private keys are not supported; export the key without a passphrase");
  EXPECT_EQ(badCredentials([] {
              loadEcdsaP256PrivateKey(
                  "-----BEGIN PUBLIC KEY-----\nMAMCAQE=\n-----END PUBLIC KEY-----", "secret");
            }),
            "secret: this is a public key; paste the private key");
}

TEST(CryptoKeys, Ed25519FromPkcs8AndCoinbaseBase64) {
  const auto seed = hexDecode(keys::kEd25519SeedHex).value();
  const auto pub = hexDecode(keys::kEd25519PublicHex).value();
  const auto fromPem = loadEd25519PrivateKey(keys::kEd25519Pkcs8, "secret");
  EXPECT_EQ(fromPem.publicKey, pub);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(fromPem.seed.data()), fromPem.seed.size()),
            seed);
  EXPECT_EQ(loadEd25519PrivateKey(escaped(keys::kEd25519Pkcs8), "secret").publicKey, pub);
  // Coinbase CDP: base64(seed || public); also a bare 32-byte seed.
  EXPECT_EQ(loadEd25519PrivateKey(" " + base64Encode(seed + pub) + "\n", "secret").publicKey, pub);
  EXPECT_EQ(loadEd25519PrivateKey(base64Encode(seed), "secret").publicKey, pub);
}

TEST(CryptoKeys, Ed25519RejectsWrongSizesMismatchAndOtherKeys) {
  const auto seed = hexDecode(keys::kEd25519SeedHex).value();
  std::string wrongPub(32, 'x');
  EXPECT_EQ(badCredentials([&] { loadEd25519PrivateKey(base64Encode(seed + wrongPub), "secret"); }),
            "secret: Ed25519 public half does not match the private seed");
  EXPECT_EQ(
      badCredentials([&] { loadEd25519PrivateKey(base64Encode(seed.substr(0, 31)), "secret"); }),
      "secret: Ed25519 secret must be base64 of 32 or 64 bytes, got 31");
  EXPECT_EQ(badCredentials([] { loadEd25519PrivateKey("%%%", "secret"); }),
            "secret: not valid base64");
  EXPECT_EQ(badCredentials([] { loadEd25519PrivateKey(keys::kEcP256Pkcs8, "secret"); }),
            "secret: PEM does not contain an Ed25519 private key");
}

TEST(CryptoKeys, RsaFromPkcs8AndPkcs1WithSize) {
  const auto a = loadRsaPrivateKey(keys::kRsa2048Pkcs8, "secret");
  const auto b = loadRsaPrivateKey(crlf(keys::kRsa2048Pkcs1), "secret");
  EXPECT_EQ(rsaModulusBits(a), 2048u);
  EXPECT_EQ(a.GetModulus(), b.GetModulus());
  EXPECT_EQ(rsaModulusBits(loadRsaPrivateKey(keys::kRsa1024Pkcs8, "secret")), 1024u);
  EXPECT_EQ(badCredentials([] { loadRsaPrivateKey(keys::kEd25519Pkcs8, "secret"); }),
            "secret: PEM does not contain an RSA private key");
  EXPECT_EQ(badCredentials([] {
              loadRsaPrivateKey(
                  "-----BEGIN RSA PRIVATE KEY-----\nMAMCAQE=\n-----END RSA PRIVATE KEY-----",
                  "secret");
            }),
            "secret: RSA private key is malformed");
}
