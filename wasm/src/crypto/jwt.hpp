// Compact JWS (RFC 7515) / JWT: base64url(header) "." base64url(claims) "." base64url(sig).
// Header and claims are serialised compactly with keys in lexicographic order.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "crypto/keys.hpp"

namespace kf::crypto {

// `header` gets "alg" set; any other fields (typ, kid, nonce) are the caller's.
std::string jwtHs256(nlohmann::json header, const nlohmann::json& claims, std::string_view secret);
std::string jwtEs256(nlohmann::json header, const nlohmann::json& claims,
                     const EcdsaP256PrivateKey& key);
std::string jwtEdDsa(nlohmann::json header, const nlohmann::json& claims,
                     const Ed25519PrivateKey& key);

}  // namespace kf::crypto
