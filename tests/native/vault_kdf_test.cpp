// KDF parameter bounds (a hostile vault file cannot make us allocate gigabytes)
// and the passphrase policy (code points, not bytes).
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "vault/kdf.hpp"
#include "vault/passphrase.hpp"

namespace {

using kf::CoreError;
using kf::ErrorKind;
using nlohmann::json;
namespace v = kf::vault;

json goodKdf() {
  return json{
      {"name", "scrypt"}, {"N", 65536}, {"r", 8}, {"p", 1}, {"salt", "AAECAwQFBgcICQoLDA0ODw=="}};
}

ErrorKind kindOf(const json& kdf, std::string* message = nullptr) {
  try {
    v::kdfFromJson(kdf);
  } catch (const CoreError& e) {
    if (message) *message = e.what();
    return e.kind();
  }
  return ErrorKind::Internal;  // "no error" never expected in these tests
}

TEST(VaultKdf, DefaultsAreScryptN16R8P1WithFreshSalt) {
  const auto a = v::newKdfParams(nullptr);
  const auto b = v::newKdfParams(nullptr);
  EXPECT_EQ(a.N, 65536u);
  EXPECT_EQ(a.r, 8u);
  EXPECT_EQ(a.p, 1u);
  EXPECT_EQ(a.salt.size(), 16u);
  EXPECT_NE(a.salt, b.salt);
  const auto j = v::kdfToJson(a);
  EXPECT_EQ(j["name"], "scrypt");
  EXPECT_EQ(j["N"], 65536);
  const auto back = v::kdfFromJson(j);
  EXPECT_EQ(back.salt, a.salt);
  EXPECT_EQ(back.N, a.N);
}

TEST(VaultKdf, OptionsCanLowerNForTestsWithinBounds) {
  const auto k = v::newKdfParams(json{{"N", 1024}});
  EXPECT_EQ(k.N, 1024u);
  EXPECT_EQ(k.r, 8u);
  EXPECT_THROW(v::newKdfParams(json{{"N", 512}}), CoreError);
  EXPECT_THROW(v::newKdfParams(json{{"N", 1000}}), CoreError);
  EXPECT_THROW(v::newKdfParams(json{{"name", "pbkdf2"}}), CoreError);
  EXPECT_THROW(v::newKdfParams(json("fast")), CoreError);
}

TEST(VaultKdf, HostileParametersAreRefused) {
  std::string message;
  auto k = goodKdf();
  EXPECT_EQ(v::kdfFromJson(k).N, 65536u);

  const json badN[] = {0,
                       1,
                       16,
                       512,
                       1000,
                       65535,
                       uint64_t{1} << 23,
                       uint64_t{1} << 40,
                       json::parse("18446744073709551615"),
                       -65536,
                       65536.0,
                       "65536",
                       nullptr};
  for (const auto& n : badN) {
    k = goodKdf();
    k["N"] = n;
    EXPECT_EQ(kindOf(k), ErrorKind::InvalidInput) << n.dump();
  }
  k = goodKdf();
  k["N"] = uint64_t{1} << 23;
  kindOf(k, &message);
  EXPECT_NE(message.find("N=8388608 is out of bounds"), std::string::npos) << message;

  for (const json& r : {json(0), json(33), json(1000000)}) {
    k = goodKdf();
    k["r"] = r;
    EXPECT_EQ(kindOf(k), ErrorKind::InvalidInput) << r.dump();
  }
  for (const json& p : {json(0), json(17), json(1u << 30)}) {
    k = goodKdf();
    k["p"] = p;
    EXPECT_EQ(kindOf(k), ErrorKind::InvalidInput) << p.dump();
  }
  // Each within its own bounds, but together 16 GiB of memory or minutes of work.
  k = goodKdf();
  k["N"] = 1 << 22;
  k["r"] = 32;
  kindOf(k, &message);
  EXPECT_NE(message.find("256 MiB"), std::string::npos) << message;
  k = goodKdf();
  k["N"] = 1 << 18;
  k["r"] = 8;
  k["p"] = 16;
  kindOf(k, &message);
  EXPECT_NE(message.find("too slow"), std::string::npos) << message;
  k["p"] = 2;
  EXPECT_EQ(v::kdfFromJson(k).N, 1u << 18);  // 256 MiB, twice the default work: allowed

  for (const json& salt : {json(""), json("AAECAwQFBgcICQoLDA0O"), json("not base64!"),
                           json(std::string(88, 'A')), json(16)}) {
    k = goodKdf();
    k["salt"] = salt;
    EXPECT_EQ(kindOf(k), ErrorKind::InvalidInput) << salt.dump();
  }
  k = goodKdf();
  k["name"] = "argon2id";
  EXPECT_EQ(kindOf(k, &message), ErrorKind::Unsupported);
  EXPECT_NE(message.find("argon2id"), std::string::npos);
  EXPECT_EQ(kindOf(json::array()), ErrorKind::InvalidInput);
}

TEST(VaultPassphrase, CountsCodePointsNotBytes) {
  EXPECT_EQ(v::countCodePoints(""), 0u);
  EXPECT_EQ(v::countCodePoints("abc"), 3u);
  EXPECT_EQ(v::countCodePoints("pässwörd-ünïcode"), 16u);
  EXPECT_EQ(v::countCodePoints("🔑🔐"), 2u);
  EXPECT_EQ(v::countCodePoints("日本語"), 3u);
  for (const char* bad : {"\xC3", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                          "\xFF", "\x80", "ab\xE2\x82"}) {
    EXPECT_THROW(v::countCodePoints(bad), CoreError) << bad;
  }
}

TEST(VaultPassphrase, TooShortIsRefusedWithTheReason) {
  EXPECT_NO_THROW(v::checkNewPassphrase("0123456789"));
  EXPECT_NO_THROW(v::checkNewPassphrase("🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑"));  // 10 code points, 40 bytes
  try {
    v::checkNewPassphrase("🔑🔑🔑🔑🔑🔑🔑🔑🔑");  // 36 bytes but only 9 characters
    FAIL() << "a 9-character passphrase was accepted";
  } catch (const CoreError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidInput);
    EXPECT_STREQ(e.what(),
                 "The passphrase is too short: it has 9 characters and needs at least 10.");
  }
  EXPECT_THROW(v::checkNewPassphrase(""), CoreError);
  EXPECT_THROW(v::checkNewPassphrase("ääääääääá"), CoreError);  // 18 bytes, 9 characters
}

}  // namespace
