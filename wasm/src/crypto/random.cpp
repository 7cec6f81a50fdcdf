#include "crypto/random.hpp"

#include <cryptopp/osrng.h>

#include "crypto/encoding.hpp"

namespace kf::crypto {

std::string randomBytes(std::size_t count) {
  // A fresh pool per call: it is cheap next to the network request it serves, and
  // nothing global needs locking.
  CryptoPP::AutoSeededRandomPool rng;
  std::string out(count, '\0');
  rng.GenerateBlock(reinterpret_cast<CryptoPP::byte*>(out.data()), out.size());
  return out;
}

std::string randomHex(std::size_t byteCount) {
  return hexEncode(randomBytes(byteCount));
}

}  // namespace kf::crypto
