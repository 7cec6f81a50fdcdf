#include "exchanges/common/key_type.hpp"

#include <string>

#include "core/error.hpp"

namespace kf::exchanges::request {

std::optional<crypto::KeyType> declaredOrPemKeyType(const Credentials& credentials) {
  const auto detected = crypto::detectPemKeyType(credentials.secret, "secret");
  if (credentials.keyType.empty()) return detected;
  const auto declared = crypto::keyTypeFromString(credentials.keyType, "keyType");
  if (detected && *detected != declared)
    throw CoreError(ErrorKind::BadCredentials, "keyType: '" + credentials.keyType +
                                                   "' does not match the secret, which is a " +
                                                   std::string(crypto::to_string(*detected)) +
                                                   " private key");
  if (!detected && (declared == crypto::KeyType::Rsa || declared == crypto::KeyType::Ecdsa))
    throw CoreError(ErrorKind::BadCredentials,
                    "secret: a " + credentials.keyType +
                        " key must be pasted as PEM (-----BEGIN ... PRIVATE KEY-----)");
  return declared;
}

}  // namespace kf::exchanges::request
