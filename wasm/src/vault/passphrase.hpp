// The passphrase policy for new passphrases (vault creation and change). It is
// never applied when opening a vault, so raising it later cannot lock anyone out.
#pragma once

#include <cstddef>
#include <string_view>

namespace kf::vault {

constexpr size_t kMinPassphraseCodePoints = 10;

// Number of Unicode code points in UTF-8 text; throws CoreError(InvalidInput)
// if the text is not valid UTF-8 (overlong forms, surrogates, truncation).
size_t countCodePoints(std::string_view utf8);

// Throws CoreError(InvalidInput) with the reason if `passphrase` may not be used
// for a new vault. Passphrases are used as their UTF-8 bytes, not normalized.
void checkNewPassphrase(std::string_view passphrase);

}  // namespace kf::vault
