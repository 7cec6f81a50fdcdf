// Errors of the core. Every failure the core can report is a CoreError with a
// kind from a closed list; the API layer turns it into
// {"ok":false,"error":{"kind","message","retryAfterMs"}} so nothing throws across the boundary.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kf {

enum class ErrorKind {
  // Answers from an exchange (parseResponse).
  Auth,         // key rejected, signature invalid
  Permission,   // key lacks a permission for this call
  ClockSkew,    // timestamp outside the exchange's window
  Nonce,        // nonce not increasing
  RateLimit,    // 429/418, exchange rate limiter
  Unavailable,  // 5xx, maintenance
  BadRequest,   // exchange refused the parameters
  Malformed,    // response we cannot understand
  // Caller errors and local failures.
  InvalidInput,    // bad JSON or a missing/invalid field in a call to the core
  BadCredentials,  // a secret or key that does not parse
  Unsupported,     // exchange or operation not supported
  Overflow,        // exact arithmetic out of range
  Crypto,          // decryption/authentication failure
  WrongPassphrase,
  Internal,
};

std::string_view to_string(ErrorKind kind);

class CoreError : public std::runtime_error {
 public:
  CoreError(ErrorKind kind, const std::string& message,
            std::optional<int64_t> retryAfterMs = std::nullopt)
      : std::runtime_error(message), kind_(kind), retryAfterMs_(retryAfterMs) {}

  ErrorKind kind() const { return kind_; }
  std::optional<int64_t> retryAfterMs() const { return retryAfterMs_; }

 private:
  ErrorKind kind_;
  std::optional<int64_t> retryAfterMs_;
};

}  // namespace kf
