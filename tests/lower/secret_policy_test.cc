#include "lower/secret_policy.h"

#include <gtest/gtest.h>

namespace profilec {
namespace {

TEST(SecretPolicyTest, PatternsMatchWholeNames) {
  EXPECT_TRUE(env_pattern_matches("PROFILEC_*", "PROFILEC_WIFI_PSK"));
  EXPECT_TRUE(env_pattern_matches("PROFILEC_*", "PROFILEC_"));
  EXPECT_FALSE(env_pattern_matches("PROFILEC_*", "PROFILEC"));
  EXPECT_FALSE(env_pattern_matches("PROFILEC_*", "SIGNING_P12_BASE64"));
  EXPECT_FALSE(env_pattern_matches("PROFILEC_*", "X_PROFILEC_A"));
  EXPECT_TRUE(env_pattern_matches("ACME_*_PSK", "ACME_WIFI_PSK"));
  EXPECT_FALSE(env_pattern_matches("ACME_*_PSK", "ACME_WIFI_PSK2"));
  EXPECT_TRUE(env_pattern_matches("WIFI_PSK", "WIFI_PSK"));
  EXPECT_FALSE(env_pattern_matches("WIFI_PSK", "WIFI_PSKX"));
  EXPECT_TRUE(env_pattern_matches("KEY_?", "KEY_1"));
  EXPECT_FALSE(env_pattern_matches("KEY_?", "KEY_12"));
  EXPECT_TRUE(env_pattern_matches("A*B*C", "AxxBxxBxxC"));
}

TEST(SecretPolicyTest, PatternsMustNameAFamilyOfVariables) {
  EXPECT_FALSE(env_pattern_problem("PROFILEC_*").has_value());
  EXPECT_FALSE(env_pattern_problem("_X?").has_value());
  EXPECT_TRUE(env_pattern_problem("*").has_value());
  EXPECT_TRUE(env_pattern_problem("*_PSK").has_value());
  EXPECT_TRUE(env_pattern_problem("1ABC").has_value());
  EXPECT_TRUE(env_pattern_problem("").has_value());
  EXPECT_TRUE(env_pattern_problem("A B").has_value());
  EXPECT_TRUE(env_pattern_problem("A[BC]").has_value());
}

TEST(SecretPolicyTest, SigningVariablesAreFoundByName) {
  SecretPolicy policy;
  policy.signing = {{SigningSecret::kFile, "SIGNING_P12_PASSWORD", "file"},
                    {SigningSecret::kVariable, "SIGNING_P12_PASSWORD", "--key-password-env"}};
  const SigningSecret* found = signing_variable(policy, "SIGNING_P12_PASSWORD");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->origin, "--key-password-env");
  EXPECT_EQ(signing_variable(policy, "OTHER"), nullptr);
}

}  // namespace
}  // namespace profilec
