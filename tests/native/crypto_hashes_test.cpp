#include <gtest/gtest.h>

#include "crypto/encoding.hpp"
#include "crypto/hashes.hpp"
#include "crypto/random.hpp"

using namespace kf::crypto;

TEST(CryptoHashes, Sha2KnownAnswers) {
  EXPECT_EQ(hexEncode(sha256("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(hexEncode(sha256("cheese")),
            "873ac9ffea4dd04fa719e8920cd6938f0c23cd678af330939cff53c3d2855f34");
  EXPECT_EQ(hexEncode(sha512("abc")),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

TEST(CryptoHashes, HmacCcxtVector) {
  // Reference §11, C-P1.
  EXPECT_EQ(hexEncode(hmacSha256("there", "hello")),
            "551e1c1ecbce0fe9b643745a376584a6289f5f43a46861b315fac9edc8d52a26");
}

TEST(CryptoHashes, HmacSha512Rfc4231Case2) {
  EXPECT_EQ(hexEncode(hmacSha512("Jefe", "what do ya want for nothing?")),
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
            "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
}

struct BinanceVector {
  const char* payload;
  const char* signature;
};

TEST(CryptoHashes, BinanceOfficialHmacVectors) {
  const std::string secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
  const BinanceVector vectors[] = {
      {"symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&"
       "timestamp=1499827319559",
       "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"},  // B-1
      {"symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT&"
       "timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559",
       "e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3"},  // B-2
      {"apiKey=vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A&price=52000.00&"
       "quantity=0.01000000&recvWindow=100&side=SELL&symbol=BTCUSDT&timeInForce=GTC&"
       "timestamp=1645423376532&type=LIMIT",
       "aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24"},  // B-3
      {"apiKey=vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A&price=0.10000000&"
       "quantity=1.00000000&recvWindow=5000&side=BUY&symbol=１２３４５６&timeInForce=GTC&"
       "timestamp=1645423376532&type=LIMIT",
       "b33892ae8e687c939f4468c6268ddd4c40ac1af18ad19a064864c47bae0752cd"},  // B-4
  };
  for (const auto& v : vectors) EXPECT_EQ(hexEncode(hmacSha256(secret, v.payload)), v.signature);
}

TEST(CryptoHashes, KrakenOfficialApiSign) {
  // Reference §2.2 (KR-1): base64(HMAC-SHA512(b64decode(secret), path + SHA256(nonce + postdata))).
  const auto key = base64Decode(
      "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==");
  ASSERT_TRUE(key);
  const std::string post =
      "nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25";
  const std::string sign =
      base64Encode(hmacSha512(*key, "/0/private/AddOrder" + sha256("1616492376594" + post)));
  EXPECT_EQ(
      sign,
      "4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==");
}

TEST(CryptoRandom, ProducesRequestedLengthsAndDiffers) {
  EXPECT_EQ(randomBytes(0).size(), 0u);
  EXPECT_EQ(randomBytes(33).size(), 33u);
  const auto a = randomHex(16);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_TRUE(hexDecode(a));
  EXPECT_NE(a, randomHex(16));  // 2^-128 chance of a false failure
}
