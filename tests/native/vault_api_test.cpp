// The vault's JSON API end to end: create, unlock, seal, open, open-all with a
// tampered record, passphrase change, backup export/import. Fast KDF parameters
// (N=2^10) except in the one test of the real defaults.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "api/api.hpp"

namespace {

using nlohmann::json;
namespace api = kf::api;

const json kFast = {{"N", 1024}, {"r", 8}, {"p", 1}};

json call(std::string (*fn)(std::string_view), const json& in) {
  return json::parse(fn(in.dump()));
}

json ok(std::string (*fn)(std::string_view), const json& in) {
  auto out = call(fn, in);
  EXPECT_TRUE(out["ok"].get<bool>()) << out.dump();
  return out;
}

std::string errorKind(const json& out) {
  EXPECT_FALSE(out["ok"].get<bool>()) << out.dump();
  return out.contains("error") ? out["error"]["kind"].get<std::string>() : "";
}

std::string errorMessage(const json& out) {
  return out.contains("error") ? out["error"]["message"].get<std::string>() : "";
}

struct TestVault {
  json header;
  json records = json::array();
  std::string key;
};

TestVault makeVault(const std::string& passphrase) {
  auto created = ok(api::vaultCreate, {{"passphrase", passphrase}, {"kdf", kFast}});
  TestVault v{created["header"], json::array(), created["key"]};
  for (const auto& [id, exchange] :
       {std::pair{"k1", "binance"}, {"k2", "kraken"}, {"k3", "coinbase"}}) {
    auto sealed = ok(api::vaultSeal, {{"key", v.key},
                                      {"id", id},
                                      {"exchange", exchange},
                                      {"plaintext", std::string("secret of ") + id}});
    v.records.push_back(sealed["record"]);
  }
  return v;
}

TEST(VaultApi, CreateGivesAVersionedHeaderCarryingItsKdf) {
  auto out = ok(api::vaultCreate, {{"passphrase", "correct horse battery"}, {"kdf", kFast}});
  const auto& h = out["header"];
  EXPECT_EQ(h["format"], "keyfolio-vault");
  EXPECT_EQ(h["v"], 1);
  EXPECT_EQ(h["kdf"]["name"], "scrypt");
  EXPECT_EQ(h["kdf"]["N"], 1024);
  EXPECT_EQ(h["kdf"]["r"], 8);
  EXPECT_EQ(h["kdf"]["p"], 1);
  EXPECT_EQ(h["kdf"]["salt"].get<std::string>().size(), 24u);  // 16 bytes
  EXPECT_TRUE(h["check"]["nonce"].is_string());
  EXPECT_EQ(out["key"].get<std::string>().size(), 44u);  // 32 bytes
  // A second vault with the same passphrase has another salt and another key.
  auto again = ok(api::vaultCreate, {{"passphrase", "correct horse battery"}, {"kdf", kFast}});
  EXPECT_NE(again["header"]["kdf"]["salt"], h["kdf"]["salt"]);
  EXPECT_NE(again["key"], out["key"]);
}

TEST(VaultApi, RoundTripsWithAsciiUtf8AndEmojiPassphrases) {
  for (const std::string passphrase :
       {"correct horse battery", "pässwörd-ünïcode", "🔑🦊🌈🚀🔐🎉🍀💎🌙⭐",
        "日本語のパスフレーズです"}) {
    SCOPED_TRACE(passphrase);
    auto v = makeVault(passphrase);
    auto unlocked = ok(api::vaultUnlock, {{"header", v.header}, {"passphrase", passphrase}});
    EXPECT_EQ(unlocked["key"], v.key);
    auto opened = ok(api::vaultOpen, {{"key", unlocked["key"]}, {"record", v.records[1]}});
    EXPECT_EQ(opened["plaintext"], "secret of k2");
  }
}

TEST(VaultApi, WrongPassphraseIsAClearMessage) {
  auto v = makeVault("pässwörd-ünïcode");
  for (const std::string wrong :
       {"passwörd-ünïcode", "pässwörd-ünïcodE", "", "pässwörd-ünïcode "}) {
    auto out = call(api::vaultUnlock, {{"header", v.header}, {"passphrase", wrong}});
    EXPECT_EQ(errorKind(out), "wrong_passphrase");
    EXPECT_EQ(errorMessage(out), "Wrong passphrase. Nothing was changed.");
  }
  // NFD spelling of the same text is other bytes: documented, not normalized.
  auto out =
      call(api::vaultUnlock, {{"header", v.header}, {"passphrase", "pa\xCC\x88sswörd-ünïcode"}});
  EXPECT_EQ(errorKind(out), "wrong_passphrase");
}

TEST(VaultApi, TooShortPassphraseIsRefusedWithTheReason) {
  auto out = call(api::vaultCreate, {{"passphrase", "short"}, {"kdf", kFast}});
  EXPECT_EQ(errorKind(out), "invalid_input");
  EXPECT_NE(errorMessage(out).find("too short"), std::string::npos);
  out = call(api::vaultCreate, {{"passphrase", "🔑🔑🔑🔑🔑🔑🔑🔑🔑"}, {"kdf", kFast}});
  EXPECT_EQ(errorKind(out), "invalid_input");
  EXPECT_EQ(errorKind(call(api::vaultCreate, {{"kdf", kFast}})), "invalid_input");
}

TEST(VaultApi, OpenAllReportsATamperedRecordAndOpensTheOthers) {
  auto v = makeVault("correct horse battery");
  auto records = v.records;
  auto ct = records[1]["ct"].get<std::string>();
  ct[2] = ct[2] == 'A' ? 'B' : 'A';
  records[1]["ct"] = ct;
  records.push_back(json{{"v", 1}, {"id", "k9"}});  // incomplete
  records.push_back(42);
  auto out = ok(api::vaultOpenAll, {{"key", v.key}, {"records", records}});
  ASSERT_EQ(out["opened"].size(), 2u);
  EXPECT_EQ(out["opened"][0]["id"], "k1");
  EXPECT_EQ(out["opened"][0]["plaintext"], "secret of k1");
  EXPECT_EQ(out["opened"][1]["id"], "k3");
  ASSERT_EQ(out["failed"].size(), 3u);
  EXPECT_EQ(out["failed"][0]["id"], "k2");
  EXPECT_EQ(out["failed"][0]["index"], 1);
  EXPECT_EQ(out["failed"][0]["message"],
            "record 'k2' failed authentication: it was altered or belongs to another vault");
  EXPECT_EQ(out["failed"][1]["id"], "k9");
  EXPECT_TRUE(out["failed"][2]["id"].is_null());

  auto single = call(api::vaultOpen, {{"key", v.key}, {"record", records[1]}});
  EXPECT_EQ(errorKind(single), "crypto");
}

TEST(VaultApi, RecordsOfAnotherVaultDoNotOpen) {
  auto a = makeVault("correct horse battery");
  auto b = makeVault("correct horse battery");  // same passphrase, other salt
  auto out = call(api::vaultOpen, {{"key", b.key}, {"record", a.records[0]}});
  EXPECT_EQ(errorKind(out), "crypto");
  EXPECT_NE(errorMessage(out).find("belongs to another vault"), std::string::npos);
}

TEST(VaultApi, BadKeysAreInvalidInput) {
  auto v = makeVault("correct horse battery");
  for (const json& key : {json("short"), json("AAAA"), json(1), json(std::string(40, 'A') + "AA=="),
                          json(std::string(48, 'A'))}) {
    auto out = call(api::vaultOpen, {{"key", key}, {"record", v.records[0]}});
    EXPECT_EQ(errorKind(out), "invalid_input") << key.dump();
  }
}

TEST(VaultApi, RekeyReSealsEverythingAndOnlyTheNewPassphraseOpensIt) {
  auto v = makeVault("old passphrase 1");
  auto out = ok(api::vaultRekey, {{"header", v.header},
                                  {"records", v.records},
                                  {"oldPassphrase", "old passphrase 1"},
                                  {"newPassphrase", "néw pässphrase 🔐"},
                                  {"kdf", kFast}});
  ASSERT_EQ(out["records"].size(), 3u);
  EXPECT_NE(out["header"]["kdf"]["salt"], v.header["kdf"]["salt"]);
  EXPECT_NE(out["key"], v.key);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(out["records"][i]["id"], v.records[i]["id"]);
    EXPECT_NE(out["records"][i]["nonce"], v.records[i]["nonce"]);
  }
  EXPECT_EQ(errorKind(call(api::vaultUnlock,
                           {{"header", out["header"]}, {"passphrase", "old passphrase 1"}})),
            "wrong_passphrase");
  auto unlocked =
      ok(api::vaultUnlock, {{"header", out["header"]}, {"passphrase", "néw pässphrase 🔐"}});
  EXPECT_EQ(unlocked["key"], out["key"]);
  auto all = ok(api::vaultOpenAll, {{"key", unlocked["key"]}, {"records", out["records"]}});
  ASSERT_EQ(all["opened"].size(), 3u);
  EXPECT_EQ(all["opened"][2]["plaintext"], "secret of k3");
  EXPECT_TRUE(all["failed"].empty());
  // The old vault, as stored until the caller's single write, still opens with the old one.
  auto old = ok(api::vaultUnlock, {{"header", v.header}, {"passphrase", "old passphrase 1"}});
  EXPECT_EQ(ok(api::vaultOpenAll, {{"key", old["key"]}, {"records", v.records}})["opened"].size(),
            3u);
}

TEST(VaultApi, RekeyFailsWithoutOutputOnAnyProblem) {
  auto v = makeVault("old passphrase 1");
  json in = {{"header", v.header},
             {"records", v.records},
             {"oldPassphrase", "not the passphrase"},
             {"newPassphrase", "new passphrase 2"},
             {"kdf", kFast}};
  auto out = call(api::vaultRekey, in);
  EXPECT_EQ(errorKind(out), "wrong_passphrase");
  EXPECT_FALSE(out.contains("records"));

  in["oldPassphrase"] = "old passphrase 1";
  in["newPassphrase"] = "short";
  EXPECT_EQ(errorKind(call(api::vaultRekey, in)), "invalid_input");

  in["newPassphrase"] = "new passphrase 2";
  in["records"][2]["exchange"] = "kraken";  // k3 moved: it must not be silently re-sealed
  out = call(api::vaultRekey, in);
  EXPECT_EQ(errorKind(out), "crypto");
  EXPECT_NE(errorMessage(out).find("record 'k3'"), std::string::npos);
  EXPECT_NE(errorMessage(out).find("Nothing was changed."), std::string::npos);
  EXPECT_FALSE(out.contains("header"));
}

TEST(VaultApi, ExportImportRoundTrip) {
  auto v = makeVault("backup passphrase");
  auto exported = ok(api::vaultExport,
                     {{"header", v.header}, {"records", v.records}, {"exportedMs", 1700000000000}});
  const auto file = json::parse(exported["file"].get<std::string>());
  EXPECT_EQ(file["format"], "keyfolio-vault-backup");
  EXPECT_EQ(file["v"], 1);
  EXPECT_EQ(file["exportedMs"], 1700000000000);
  EXPECT_EQ(file["header"], v.header);
  EXPECT_EQ(file["records"], v.records);  // same sealed format, nothing in clear

  auto imported =
      ok(api::vaultImport, {{"file", exported["file"]}, {"passphrase", "backup passphrase"}});
  EXPECT_EQ(imported["header"], v.header);
  EXPECT_EQ(imported["records"], v.records);
  EXPECT_EQ(imported["key"], v.key);
  auto opened = ok(api::vaultOpen, {{"key", imported["key"]}, {"record", imported["records"][0]}});
  EXPECT_EQ(opened["plaintext"], "secret of k1");

  auto wrong =
      call(api::vaultImport, {{"file", exported["file"]}, {"passphrase", "other passphrase"}});
  EXPECT_EQ(errorKind(wrong), "wrong_passphrase");
  EXPECT_FALSE(wrong.contains("records"));
}

TEST(VaultApi, ImportRefusesDamagedOrForeignFiles) {
  auto v = makeVault("backup passphrase");
  auto doc = json{
      {"format", "keyfolio-vault-backup"}, {"v", 1}, {"header", v.header}, {"records", v.records}};
  auto tampered = doc;
  tampered["records"][0]["id"] = "k1-renamed";
  auto out =
      call(api::vaultImport, {{"file", tampered.dump()}, {"passphrase", "backup passphrase"}});
  EXPECT_EQ(errorKind(out), "crypto");
  EXPECT_NE(errorMessage(out).find("Nothing was imported."), std::string::npos);

  auto newer = doc;
  newer["v"] = 2;
  EXPECT_EQ(errorKind(call(api::vaultImport,
                           {{"file", newer.dump()}, {"passphrase", "backup passphrase"}})),
            "unsupported");
  auto hostile = doc;
  hostile["header"]["kdf"]["N"] = 1 << 30;
  out = call(api::vaultImport, {{"file", hostile.dump()}, {"passphrase", "backup passphrase"}});
  EXPECT_EQ(errorKind(out), "invalid_input");
  EXPECT_NE(errorMessage(out).find("out of bounds"), std::string::npos);
  for (const std::string text : {"not json", "[]", R"({"format":"something else","v":1})"}) {
    EXPECT_EQ(
        errorKind(call(api::vaultImport, {{"file", text}, {"passphrase", "backup passphrase"}})),
        "invalid_input")
        << text;
  }
  auto header = v.header;
  header["v"] = 2;
  EXPECT_EQ(
      errorKind(call(api::vaultUnlock, {{"header", header}, {"passphrase", "backup passphrase"}})),
      "unsupported");
  EXPECT_EQ(errorKind(call(api::vaultExport, {{"header", header}, {"records", v.records}})),
            "unsupported");
}

TEST(VaultApi, DefaultParametersAreScrypt2To16AndWork) {
  const auto start = std::chrono::steady_clock::now();
  auto created = ok(api::vaultCreate, {{"passphrase", "correct horse battery"}});
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  std::printf("[ timing ] vaultCreate with default scrypt N=2^16 r=8 p=1: %lld ms\n",
              static_cast<long long>(ms));
  EXPECT_EQ(created["header"]["kdf"]["N"], 65536);
  EXPECT_EQ(created["header"]["kdf"]["r"], 8);
  EXPECT_EQ(created["header"]["kdf"]["p"], 1);
  auto unlocked = ok(api::vaultUnlock,
                     {{"header", created["header"]}, {"passphrase", "correct horse battery"}});
  EXPECT_EQ(unlocked["key"], created["key"]);
}

}  // namespace
