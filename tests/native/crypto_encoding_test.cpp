#include <gtest/gtest.h>

#include "core/error.hpp"
#include "crypto/encoding.hpp"

using namespace kf::crypto;

TEST(CryptoEncoding, Base64RoundTripsAndRfc4648Vectors) {
  EXPECT_EQ(base64Encode(""), "");
  EXPECT_EQ(base64Encode("f"), "Zg==");
  EXPECT_EQ(base64Encode("fo"), "Zm8=");
  EXPECT_EQ(base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64Decode("Zm9vYg==").value(), "foob");
  const std::string binary("\x00\xff\xfe\x10 \x7f", 6);
  EXPECT_EQ(base64Decode(base64Encode(binary)).value(), binary);
}

TEST(CryptoEncoding, Base64RejectsNonCanonicalText) {
  EXPECT_FALSE(base64Decode("Zm9vYg="));    // short padding
  EXPECT_FALSE(base64Decode("Zm9v Yg=="));  // space
  EXPECT_FALSE(base64Decode("Zm9vYh=="));   // non-zero pad bits
  EXPECT_FALSE(base64Decode("Zm=9vYg="));   // '=' inside
  EXPECT_FALSE(base64Decode("Zm9v*g=="));   // outside the alphabet
  EXPECT_FALSE(base64Decode("Zm9vYg"));     // unpadded
}

TEST(CryptoEncoding, Base64UrlIsUnpaddedAndUsesUrlAlphabet) {
  EXPECT_EQ(base64UrlEncode("\xfb\xff"), "-_8");
  EXPECT_EQ(base64UrlEncode("f"), "Zg");
  EXPECT_EQ(base64UrlDecode("-_8").value(), "\xfb\xff");
  EXPECT_EQ(base64UrlDecode("Zg==").value(), "f");
  EXPECT_FALSE(base64UrlDecode("+/8"));
  EXPECT_FALSE(base64UrlDecode("Z"));
}

TEST(CryptoEncoding, HexLowercaseOutAnyCaseIn) {
  EXPECT_EQ(hexEncode("\x01\xab\xff"), "01abff");
  EXPECT_EQ(hexDecode("01ABff").value(), "\x01\xab\xff");
  EXPECT_FALSE(hexDecode("abc"));
  EXPECT_FALSE(hexDecode("zz"));
}

TEST(CryptoEncoding, PercentEncodingKeepsOnlyUnreserved) {
  EXPECT_EQ(percentEncode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(percentEncode("a+b/c=d e&f"), "a%2Bb%2Fc%3Dd%20e%26f");
  // Binance B-2: the full-width digits are sent as percent-encoded UTF-8.
  EXPECT_EQ(percentEncode("１２３４５６"),
            "%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96");
  EXPECT_EQ(percentEncode("[\"BTCUSDT\"]"), "%5B%22BTCUSDT%22%5D");
}

TEST(CryptoEncoding, FieldDecoderNamesTheField) {
  try {
    base64DecodeField("not base64!", "secret");
    FAIL() << "expected a CoreError";
  } catch (const kf::CoreError& e) {
    EXPECT_EQ(e.kind(), kf::ErrorKind::BadCredentials);
    EXPECT_EQ(std::string(e.what()), "secret: not valid base64");
  }
}
