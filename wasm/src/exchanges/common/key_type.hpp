// Which kind of key a credential is: the caller's credentials.keyType when given,
// else what the secret's PEM armor says (label and PKCS#8 OID).
#pragma once

#include <optional>

#include "crypto/keys.hpp"
#include "exchanges/exchange.hpp"

namespace kf::exchanges::request {

// nullopt when neither tells (a plain string secret: the exchange decides). A
// declared type that contradicts the PEM fails with BadCredentials("keyType: ...").
std::optional<crypto::KeyType> declaredOrPemKeyType(const Credentials& credentials);

}  // namespace kf::exchanges::request
