#include "crypto/jwt.hpp"

#include "crypto/encoding.hpp"
#include "crypto/hashes.hpp"
#include "crypto/signers.hpp"

namespace kf::crypto {

namespace {

std::string signingInput(nlohmann::json& header, std::string_view alg,
                         const nlohmann::json& claims) {
  header["alg"] = alg;
  // `replace` keeps invalid UTF-8 in a caller's value from throwing mid-signing.
  const auto compact = [](const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  return base64UrlEncode(compact(header)) + "." + base64UrlEncode(compact(claims));
}

}  // namespace

std::string jwtHs256(nlohmann::json header, const nlohmann::json& claims, std::string_view secret) {
  const std::string input = signingInput(header, "HS256", claims);
  return input + "." + base64UrlEncode(hmacSha256(secret, input));
}

std::string jwtEs256(nlohmann::json header, const nlohmann::json& claims,
                     const EcdsaP256PrivateKey& key) {
  const std::string input = signingInput(header, "ES256", claims);
  return input + "." + base64UrlEncode(signEs256(key, input));
}

std::string jwtEdDsa(nlohmann::json header, const nlohmann::json& claims,
                     const Ed25519PrivateKey& key) {
  const std::string input = signingInput(header, "EdDSA", claims);
  return input + "." + base64UrlEncode(signEd25519(key, input));
}

}  // namespace kf::crypto
