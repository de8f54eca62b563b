// { profile = "NAME" }: the URL of the profile built from NAME.toml, and
// each way it can fail, at the value.
#include "lower/profile_links.h"

#include <gtest/gtest.h>

#include <memory>

namespace profilec {
namespace {

lang::Value reference(std::string text) {
  lang::Value v;
  v.kind = lang::Value::Kind::kProfileRef;
  v.text = std::move(text);
  v.span = SourceSpan{std::make_shared<const std::string>("repo/policies/legacy.toml"), {3, 14}, {3, 30}};
  return v;
}

TEST(ProfileUrl, JoinsTheBaseAndTheOutputPath) {
  EXPECT_EQ(profile_url("https://mdm.example.com/p/", "policies/wifi"),
            "https://mdm.example.com/p/policies/wifi.mobileconfig");
  EXPECT_EQ(profile_url("https://mdm.example.com/p", "wifi"), "https://mdm.example.com/p/wifi.mobileconfig");
  EXPECT_EQ(profile_url("https://m/", "a b/caf\xc3\xa9+x"), "https://m/a%20b/caf%C3%A9%2Bx.mobileconfig");
}

class ProfileLinksTest : public ::testing::Test {
 protected:
  ProfileLinksTest() {
    files_.add_file("repo/policies/wifi.toml", "");
    files_.add_file("repo/common/vpn.toml", "");
  }

  std::optional<ir::Value> resolve(const std::string& name, std::optional<std::string> base = "https://m/") {
    const ProfileLinks links(files_, "repo/policies/legacy.toml", "policies/legacy", std::move(base));
    return links.resolve(reference(name), diagnostics_);
  }

  MemoryFileSystem files_;
  Diagnostics diagnostics_;
};

TEST_F(ProfileLinksTest, ResolvesRelativeToThePolicysFolder) {
  auto url = resolve("wifi");
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->string(), "https://m/policies/wifi.mobileconfig");
  EXPECT_EQ(url->span.begin, (SourcePosition{3, 14}));
  EXPECT_EQ(resolve("wifi.toml")->string(), "https://m/policies/wifi.mobileconfig");
  EXPECT_EQ(resolve("../common/vpn")->string(), "https://m/common/vpn.mobileconfig");
  EXPECT_TRUE(diagnostics_.empty());
}

TEST_F(ProfileLinksTest, EachFailureIsReportedAtTheValue) {
  for (const std::string name : {"wfi", "../../wifi", "/etc/passwd", "", "."}) {
    Diagnostics before;
    diagnostics_ = std::move(before);
    EXPECT_FALSE(resolve(name).has_value()) << name;
    ASSERT_EQ(diagnostics_.all().size(), 1u) << name;
    EXPECT_EQ(diagnostics_.all()[0].code, DiagnosticCode::PC6050);
    EXPECT_EQ(diagnostics_.all()[0].span.begin, (SourcePosition{3, 14}));
  }
  diagnostics_ = Diagnostics{};
  EXPECT_FALSE(resolve("wifi", std::nullopt).has_value());
  ASSERT_EQ(diagnostics_.all().size(), 1u);
  EXPECT_NE(diagnostics_.all()[0].help.find("profile_url"), std::string::npos);
}

}  // namespace
}  // namespace profilec
