#include "vault/passphrase.hpp"

#include <cstdint>
#include <string>

#include "core/error.hpp"

namespace kf::vault {

namespace {
[[noreturn]] void notUtf8() {
  throw CoreError(ErrorKind::InvalidInput, "the passphrase is not valid UTF-8 text");
}
}  // namespace

size_t countCodePoints(std::string_view utf8) {
  size_t count = 0;
  size_t i = 0;
  while (i < utf8.size()) {
    const auto lead = static_cast<uint8_t>(utf8[i]);
    size_t len = 0;
    uint32_t cp = 0;
    if (lead < 0x80) {
      len = 1;
      cp = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      len = 2;
      cp = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      len = 3;
      cp = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      len = 4;
      cp = lead & 0x07;
    } else {
      notUtf8();
    }
    if (len > utf8.size() - i) notUtf8();
    for (size_t k = 1; k < len; ++k) {
      const auto cont = static_cast<uint8_t>(utf8[i + k]);
      if ((cont & 0xC0) != 0x80) notUtf8();
      cp = (cp << 6) | (cont & 0x3F);
    }
    // Shortest form only, no UTF-16 surrogates, nothing past U+10FFFF.
    static constexpr uint32_t kMinForLen[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLen[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) notUtf8();
    i += len;
    ++count;
  }
  return count;
}

void checkNewPassphrase(std::string_view passphrase) {
  const size_t n = countCodePoints(passphrase);
  if (n < kMinPassphraseCodePoints)
    throw CoreError(ErrorKind::InvalidInput, "The passphrase is too short: it has " +
                                                 std::to_string(n) +
                                                 " characters and needs at least " +
                                                 std::to_string(kMinPassphraseCodePoints) + ".");
}

}  // namespace kf::vault
