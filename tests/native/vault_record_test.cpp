// Sealed records: round trips, and every way a stored record can be altered,
// truncated, moved or mislabelled is refused with a clear error.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "crypto/encoding.hpp"
#include "vault/aead.hpp"
#include "vault/record.hpp"

namespace {

using kf::CoreError;
using kf::ErrorKind;
using nlohmann::json;
namespace v = kf::vault;

CryptoPP::SecByteBlock randomKey() {
  const auto raw = v::randomBytes(v::kKeySize);
  return CryptoPP::SecByteBlock(reinterpret_cast<const CryptoPP::byte*>(raw.data()), raw.size());
}

// Opens the record's JSON form; returns the error kind, or nullopt if it opened.
std::optional<ErrorKind> failureOf(const CryptoPP::SecByteBlock& key, const json& record,
                                   std::string* message = nullptr) {
  try {
    v::openRecord(key, v::parseRecord(record));
    return std::nullopt;
  } catch (const CoreError& e) {
    if (message) *message = e.what();
    return e.kind();
  }
}

TEST(VaultRecord, FieldEncodingIsUnambiguous) {
  EXPECT_NE(v::encodeFields({"a|b", "c"}), v::encodeFields({"a", "b|c"}));
  EXPECT_NE(v::encodeFields({"ab", ""}), v::encodeFields({"a", "b"}));
  EXPECT_EQ(v::encodeFields({"ab", ""}), std::string("\0\0\0\x02"
                                                     "ab\0\0\0\0",
                                                     10));
  EXPECT_NE(v::recordAad("k1", "binance"), v::recordAad("k1b", "inance"));
}

TEST(VaultRecord, SealOpenRoundTrip) {
  const auto key = randomKey();
  for (std::string secret : {std::string(), std::string("{\"apiKey\":\"abc\",\"secret\":\"s3\"}"),
                             std::string(5000, 'x'), std::string("\0\xff\x80 bytes", 9)}) {
    const auto record = v::recordToJson(v::sealRecord(key, "key-1", "binance", secret));
    EXPECT_EQ(record["v"], 1);
    EXPECT_EQ(record["id"], "key-1");
    EXPECT_EQ(record["exchange"], "binance");
    EXPECT_EQ(kf::crypto::base64Decode(record["nonce"].get<std::string>())->size(), 12u);
    EXPECT_EQ(kf::crypto::base64Decode(record["ct"].get<std::string>())->size(),
              secret.size() + 16);
    EXPECT_EQ(v::openRecord(key, v::parseRecord(record)).view(), secret);
  }
}

TEST(VaultRecord, FreshNonceEverySeal) {
  const auto key = randomKey();
  const auto a = v::sealRecord(key, "k", "kraken", "same secret");
  const auto b = v::sealRecord(key, "k", "kraken", "same secret");
  EXPECT_NE(a.nonce, b.nonce);
  EXPECT_NE(a.ct, b.ct);
}

TEST(VaultRecord, EveryFlippedByteOfNonceAndCiphertextIsRefused) {
  const auto key = randomKey();
  const auto sealed = v::sealRecord(key, "key-1", "coinbase", "the secret of key-1");
  int refused = 0;
  for (const char* field : {"nonce", "ct"}) {
    const std::string original = field == std::string("nonce") ? sealed.nonce : sealed.ct;
    for (size_t i = 0; i < original.size(); ++i) {
      for (unsigned char mask : {0x01, 0x80, 0xff}) {
        auto bytes = original;
        bytes[i] = static_cast<char>(bytes[i] ^ mask);
        auto record = v::recordToJson(sealed);
        record[field] = kf::crypto::base64Encode(bytes);
        std::string message;
        ASSERT_EQ(failureOf(key, record, &message), ErrorKind::Crypto) << field << " byte " << i;
        EXPECT_EQ(message,
                  "record 'key-1' failed authentication: it was altered or belongs to another "
                  "vault");
        ++refused;
      }
    }
  }
  EXPECT_EQ(refused, 3 * (12 + 19 + 16));
  EXPECT_EQ(failureOf(key, v::recordToJson(sealed)), std::nullopt);
}

TEST(VaultRecord, TruncatedOrExtendedRecordsAreRefused) {
  const auto key = randomKey();
  const auto sealed = v::sealRecord(key, "k", "binance", "secret");
  for (size_t len = 0; len < sealed.ct.size(); ++len) {
    auto record = v::recordToJson(sealed);
    record["ct"] = kf::crypto::base64Encode(sealed.ct.substr(0, len));
    EXPECT_EQ(failureOf(key, record), ErrorKind::Crypto) << len;
  }
  auto record = v::recordToJson(sealed);
  record["ct"] = kf::crypto::base64Encode(sealed.ct + "x");
  EXPECT_EQ(failureOf(key, record), ErrorKind::Crypto);
  for (size_t len : {0, 8, 11, 13, 16}) {
    auto r = v::recordToJson(sealed);
    r["nonce"] = kf::crypto::base64Encode((sealed.nonce + "0123").substr(0, len));
    std::string message;
    EXPECT_EQ(failureOf(key, r, &message), ErrorKind::Crypto);
    EXPECT_NE(message.find("nonce is not 12 bytes"), std::string::npos);
  }
  // Truncated text (no longer valid base64).
  auto text = v::recordToJson(sealed);
  text["ct"] = text["ct"].get<std::string>().substr(1);
  std::string message;
  EXPECT_EQ(failureOf(key, text, &message), ErrorKind::Crypto);
  EXPECT_NE(message.find("'ct' is not valid base64"), std::string::npos);
}

TEST(VaultRecord, MovedToAnotherIdOrExchangeOrVaultIsRefused) {
  const auto key = randomKey();
  const auto record = v::recordToJson(v::sealRecord(key, "key-1", "binance", "secret"));
  auto moved = record;
  moved["id"] = "key-2";
  std::string message;
  EXPECT_EQ(failureOf(key, moved, &message), ErrorKind::Crypto);
  EXPECT_NE(message.find("record 'key-2' failed authentication"), std::string::npos);
  moved = record;
  moved["exchange"] = "kraken";
  EXPECT_EQ(failureOf(key, moved), ErrorKind::Crypto);
  EXPECT_EQ(failureOf(randomKey(), record), ErrorKind::Crypto);
}

TEST(VaultRecord, UnknownVersionsAreRefusedClearly) {
  const auto key = randomKey();
  const auto record = v::recordToJson(v::sealRecord(key, "k", "binance", "secret"));
  std::string message;
  auto r = record;
  r["v"] = 2;
  EXPECT_EQ(failureOf(key, r, &message), ErrorKind::Unsupported);
  EXPECT_NE(message.find("newer Keyfolio"), std::string::npos);
  r["v"] = 0;
  EXPECT_EQ(failureOf(key, r, &message), ErrorKind::Unsupported);
  EXPECT_NE(message.find("format version 0"), std::string::npos);
  r["v"] = json::parse("18446744073709551615");
  EXPECT_EQ(failureOf(key, r, &message), ErrorKind::Unsupported);
  EXPECT_NE(message.find("newer"), std::string::npos);
  r["v"] = "1";
  EXPECT_EQ(failureOf(key, r), ErrorKind::InvalidInput);
  r["v"] = 1.0;
  EXPECT_EQ(failureOf(key, r), ErrorKind::InvalidInput);
  r.erase("v");
  EXPECT_EQ(failureOf(key, r), ErrorKind::InvalidInput);
}

TEST(VaultRecord, MalformedShapesAreInvalidInput) {
  const auto key = randomKey();
  const auto record = v::recordToJson(v::sealRecord(key, "k", "binance", "secret"));
  EXPECT_EQ(failureOf(key, json::array()), ErrorKind::InvalidInput);
  EXPECT_EQ(failureOf(key, "string"), ErrorKind::InvalidInput);
  for (const char* field : {"id", "exchange", "nonce", "ct"}) {
    auto r = record;
    r.erase(field);
    EXPECT_EQ(failureOf(key, r), ErrorKind::InvalidInput) << field;
    r[field] = 7;
    EXPECT_EQ(failureOf(key, r), ErrorKind::InvalidInput) << field;
  }
  auto r = record;
  r["id"] = "";
  EXPECT_EQ(failureOf(key, r), ErrorKind::InvalidInput);
  r["id"] = std::string(257, 'i');
  EXPECT_EQ(failureOf(key, r), ErrorKind::InvalidInput);
  EXPECT_THROW(v::sealRecord(key, "", "binance", "x"), CoreError);
  EXPECT_THROW(v::sealRecord(key, "k", "binance", std::string((1 << 20) + 1, 'x')), CoreError);
}

TEST(VaultRecord, ReportsIdWhenItHasOne) {
  EXPECT_EQ(v::recordIdForReport(json{{"id", "k"}}), "k");
  EXPECT_TRUE(v::recordIdForReport(json{{"id", 3}}).is_null());
  EXPECT_TRUE(v::recordIdForReport(json::array()).is_null());
}

}  // namespace
