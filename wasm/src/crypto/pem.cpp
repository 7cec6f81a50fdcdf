#include "crypto/pem.hpp"

#include <cctype>
#include <vector>

#include "core/error.hpp"
#include "crypto/encoding.hpp"

namespace kf::crypto {

namespace {

constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kEnd = "-----END ";
constexpr std::string_view kDashes = "-----";

[[noreturn]] void fail(std::string_view field, const std::string& what) {
  throw CoreError(ErrorKind::BadCredentials, std::string(field) + ": " + what);
}

// Literal backslash escapes become real line breaks; quotes around the whole
// value (copied from JSON) are dropped. The copy holds the key: it is wiped.
SecretBytes unescape(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
    text = text.substr(1, text.size() - 2);
  SecretBytes out(text.size());  // unescaping only shrinks
  char* o = out.data();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == 'n' || text[i + 1] == 'r')) {
      *o++ = '\n';
      ++i;
    } else {
      *o++ = text[i];
    }
  }
  out.truncate(static_cast<std::size_t>(o - out.data()));
  return out;
}

struct Block {
  std::string label;
  std::string_view body;  // still armored text between the lines, in the unescaped copy
};

std::vector<Block> blocks(std::string_view text, std::string_view field) {
  std::vector<Block> out;
  std::size_t pos = 0;
  while ((pos = text.find(kBegin, pos)) != std::string_view::npos) {
    const std::size_t labelStart = pos + kBegin.size();
    const std::size_t labelEnd = text.find(kDashes, labelStart);
    if (labelEnd == std::string_view::npos) fail(field, "PEM has a broken -----BEGIN line");
    std::string label(text.substr(labelStart, labelEnd - labelStart));
    const std::string endLine = std::string(kEnd) + label + std::string(kDashes);
    const std::size_t bodyStart = labelEnd + kDashes.size();
    const std::size_t endPos = text.find(endLine, bodyStart);
    if (endPos == std::string_view::npos) fail(field, "PEM has no matching " + endLine + " line");
    out.push_back({std::move(label), text.substr(bodyStart, endPos - bodyStart)});
    pos = endPos + endLine.size();
  }
  return out;
}

bool isPrivateKeyLabel(std::string_view label) {
  return label == "PRIVATE KEY" || label == "EC PRIVATE KEY" || label == "RSA PRIVATE KEY";
}

}  // namespace

bool hasPemArmor(std::string_view text) {
  return text.find(kBegin) != std::string_view::npos;
}

Pem parsePrivateKeyPem(std::string_view text, std::string_view field) {
  const SecretBytes unescaped = unescape(text);
  const auto found = blocks(unescaped.view(), field);
  if (found.empty()) fail(field, "not a PEM private key (no -----BEGIN line)");
  const Block* chosen = nullptr;
  for (const auto& block : found) {
    if (isPrivateKeyLabel(block.label)) {
      chosen = &block;
      break;
    }
  }
  if (!chosen) {
    const std::string& label = found.front().label;
    if (label == "ENCRYPTED PRIVATE KEY")
      fail(field, "encrypted private keys are not supported; export the key without a passphrase");
    if (label == "PUBLIC KEY" || label == "RSA PUBLIC KEY")
      fail(field, "this is a public key; paste the private key");
    fail(field, "unsupported PEM type '" + label + "'");
  }
  // RFC 1421 headers ("Proc-Type: 4,ENCRYPTED") mean an encrypted legacy key.
  if (chosen->body.find(':') != std::string_view::npos)
    fail(field, "encrypted private keys are not supported; export the key without a passphrase");
  SecretBytes base64(chosen->body.size());
  char* o = base64.data();
  for (char c : chosen->body) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') *o++ = c;
  }
  base64.truncate(static_cast<std::size_t>(o - base64.data()));
  if (base64.empty()) fail(field, "PEM body is empty");
  auto der = base64DecodeSecret(base64.view());
  if (!der) fail(field, "PEM body is not valid base64");
  return {chosen->label, *std::move(der)};
}

}  // namespace kf::crypto
