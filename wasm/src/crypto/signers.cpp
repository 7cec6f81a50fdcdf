#include "crypto/signers.hpp"

#include <cryptopp/eccrypto.h>
#include <cryptopp/osrng.h>
#include <cryptopp/rsa.h>
#include <cryptopp/sha.h>
#include <cryptopp/xed25519.h>

#include "core/error.hpp"

namespace kf::crypto {

namespace {

const CryptoPP::byte* bytesOf(std::string_view s) {
  return reinterpret_cast<const CryptoPP::byte*>(s.data());
}

std::string signWith(const CryptoPP::PK_Signer& signer, CryptoPP::RandomNumberGenerator& rng,
                     std::string_view message) {
  std::string signature(signer.MaxSignatureLength(), '\0');
  try {
    const size_t n = signer.SignMessage(rng, bytesOf(message), message.size(),
                                        reinterpret_cast<CryptoPP::byte*>(signature.data()));
    signature.resize(n);
  } catch (const CryptoPP::Exception& e) {
    throw CoreError(ErrorKind::Crypto, std::string("signing failed: ") + e.what());
  }
  return signature;
}

}  // namespace

std::string signEd25519(const Ed25519PrivateKey& key, std::string_view message) {
  const CryptoPP::ed25519Signer signer(key.seed.data());
  // Ed25519 derives its nonce from the key and message; no randomness is consumed.
  return signWith(signer, CryptoPP::NullRNG(), message);
}

std::string signEs256(const EcdsaP256PrivateKey& key, std::string_view message) {
  const CryptoPP::ECDSA_RFC6979<CryptoPP::ECP, CryptoPP::SHA256>::Signer signer(key);
  return signWith(signer, CryptoPP::NullRNG(), message);
}

std::string signRsaSha256(const RsaPrivateKey& key, std::string_view message) {
  const CryptoPP::RSASS<CryptoPP::PKCS1v15, CryptoPP::SHA256>::Signer signer(key);
  // Randomness only blinds the private-key operation; the signature itself is deterministic.
  CryptoPP::AutoSeededRandomPool rng;
  return signWith(signer, rng, message);
}

}  // namespace kf::crypto
