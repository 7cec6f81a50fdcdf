#include "crypto/encoding.hpp"

#include <cstdint>

#include "core/error.hpp"

namespace kf::crypto {

// Table-driven: these run on every signed request (Crypto++'s filter pipelines cost more
// than the HMAC itself). Encodings are not cryptography; fast_encoding_test.cpp checks
// them against Crypto++'s encoders on random bytes.
namespace {

constexpr char kStd[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kUrl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Character to 6-bit value, -1 outside the alphabet; built at compile time.
struct DecodeTable {
  int8_t value[256] = {};
  constexpr explicit DecodeTable(const char* alphabet) {
    for (auto& v : value) v = -1;
    for (int i = 0; i < 64; ++i)
      value[static_cast<unsigned char>(alphabet[i])] = static_cast<int8_t>(i);
  }
};
constexpr DecodeTable kStdValues(kStd);
constexpr DecodeTable kUrlValues(kUrl);

// RFC 3986's unreserved characters: A-Z a-z 0-9 - . _ ~
struct UnreservedTable {
  bool unreserved[256] = {};
  constexpr UnreservedTable() {
    for (int c = 0; c < 256; ++c)
      unreserved[c] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
  }
};
constexpr UnreservedTable kUnreserved;

// A decoder's output buffer of `size` bytes, written through data().
template <class Out>
Out sized(size_t size);
template <>
std::string sized<std::string>(size_t size) {
  return std::string(size, '\0');
}
template <>
SecretBytes sized<SecretBytes>(size_t size) {
  return SecretBytes(size);
}

// Outputs are sized once and written through a pointer (appending char by char costs
// more than the encoding).
std::string encode64(std::string_view bytes, const char* alphabet, bool pad) {
  const size_t full = bytes.size() / 3, rest = bytes.size() % 3;
  const size_t size = full * 4 + (rest == 0 ? 0 : pad ? 4 : rest + 1);
  std::string out(size, '\0');
  char* o = out.data();
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  for (size_t i = 0; i < full; ++i, p += 3, o += 4) {
    const uint32_t v = (uint32_t{p[0]} << 16) | (uint32_t{p[1]} << 8) | p[2];
    o[0] = alphabet[v >> 18];
    o[1] = alphabet[(v >> 12) & 63];
    o[2] = alphabet[(v >> 6) & 63];
    o[3] = alphabet[v & 63];
  }
  if (rest > 0) {
    const uint32_t v = (uint32_t{p[0]} << 16) | (rest == 2 ? uint32_t{p[1]} << 8 : 0);
    o[0] = alphabet[v >> 18];
    o[1] = alphabet[(v >> 12) & 63];
    if (rest == 2) o[2] = alphabet[(v >> 6) & 63];
    if (pad) {
      if (rest == 1) o[2] = '=';
      o[3] = '=';
    }
  }
  return out;
}

// Canonical decoding of `text` (no padding in it): every character in the alphabet,
// no dangling single character, and the unused low bits of the last group zero, so
// exactly one text decodes to given bytes. Out is std::string or, for secrets,
// SecretBytes (which wipes a half-written output on failure too).
template <class Out>
std::optional<Out> decode64(std::string_view text, const DecodeTable& table) {
  if (text.size() % 4 == 1) return std::nullopt;
  const size_t size = text.size() / 4 * 3 + (text.size() % 4 == 0 ? 0 : text.size() % 4 - 1);
  Out out = sized<Out>(size);
  char* o = out.data();
  uint32_t acc = 0;
  int bits = 0;
  for (const char c : text) {
    const int v = table.value[static_cast<unsigned char>(c)];
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      *o++ = static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  if ((acc & ((1u << bits) - 1)) != 0) return std::nullopt;  // non-zero pad bits
  return out;
}

// The text of standard base64 without its padding, or nullopt when its length is wrong.
std::optional<std::string_view> unpadded(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  // Padding only as the last one or two characters (the length being a multiple of 4, the
  // count is then the one the length needs); any other '=' fails as outside the alphabet.
  size_t pad = 0;
  while (pad < 2 && pad < text.size() && text[text.size() - 1 - pad] == '=') ++pad;
  return text.substr(0, text.size() - pad);
}

}  // namespace

std::string base64Encode(std::string_view bytes) {
  return encode64(bytes, kStd, /*pad=*/true);
}

std::string base64UrlEncode(std::string_view bytes) {
  return encode64(bytes, kUrl, /*pad=*/false);
}

std::string hexEncode(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    out[2 * i] = kHex[c >> 4];
    out[2 * i + 1] = kHex[c & 0x0F];
  }
  return out;
}

std::optional<std::string> base64Decode(std::string_view text) {
  const auto body = unpadded(text);
  if (!body) return std::nullopt;
  return decode64<std::string>(*body, kStdValues);
}

std::optional<SecretBytes> base64DecodeSecret(std::string_view text) {
  const auto body = unpadded(text);
  if (!body) return std::nullopt;
  return decode64<SecretBytes>(*body, kStdValues);
}

std::optional<std::string> base64UrlDecode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  return decode64<std::string>(text, kUrlValues);
}

std::optional<std::string> hexDecode(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  const auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out(text.size() / 2, '\0');
  for (size_t i = 0; i < out.size(); ++i) {
    const int hi = nibble(text[2 * i]), lo = nibble(text[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<char>(hi << 4 | lo);
  }
  return out;
}

SecretBytes base64DecodeField(std::string_view text, std::string_view field) {
  auto bytes = base64DecodeSecret(text);
  if (!bytes) throw CoreError(ErrorKind::BadCredentials, std::string(field) + ": not valid base64");
  return *std::move(bytes);
}

std::string percentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  size_t escaped = 0;
  for (const char ch : text) escaped += !kUnreserved.unreserved[static_cast<unsigned char>(ch)];
  if (escaped == 0) return std::string(text);
  std::string out(text.size() + 2 * escaped, '\0');
  char* o = out.data();
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (kUnreserved.unreserved[c]) {
      *o++ = ch;
    } else {
      o[0] = '%';
      o[1] = kHex[c >> 4];
      o[2] = kHex[c & 0x0F];
      o += 3;
    }
  }
  return out;
}

}  // namespace kf::crypto
