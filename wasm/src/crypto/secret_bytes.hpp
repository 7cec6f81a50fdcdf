// Secret bytes the core holds while it works (a credential, a decoded key, a PEM's
// DER, a vault plaintext): zeroed before their memory is freed, so no copy of a
// secret lingers in the freed heap. Move-only, so copies cannot spread unnoticed;
// view() lends the bytes out at a boundary (an HMAC key, a parser's input).
#pragma once

#include <cstddef>
#include <cstring>
#include <string_view>
#include <utility>

#include <cryptopp/misc.h>
#include <cryptopp/secblock.h>

namespace kf::crypto {

namespace detail {

// Generic over its storage only so a test can watch the bytes as they are released
// (secret_bytes_test.cpp). Block needs Block(size), data(), size() and swap().
template <class Block>
class BasicSecretBytes {
 public:
  BasicSecretBytes() = default;
  // `size` zero bytes, to be written through data().
  explicit BasicSecretBytes(std::size_t size) : block_(size), size_(size) {
    if (size_) std::memset(block_.data(), 0, size_);
  }
  explicit BasicSecretBytes(std::string_view bytes) : block_(bytes.size()), size_(bytes.size()) {
    if (size_) std::memcpy(block_.data(), bytes.data(), size_);
  }
  BasicSecretBytes(BasicSecretBytes&& other) noexcept : size_(other.size_) {
    block_.swap(other.block_);  // SecBlock has no move constructor: swap, never copy
    other.size_ = 0;
  }
  BasicSecretBytes& operator=(BasicSecretBytes&& other) noexcept {
    if (this != &other) {
      wipe();
      block_.swap(other.block_);  // `other` keeps our old, already zeroed, block
      size_ = other.size_;
      other.size_ = 0;
    }
    return *this;
  }
  BasicSecretBytes(const BasicSecretBytes&) = delete;
  BasicSecretBytes& operator=(const BasicSecretBytes&) = delete;
  // Wiped here, not only by the allocator, so the guarantee holds whatever Block is.
  ~BasicSecretBytes() { wipe(); }

  // Zeroes the whole block in place (Crypto++'s wipe, which the optimizer keeps);
  // the size and allocation stay, so the zeros can be checked.
  void wipe() noexcept {
    if (block_.size())
      CryptoPP::SecureWipeBuffer(reinterpret_cast<CryptoPP::byte*>(block_.data()), block_.size());
  }
  // Drops the last bytes (e.g. the room a decoder did not need); they are wiped with the rest.
  void truncate(std::size_t size) noexcept {
    if (size < size_) size_ = size;
  }

  char* data() noexcept { return reinterpret_cast<char*>(block_.data()); }
  std::string_view view() const noexcept {
    return {reinterpret_cast<const char*>(block_.data()), size_};
  }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }

 private:
  Block block_;
  std::size_t size_ = 0;  // bytes in use; the block may be longer after truncate()
};

}  // namespace detail

// SecByteBlock's allocator wipes again on free, so each layer alone suffices.
using SecretBytes = detail::BasicSecretBytes<CryptoPP::SecByteBlock>;

}  // namespace kf::crypto
