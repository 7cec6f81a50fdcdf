// Private keys from the forms exchanges hand out, loaded into Crypto++ objects:
//  - ECDSA P-256: PEM, SEC1 "EC PRIVATE KEY" or PKCS#8 "PRIVATE KEY" (Coinbase CDP)
//  - Ed25519: PKCS#8 PEM (Binance), or base64 of seed||public (64 bytes, Coinbase CDP) or seed (32)
//  - RSA: PKCS#8 "PRIVATE KEY" (Binance) or PKCS#1 "RSA PRIVATE KEY" PEM
// Every failure is CoreError(BadCredentials) naming the field, never a Crypto++ exception.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <cryptopp/eccrypto.h>
#include <cryptopp/ecp.h>
#include <cryptopp/rsa.h>
#include <cryptopp/secblock.h>

namespace kf::crypto {

enum class KeyType { Hmac, Ed25519, Rsa, Ecdsa };

std::string_view to_string(KeyType type);  // "hmac" | "ed25519" | "rsa" | "ecdsa"
// Throws CoreError(BadCredentials, "<field>: unknown key type ..."), repeating `name`
// only when it is shaped like one (not a secret pasted into the wrong field).
KeyType keyTypeFromString(std::string_view name, std::string_view field);

// The type of a PEM secret, from its label and, for PKCS#8, the algorithm OID;
// nullopt when the secret has no PEM armor (the exchange decides what it is then).
std::optional<KeyType> detectPemKeyType(std::string_view secret, std::string_view field);

struct Ed25519PrivateKey {
  CryptoPP::SecByteBlock seed;  // 32 bytes (RFC 8032 private key)
  std::string publicKey;        // 32 bytes, derived from the seed
};
using EcdsaP256PrivateKey = CryptoPP::DL_PrivateKey_EC<CryptoPP::ECP>;
using RsaPrivateKey = CryptoPP::InvertibleRSAFunction;

Ed25519PrivateKey ed25519FromSeed(std::string_view seed32);  // seed must be 32 bytes
Ed25519PrivateKey loadEd25519PrivateKey(std::string_view secret, std::string_view field);
EcdsaP256PrivateKey loadEcdsaP256PrivateKey(std::string_view secret, std::string_view field);
RsaPrivateKey loadRsaPrivateKey(std::string_view secret, std::string_view field);

unsigned rsaModulusBits(const RsaPrivateKey& key);

}  // namespace kf::crypto
