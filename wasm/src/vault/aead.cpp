#include "vault/aead.hpp"

#include <cryptopp/aes.h>
#include <cryptopp/gcm.h>
#include <cryptopp/osrng.h>

#include "core/error.hpp"

namespace kf::vault {

namespace {
const CryptoPP::byte* bytes(std::string_view s) {
  return reinterpret_cast<const CryptoPP::byte*>(s.data());
}
CryptoPP::byte* bytes(std::string& s) {
  return reinterpret_cast<CryptoPP::byte*>(&s[0]);
}

void checkSizes(const CryptoPP::SecByteBlock& key, std::string_view nonce) {
  // Programming errors, not user input: callers validate sizes first.
  if (key.size() != kKeySize || nonce.size() != kNonceSize)
    throw CoreError(ErrorKind::Internal, "AES-GCM called with a wrong key or nonce size");
}
}  // namespace

std::string gcmSeal(const CryptoPP::SecByteBlock& key, std::string_view nonce, std::string_view aad,
                    std::string_view plaintext) {
  checkSizes(key, nonce);
  CryptoPP::GCM<CryptoPP::AES>::Encryption enc;
  enc.SetKeyWithIV(key, key.size(), bytes(nonce), nonce.size());
  std::string out(plaintext.size() + kTagSize, '\0');
  enc.EncryptAndAuthenticate(bytes(out), bytes(out) + plaintext.size(), kTagSize, bytes(nonce),
                             static_cast<int>(nonce.size()), bytes(aad), aad.size(),
                             bytes(plaintext), plaintext.size());
  return out;
}

std::optional<crypto::SecretBytes> gcmOpen(const CryptoPP::SecByteBlock& key,
                                           std::string_view nonce, std::string_view aad,
                                           std::string_view sealed) {
  checkSizes(key, nonce);
  if (sealed.size() < kTagSize) return std::nullopt;
  const size_t ctSize = sealed.size() - kTagSize;
  CryptoPP::GCM<CryptoPP::AES>::Decryption dec;
  dec.SetKeyWithIV(key, key.size(), bytes(nonce), nonce.size());
  // One spare byte keeps the output pointer valid for an empty plaintext.
  crypto::SecretBytes out(ctSize + 1);
  const bool ok = dec.DecryptAndVerify(
      reinterpret_cast<CryptoPP::byte*>(out.data()), bytes(sealed) + ctSize, kTagSize, bytes(nonce),
      static_cast<int>(nonce.size()), bytes(aad), aad.size(), bytes(sealed), ctSize);
  if (!ok) return std::nullopt;
  out.truncate(ctSize);
  return out;
}

std::string randomBytes(size_t n) {
  // One pool per thread is cheap to keep and avoids reseeding on every call. The wasm
  // build has one thread and no `atomics` feature, under which wasm-ld refuses
  // thread-local storage once bulk memory is on (CMakeLists.txt): a plain static there.
#if defined(__wasm__) && !defined(__wasm_atomics__)
  static CryptoPP::AutoSeededRandomPool pool;
#else
  thread_local CryptoPP::AutoSeededRandomPool pool;
#endif
  std::string out(n, '\0');
  if (n) pool.GenerateBlock(bytes(out), n);
  return out;
}

}  // namespace kf::vault
