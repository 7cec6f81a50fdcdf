#include "crypto/hashes.hpp"

#include <cryptopp/hmac.h>
#include <cryptopp/sha.h>

namespace kf::crypto {

namespace {

const CryptoPP::byte* bytesOf(std::string_view s) {
  return reinterpret_cast<const CryptoPP::byte*>(s.data());
}

template <class Hash>
std::string digest(std::string_view data) {
  Hash hash;
  std::string out(Hash::DIGESTSIZE, '\0');
  hash.CalculateDigest(reinterpret_cast<CryptoPP::byte*>(out.data()), bytesOf(data), data.size());
  return out;
}

template <class Hash>
std::string hmac(std::string_view key, std::string_view data) {
  CryptoPP::HMAC<Hash> mac(bytesOf(key), key.size());
  std::string out(Hash::DIGESTSIZE, '\0');
  mac.CalculateDigest(reinterpret_cast<CryptoPP::byte*>(out.data()), bytesOf(data), data.size());
  return out;
}

}  // namespace

std::string sha256(std::string_view data) {
  return digest<CryptoPP::SHA256>(data);
}
std::string sha512(std::string_view data) {
  return digest<CryptoPP::SHA512>(data);
}
std::string hmacSha256(std::string_view key, std::string_view data) {
  return hmac<CryptoPP::SHA256>(key, data);
}
std::string hmacSha512(std::string_view key, std::string_view data) {
  return hmac<CryptoPP::SHA512>(key, data);
}

}  // namespace kf::crypto
