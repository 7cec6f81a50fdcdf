// Signatures over raw message bytes. All three are deterministic, so requests
// built from the same inputs are byte-identical (testable against fixed vectors).
#pragma once

#include <string>
#include <string_view>

#include "crypto/keys.hpp"

namespace kf::crypto {

// RFC 8032 Ed25519 (pure, no pre-hash): 64 bytes.
std::string signEd25519(const Ed25519PrivateKey& key, std::string_view message);

// ECDSA P-256 with SHA-256, nonce by RFC 6979; IEEE P1363 r||s, 64 bytes (what JWS ES256 wants).
std::string signEs256(const EcdsaP256PrivateKey& key, std::string_view message);

// RSASSA-PKCS1-v1_5 with SHA-256: modulus-sized.
std::string signRsaSha256(const RsaPrivateKey& key, std::string_view message);

}  // namespace kf::crypto
