#include "lower/lower_policy.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ir/uuid.h"
#include "support/pipeline.h"

namespace profilec {
namespace {

using testing::compile_policy_text;
using ::testing::ElementsAre;

const char* kPolicy = R"([profile]
id = "com.example.restrictions"
name = "Restrictions"
organization = "Example"
description = "d"
consent = "Please accept"
removal = "disallowed"

[payload.restrictions]
type = "com.apple.applicationaccess"
allowCamera = false
)";

TEST(LowerPolicyTest, BuildsTheEnvelopeWithDerivedIdentity) {
  auto run = compile_policy_text(kPolicy);
  ASSERT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  ASSERT_EQ(run.result.profiles.size(), 1u);
  const ir::Profile& p = run.result.profiles[0].profile;
  const ir::Value& top = p.envelope;
  EXPECT_EQ(top.find("PayloadType")->string(), "Configuration");
  EXPECT_EQ(top.find("PayloadVersion")->integer(), 1);
  EXPECT_EQ(top.find("PayloadIdentifier")->string(), "com.example.restrictions");
  EXPECT_EQ(top.find("PayloadUUID")->string(), ir::derived_payload_uuid("com.example.restrictions"));
  EXPECT_EQ(top.find("PayloadDisplayName")->string(), "Restrictions");
  EXPECT_EQ(top.find("PayloadOrganization")->string(), "Example");
  EXPECT_TRUE(top.find("PayloadRemovalDisallowed")->boolean());
  EXPECT_EQ(top.find("ConsentText")->find("default")->string(), "Please accept");

  ASSERT_EQ(p.payloads.size(), 1u);
  const ir::Value& payload = p.payloads[0].content;
  EXPECT_EQ(payload.find("PayloadType")->string(), "com.apple.applicationaccess");
  EXPECT_EQ(payload.find("PayloadIdentifier")->string(), "com.example.restrictions.restrictions");
  EXPECT_EQ(payload.find("PayloadUUID")->string(), ir::derived_payload_uuid("com.example.restrictions.restrictions"));
  EXPECT_EQ(payload.find("PayloadVersion")->integer(), 1);
  EXPECT_FALSE(payload.find("allowCamera")->boolean());
}

TEST(LowerPolicyTest, PinnedIdentityWins) {
  auto run = compile_policy_text(R"([profile]
id = "com.example.x"
uuid = "11111111-2222-3333-4444-555555555555"
[payload.a]
type = "com.apple.applicationaccess"
PayloadIdentifier = "legacy.identifier"
PayloadUUID = "AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE"
)");
  ASSERT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  const ir::Profile& p = run.result.profiles[0].profile;
  EXPECT_EQ(p.envelope.find("PayloadUUID")->string(), "11111111-2222-3333-4444-555555555555");
  EXPECT_EQ(p.payloads[0].content.find("PayloadIdentifier")->string(), "legacy.identifier");
  EXPECT_EQ(p.payloads[0].content.find("PayloadUUID")->string(), "AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE");
}

TEST(LowerPolicyTest, PinnedIdentifierWithoutUuidDerivesTheUuidFromIt) {
  auto run = compile_policy_text(R"([profile]
id = "com.example.x"
[payload.a]
type = "com.apple.applicationaccess"
PayloadIdentifier = "legacy.identifier"
)");
  ASSERT_EQ(run.result.profiles.size(), 1u);
  EXPECT_EQ(run.result.profiles[0].profile.payloads[0].content.find("PayloadUUID")->string(),
            ir::derived_payload_uuid("legacy.identifier"));
}

TEST(LowerPolicyTest, RejectsMalformedPinnedUuidsAndDirectPayloadType) {
  auto run = compile_policy_text(R"([profile]
id = "com.example.x"
uuid = "not-a-uuid"
[payload.a]
type = "com.apple.applicationaccess"
PayloadType = "com.apple.other"
PayloadUUID = "1234"
)");
  EXPECT_THAT(run.codes(), ElementsAre("PC0004", "PC0003", "PC0004"));
  EXPECT_TRUE(run.result.profiles.empty());
}

TEST(LowerPolicyTest, EmptyProfileIsAWarningAndStillCompiles) {
  auto run = compile_policy_text("[profile]\nid = \"com.example.empty\"\n");
  EXPECT_THAT(run.codes(), ElementsAre("PC0010"));
  EXPECT_EQ(run.result.profiles.size(), 1u);
}

TEST(LowerPolicyTest, TargetIsCarriedIntoTheIr) {
  auto run = compile_policy_text(R"([profile]
id = "x"
[target]
platforms = { iOS = "17.0" }
supervised = true
enrollment = "user"
shared_ipad = true
install = "manual"
[payload.a]
type = "t"
)");
  ASSERT_EQ(run.result.profiles.size(), 1u);
  const ir::Target& t = run.result.profiles[0].profile.target;
  ASSERT_EQ(t.platforms.size(), 1u);
  EXPECT_EQ(t.platforms[0].platform, "iOS");
  EXPECT_TRUE(t.supervised);
  EXPECT_EQ(t.enrollment, ir::Enrollment::kUser);
  EXPECT_TRUE(t.shared_ipad);
  EXPECT_EQ(t.install, ir::InstallMethod::kManual);
}

TEST(LowerPolicyTest, ApplesEnvelopeKeysReplaceWhatProfilecGenerates) {
  auto run = compile_policy_text(R"([profile]
id = "com.example.x"
PayloadType = "Configuration"
PayloadVersion = 2
PayloadUUID = "11111111-2222-3333-4444-555555555555"
PayloadEnabled = true
[payload.a]
type = "com.apple.applicationaccess"
)");
  ASSERT_FALSE(run.result.diagnostics.has_errors()) << run.rendered();
  const ir::Value& top = run.result.profiles[0].profile.envelope;
  EXPECT_EQ(top.find("PayloadVersion")->integer(), 2);
  EXPECT_EQ(top.find("PayloadUUID")->string(), "11111111-2222-3333-4444-555555555555");
  EXPECT_TRUE(top.find("PayloadEnabled")->boolean());
  EXPECT_EQ(top.dict().size(), 6u);  // each key once
}

// Thousands of Apple's keys in [profile]: each once, in order, after the
// generated ones they did not replace (each was compared with every key so
// far: 40,000 keys took 7 s; issue 15).
TEST(LowerPolicyTest, ManyApplesKeysInProfileAreEachSetOnce) {
  constexpr int kKeys = 5000;
  std::string text = "[profile]\nid = \"com.example.x\"\nomit = [\"PayloadDisplayName\"]\n";
  for (int i = 0; i < kKeys; ++i) text += fmt::format("Custom{:05} = {}\n", i, i);
  text += "PayloadVersion = 2\n[payload.a]\ntype = \"com.apple.applicationaccess\"\n";
  auto run = compile_policy_text(text);
  ASSERT_FALSE(run.result.diagnostics.has_errors()) << run.rendered();
  const ir::Value& top = run.result.profiles[0].profile.envelope;
  EXPECT_EQ(top.find("PayloadVersion")->integer(), 2);
  EXPECT_EQ(top.find("PayloadDisplayName"), nullptr);
  // PayloadIdentifier, PayloadUUID, PayloadType, PayloadVersion + the keys.
  ASSERT_EQ(top.dict().size(), 4u + kKeys);
  EXPECT_EQ(top.dict()[4].key, "Custom00000");
  EXPECT_EQ(top.dict().back().key, fmt::format("Custom{:05}", kKeys - 1));
  EXPECT_EQ(top.dict().back().value.integer(), kKeys - 1);
}

TEST(LowerPolicyTest, AKeySetByAFieldAndAsApplesKeyIsAnError) {
  auto run = compile_policy_text(R"([profile]
id = "com.example.x"
name = "X"
PayloadDisplayName = "Y"
omit = ["PayloadUUID"]
uuid = "11111111-2222-3333-4444-555555555555"
[payload.a]
type = "com.apple.applicationaccess"
PayloadVersion = 1
omit = ["PayloadVersion"]
)");
  EXPECT_THAT(run.codes(), ElementsAre("PC0004", "PC0004", "PC0004"));
  EXPECT_EQ(run.result.diagnostics.all()[0].message,
            "[profile] sets PayloadDisplayName twice: with a field and as Apple's key");
  EXPECT_EQ(run.result.diagnostics.all()[1].message, "[profile] omits PayloadUUID, which it also sets");
  EXPECT_EQ(run.result.diagnostics.all()[2].message, "payload 'a' omits PayloadVersion, which it also sets");
}

TEST(LowerPolicyTest, OmitLeavesGeneratedKeysOut) {
  auto run = compile_policy_text(R"(# profilec: allow-file missing-payload-key, missing-required-key
[profile]
id = "com.example.x"
omit = ["PayloadUUID", "PayloadType", "PayloadVersion", "PayloadDisplayName", "PayloadOrganization"]
[payload.a]
type = "com.apple.applicationaccess"
omit = ["PayloadIdentifier", "PayloadUUID", "PayloadVersion"]
)",
                                 SecretMode::kPlaceholder, {},
                                 {{"policies/profilec.toml", "[profile]\norganization = \"Acme\"\n"}});
  ASSERT_FALSE(run.result.diagnostics.has_errors()) << run.rendered();
  const ir::Profile& p = run.result.profiles[0].profile;
  ASSERT_EQ(p.envelope.dict().size(), 1u);
  EXPECT_EQ(p.envelope.dict()[0].key, "PayloadIdentifier");
  ASSERT_EQ(p.payloads[0].content.dict().size(), 1u);
  EXPECT_EQ(p.payloads[0].content.dict()[0].key, "PayloadType");
}

TEST(LowerPolicyTest, OmittingPayloadContentWritesNoneAndNeedsNoPayloads) {
  auto none = compile_policy_text("[profile]\nid = \"com.example.x\"\nomit = [\"PayloadContent\"]\n");
  ASSERT_EQ(none.result.profiles.size(), 1u);
  EXPECT_EQ(ir::profile_to_plist(none.result.profiles[0].profile).find("PayloadContent"), nullptr);
  auto with_payloads = compile_policy_text(R"([profile]
id = "com.example.x"
omit = ["PayloadContent"]
[payload.a]
type = "com.apple.applicationaccess"
)");
  EXPECT_THAT(with_payloads.codes(), ElementsAre("PC0004"));
  EXPECT_EQ(with_payloads.result.diagnostics.all()[0].message, "[profile] omits PayloadContent but has payloads");
}

}  // namespace
}  // namespace profilec
