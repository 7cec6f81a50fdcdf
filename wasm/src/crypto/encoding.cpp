#include "crypto/encoding.hpp"

#include <cryptopp/base64.h>
#include <cryptopp/filters.h>
#include <cryptopp/hex.h>

#include "core/error.hpp"

namespace kf::crypto {

namespace {

template <class Encoder>
std::string encodeWith(std::string_view bytes, Encoder* encoder) {
  std::string out;
  encoder->Attach(new CryptoPP::StringSink(out));  // the filter owns its sink
  encoder->Put(reinterpret_cast<const CryptoPP::byte*>(bytes.data()), bytes.size());
  encoder->MessageEnd();
  return out;
}

template <class Decoder>
std::string decodeWith(std::string_view text) {
  std::string out;
  CryptoPP::StringSource(reinterpret_cast<const CryptoPP::byte*>(text.data()), text.size(), true,
                         new Decoder(new CryptoPP::StringSink(out)));
  return out;
}

}  // namespace

std::string base64Encode(std::string_view bytes) {
  CryptoPP::Base64Encoder encoder(nullptr, /*insertLineBreaks=*/false);
  return encodeWith(bytes, &encoder);
}

std::string base64UrlEncode(std::string_view bytes) {
  CryptoPP::Base64URLEncoder encoder(nullptr, /*insertLineBreaks=*/false);
  return encodeWith(bytes, &encoder);  // Crypto++ writes base64url without padding
}

std::string hexEncode(std::string_view bytes) {
  CryptoPP::HexEncoder encoder(nullptr, /*uppercase=*/false);
  return encodeWith(bytes, &encoder);
}

std::optional<std::string> base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string bytes = decodeWith<CryptoPP::Base64Decoder>(text);
  // Re-encoding catches skipped characters, misplaced '=' and non-zero pad bits at once.
  if (base64Encode(bytes) != text) return std::nullopt;
  return bytes;
}

std::optional<std::string> base64UrlDecode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;
  std::string bytes = decodeWith<CryptoPP::Base64URLDecoder>(text);
  if (base64UrlEncode(bytes) != text) return std::nullopt;
  return bytes;
}

std::optional<std::string> hexDecode(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  for (char c : text) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!ok) return std::nullopt;
  }
  return decodeWith<CryptoPP::HexDecoder>(text);
}

std::string base64DecodeField(std::string_view text, std::string_view field) {
  auto bytes = base64Decode(text);
  if (!bytes) throw CoreError(ErrorKind::BadCredentials, std::string(field) + ": not valid base64");
  return *std::move(bytes);
}

std::string percentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0F]);
    }
  }
  return out;
}

}  // namespace kf::crypto
