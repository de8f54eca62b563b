#include "import/data_files.h"

#include <gtest/gtest.h>

#include "support/test_certificates.h"

namespace profilec::import {
namespace {

TEST(DataFilesTest, CertificatesGoToCerFilesWhateverTheirPayload) {
  const testing::TestIdentity identity = testing::make_test_identity({});
  const DataPlacement root = place_data(identity.certificate_der, "com.apple.security.root", true);
  EXPECT_TRUE(root.file);
  EXPECT_EQ(root.extension, ".cer");
  EXPECT_FALSE(root.private_key);
  EXPECT_EQ(place_data(identity.certificate_der, "com.example.custom", false).extension, ".cer");
  // A certificate with bytes after it is not one certificate.
  EXPECT_NE(place_data(identity.certificate_der + "x", "com.example.custom", false).extension, ".cer");
}

TEST(DataFilesTest, IdentitiesAreP12FilesThatHoldAPrivateKey) {
  const testing::TestIdentity identity = testing::make_test_identity({});
  const DataPlacement p12 = place_data(identity.pkcs12, "com.example.custom", false);
  EXPECT_EQ(p12.extension, ".p12");
  EXPECT_TRUE(p12.private_key);
  // The PKCS #12 payload's content is an identity even when it does not parse.
  EXPECT_EQ(place_data("not der", "com.apple.security.pkcs12", true).extension, ".p12");
  EXPECT_EQ(place_data("not der", "com.apple.security.pkcs12", false).extension, "");
}

TEST(DataFilesTest, PemTextAndPngImagesKeepTheirKind) {
  const testing::TestIdentity identity = testing::make_test_identity({});
  EXPECT_EQ(place_data(identity.certificate_pem, "com.apple.security.pem", true).extension, ".pem");
  EXPECT_FALSE(place_data(identity.certificate_pem, "com.apple.security.pem", true).private_key);
  EXPECT_TRUE(place_data(identity.key_pem, "com.example.custom", false).private_key);
  EXPECT_EQ(place_data(std::string("\x89PNG\r\n\x1a\n", 8) + "IHDR", "com.apple.webClip.managed", false).extension,
            ".png");
}

TEST(DataFilesTest, SmallDataStaysInlineAndLargeDataGoesToABinFile) {
  EXPECT_FALSE(place_data("", "com.example.custom", false).file);
  EXPECT_FALSE(place_data(std::string(kInlineDataLimit, 'a'), "com.example.custom", false).file);
  const DataPlacement large = place_data(std::string(kInlineDataLimit + 1, 'a'), "com.example.custom", false);
  EXPECT_TRUE(large.file);
  EXPECT_EQ(large.extension, ".bin");
}

}  // namespace
}  // namespace profilec::import
