#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "core/error.hpp"
#include "crypto/encoding.hpp"
#include "crypto/pem.hpp"
#include "crypto/secret_bytes.hpp"
#include "exchanges/common/request_params.hpp"
#include "signing_test_keys.hpp"

namespace {

using kf::crypto::SecretBytes;

// Every block's bytes as they were at the moment it was freed.
std::vector<std::string>& releases() {
  static std::vector<std::string> list;
  return list;
}

// Storage that copies its bytes out just before freeing them: what a reader of the
// freed heap would find. Reading them here also keeps any wipe before it observable.
class InspectingBlock {
 public:
  explicit InspectingBlock(std::size_t size = 0)
      : bytes_(size ? std::make_unique<unsigned char[]>(size) : nullptr), size_(size) {}
  InspectingBlock(const InspectingBlock&) = delete;
  InspectingBlock& operator=(const InspectingBlock&) = delete;
  ~InspectingBlock() {
    if (bytes_) releases().emplace_back(reinterpret_cast<const char*>(bytes_.get()), size_);
  }
  unsigned char* data() { return bytes_.get(); }
  const unsigned char* data() const { return bytes_.get(); }
  std::size_t size() const { return size_; }
  void swap(InspectingBlock& other) noexcept {
    std::swap(bytes_, other.bytes_);
    std::swap(size_, other.size_);
  }

 private:
  std::unique_ptr<unsigned char[]> bytes_;
  std::size_t size_;
};

using Inspected = kf::crypto::detail::BasicSecretBytes<InspectingBlock>;

bool allZero(const std::string& bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == '\0'; });
}

}  // namespace

static_assert(
    std::is_same_v<SecretBytes, kf::crypto::detail::BasicSecretBytes<CryptoPP::SecByteBlock>>,
    "the core's secrets sit in Crypto++'s wiping SecByteBlock");
static_assert(!std::is_copy_constructible_v<SecretBytes> && !std::is_copy_assignable_v<SecretBytes>,
              "copies of a secret are made on purpose, through view()");
static_assert(std::is_nothrow_move_constructible_v<SecretBytes>);

TEST(SecretBytes, StorageIsZeroWhenFreed) {
  releases().clear();
  {
    const Inspected secret(std::string_view("hunter2-hmac-secret-bytes"));
    EXPECT_EQ(secret.view(), "hunter2-hmac-secret-bytes");
  }
  ASSERT_EQ(releases().size(), 1u);
  EXPECT_EQ(releases()[0].size(), 25u);
  EXPECT_TRUE(allZero(releases()[0]));
}

TEST(SecretBytes, TruncatedTailIsWipedToo) {
  releases().clear();
  {
    Inspected secret(std::string_view("key-material-and-tail"));
    secret.truncate(3);
    EXPECT_EQ(secret.view(), "key");
  }
  ASSERT_EQ(releases().size(), 1u);
  EXPECT_EQ(releases()[0].size(), 21u);  // the whole block, not only the 3 bytes in use
  EXPECT_TRUE(allZero(releases()[0]));
}

TEST(SecretBytes, MovesHandOverTheBlockAndWipeWhatTheyReplace) {
  releases().clear();
  {
    Inspected a(std::string_view("first-secret"));
    Inspected b(std::move(a));
    EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): moved-from is defined empty
    EXPECT_EQ(b.view(), "first-secret");
    EXPECT_TRUE(releases().empty());  // moved, not copied and freed

    Inspected c(std::string_view("second-secret"));
    c = std::move(b);
    EXPECT_EQ(c.view(), "first-secret");
    EXPECT_TRUE(b.empty());  // NOLINT(bugprone-use-after-move)
  }
  ASSERT_EQ(releases().size(), 2u);  // both blocks, each zero when freed
  for (const auto& bytes : releases()) EXPECT_TRUE(allZero(bytes));
}

TEST(SecretBytes, WipeZeroesTheRealStorageInPlace) {
  SecretBytes secret(std::string_view("kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzB"));
  const char* storage = secret.data();
  secret.wipe();
  // The block is still allocated: its bytes may be read, and they are zero.
  EXPECT_EQ(secret.data(), storage);
  EXPECT_EQ(secret.size(), 57u);
  EXPECT_TRUE(allZero(std::string(secret.view())));
}

TEST(SecretBytes, SizedConstructorZeroFillsAndEmptyIsSafe) {
  const SecretBytes sized(4);
  EXPECT_EQ(sized.view(), std::string(4, '\0'));
  SecretBytes none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.view(), "");
  none.wipe();
  none.truncate(0);
}

TEST(SecretBytes, Base64DecodeSecretMatchesBase64Decode) {
  using kf::crypto::base64Decode;
  using kf::crypto::base64DecodeSecret;
  for (const char* text : {"", "Zm8=", "Zm9vYg==", "Zm9vYmFy", "AAEC/w=="}) {
    SCOPED_TRACE(text);
    const auto plain = base64Decode(text);
    const auto secret = base64DecodeSecret(text);
    ASSERT_TRUE(plain && secret);
    EXPECT_EQ(secret->view(), *plain);
  }
  for (const char* bad : {"Zm8", "Zm9=", "Zm 8=", "Zm8*", "Zm8=Zm8=", "Zm-_"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(base64DecodeSecret(bad).has_value());
  }
  EXPECT_EQ(kf::crypto::base64DecodeField("Zm9vYg==", "secret").view(), "foob");
}

TEST(SecretBytes, CredentialsAreTrimmedIntoWipingStorage) {
  using namespace kf::exchanges::request;
  const SecretBytes secret = requireCredential("  s3cr3t\n", "secret", "Kraken");
  EXPECT_EQ(secret.view(), "s3cr3t");
  EXPECT_EQ(requireApiKey("\tkey-id ", "apiKey", "Kraken"), "key-id");
  try {
    (void)requireCredential(" \n", "secret", "Kraken");
    ADD_FAILURE() << "an empty secret was accepted";
  } catch (const kf::CoreError& e) {
    EXPECT_EQ(e.kind(), kf::ErrorKind::BadCredentials);
    EXPECT_STREQ(e.what(), "secret: missing (Kraken needs it for this operation)");
  }
}

TEST(SecretBytes, PemBodyDecodesIntoWipingStorage) {
  const auto pem = kf::crypto::parsePrivateKeyPem(kf::testkeys::kEd25519Pkcs8, "secret");
  EXPECT_EQ(pem.label, "PRIVATE KEY");
  EXPECT_EQ(pem.der.size(), 48u);  // PKCS#8 of an Ed25519 seed
}
