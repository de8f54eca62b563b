#include "import/names.h"

#include <gtest/gtest.h>

namespace profilec::import {
namespace {

ir::Payload payload(std::string type, std::string identifier) {
  ir::Payload p;
  p.type = type;
  ir::Dict content;
  content.push_back({"PayloadType", {}, ir::make_string(type)});
  if (!identifier.empty()) content.push_back({"PayloadIdentifier", {}, ir::make_string(identifier)});
  p.content = ir::make_dict(std::move(content));
  return p;
}

TEST(NamesTest, SlugKeepsLettersDigitsDashesAndUnderscores) {
  EXPECT_EQ(slug("corp-wifi", "x"), "corp-wifi");
  EXPECT_EQ(slug("Wi-Fi - Contoso Network", "x"), "Wi-Fi-Contoso-Network");
  EXPECT_EQ(slug("com.apple.wifi.managed", "x"), "com-apple-wifi-managed");
  EXPECT_EQ(slug("__init__", "x"), "init");
  EXPECT_EQ(slug("caf\xC3\xA9 au lait", "x"), "caf-au-lait");
  EXPECT_EQ(slug("${uuid_1}", "x"), "uuid_1");
  EXPECT_EQ(slug("...", "fallback"), "fallback");
  EXPECT_EQ(slug("", "fallback"), "fallback");
}

TEST(NamesTest, PayloadNamesComeFromTheIdentifierTail) {
  EXPECT_EQ(payload_name_base(payload("com.apple.wifi.managed", "com.acme.wifi.corp")), "corp");
  EXPECT_EQ(payload_name_base(payload("com.apple.wifi.managed", "corp wifi")), "corp-wifi");
}

TEST(NamesTest, IdentifiersEndingInAUuidOrNumberFallBackToTheType) {
  EXPECT_EQ(payload_name_base(payload("com.apple.wifi.managed",
                                      "com.apple.wifi.managed.3F2A1B4C-1111-2222-3333-444455556666")),
            "wifi-managed");
  EXPECT_EQ(payload_name_base(payload("com.apple.applicationaccess", "com.acme.restrictions.2")), "applicationaccess");
  EXPECT_EQ(payload_name_base(payload("com.google.Chrome", "com.google.Chrome.a1b2c3d4e5")), "Chrome");
  EXPECT_EQ(payload_name_base(payload("com.apple.dock", "")), "dock");
}

TEST(NamesTest, EnvironmentNamesAreUpperCaseWithUnderscores) {
  EXPECT_EQ(env_name({"PROFILEC", "corp-wifi", "wifi", "Password"}), "PROFILEC_CORP_WIFI_WIFI_PASSWORD");
  EXPECT_EQ(env_name({"PROFILEC", "a..b", "", "x y"}), "PROFILEC_A_B_X_Y");
  EXPECT_EQ(env_name({"9lives"}), "V_9LIVES");
}

TEST(NamesTest, ClaimsAreUniqueAndDeterministic) {
  UniqueNames names;
  EXPECT_EQ(names.claim("corp"), "corp");
  EXPECT_EQ(names.claim("corp"), "corp-2");
  EXPECT_EQ(names.claim("Corp"), "Corp-3");  // case-insensitively unique
  EXPECT_EQ(names.claim("root", ".cer"), "root.cer");
  EXPECT_EQ(names.claim("root", ".cer"), "root-2.cer");
  names.reserve(".env.example");
  EXPECT_EQ(names.claim(".env", ".example"), ".env-2.example");
  UniqueNames variables("_");
  EXPECT_EQ(variables.claim("PROFILEC_X"), "PROFILEC_X");
  EXPECT_EQ(variables.claim("PROFILEC_X"), "PROFILEC_X_2");
}

}  // namespace
}  // namespace profilec::import
