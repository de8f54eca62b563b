#include "import/secrets.h"

#include <gtest/gtest.h>

#include "schema/schema_set.h"

namespace profilec::import {
namespace {

TEST(SecretsTest, NamesEndingInACredentialWordAreSecrets) {
  for (const char* key :
       {"Password", "UserPassword", "SharedSecret", "PSK", "RegistrationToken", "Challenge", "XAuthPassword",
        "client_secret", "api-key", "APIKey", "AccessKey", "PIN", "passphrase", "HTTPProxyPassword", "AuthToken"}) {
    EXPECT_TRUE(has_secret_name(key)) << key;
  }
  for (const char* key : {"PasswordHint", "TokenURL", "allowPINChange", "maxPINAgeInDays", "PublicKey", "Username",
                          "SSID_STR", "minLength", "Secrets", "Pinned", "LicenseKey", ""}) {
    EXPECT_FALSE(has_secret_name(key)) << key;
  }
}

TEST(SecretsTest, MdmVariablesAndEmptyStringsAreNotHidden) {
  EXPECT_TRUE(is_secret_text("hunter2"));
  EXPECT_TRUE(is_secret_text("P@$$w0rd%"));  // merely contains '$' and '%'
  EXPECT_FALSE(is_secret_text(""));
  EXPECT_FALSE(is_secret_text("$PASSWORD"));
  EXPECT_FALSE(is_secret_text("${password}"));
  EXPECT_FALSE(is_secret_text("{{password}}"));
  EXPECT_FALSE(is_secret_text("%Password%"));
}

TEST(SecretsTest, OverlayPathsAreSecretsWhateverTheirName) {
  const schema::SchemaSet schemas = schema::SchemaSet::embedded();
  const schema::PayloadSchema* vpn = schemas.find("com.apple.vpn.managed");
  ASSERT_NE(vpn, nullptr);
  EXPECT_TRUE(is_secret_path(vpn, {"IPSec", "SharedSecret"}));
  EXPECT_TRUE(is_secret_path(vpn, {"PPP", "AuthPassword"}));
  EXPECT_FALSE(is_secret_path(vpn, {"IPSec", "RemoteAddress"}));
  const schema::PayloadSchema* scep = schemas.find("com.apple.security.scep");
  ASSERT_NE(scep, nullptr);
  EXPECT_TRUE(is_secret_path(scep, {"PayloadContent", "Challenge"}));
  // Unknown types: the name alone decides.
  EXPECT_TRUE(is_secret_path(nullptr, {"Settings", "AdminPassword"}));
  EXPECT_FALSE(is_secret_path(nullptr, {"Settings", "AdminName"}));
  EXPECT_FALSE(is_secret_path(nullptr, {}));
}

}  // namespace
}  // namespace profilec::import
