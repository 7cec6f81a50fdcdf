// The table-driven encoders of crypto/encoding.hpp against Crypto++'s own encoders and
// decoders on random bytes, and the strictness of the decoders (only the canonical text
// of some bytes decodes).
#include <gtest/gtest.h>

#include <cryptopp/base64.h>
#include <cryptopp/filters.h>
#include <cryptopp/hex.h>

#include <random>

#include "crypto/encoding.hpp"

using namespace kf::crypto;

namespace {

template <class Encoder>
std::string cryptopp(const std::string& bytes, Encoder encoder) {
  std::string out;
  encoder.Attach(new CryptoPP::StringSink(out));  // the filter owns its sink
  encoder.Put(reinterpret_cast<const CryptoPP::byte*>(bytes.data()), bytes.size());
  encoder.MessageEnd();
  return out;
}

}  // namespace

TEST(FastEncoding, SameTextAsCryptoppOnRandomBytes) {
  std::mt19937 rng(7);
  for (size_t n = 0; n < 300; ++n) {
    std::string bytes(n % 97, '\0');
    for (auto& b : bytes) b = static_cast<char>(rng());
    const auto b64 = cryptopp(bytes, CryptoPP::Base64Encoder(nullptr, false));
    const auto url = cryptopp(bytes, CryptoPP::Base64URLEncoder(nullptr, false));
    const auto hex = cryptopp(bytes, CryptoPP::HexEncoder(nullptr, false));
    ASSERT_EQ(base64Encode(bytes), b64);
    ASSERT_EQ(base64UrlEncode(bytes), url);
    ASSERT_EQ(hexEncode(bytes), hex);
    ASSERT_EQ(base64Decode(b64), bytes);
    ASSERT_EQ(base64UrlDecode(url), bytes);
    ASSERT_EQ(hexDecode(hex), bytes);
  }
}

TEST(FastEncoding, DecodersAcceptOnlyCanonicalText) {
  // Every short text over a small alphabet: a decoder may accept it only if re-encoding
  // the bytes gives the text back (standard) or the unpadded text (url).
  const std::string alphabet = "AQBg=_-/+ \n";
  std::vector<std::string> texts = {""};
  for (int len = 1; len <= 4; ++len) {
    std::vector<std::string> longer;
    for (const auto& t : texts)
      if (t.size() == static_cast<size_t>(len - 1))
        for (char c : alphabet) longer.push_back(t + c);
    texts.insert(texts.end(), longer.begin(), longer.end());
  }
  size_t accepted = 0;
  for (const auto& t : texts) {
    if (const auto bytes = base64Decode(t)) {
      EXPECT_EQ(base64Encode(*bytes), t);
      ++accepted;
    }
    if (const auto bytes = base64UrlDecode(t)) {
      std::string unpadded = t;
      while (!unpadded.empty() && unpadded.back() == '=') unpadded.pop_back();
      EXPECT_EQ(base64UrlEncode(*bytes), unpadded);
    }
  }
  EXPECT_GT(accepted, 10u);
  EXPECT_FALSE(base64Decode("QQ="));     // length not a multiple of 4
  EXPECT_FALSE(base64Decode("QR=="));    // non-zero pad bits
  EXPECT_FALSE(base64Decode("Q==="));    // too much padding
  EXPECT_FALSE(base64Decode("QQ=A"));    // '=' inside
  EXPECT_FALSE(base64Decode("QUJD\n"));  // whitespace
  EXPECT_EQ(base64Decode("QUI="), "AB");
  EXPECT_FALSE(hexDecode("0g"));
  EXPECT_EQ(hexDecode("0aFF"), std::string("\x0a\xff", 2));
}
