// The vault's JSON functions (documented in wasm/README.md, "## Vault"). Secrets
// and keys arrive and leave as JSON strings; the extension keeps the key only in
// chrome.storage.session and writes header + records in one storage write.
#include <optional>
#include <string>

#include "api/api.hpp"
#include "api/envelope.hpp"
#include "core/error.hpp"
#include "vault/record.hpp"
#include "vault/vault.hpp"

namespace kf::api {

namespace {
using nlohmann::json;

// An optional field, null when absent.
json optionalField(const json& in, const char* name) {
  auto it = in.find(name);
  return it == in.end() ? json() : *it;
}
}  // namespace

std::string vaultCreate(std::string_view input) {
  return respond([&] {
    const auto in = parseInput(input);
    auto v = vault::createVault(requireString(in, "passphrase"), optionalField(in, "kdf"));
    return json{{"header", std::move(v.header)}, {"key", vault::encodeKey(v.key)}};
  });
}

std::string vaultUnlock(std::string_view input) {
  return respond([&] {
    const auto in = parseInput(input);
    const auto header = vault::parseHeader(requireField(in, "header"));
    const auto key = vault::unlockVault(header, requireString(in, "passphrase"));
    return json{{"key", vault::encodeKey(key)}};
  });
}

std::string vaultSeal(std::string_view input) {
  return respond([&] {
    const auto in = parseInput(input);
    const auto key = vault::decodeKey(requireString(in, "key"));
    const auto sealed =
        vault::sealRecord(key, requireString(in, "id"), requireString(in, "exchange"),
                          requireString(in, "plaintext"));
    return json{{"record", vault::recordToJson(sealed)}};
  });
}

std::string vaultOpen(std::string_view input) {
  return respond([&] {
    const auto in = parseInput(input);
    const auto key = vault::decodeKey(requireString(in, "key"));
    const auto sealed = vault::parseRecord(requireField(in, "record"));
    // The answer's copy is the caller's: the bindings wipe the answer text after the call.
    return json{{"plaintext", std::string(vault::openRecord(key, sealed).view())}};
  });
}

std::string vaultOpenAll(std::string_view input) {
  return respond([&] {
    const auto in = parseInput(input);
    const auto key = vault::decodeKey(requireString(in, "key"));
    const auto& records = requireField(in, "records");
    if (!records.is_array()) throw CoreError(ErrorKind::InvalidInput, "'records' must be an array");
    json opened = json::array(), failed = json::array();
    size_t index = 0;
    // One bad record is reported and the rest still open.
    for (const auto& r : records) {
      try {
        const auto sealed = vault::parseRecord(r);
        opened.push_back({{"id", sealed.id},
                          {"exchange", sealed.exchange},
                          {"plaintext", std::string(vault::openRecord(key, sealed).view())}});
      } catch (const CoreError& e) {
        failed.push_back({{"index", index},
                          {"id", vault::recordIdForReport(r)},
                          {"kind", to_string(e.kind())},
                          {"message", e.what()}});
      }
      ++index;
    }
    return json{{"opened", std::move(opened)}, {"failed", std::move(failed)}};
  });
}

std::string vaultRekey(std::string_view input) {
  return respond([&] {
    const auto in = parseInput(input);
    auto v = vault::rekeyVault(requireField(in, "header"), requireField(in, "records"),
                               requireString(in, "oldPassphrase"),
                               requireString(in, "newPassphrase"), optionalField(in, "kdf"));
    return json{{"header", std::move(v.header)},
                {"records", std::move(v.records)},
                {"key", vault::encodeKey(v.key)}};
  });
}

std::string vaultExport(std::string_view input) {
  return respond([&] {
    const auto in = parseInput(input);
    std::optional<int64_t> exportedMs;
    if (!optionalField(in, "exportedMs").is_null()) exportedMs = requireInt(in, "exportedMs");
    return json{{"file", vault::exportVault(requireField(in, "header"), requireField(in, "records"),
                                            exportedMs)}};
  });
}

std::string vaultImport(std::string_view input) {
  return respond([&] {
    const auto in = parseInput(input);
    auto v = vault::importVault(requireString(in, "file"), requireString(in, "passphrase"));
    return json{{"header", std::move(v.header)},
                {"records", std::move(v.records)},
                {"key", vault::encodeKey(v.key)}};
  });
}

}  // namespace kf::api
