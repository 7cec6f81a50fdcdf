// Error messages travel to the extension's UI and storage, so no message may carry
// secret material. Each malformed credential goes through the public buildRequest
// (and the vault functions), and the message must hold no 8-character run of the
// secret's key material (armor lines excluded: "-----END PRIVATE KEY-----" is not secret).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/api.hpp"
#include "crypto/encoding.hpp"
#include "signing_test_keys.hpp"

using nlohmann::json;
namespace keys = kf::testkeys;

namespace {

constexpr std::size_t kWindow = 8;

// Base64 key text holding a marker that is easy to spot in a failure.
constexpr const char* kMarkedBody =
    "MC4CAQAwBQYDK2VwBCIEISECRETMARKERq7Wv0aZ3kLmP9xYtR2nFcBgHjUoE1sD";

// The lines of `pem` that are not armor, whitespace and literal "\n" escapes removed.
std::vector<std::string> bodyLines(const std::string& pem) {
  std::string text;
  for (std::size_t i = 0; i < pem.size(); ++i) {
    if (pem[i] == '\\' && i + 1 < pem.size() && (pem[i + 1] == 'n' || pem[i + 1] == 'r')) {
      text += '\n';
      ++i;
    } else {
      text += pem[i];
    }
  }
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line;
    for (char c : text.substr(start, end - start))
      if (c != ' ' && c != '\t' && c != '\r' && c != '"') line += c;
    if (line.rfind("-----", 0) != 0 && !line.empty()) out.push_back(line);
    start = end + 1;
  }
  return out;
}

// A PEM as one line with literal "\n" escapes, as in JSON key files and .env files.
std::string escaped(const std::string& pem) {
  std::string out;
  for (char c : pem) out += c == '\n' ? std::string("\\n") : std::string(1, c);
  return out;
}

// Fails the test if `message` holds any kWindow-long run of a material string.
void expectNoSecretIn(const std::string& message, const std::vector<std::string>& material,
                      const std::string& what) {
  for (const auto& m : material) {
    for (std::size_t i = 0; i + kWindow <= m.size(); ++i) {
      const std::string window = m.substr(i, kWindow);
      if (message.find(window) != std::string::npos) {
        ADD_FAILURE() << what << ": the message contains secret text '" << window
                      << "'\n  message: " << message;
        return;
      }
    }
  }
}

struct Case {
  std::string what;
  json input;                         // a buildRequest input
  std::vector<std::string> material;  // what must not appear in the message
};

json request(const std::string& exchange, const std::string& secret,
             const std::string& keyType = "") {
  json credentials = {{"apiKey", exchange == "coinbase" ? "organizations/o/apiKeys/k" : "key"},
                      {"secret", secret}};
  if (!keyType.empty()) credentials["keyType"] = keyType;
  return {{"exchange", exchange},
          {"operation", "balances"},
          {"credentials", credentials},
          {"nowMs", 1700000000000},
          {"nonce", "1700000000000"}};
}

// A case whose material is the body of the PEM (armor lines are not secret).
Case pemCase(const std::string& what, const std::string& exchange, const std::string& pem,
             const std::string& keyType = "") {
  return {what, request(exchange, pem, keyType), bodyLines(pem)};
}

std::string pemOf(const std::string& label, const std::string& body) {
  return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
}

std::vector<Case> cases() {
  const std::string marked = kMarkedBody;
  const std::string ed = keys::kEd25519Pkcs8;
  const std::string rsa = keys::kRsa2048Pkcs8;
  const std::string ec = keys::kEcP256Sec1;
  std::vector<Case> out;
  for (const std::string exchange : {"binance", "coinbase"}) {
    const auto on = [&](const std::string& what) { return exchange + ": " + what; };
    // The label runs on into the body when the BEGIN line lacks its closing dashes.
    out.push_back(pemCase(on("BEGIN line without closing dashes"), exchange,
                          "-----BEGIN PRIVATE KEY\n" + marked + "\n-----END PRIVATE KEY-----\n"));
    out.push_back(pemCase(on("BEGIN line with two closing dashes"), exchange,
                          "-----BEGIN PRIVATE KEY--\n" + marked + "\n-----END PRIVATE KEY-----\n"));
    out.push_back(pemCase(on("real Ed25519 key, BEGIN line broken"), exchange,
                          "-----BEGIN PRIVATE KEY" + ed.substr(ed.find('\n'))));
    out.push_back(pemCase(on("real EC key, BEGIN line broken"), exchange,
                          "-----BEGIN EC PRIVATE KEY\n" + ec.substr(ec.find('\n') + 1)));
    out.push_back(pemCase(on("real RSA key, BEGIN line broken"), exchange,
                          "-----BEGIN PRIVATE KEY" + rsa.substr(rsa.find('\n'))));
    // Newlines stripped (a one-line input field) and the BEGIN line's dashes lost.
    out.push_back(
        {on("one line, BEGIN dashes lost"),
         request(exchange, "-----BEGIN PRIVATE KEY" + marked + "-----END PRIVATE KEY-----"),
         {marked}});
    out.push_back({on("one line, short body, BEGIN dashes lost"),
                   request(exchange,
                           "-----BEGIN PRIVATE KEY MC4CAQAwBQYDK2Vw-----END PRIVATE "
                           "KEY MC4CAQAwBQYDK2Vw-----"),
                   {"MC4CAQAwBQYDK2Vw"}});
    out.push_back({on("body text as the label"),
                   request(exchange, pemOf(marked.substr(0, 40), marked)),
                   {marked}});
    out.push_back(pemCase(on("BEGIN without END"), exchange,
                          "-----BEGIN PRIVATE KEY-----\n" + marked + "\n"));
    out.push_back(
        pemCase(on("END of another label"), exchange,
                "-----BEGIN PRIVATE KEY-----\n" + marked + "\n-----END RSA PRIVATE KEY-----\n"));
    out.push_back(pemCase(on("wrong label"), exchange, pemOf("CERTIFICATE", marked)));
    out.push_back(pemCase(on("public key"), exchange, pemOf("PUBLIC KEY", marked)));
    out.push_back(pemCase(on("encrypted key"), exchange, pemOf("ENCRYPTED PRIVATE KEY", marked)));
    out.push_back(pemCase(on("legacy encrypted headers"), exchange,
                          pemOf("EC PRIVATE KEY", "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC," +
                                                      marked.substr(0, 32) + "\n\n" + marked)));
    out.push_back(pemCase(on("garbage base64 in the body"), exchange,
                          pemOf("PRIVATE KEY", marked.substr(0, 20) + "*!" + marked.substr(20))));
    out.push_back(
        pemCase(on("garbage DER (marked base64)"), exchange, pemOf("PRIVATE KEY", marked)));
    out.push_back(pemCase(on("truncated Ed25519 DER"), exchange,
                          pemOf("PRIVATE KEY", bodyLines(ed)[0].substr(0, 40))));
    out.push_back(pemCase(on("truncated RSA DER"), exchange,
                          pemOf("PRIVATE KEY", bodyLines(rsa)[0] + "\n" + bodyLines(rsa)[1])));
    out.push_back(pemCase(on("truncated EC DER"), exchange,
                          pemOf("EC PRIVATE KEY", bodyLines(ec)[0] + "\n" + bodyLines(ec)[1])));
    // One-line escaped PEMs cut or broken midway.
    out.push_back(pemCase(on("escaped PEM cut midway"), exchange,
                          escaped(rsa).substr(0, escaped(rsa).size() / 2)));
    out.push_back(pemCase(on("escaped PEM, BEGIN line broken"), exchange,
                          escaped("-----BEGIN PRIVATE KEY" + rsa.substr(rsa.find('\n')))));
    out.push_back(pemCase(on("escaped PEM, END line cut"), exchange,
                          escaped(ed).substr(0, escaped(ed).size() - 12)));
    out.push_back(
        pemCase(on("quoted escaped PEM, BEGIN broken"), exchange,
                "\"" + escaped("-----BEGIN PRIVATE KEY" + ed.substr(ed.find('\n'))) + "\""));
    // The secret pasted into the keyType field.
    out.push_back({on("secret as keyType"), request(exchange, "c2VjcmV0", marked), {marked}});
  }
  // Binance.
  out.push_back(pemCase("binance: RSA of the wrong size", "binance", keys::kRsa1024Pkcs8));
  out.push_back(pemCase("binance: ECDSA key", "binance", keys::kEcP256Pkcs8));
  out.push_back(pemCase("binance: RSA declared, Ed25519 given", "binance", ed, "rsa"));
  out.push_back({"binance: RSA declared, not PEM", request("binance", marked, "rsa"), {marked}});
  out.push_back(
      {"binance: Ed25519 raw, not base64", request("binance", marked + "*", "ed25519"), {marked}});
  // Coinbase.
  out.push_back({"coinbase: Ed25519 of the wrong length",
                 request("coinbase", marked.substr(0, 56)),
                 {marked.substr(0, 56)}});
  out.push_back({"coinbase: Ed25519 not base64", request("coinbase", marked + "!"), {marked}});
  {
    // 64 bytes whose public half does not match the seed.
    const std::string b64 = kf::crypto::base64Encode(kf::crypto::base64Decode(marked).value() +
                                                     std::string(16, '\x01'));
    out.push_back({"coinbase: Ed25519 halves that do not match", request("coinbase", b64), {b64}});
  }
  out.push_back(pemCase("coinbase: P-384 key", "coinbase", keys::kEcP384Pkcs8));
  out.push_back(pemCase("coinbase: RSA key", "coinbase", rsa));
  out.push_back({"coinbase: HMAC declared", request("coinbase", marked, "hmac"), {marked}});
  // Kraken.
  out.push_back({"kraken: secret not base64",
                 request("kraken", "SECRETMARKER-not/base64!!"),
                 {"SECRETMARKER-not/base64!!"}});
  out.push_back(
      {"kraken: unpadded base64", request("kraken", marked.substr(0, 62)), {marked.substr(0, 62)}});
  out.push_back(pemCase("kraken: a PEM instead of base64", "kraken",
                        "-----BEGIN PRIVATE KEY\n" + marked + "\n-----END PRIVATE KEY-----\n"));
  out.push_back({"kraken: secret as keyType", request("kraken", "c2VjcmV0", marked), {marked}});
  return out;
}

}  // namespace

TEST(SecretErrors, BuildRequestNeverEchoesTheSecret) {
  for (const auto& c : cases()) {
    const std::string answer = kf::api::buildRequest(c.input.dump());
    const json out = json::parse(answer);
    ASSERT_FALSE(out.value("ok", true)) << c.what << ": accepted\n  " << answer;
    const std::string message = out["error"]["message"].get<std::string>();
    expectNoSecretIn(message, c.material, c.what);
    expectNoSecretIn(answer, c.material, c.what + " (answer text)");
  }
}

TEST(SecretErrors, BrokenBeginLineNamesTheProblemNotTheText) {
  const json out = json::parse(kf::api::buildRequest(
      request("binance", "-----BEGIN PRIVATE KEY\n" + std::string(kMarkedBody) +
                             "\n-----END PRIVATE KEY-----\n")
          .dump()));
  EXPECT_EQ(out["error"]["kind"], "bad_credentials");
  EXPECT_EQ(out["error"]["message"],
            "secret: PEM has a -----BEGIN line without its closing dashes (-----)");
  // A valid label is still named, so the person sees which line is missing.
  const json noEnd = json::parse(kf::api::buildRequest(
      request("binance", "-----BEGIN EC PRIVATE KEY-----\n" + std::string(kMarkedBody)).dump()));
  EXPECT_EQ(noEnd["error"]["message"],
            "secret: PEM has no matching -----END EC PRIVATE KEY----- line");
}

TEST(SecretErrors, MalformedJsonInputNeverEchoesTheSecret) {
  const std::string marked = kMarkedBody;
  // A raw line break inside a JSON string, and input cut off inside the secret.
  for (const std::string& text :
       {R"({"exchange":"kraken","operation":"balances","credentials":{"apiKey":"k","secret":")" +
            marked + "\n" + marked + R"("},"nonce":1})",
        R"({"exchange":"kraken","operation":"balances","credentials":{"apiKey":"k","secret":")" +
            marked}) {
    const json out = json::parse(kf::api::buildRequest(text));
    ASSERT_FALSE(out["ok"].get<bool>());
    expectNoSecretIn(out["error"]["message"].get<std::string>(), {marked}, "bad JSON");
  }
}

TEST(SecretErrors, VaultErrorsNeverEchoPassphrasesKeysOrPlaintexts) {
  const std::string marked = kMarkedBody;
  const json fast = {{"N", 1024}, {"r", 8}, {"p", 1}};
  const auto message = [](const std::string& answer) {
    const json out = json::parse(answer);
    EXPECT_FALSE(out["ok"].get<bool>()) << answer;
    return out["error"]["message"].get<std::string>();
  };
  // Passphrases: too short, not UTF-8, wrong.
  expectNoSecretIn(
      message(kf::api::vaultCreate(json{{"passphrase", "SECRETMA"}, {"kdf", fast}}.dump())),
      {"SECRETMA"}, "short passphrase");
  expectNoSecretIn(message(kf::api::vaultCreate(
                       "{\"passphrase\":\"SECRETMARKER\xff\xfe\",\"kdf\":{\"N\":1024}}")),
                   {"SECRETMARKER"}, "passphrase not UTF-8");
  const json created =
      json::parse(kf::api::vaultCreate(json{{"passphrase", marked}, {"kdf", fast}}.dump()));
  ASSERT_TRUE(created["ok"].get<bool>());
  expectNoSecretIn(message(kf::api::vaultUnlock(
                       json{{"header", created["header"]}, {"passphrase", marked + "x"}}.dump())),
                   {marked}, "wrong passphrase");
  // Keys: malformed, of the wrong length.
  const std::string key = created["key"].get<std::string>();
  for (const std::string& bad : {key.substr(0, 40), key + "*", marked}) {
    expectNoSecretIn(
        message(kf::api::vaultSeal(
            json{{"key", bad}, {"id", "i"}, {"exchange", "kraken"}, {"plaintext", marked}}.dump())),
        {bad, marked}, "bad vault key");
  }
  // Plaintexts: too large, and a record opened with another vault's key.
  expectNoSecretIn(
      message(kf::api::vaultSeal(json{{"key", key},
                                      {"id", "i"},
                                      {"exchange", "kraken"},
                                      {"plaintext", marked + std::string(1 << 20, 'A')}}
                                     .dump())),
      {marked}, "plaintext too large");
  const json sealed = json::parse(kf::api::vaultSeal(
      json{{"key", key}, {"id", "i"}, {"exchange", "kraken"}, {"plaintext", marked}}.dump()));
  ASSERT_TRUE(sealed["ok"].get<bool>());
  const json other = json::parse(
      kf::api::vaultCreate(json{{"passphrase", "another passphrase"}, {"kdf", fast}}.dump()));
  expectNoSecretIn(
      message(kf::api::vaultOpen(json{{"key", other["key"]}, {"record", sealed["record"]}}.dump())),
      {marked, key}, "record of another vault");
  // Backups: not JSON, wrong passphrase.
  expectNoSecretIn(
      message(kf::api::vaultImport(json{{"file", "{" + marked}, {"passphrase", marked}}.dump())),
      {marked}, "backup not JSON");
}

TEST(SecretErrors, StrictLabelsStillReadEveryPastedForm) {
  const std::string ed = keys::kEd25519Pkcs8;
  std::string spaced = ed, joined;
  for (char& c : spaced)
    if (c == '\n') c = ' ';
  for (char c : ed)
    if (c != '\n') joined += c;
  for (const std::string& form : {ed, escaped(ed), "\"" + escaped(ed) + "\"", spaced, joined}) {
    const json out = json::parse(kf::api::buildRequest(request("coinbase", form).dump()));
    EXPECT_TRUE(out["ok"].get<bool>()) << form << "\n" << out.dump();
  }
}
