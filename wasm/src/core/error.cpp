#include "core/error.hpp"

namespace kf {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Auth: return "auth";
    case ErrorKind::Permission: return "permission";
    case ErrorKind::ClockSkew: return "clock_skew";
    case ErrorKind::Nonce: return "nonce";
    case ErrorKind::RateLimit: return "rate_limit";
    case ErrorKind::Unavailable: return "unavailable";
    case ErrorKind::BadRequest: return "bad_request";
    case ErrorKind::Malformed: return "malformed";
    case ErrorKind::InvalidInput: return "invalid_input";
    case ErrorKind::BadCredentials: return "bad_credentials";
    case ErrorKind::Unsupported: return "unsupported";
    case ErrorKind::Overflow: return "overflow";
    case ErrorKind::Crypto: return "crypto";
    case ErrorKind::WrongPassphrase: return "wrong_passphrase";
    case ErrorKind::Internal: return "internal";
  }
  return "internal";
}

}  // namespace kf
