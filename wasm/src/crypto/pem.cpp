#include "crypto/pem.hpp"

#include <algorithm>
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

// RFC 7468 sets no bound; real labels are under 30 characters. A longer "label" is
// key text that ran on from a BEGIN line whose closing dashes are missing.
constexpr std::size_t kMaxLabel = 64;
// Labels named in error messages: at most this long, uppercase words.
constexpr std::size_t kMaxNamedLabel = 40;

// RFC 7468: printable ASCII, with single spaces or hyphens only between characters.
bool isLabel(std::string_view label) {
  for (std::size_t i = 0; i < label.size(); ++i) {
    const char c = label[i];
    if (c == ' ' || c == '-') {
      if (i == 0 || i + 1 == label.size() || label[i - 1] == ' ' || label[i - 1] == '-')
        return false;
    } else if (c < 0x21 || c > 0x7e) {
      return false;
    }
  }
  return true;
}

// Every real label is uppercase words ("EC PRIVATE KEY"). A valid label of another
// shape may be pasted key text (base64 has lowercase), so messages do not repeat it.
bool isNameable(std::string_view label) {
  if (label.empty() || label.size() > kMaxNamedLabel) return false;
  for (char c : label) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '-')) return false;
  }
  return true;
}

struct Block {
  std::string label;      // valid per isLabel, at most kMaxLabel long
  std::string_view body;  // still armored text between the lines, in the unescaped copy
};

// Errors name the label only when isNameable: a message must never carry key text.
std::vector<Block> blocks(std::string_view text, std::string_view field) {
  std::vector<Block> out;
  std::size_t pos = 0;
  while ((pos = text.find(kBegin, pos)) != std::string_view::npos) {
    const std::size_t labelStart = pos + kBegin.size();
    // The label ends on its own line: otherwise it would run on into the key body.
    const std::size_t lineEnd = std::min(text.find_first_of("\r\n", labelStart), text.size());
    const std::size_t labelEnd = text.substr(0, lineEnd).find(kDashes, labelStart);
    if (labelEnd == std::string_view::npos)
      fail(field, "PEM has a -----BEGIN line without its closing dashes (-----)");
    const std::string_view label = text.substr(labelStart, labelEnd - labelStart);
    if (label.size() > kMaxLabel)
      fail(field, "PEM has a -----BEGIN line that is too long (are its closing dashes missing?)");
    if (!isLabel(label))
      fail(field, "PEM has a -----BEGIN line with characters a PEM label cannot have");
    const std::string endLine = std::string(kEnd) + std::string(label) + std::string(kDashes);
    const std::size_t bodyStart = labelEnd + kDashes.size();
    const std::size_t endPos = text.find(endLine, bodyStart);
    if (endPos == std::string_view::npos) {
      if (isNameable(label)) fail(field, "PEM has no matching " + endLine + " line");
      fail(field, "PEM has no -----END line matching its -----BEGIN line");
    }
    out.push_back({std::string(label), text.substr(bodyStart, endPos - bodyStart)});
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
    if (isNameable(label)) fail(field, "unsupported PEM type '" + label + "'");
    fail(field, "unsupported PEM type (not a private key)");
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
