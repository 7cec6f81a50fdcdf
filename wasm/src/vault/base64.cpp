#include "vault/base64.hpp"

#include <cryptopp/base64.h>

namespace kf::vault {

namespace {
// Runs `filter` over `in` and collects everything it produced (no owning raw
// pointers: the filter has no attached sink, its output is read back).
std::string runFilter(CryptoPP::BufferedTransformation& filter, std::string_view in) {
  filter.Put(reinterpret_cast<const CryptoPP::byte*>(in.data()), in.size());
  filter.MessageEnd();
  std::string out(static_cast<size_t>(filter.MaxRetrievable()), '\0');
  if (!out.empty()) filter.Get(reinterpret_cast<CryptoPP::byte*>(&out[0]), out.size());
  return out;
}
}  // namespace

std::string base64Encode(std::string_view bytes) {
  CryptoPP::Base64Encoder encoder(nullptr, /*insertLineBreaks=*/false);
  return runFilter(encoder, bytes);
}

std::optional<std::string> base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  CryptoPP::Base64Decoder decoder;
  std::string decoded = runFilter(decoder, text);
  if (base64Encode(decoded) != text) return std::nullopt;
  return decoded;
}

}  // namespace kf::vault
