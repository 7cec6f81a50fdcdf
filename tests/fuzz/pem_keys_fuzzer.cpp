// libFuzzer target: PEM armor, PKCS#8 / SEC1 / PKCS#1 private keys, raw Ed25519 secrets
// and the strict text encodings they travel in. Byte 0 picks how the rest is presented,
// so the fuzzer can mutate DER directly instead of through base64:
//   0: the text as pasted          1: DER inside "PRIVATE KEY" armor
//   2: DER as "EC PRIVATE KEY"     3: DER as "RSA PRIVATE KEY"
//   4: base64 of the bytes (raw Ed25519 seed or seed||public)
// Invariants: every failure is CoreError(BadCredentials) naming the field; a key that
// loads signs a message whose signature verifies under its own public key; the strict
// decoders only accept canonical text (decode then encode gives the input back).
#include <cryptopp/eccrypto.h>
#include <cryptopp/oids.h>
#include <cryptopp/osrng.h>
#include <cryptopp/rsa.h>
#include <cryptopp/sha.h>
#include <cryptopp/xed25519.h>

#include "crypto/encoding.hpp"
#include "crypto/keys.hpp"
#include "crypto/pem.hpp"
#include "crypto/signers.hpp"
#include "fuzz_common.hpp"

namespace {

using kf::ErrorKind;
using kf::fuzz::check;
namespace crypto = kf::crypto;

constexpr std::string_view kField = "secret";
constexpr std::string_view kMessage = "GET/api/v3/account?timestamp=1700000000000";

const CryptoPP::byte* bytesOf(std::string_view s) {
  return reinterpret_cast<const CryptoPP::byte*>(s.data());
}

// Only BadCredentials, and the message says which field is wrong.
template <class F>
bool credentialsCall(F&& f) {
  try {
    f();
    return true;
  } catch (const kf::CoreError& e) {
    check(e.kind() == ErrorKind::BadCredentials, "key parsing threw a non-BadCredentials error",
          std::string(to_string(e.kind())) + ": " + e.what());
    check(std::string_view(e.what()).substr(0, kField.size() + 2) == "secret: ",
          "error does not name the field", e.what());
    return false;
  } catch (const std::exception& e) {
    kf::fuzz::die("key parsing let a non-CoreError escape", e.what());
  }
}

std::string armor(std::string_view label, std::string_view der) {
  return "-----BEGIN " + std::string(label) + "-----\n" + crypto::base64Encode(der) +
         "\n-----END " + std::string(label) + "-----\n";
}

void checkEncodings(std::string_view s) {
  if (const auto raw = crypto::base64Decode(s))
    check(crypto::base64Encode(*raw) == s, "base64Decode accepted non-canonical text",
          std::string(s));
  if (const auto raw = crypto::base64UrlDecode(s)) {
    const auto again = crypto::base64UrlEncode(*raw);
    check(again == s || again == s.substr(0, s.find('=')),
          "base64UrlDecode accepted non-canonical text", std::string(s));
  }
  if (const auto raw = crypto::hexDecode(s)) {
    std::string lower(s);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    check(crypto::hexEncode(*raw) == lower, "hexDecode accepted non-hex text", std::string(s));
  }
  const auto enc = crypto::base64Encode(s);
  check(crypto::base64Decode(enc) == std::string(s), "base64 does not round-trip");
  check(crypto::base64UrlDecode(crypto::base64UrlEncode(s)) == std::string(s),
        "base64url does not round-trip");
  check(crypto::hexDecode(crypto::hexEncode(s)) == std::string(s), "hex does not round-trip");
}

void checkKeys(const std::string& secret) {
  (void)crypto::hasPemArmor(secret);
  crypto::Pem pem;
  if (credentialsCall([&] { pem = crypto::parsePrivateKeyPem(secret, kField); }))
    check(pem.label == "PRIVATE KEY" || pem.label == "EC PRIVATE KEY" ||
              pem.label == "RSA PRIVATE KEY",
          "PEM of another label accepted", pem.label);
  credentialsCall([&] { (void)crypto::detectPemKeyType(secret, kField); });

  crypto::Ed25519PrivateKey ed;
  if (credentialsCall([&] { ed = crypto::loadEd25519PrivateKey(secret, kField); })) {
    const auto sig = crypto::signEd25519(ed, kMessage);
    CryptoPP::ed25519Verifier verifier(bytesOf(ed.publicKey));
    check(sig.size() == 64 &&
              verifier.VerifyMessage(bytesOf(kMessage), kMessage.size(), bytesOf(sig), sig.size()),
          "Ed25519 signature of a loaded key does not verify");
  }

  crypto::EcdsaP256PrivateKey ec;
  if (credentialsCall([&] { ec = crypto::loadEcdsaP256PrivateKey(secret, kField); })) {
    const auto sig = crypto::signEs256(ec, kMessage);
    CryptoPP::ECDSA<CryptoPP::ECP, CryptoPP::SHA256>::PublicKey pub;
    ec.MakePublicKey(pub);
    CryptoPP::ECDSA<CryptoPP::ECP, CryptoPP::SHA256>::Verifier verifier(pub);
    check(sig.size() == 64 &&
              verifier.VerifyMessage(bytesOf(kMessage), kMessage.size(), bytesOf(sig), sig.size()),
          "ES256 signature of a loaded key does not verify");
  }

  crypto::RsaPrivateKey rsa;
  if (credentialsCall([&] { rsa = crypto::loadRsaPrivateKey(secret, kField); })) {
    // A fuzzed key may be huge but consistent; keep one signature per input affordable.
    if (crypto::rsaModulusBits(rsa) > 4096) return;
    const auto sig = crypto::signRsaSha256(rsa, kMessage);
    const CryptoPP::RSAFunction pub(rsa);
    CryptoPP::RSASS<CryptoPP::PKCS1v15, CryptoPP::SHA256>::Verifier verifier(pub);
    check(verifier.VerifyMessage(bytesOf(kMessage), kMessage.size(), bytesOf(sig), sig.size()),
          "RSA signature of a loaded key does not verify");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > 16384) return 0;
  const std::string_view rest = kf::fuzz::text(data + 1, size - 1);
  std::string secret;
  switch (data[0] % 5) {
    case 0:
      secret = std::string(rest);
      break;
    case 1:
      secret = armor("PRIVATE KEY", rest);
      break;
    case 2:
      secret = armor("EC PRIVATE KEY", rest);
      break;
    case 3:
      secret = armor("RSA PRIVATE KEY", rest);
      break;
    default:
      secret = crypto::base64Encode(rest);
      break;
  }
  checkEncodings(rest);
  checkKeys(secret);
  return 0;
}
