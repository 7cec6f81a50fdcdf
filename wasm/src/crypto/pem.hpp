// PEM armor as people paste it: with CRLF or stray spaces, as the one-line
// form with literal "\n" escapes (JSON key files, .env files), with surrounding
// quotes, or behind an "EC PARAMETERS" block. Errors name the credential field.
#pragma once

#include <string>
#include <string_view>

#include "crypto/secret_bytes.hpp"

namespace kf::crypto {

struct Pem {
  std::string label;  // "PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY"
  SecretBytes der;    // the decoded body: the private key itself
};

// True when the text carries a "-----BEGIN " line (escaped or not).
bool hasPemArmor(std::string_view text);

// The first private-key block. Throws CoreError(BadCredentials, "<field>: ...") for
// missing or broken armor, encrypted or public keys and bad base64.
Pem parsePrivateKeyPem(std::string_view text, std::string_view field);

}  // namespace kf::crypto
