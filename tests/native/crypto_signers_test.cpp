#include <gtest/gtest.h>

#include <cryptopp/eccrypto.h>
#include <cryptopp/oids.h>
#include <cryptopp/rsa.h>
#include <cryptopp/sha.h>
#include <cryptopp/xed25519.h>

#include "crypto/encoding.hpp"
#include "crypto/jwt.hpp"
#include "crypto/keys.hpp"
#include "crypto/signers.hpp"
#include "signing_test_keys.hpp"

using namespace kf::crypto;
namespace keys = kf::testkeys;

namespace {

const CryptoPP::byte* bytesOf(std::string_view s) {
  return reinterpret_cast<const CryptoPP::byte*>(s.data());
}

bool verifyEd25519(std::string_view publicKey, std::string_view message, std::string_view sig) {
  const CryptoPP::ed25519Verifier verifier(bytesOf(publicKey));
  return verifier.VerifyMessage(bytesOf(message), message.size(), bytesOf(sig), sig.size());
}

bool verifyEs256(const EcdsaP256PrivateKey& key, std::string_view message, std::string_view sig) {
  CryptoPP::ECDSA<CryptoPP::ECP, CryptoPP::SHA256>::PublicKey pub;
  key.MakePublicKey(pub);
  const CryptoPP::ECDSA<CryptoPP::ECP, CryptoPP::SHA256>::Verifier verifier(pub);
  return verifier.VerifyMessage(bytesOf(message), message.size(), bytesOf(sig), sig.size());
}

bool verifyRsa(const RsaPrivateKey& key, std::string_view message, std::string_view sig) {
  const CryptoPP::RSA::PublicKey pub(key);
  const CryptoPP::RSASS<CryptoPP::PKCS1v15, CryptoPP::SHA256>::Verifier verifier(pub);
  return verifier.VerifyMessage(bytesOf(message), message.size(), bytesOf(sig), sig.size());
}

EcdsaP256PrivateKey p256FromHex(const char* hex) {
  EcdsaP256PrivateKey key;
  key.Initialize(CryptoPP::ASN1::secp256r1(), CryptoPP::Integer(hex));
  return key;
}

std::string seedOf(const char* hex) {
  return hexDecode(hex).value();
}

}  // namespace

TEST(CryptoSigners, Ed25519Rfc8032Vectors) {
  struct V {
    const char *seed, *pub, *msg, *sig;
  };
  const V vectors[] = {
      {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
       "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
       "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf"
       "9b"
       "46bd25bf5f0595bbe24655141438e7a100b"},
      {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
       "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
       "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f"
       "11"
       "d8c387b2eaeb4302aeeb00d291612bb0c00"},
      {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
       "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
       "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984"
       "dc"
       "6594a7c15e9716ed28dc027beceea1ec40a"},
  };
  for (const auto& v : vectors) {
    const auto key = ed25519FromSeed(seedOf(v.seed));
    EXPECT_EQ(hexEncode(key.publicKey), v.pub);
    const auto msg = hexDecode(v.msg).value();
    const auto sig = signEd25519(key, msg);
    EXPECT_EQ(hexEncode(sig), v.sig);
    EXPECT_TRUE(verifyEd25519(key.publicKey, msg, sig));
  }
}

TEST(CryptoSigners, Ed25519CoinbaseFormOfRfc8032Test1) {
  // Coinbase hands out base64(seed || public); RFC 8032 TEST 1 in that form.
  const auto secret =
      base64Encode(seedOf("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60d75a9801"
                          "82b10ab7d54bfed3c9640"
                          "73a0ee172f3daa62325af021a68f707511a"));
  EXPECT_EQ(hexEncode(signEd25519(loadEd25519PrivateKey(secret, "secret"), "")).substr(0, 16),
            "e5564300c360ac72");
}

TEST(CryptoSigners, EcdsaP256Rfc6979Vectors) {
  // RFC 6979 §A.2.5, P-256 with SHA-256.
  const auto key =
      p256FromHex("0xC9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721");
  const auto sample = signEs256(key, "sample");
  EXPECT_EQ(hexEncode(sample),
            "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716"
            "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8");
  const auto test = signEs256(key, "test");
  EXPECT_EQ(hexEncode(test),
            "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367"
            "019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083");
  EXPECT_TRUE(verifyEs256(key, "sample", sample));
  EXPECT_TRUE(verifyEs256(key, "test", test));
  EXPECT_FALSE(verifyEs256(key, "tesT", test));
}

TEST(CryptoSigners, EcdsaFromPemRoundTrips) {
  const auto key = loadEcdsaP256PrivateKey(keys::kEcP256Sec1, "secret");
  const auto sig = signEs256(key, "GET api.coinbase.com/api/v3/brokerage/accounts");
  EXPECT_EQ(sig.size(), 64u);
  EXPECT_EQ(sig, signEs256(key, "GET api.coinbase.com/api/v3/brokerage/accounts"));  // RFC 6979
  EXPECT_TRUE(verifyEs256(key, "GET api.coinbase.com/api/v3/brokerage/accounts", sig));
}

TEST(CryptoSigners, RsaCcxtVectorAndRoundTrip) {
  // Reference §11, C-P2: PKCS#1 v1.5 SHA-256 of "hello" with ccxt's test key.
  const auto key = loadRsaPrivateKey(keys::kRsa2048Pkcs1, "secret");
  const auto sig = signRsaSha256(key, "hello");
  EXPECT_EQ(
      base64Encode(sig),
      "PqHotvSEBvM/AejnMOWBXUcOf3uHtcGu2zAYdlYdnlNSSQ80Uq4lcyAEstnZ2AnQJ9l5TCC53uoRZ26GQ47zlACgqtYg"
      "lmPhQKLvQ5fldRzeBauYhGgM2C0mUuUGxh074fNGbK+bgmwEmDMIrnSPtXwiCqTAHh+8VEnC7us3t09D61y298dPBJYE"
      "BNN3dFZT0w0pCIQg3j3DSiFJOCfywmOKyXqS1pvmk6A38DVclQZORQ5WZXp2yvSKRLjxpzjxDl76h1GfbBl7sMLEFMyz"
      "k0wyIhIz8ZELMibYn036G4X1IcSlDcimthEkIbn2QjM0ntyYDZIS4QnsMBjvkV2UHw==");
  EXPECT_TRUE(verifyRsa(key, "hello", sig));
  EXPECT_FALSE(verifyRsa(key, "hellO", sig));
}

TEST(CryptoJwt, Hs256CcxtVector) {
  // Reference §11, C-P3.
  EXPECT_EQ(jwtHs256({{"typ", "JWT"}}, {{"lil", "xan"}}, "betrayed"),
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJsaWwiOiJ4YW4ifQ."
            "md-oFvZagA-NXmZoRNyJOQ7zwK-PWUMmMQ_LI9ZOKaM");
}

TEST(CryptoJwt, Es256AndEdDsaVerifyWithThePublicKey) {
  const nlohmann::json claims = {{"sub", "k"}, {"iss", "cdp"}, {"nbf", 1700000000}};
  const auto ec = loadEcdsaP256PrivateKey(keys::kEcP256Pkcs8, "secret");
  const auto ed = loadEd25519PrivateKey(keys::kEd25519Pkcs8, "secret");
  for (int which = 0; which < 2; ++which) {
    const std::string token = which == 0 ? jwtEs256({{"typ", "JWT"}, {"kid", "k"}}, claims, ec)
                                         : jwtEdDsa({{"typ", "JWT"}, {"kid", "k"}}, claims, ed);
    const auto dot1 = token.find('.');
    const auto dot2 = token.rfind('.');
    ASSERT_NE(dot1, dot2);
    const auto header = nlohmann::json::parse(base64UrlDecode(token.substr(0, dot1)).value());
    EXPECT_EQ(header["alg"], which == 0 ? "ES256" : "EdDSA");
    EXPECT_EQ(header["kid"], "k");
    EXPECT_EQ(
        nlohmann::json::parse(base64UrlDecode(token.substr(dot1 + 1, dot2 - dot1 - 1)).value()),
        claims);
    const auto sig = base64UrlDecode(token.substr(dot2 + 1)).value();
    ASSERT_EQ(sig.size(), 64u);
    const auto input = token.substr(0, dot2);
    EXPECT_TRUE(which == 0 ? verifyEs256(ec, input, sig) : verifyEd25519(ed.publicKey, input, sig));
  }
}
