// Known-answer tests for the vault's primitives: scrypt (RFC 7914 section 12),
// AES-256-GCM (McGrew-Viega GCM spec test cases 13-16), the vault key
// derivation (scrypt + HKDF-SHA256, computed independently with Python's
// hashlib/hmac) and strict Base64.
#include <gtest/gtest.h>

#include <string>

#include <cryptopp/hex.h>

#include "crypto/encoding.hpp"
#include "vault/aead.hpp"
#include "vault/kdf.hpp"

namespace {

std::string unhex(std::string hex) {
  std::string out;
  CryptoPP::HexDecoder dec;
  dec.Put(reinterpret_cast<const CryptoPP::byte*>(hex.data()), hex.size());
  dec.MessageEnd();
  out.resize(static_cast<size_t>(dec.MaxRetrievable()));
  if (!out.empty()) dec.Get(reinterpret_cast<CryptoPP::byte*>(&out[0]), out.size());
  return out;
}

std::string hex(const CryptoPP::SecByteBlock& b) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (auto c : b) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

CryptoPP::SecByteBlock keyOf(const std::string& hexKey) {
  auto raw = unhex(hexKey);
  return CryptoPP::SecByteBlock(reinterpret_cast<const CryptoPP::byte*>(raw.data()), raw.size());
}

TEST(VaultKat, ScryptRfc7914) {
  EXPECT_EQ(hex(kf::vault::scrypt("", "", 16, 1, 1, 64)),
            "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
            "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906");
  EXPECT_EQ(hex(kf::vault::scrypt("password", "NaCl", 1024, 8, 16, 64)),
            "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
            "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
  EXPECT_EQ(hex(kf::vault::scrypt("pleaseletmein", "SodiumChloride", 16384, 8, 1, 64)),
            "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
            "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887");
}

struct GcmCase {
  const char *key, *iv, *aad, *pt, *ct, *tag;
};

// The GCM specification's test cases 13-16 (256-bit key, 96-bit IV).
const GcmCase kGcmCases[] = {
    {"0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000",
     "", "", "", "530f8afbc74536b9a963b4f1c4cb738b"},
    {"0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000",
     "", "00000000000000000000000000000000", "cea7403d4d606b6e074ec5d3baf39d18",
     "d0d1c8a799996bf0265b98b5d48ab919"},
    {"feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
     "",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
     "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
     "b094dac5d93471bdec1a502270e3cc6c"},
    {"feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
     "feedfacedeadbeeffeedfacedeadbeefabaddad2",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
     "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
     "76fc6ece0f4e1768cddf8853bb2d551b"},
};

TEST(VaultKat, AesGcmSpecCases13To16) {
  for (const auto& c : kGcmCases) {
    SCOPED_TRACE(c.tag);
    const auto key = keyOf(c.key);
    const auto sealed = kf::vault::gcmSeal(key, unhex(c.iv), unhex(c.aad), unhex(c.pt));
    EXPECT_EQ(sealed, unhex(c.ct) + unhex(c.tag));
    const auto opened = kf::vault::gcmOpen(key, unhex(c.iv), unhex(c.aad), sealed);
    ASSERT_TRUE(opened.has_value());
    EXPECT_EQ(opened->view(), unhex(c.pt));
    // The same bytes with different associated data must not open.
    EXPECT_FALSE(kf::vault::gcmOpen(key, unhex(c.iv), unhex(c.aad) + "x", sealed).has_value());
  }
}

TEST(VaultKat, GcmRefusesInputShorterThanATag) {
  const auto key = keyOf(kGcmCases[0].key);
  EXPECT_FALSE(kf::vault::gcmOpen(key, unhex(kGcmCases[0].iv), "", std::string(15, '\0')));
}

TEST(VaultKat, VaultKeyIsScryptThenHkdf) {
  kf::vault::KdfParams k;
  k.N = 1024;
  k.salt = unhex("000102030405060708090a0b0c0d0e0f");
  EXPECT_EQ(hex(kf::vault::deriveVaultKey("pässwörd-ünïcode", k)),
            "4b2aab5a301a1f69ada623efa4ebf9d3030b294f1597d8303479c5da0b44fe73");
}

TEST(VaultKat, Base64IsStrict) {
  using kf::crypto::base64Decode;
  using kf::crypto::base64Encode;
  EXPECT_EQ(base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64Encode("fo"), "Zm8=");
  EXPECT_EQ(base64Encode(""), "");
  EXPECT_EQ(base64Decode("Zm8=").value(), "fo");
  EXPECT_EQ(base64Decode("").value(), "");
  EXPECT_FALSE(base64Decode("Zm8"));               // unpadded
  EXPECT_FALSE(base64Decode("Zm9=").has_value());  // non-zero padding bits
  EXPECT_FALSE(base64Decode("Zm 8=").has_value());
  EXPECT_FALSE(base64Decode("Zm8*").has_value());
  EXPECT_FALSE(base64Decode("Zm8=Zm8=").has_value());  // padding in the middle
  EXPECT_FALSE(base64Decode("Zm-_").has_value());      // URL alphabet
}

}  // namespace
