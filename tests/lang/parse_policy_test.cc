#include "lang/parse_policy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace profilec::lang {
namespace {

using ::testing::ElementsAre;

struct Parsed {
  ParseResult result;
  Diagnostics diagnostics;
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const auto& d : diagnostics.all()) out.emplace_back(info(d.code).id);
    return out;
  }
};

Parsed parse(std::string_view text, ParseOptions options = {}) {
  Parsed p;
  p.result = parse_policy(text, "p.toml", p.diagnostics, options);
  return p;
}

TEST(ParsePolicyTest, ReadsProfileTargetAndPayloadsInSourceOrder) {
  auto p = parse(R"(
[profile]
id = "com.example.x"
name = "X"
removal = "disallowed"
scope = "user"

[target]
platforms = { macOS = "14.0", iOS = "17.0" }
supervised = true
enrollment = "user"

[payload.zeta]
type = "com.apple.applicationaccess"
allowCamera = false

[payload.alpha]
type = "com.apple.wifi.managed"
SSID_STR = "Corp"
)");
  ASSERT_EQ(p.result.status, ParseStatus::kParsed);
  EXPECT_TRUE(p.diagnostics.empty()) << p.codes().size();
  const PolicyFile& f = p.result.policy;
  ASSERT_TRUE(f.profile && f.profile->id);
  EXPECT_EQ(f.profile->id->value, "com.example.x");
  EXPECT_EQ(f.profile->id->span.begin.line, 3u);
  EXPECT_EQ(f.profile->id->span.begin.column, 6u);
  EXPECT_EQ(f.profile->scope->value, "User");
  EXPECT_TRUE(f.profile->removal_disallowed->value);
  ASSERT_EQ(f.target.platforms.size(), 2u);
  EXPECT_EQ(f.target.platforms[0].platform, "macOS");
  EXPECT_EQ(f.target.platforms[1].min_version, "17.0");
  EXPECT_EQ(f.target.enrollment->value, "user");
  ASSERT_EQ(f.payloads.size(), 2u);
  EXPECT_EQ(f.payloads[0].name, "zeta");
  EXPECT_EQ(f.payloads[1].name, "alpha");
  ASSERT_EQ(f.payloads[0].keys.size(), 1u);
  EXPECT_EQ(f.payloads[0].keys[0].key, "allowCamera");
  EXPECT_EQ(f.payloads[0].keys[0].value.kind, Value::Kind::kBoolean);
}

TEST(ParsePolicyTest, SyntaxErrorNamesLineAndColumn) {
  auto p = parse("[profile]\nid = \"x\"\nname = \n");
  EXPECT_EQ(p.result.status, ParseStatus::kSyntaxError);
  ASSERT_THAT(p.codes(), ElementsAre("PC0001"));
  const Diagnostic& d = p.diagnostics.all()[0];
  EXPECT_EQ(*d.span.path, "p.toml");
  EXPECT_EQ(d.span.begin.line, 3u);
  EXPECT_GT(d.span.begin.column, 0u);
  EXPECT_NE(d.message.back(), '.');
}

TEST(ParsePolicyTest, UnknownTopLevelTableSuggestsTheNearestName) {
  auto p = parse("[profle]\nid = \"x\"\n");
  ASSERT_THAT(p.codes(), ElementsAre("PC0002", "PC0005"));
  EXPECT_EQ(p.diagnostics.all()[0].help, "did you mean 'profile'?");
}

TEST(ParsePolicyTest, UnknownFieldsInProfileAndTarget) {
  auto p = parse("[profile]\nid = \"x\"\norganisation = \"A\"\n[target]\nsupervize = true\n");
  ASSERT_THAT(p.codes(), ElementsAre("PC0003", "PC0003"));
  EXPECT_EQ(p.diagnostics.all()[0].help, "did you mean 'organization'?");
  EXPECT_EQ(p.diagnostics.all()[1].help, "did you mean 'supervised'?");
}

TEST(ParsePolicyTest, ProfileExtraHoldsTopLevelKeysThatAreNotApples) {
  auto p = parse(
      "[profile]\nid = \"x\"\nPayloadEnabled = true\n\n[profile.extra]\npayloadScope = \"System\"\n"
      "label = \"Corp\"\nPayloadScope = \"System\"\n");
  ASSERT_THAT(p.codes(), ElementsAre("PC0003"));
  EXPECT_EQ(p.diagnostics.all()[0].message, "'PayloadScope' belongs in [profile] itself, not in [profile.extra]");
  EXPECT_EQ(p.diagnostics.all()[0].help,
            "[profile.extra] holds the top-level keys that do not start with an upper-case letter");
  EXPECT_EQ(p.diagnostics.all()[0].span.begin.line, 8u);
  const auto& keys = p.result.policy.profile->apple_keys;
  ASSERT_EQ(keys.size(), 3u);
  EXPECT_EQ(keys[0].key, "PayloadEnabled");
  EXPECT_EQ(keys[1].key, "payloadScope");
  EXPECT_EQ(keys[1].key_span.begin.line, 6u);
  EXPECT_EQ(keys[2].key, "label");
}

TEST(ParsePolicyTest, ProfileExtraMustBeATable) {
  auto p = parse("[profile]\nid = \"x\"\nextra = 5\n");
  ASSERT_THAT(p.codes(), ElementsAre("PC0004"));
}

TEST(ParsePolicyTest, WrongTypesAndChoices) {
  auto p = parse(R"([profile]
id = 5
removal = "never"
[target]
platforms = { ios = "17.0", macOS = 14 }
enrollment = "byod"
supervised = "yes"
)");
  EXPECT_THAT(p.codes(), ElementsAre("PC0004", "PC0004", "PC0004", "PC0004", "PC0004", "PC0004"));
  // profile.id present but invalid: no second "missing id" finding.
  EXPECT_EQ(p.diagnostics.all()[2].help, "did you mean 'iOS'?");
}

TEST(ParsePolicyTest, EmptyIdIsInvalidNotMissing) {
  auto p = parse("[profile]\nid = \"\"\nname = \"x\"\n[payload.a]\ntype = \"com.apple.applicationaccess\"\n");
  EXPECT_THAT(p.codes(), ElementsAre("PC0004"));
  EXPECT_EQ(p.diagnostics.all()[0].message, "profile.id must not be empty");
  EXPECT_EQ(p.diagnostics.all()[0].span.begin.line, 2u);
}

TEST(ParsePolicyTest, MissingProfileIdAndPayloadType) {
  auto p = parse("[profile]\nname = \"x\"\n[payload.a]\nallowCamera = false\n");
  EXPECT_THAT(p.codes(), ElementsAre("PC0005", "PC0005"));
}

TEST(ParsePolicyTest, RecognisesDataAndSecretReferences) {
  auto p = parse(R"([profile]
id = "x"
[payload.a]
type = "t"
cert = { file = "c.cer" }
blob = { base64 = "AAEC" }
psk = { env = "PSK" }
plain = { file = "x", other = 1 }
)");
  ASSERT_TRUE(p.diagnostics.empty());
  const auto& keys = p.result.policy.payloads[0].keys;
  ASSERT_EQ(keys.size(), 4u);
  EXPECT_EQ(keys[0].value.kind, Value::Kind::kFileRef);
  EXPECT_EQ(keys[0].value.text, "c.cer");
  EXPECT_EQ(keys[1].value.kind, Value::Kind::kBase64);
  EXPECT_EQ(keys[2].value.kind, Value::Kind::kEnvSecret);
  EXPECT_EQ(keys[3].value.kind, Value::Kind::kTable);
}

TEST(ParsePolicyTest, RecognisesPayloadReferences) {
  auto p = parse(R"([profile]
id = "x"
[payload.a]
type = "t"
ref = { payload = "b" }
notref = { payload = "b", other = 1 }
badref = { payload = 5 }
)");
  ASSERT_EQ(p.diagnostics.all().size(), 1u);
  EXPECT_EQ(p.diagnostics.all()[0].message, "'payload' must be a string, found integer");
  EXPECT_EQ(p.diagnostics.all()[0].span.begin.line, 7u);
  const auto& keys = p.result.policy.payloads[0].keys;
  ASSERT_EQ(keys.size(), 3u);
  EXPECT_EQ(keys[0].value.kind, Value::Kind::kPayloadRef);
  EXPECT_EQ(keys[0].value.text, "b");
  EXPECT_EQ(keys[0].value.span.begin.column, 7u);
  EXPECT_EQ(keys[1].value.kind, Value::Kind::kTable);
  EXPECT_EQ(keys[2].value.kind, Value::Kind::kPayloadRef);
}

TEST(ParsePolicyTest, PayloadNamesMustBeUsableInIdentifiers) {
  auto p = parse("[profile]\nid = \"x\"\n[payload.\"corp wifi\"]\ntype = \"t\"\n");
  EXPECT_THAT(p.codes(), ElementsAre("PC0004"));
}

TEST(ParsePolicyTest, FolderWalkSkipsTomlThatIsNotAPolicy) {
  ParseOptions walk;
  walk.skip_non_policy = true;
  auto p = parse("[tool.black]\nline-length = 100\n", walk);
  EXPECT_EQ(p.result.status, ParseStatus::kNotAPolicy);
  EXPECT_TRUE(p.diagnostics.empty());
  auto named = parse("[tool.black]\nline-length = 100\n");
  EXPECT_THAT(named.codes(), ElementsAre("PC0002", "PC0005"));
}

TEST(ParsePolicyTest, UseListsFragmentsWithTheirSpans) {
  auto p = parse("[profile]\nid = \"x\"\n[payload.r]\ntype = \"t\"\nuse = [\"stdlib:a\", \"b/c\"]\nk = 1\n");
  ASSERT_TRUE(p.diagnostics.empty());
  const PayloadDecl& payload = p.result.policy.payloads.at(0);
  ASSERT_EQ(payload.uses.size(), 2u);
  EXPECT_EQ(payload.uses[0].value, "stdlib:a");
  EXPECT_EQ(payload.uses[1].value, "b/c");
  EXPECT_EQ(payload.uses[1].span.begin.line, 5u);
  EXPECT_EQ(payload.uses[1].span.begin.column, 20u);
  ASSERT_EQ(payload.keys.size(), 1u) << "use is not a key";
  EXPECT_THAT(parse("[profile]\nid = \"x\"\n[payload.r]\ntype = \"t\"\nuse = [1]\n").codes(), ElementsAre("PC0004"));
}

TEST(ParsePolicyTest, AFileWithAFragmentTableIsAFragmentNeverAPolicy) {
  EXPECT_EQ(parse("[fragment]\ntype = \"t\"\n[keys]\nk = 1\n").result.status, ParseStatus::kFragment);
  ParseOptions walk;
  walk.skip_non_policy = true;
  auto p = parse("[fragment]\ntype = \"t\"\n", walk);
  EXPECT_EQ(p.result.status, ParseStatus::kFragment);
  EXPECT_TRUE(p.diagnostics.empty());
}

TEST(ParsePolicyTest, InvalidUtf8AndNulBytesAreSyntaxErrorsNotCrashes) {
  EXPECT_THAT(parse(std::string("[profile]\nid = \"\xff\xfe\"\n")).codes(), ElementsAre("PC0001"));
  EXPECT_THAT(parse(std::string("[profile]\nid = \"a\0b\"\n", 21)).codes(), ElementsAre("PC0001"));
}

TEST(ParsePolicyTest, ProfileTakesApplesEnvelopeKeysAndAnOmitList) {
  auto p = parse(R"([profile]
id = "com.example.x"
PayloadVersion = "1"
TargetDeviceType = 5
omit = ["PayloadDisplayName", "PayloadContent"]
[payload.a]
type = "t"
omit = ["PayloadVersion"]
)");
  ASSERT_TRUE(p.diagnostics.empty());
  const ProfileSection& profile = *p.result.policy.profile;
  ASSERT_EQ(profile.apple_keys.size(), 2u);
  EXPECT_EQ(profile.apple_keys[0].key, "PayloadVersion");
  EXPECT_EQ(profile.apple_keys[0].value.text, "1");
  EXPECT_EQ(profile.apple_keys[1].key, "TargetDeviceType");
  ASSERT_EQ(profile.omit.size(), 2u);
  EXPECT_EQ(profile.omit[1].value, "PayloadContent");
  ASSERT_EQ(p.result.policy.payloads[0].omit.size(), 1u);
  EXPECT_TRUE(p.result.policy.payloads[0].keys.empty());  // `omit` is a field, not a key
}

TEST(ParsePolicyTest, OmitNamesOnlyGeneratedKeysAndIdentityStaysAField) {
  auto p = parse(R"([profile]
id = "com.example.x"
PayloadIdentifier = "other"
PayloadContent = []
omit = ["PayloadVersoin", "PayloadDescription"]
[payload.a]
type = "t"
omit = ["PayloadDisplayName", 3]
)");
  ASSERT_THAT(p.codes(), ElementsAre("PC0003", "PC0003", "PC0004", "PC0004", "PC0004"));
  EXPECT_EQ(p.diagnostics.all()[0].help, "the profile's `id` is its PayloadIdentifier");
  EXPECT_EQ(p.diagnostics.all()[2].help, "did you mean 'PayloadVersion'?");
  EXPECT_EQ(p.diagnostics.all()[3].message,
            "profile.omit cannot name 'PayloadDescription': profilec does not generate it");
  EXPECT_EQ(p.diagnostics.all()[4].message, "payload.a.omit must hold strings only, found integer");
}

}  // namespace
}  // namespace profilec::lang
