// The analysis across profiles (compiler/analyze): identity (PC3xxx) and
// conflicts (PC4xxx), each positive and negative, through the whole pipeline.
#include "analyze/analyze.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "analyze/combine.h"
#include "analyze/targets.h"
#include "analyze/value_compare.h"
#include "support/pipeline.h"

namespace profilec {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A restrictions profile: `target` lines go in [target], `keys` in the payload.
std::string restrictions(std::string_view id, std::string_view target, std::string_view keys) {
  return fmt::format(
      "[profile]\nid = \"{}\"\n\n[target]\n{}\n\n[payload.restrictions]\n"
      "type = \"com.apple.applicationaccess\"\n{}\n",
      id, target, keys);
}

constexpr std::string_view kIOS = "platforms = { iOS = \"17.0\" }\nsupervised = true";
constexpr std::string_view kMacOS = "platforms = { macOS = \"14.0\" }\nsupervised = true";
constexpr std::string_view kBoth = "platforms = { iOS = \"17.0\", macOS = \"14.0\" }\nsupervised = true";

testing::PipelineRun run_files(std::initializer_list<std::pair<std::string, std::string>> files) {
  MemoryFileSystem fs;
  for (const auto& [path, text] : files) fs.add_file(path, text);
  return testing::compile_tree(fs, "repo");
}

// --- targets ----------------------------------------------------------------

TEST(TargetsTest, PlatformsAndEnrollmentDecideOverlap) {
  ir::Target ios, mac, all, user, automated;
  ios.platforms = {{"iOS", "17.0", {}}};
  mac.platforms = {{"macOS", "14.0", {}}};
  user.platforms = ios.platforms;
  user.enrollment = ir::Enrollment::kUser;
  automated.platforms = ios.platforms;
  automated.enrollment = ir::Enrollment::kAutomated;
  EXPECT_FALSE(analyze::reach_same_devices(ios, mac));
  EXPECT_TRUE(analyze::reach_same_devices(ios, all));  // no platforms: every platform
  EXPECT_TRUE(analyze::reach_same_devices(mac, all));
  EXPECT_FALSE(analyze::reach_same_devices(ios, user));
  EXPECT_TRUE(analyze::reach_same_devices(ios, automated));  // an ADE device is device-enrolled too
  EXPECT_FALSE(analyze::reach_same_devices(user, automated));
  ir::Target supervised = ios;
  supervised.supervised = true;
  EXPECT_TRUE(analyze::reach_same_devices(ios, supervised));  // supervision never separates
  EXPECT_FALSE(analyze::admits(supervised, schema::Platform::kIOS, false, ir::Enrollment::kDevice));
  EXPECT_TRUE(analyze::admits(ios, schema::Platform::kIOS, false, ir::Enrollment::kAutomated));
}

// --- combine rules ------------------------------------------------------------

TEST(CombineTest, EachRuleGivesTheMostRestrictiveValue) {
  using schema::CombineRule;
  auto combine = [](CombineRule rule, std::vector<ir::Value> values) {
    std::vector<const ir::Value*> ptrs;
    for (const ir::Value& v : values) ptrs.push_back(&v);
    auto out = analyze::combine_values(rule, ptrs);
    return out ? analyze::describe_value(*out) : std::string("none");
  };
  EXPECT_EQ(combine(CombineRule::kBooleanAnd, {ir::make_boolean(true), ir::make_boolean(false)}), "false");
  EXPECT_EQ(combine(CombineRule::kBooleanOr, {ir::make_boolean(false), ir::make_boolean(true)}), "true");
  EXPECT_EQ(combine(CombineRule::kNumberMin, {ir::make_integer(5), ir::make_integer(3)}), "3");
  EXPECT_EQ(combine(CombineRule::kNumberMax, {ir::make_integer(5), ir::make_integer(9)}), "9");
  EXPECT_EQ(combine(CombineRule::kSetUnion, {ir::make_array({ir::make_string("a")}),
                                             ir::make_array({ir::make_string("b"), ir::make_string("a")})}),
            "[\"a\", \"b\"]");
  EXPECT_EQ(combine(CombineRule::kSetIntersection, {ir::make_array({ir::make_string("a"), ir::make_string("b")}),
                                                    ir::make_array({ir::make_string("b")})}),
            "[\"b\"]");
  EXPECT_EQ(combine(CombineRule::kNone, {ir::make_boolean(true), ir::make_boolean(false)}), "none");
  EXPECT_EQ(combine(CombineRule::kBooleanAnd, {ir::make_boolean(true), ir::make_integer(0)}), "none");
}

TEST(ValueCompareTest, IgnoresSpansAndDictionaryOrder) {
  ir::Value a = ir::make_dict({{"x", {}, ir::make_integer(1)}, {"y", {}, ir::make_string("s")}});
  ir::Value b = ir::make_dict({{"y", {}, ir::make_string("s")}, {"x", {}, ir::make_integer(1)}});
  EXPECT_TRUE(analyze::same_value(a, b));
  EXPECT_FALSE(analyze::same_value(ir::make_integer(1), ir::make_real(1.0)));
}

// --- PC4001 / PC4002 ------------------------------------------------------------

TEST(ConflictTest, CombinableKeyOnIOSIsAWarningWithTheEffectiveValue) {
  auto run = run_files({{"repo/a.toml", restrictions("com.example.a", kIOS, "allowCamera = false")},
                        {"repo/b.toml", restrictions("com.example.b", kIOS, "allowCamera = true")}});
  EXPECT_THAT(run.codes(), ElementsAre("PC4001")) << run.rendered();
  const Diagnostic* d = run.first("PC4001");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->severity, Severity::kWarning);
  EXPECT_EQ(*d->span.path, "repo/b.toml");
  EXPECT_EQ(d->span.begin.line, 10u);
  EXPECT_THAT(d->message, ::testing::StartsWith("allowCamera resolves to false: the most restrictive value wins"));
  EXPECT_THAT(d->message, ::testing::HasSubstr("repo/a.toml:10"));
  ASSERT_EQ(d->notes.size(), 1u);
  EXPECT_EQ(*d->notes[0].span.path, "repo/a.toml");
}

TEST(ConflictTest, NumberMinNamesTheSmallestValue) {
  auto run = run_files({{"repo/a.toml", restrictions("com.example.a", kIOS, "ratingApps = 1000")},
                        {"repo/b.toml", restrictions("com.example.b", kIOS, "ratingApps = 200")}});
  const Diagnostic* d = run.first("PC4001");
  ASSERT_NE(d, nullptr) << run.rendered();
  EXPECT_THAT(d->message, ::testing::StartsWith("ratingApps resolves to 200"));
}

TEST(ConflictTest, NonCombinableKeyIsAnError) {
  auto run = run_files({{"repo/a.toml", restrictions("com.example.a", kIOS, "allowUSBRestrictedMode = false")},
                        {"repo/b.toml", restrictions("com.example.b", kIOS, "allowUSBRestrictedMode = true")}});
  EXPECT_THAT(run.codes(), ElementsAre("PC4002")) << run.rendered();
  EXPECT_EQ(run.first("PC4002")->severity, Severity::kError);
}

TEST(ConflictTest, MacOSHasNoMostRestrictiveMergeSoItIsAnError) {
  auto run = run_files({{"repo/a.toml", restrictions("com.example.a", kBoth, "allowCamera = false")},
                        {"repo/b.toml", restrictions("com.example.b", kMacOS, "allowCamera = true")}});
  EXPECT_TRUE(run.has_code("PC4002")) << run.rendered();
  EXPECT_FALSE(run.has_code("PC4001"));
}

TEST(ConflictTest, TargetsThatDoNotOverlapDoNotConflict) {
  auto run = run_files({{"repo/a.toml", restrictions("com.example.a", kIOS, "allowCamera = false")},
                        {"repo/b.toml", restrictions("com.example.b", kMacOS, "allowCamera = true")}});
  EXPECT_FALSE(run.has_code("PC4001")) << run.rendered();
  EXPECT_FALSE(run.has_code("PC4002"));
  auto users = run_files({{"repo/a.toml",
                           restrictions("com.example.a", "platforms = { iOS = \"17.0\" }\nenrollment = \"user\"",
                                        "allowCamera = false")},
                          {"repo/b.toml", restrictions("com.example.b", kIOS, "allowCamera = true")}});
  EXPECT_FALSE(users.has_code("PC4001")) << users.rendered();
}

TEST(ConflictTest, SameValuesDoNotConflict) {
  auto run = run_files({{"repo/a.toml", restrictions("com.example.a", kIOS, "allowCamera = false")},
                        {"repo/b.toml", restrictions("com.example.b", kIOS, "allowCamera = false")}});
  EXPECT_THAT(run.codes(), IsEmpty()) << run.rendered();
}

TEST(ConflictTest, SeparateThingsOfATypeThatAllowsSeveralAreNotConflicts) {
  auto wifi = [](std::string_view id, std::string_view ssid) {
    return fmt::format(
        "[profile]\nid = \"{}\"\n\n[payload.wifi]\ntype = \"com.apple.wifi.managed\"\n"
        "SSID_STR = \"{}\"\nEncryptionType = \"None\"\n",
        id, ssid);
  };
  auto run = run_files({{"repo/a.toml", wifi("com.example.a", "Corp")},
                        {"repo/b.toml", wifi("com.example.b", "Guest")}});
  EXPECT_THAT(run.codes(), IsEmpty()) << run.rendered();
}

// --- PC3001 / PC3002 / PC3003 ------------------------------------------------------

TEST(IdentityTest, SameProfileIdentifierOnOverlappingTargets) {
  auto run = run_files({{"repo/a.toml", restrictions("com.example.same", kIOS, "allowCamera = false")},
                        {"repo/b.toml", restrictions("com.example.same", kIOS, "allowAirDrop = false")}});
  EXPECT_THAT(run.codes(), ElementsAre("PC3001")) << run.rendered();
  EXPECT_EQ(*run.first("PC3001")->span.path, "repo/b.toml");
  EXPECT_EQ(run.first("PC3001")->span.begin.line, 2u);
  auto apart = run_files({{"repo/a.toml", restrictions("com.example.same", kIOS, "allowCamera = false")},
                          {"repo/b.toml", restrictions("com.example.same", kMacOS, "allowCamera = false")}});
  EXPECT_THAT(apart.codes(), IsEmpty()) << apart.rendered();
}

TEST(IdentityTest, PinnedUuidUsedTwice) {
  auto with_uuid = [](std::string_view id, std::string_view uuid) {
    return fmt::format(
        "[profile]\nid = \"{}\"\nuuid = \"{}\"\n\n[target]\n{}\n\n[payload.restrictions]\n"
        "type = \"com.apple.applicationaccess\"\nallowCamera = false\n",
        id, uuid, kIOS);
  };
  auto run = run_files({{"repo/a.toml", with_uuid("com.example.a", "6F1A2B3C-4D5E-4F60-8A7B-9C0D1E2F3A4B")},
                        {"repo/b.toml", with_uuid("com.example.b", "6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b")}});
  EXPECT_THAT(run.codes(), ElementsAre("PC3002")) << run.rendered();
  auto distinct = run_files({{"repo/a.toml", with_uuid("com.example.a", "6F1A2B3C-4D5E-4F60-8A7B-9C0D1E2F3A4B")},
                             {"repo/b.toml", with_uuid("com.example.b", "0B5E7D3A-1C2F-4E6A-9B8D-7F6E5D4C3B2A")}});
  EXPECT_THAT(distinct.codes(), IsEmpty()) << distinct.rendered();
}

TEST(IdentityTest, PayloadIdentifierTwiceInAProfile) {
  const std::string text = restrictions("com.example.a", kIOS,
                                        "PayloadIdentifier = \"com.example.x\"\nallowCamera = false\n\n"
                                        "[payload.passcode]\ntype = \"com.apple.mobiledevice.passwordpolicy\"\n"
                                        "PayloadIdentifier = \"com.example.x\"\nminLength = 6");
  auto run = testing::compile_policy_text(text);
  EXPECT_THAT(run.codes(), ElementsAre("PC3003")) << run.rendered();
  EXPECT_EQ(run.first("PC3003")->notes.size(), 1u);
}

// --- PC3004 -------------------------------------------------------------------

const char* kDns = R"([profile]
id = "com.example.dns"

[target]
platforms = { iOS = "17.0" }

[payload.doh]
type = "com.apple.dnsSettings.managed"
PayloadCertificateUUID = "9A3C1F52-6E1B-4C2A-9D0E-7B8F4A1C2D3E"

[payload.doh.DNSSettings]
DNSProtocol = "HTTPS"
ServerURL   = "https://dns.example.com/dns-query"
)";

TEST(ReferenceTest, UuidThatNamesNothing) {
  auto run = testing::compile_policy_text(kDns);
  EXPECT_THAT(run.codes(), ElementsAre("PC3004")) << run.rendered();
  EXPECT_EQ(run.first("PC3004")->span.begin.line, 9u);
}

TEST(ReferenceTest, UuidOfAFittingPayloadResolves) {
  auto run = testing::compile_policy_text(std::string(kDns) + R"(
[payload.identity]
type           = "com.apple.security.pkcs12"
PayloadUUID    = "9a3c1f52-6e1b-4c2a-9d0e-7b8f4a1c2d3e"
PayloadContent = { base64 = "MIIB" }
Password       = "x"
)");
  EXPECT_THAT(run.codes(), IsEmpty()) << run.rendered();
}

TEST(ReferenceTest, UuidOfAPayloadOfTheWrongType) {
  auto run = testing::compile_policy_text(std::string(kDns) + R"(
[payload.restrictions]
type        = "com.apple.applicationaccess"
PayloadUUID = "9A3C1F52-6E1B-4C2A-9D0E-7B8F4A1C2D3E"
allowCamera = false
)");
  EXPECT_THAT(run.codes(), ElementsAre("PC3004")) << run.rendered();
  EXPECT_THAT(run.first("PC3004")->message, ::testing::HasSubstr("cannot serve here"));
}

// --- PC3005 -------------------------------------------------------------------

std::string layout(std::string_view id, std::string_view platforms) {
  return fmt::format(
      "[profile]\nid = \"{}\"\n\n[target]\nplatforms = {}\nsupervised = true\n\n"
      "[payload.layout]\ntype = \"com.apple.homescreenlayout\"\nPages = []\n",
      id, platforms);
}

TEST(DuplicateTypeTest, SingleInstanceTypeAcrossOverlappingProfiles) {
  auto run = run_files({{"repo/a.toml", layout("com.example.a", "{ iOS = \"17.0\" }")},
                        {"repo/b.toml", layout("com.example.b", "{ iOS = \"17.0\" }")},
                        {"repo/c.toml", layout("com.example.c", "{ iOS = \"17.0\" }")}});
  // One finding for the group of three, at the second, with a note at each other one.
  EXPECT_THAT(run.codes(), ElementsAre("PC3005")) << run.rendered();
  const Diagnostic& d = *run.first("PC3005");
  EXPECT_EQ(d.severity, Severity::kError);
  EXPECT_EQ(d.message, "3 com.apple.homescreenlayout payloads reach the same devices (iOS), which allow only one");
  EXPECT_EQ(*d.span.path, "repo/b.toml");
  ASSERT_EQ(d.notes.size(), 2u);
  EXPECT_EQ(*d.notes[0].span.path, "repo/a.toml");
  EXPECT_EQ(*d.notes[1].span.path, "repo/c.toml");
}

TEST(DuplicateTypeTest, OutputGrowsLinearlyWithTheGroup) {
  MemoryFileSystem fs;
  for (int i = 0; i < 40; ++i) {
    fs.add_file(fmt::format("repo/p{:02}.toml", i), layout(fmt::format("com.example.p{}", i), "{ iOS = \"17.0\" }"));
  }
  auto run = testing::compile_tree(fs, "repo");
  ASSERT_THAT(run.codes(), ElementsAre("PC3005")) << run.rendered();
  EXPECT_EQ(run.first("PC3005")->notes.size(), 39u);
}

TEST(DuplicateTypeTest, GroupsThatDifferByPlatformAreReportedOnce) {
  // a and b meet on iOS; b and c on tvOS: two groups, one finding each.
  auto run = run_files({{"repo/a.toml", layout("com.example.a", "{ iOS = \"17.0\" }")},
                        {"repo/b.toml", layout("com.example.b", "{ iOS = \"17.0\", tvOS = \"17.0\" }")},
                        {"repo/c.toml", layout("com.example.c", "{ tvOS = \"17.0\" }")}});
  EXPECT_THAT(run.codes(), ElementsAre("PC3005", "PC3005")) << run.rendered();
}

TEST(DuplicateTypeTest, SingleInstanceTypeOnPlatformsThatDoNotMeet) {
  auto run = run_files({{"repo/a.toml", layout("com.example.a", "{ iOS = \"17.0\" }")},
                        {"repo/b.toml", layout("com.example.b", "{ tvOS = \"17.0\" }")}});
  EXPECT_FALSE(run.has_code("PC3005")) << run.rendered();
}

TEST(DuplicateTypeTest, TypesThatAllowSeveralAreFine) {
  auto run = run_files({{"repo/a.toml", restrictions("com.example.a", kIOS, "allowCamera = false")},
                        {"repo/b.toml", restrictions("com.example.b", kIOS, "allowAirDrop = false")}});
  EXPECT_THAT(run.codes(), IsEmpty()) << run.rendered();
}

TEST(DuplicateTypeTest, WithinOneProfile) {
  auto run = testing::compile_policy_text(layout("com.example.a", "{ iOS = \"17.0\" }") +
                                          "\n[payload.layout2]\ntype = \"com.apple.homescreenlayout\"\nPages = []\n");
  EXPECT_THAT(run.codes(), ElementsAre("PC3005")) << run.rendered();
}

// --- existing .mobileconfig files: stated and assumed targets -----------------

struct RawPayload {
  std::string type;
  std::string identifier;
  std::string uuid;
  std::string keys;  // plist XML inside the payload dict
};

std::string raw_profile(std::string_view id, std::string_view uuid, const std::vector<RawPayload>& payloads) {
  std::string content;
  for (const RawPayload& p : payloads) {
    content += fmt::format(
        "<dict><key>PayloadType</key><string>{}</string><key>PayloadIdentifier</key><string>{}</string>"
        "<key>PayloadUUID</key><string>{}</string><key>PayloadVersion</key><integer>1</integer>{}</dict>\n",
        p.type, p.identifier, p.uuid, p.keys);
  }
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>\n"
      "<key>PayloadContent</key><array>\n{}</array>\n<key>PayloadIdentifier</key><string>{}</string>\n"
      "<key>PayloadType</key><string>Configuration</string>\n<key>PayloadUUID</key><string>{}</string>\n"
      "<key>PayloadVersion</key><integer>1</integer>\n</dict>\n</plist>\n",
      content, id, uuid);
}

RawPayload notifications(std::string_view n) {
  return {"com.apple.notificationsettings", fmt::format("com.example.notifications.{}", n),
          fmt::format("0000000{}-0000-4000-8000-00000000000{}", n, n),
          fmt::format("<key>NotificationSettings</key><array><dict><key>BundleIdentifier</key>"
                      "<string>com.example.app{}</string></dict></array>",
                      n)};
}

RawPayload privacy(std::string_view n) {
  return {"com.apple.TCC.configuration-profile-policy", fmt::format("com.example.tcc.{}", n),
          fmt::format("1000000{}-0000-4000-8000-00000000000{}", n, n), "<key>Services</key><dict/>"};
}

std::string uuid_of(std::string_view n) { return fmt::format("2000000{}-0000-4000-8000-00000000000{}", n, n); }

TEST(RawTargetsTest, PayloadsThatNeverReachAnIPhoneKeepProfilesApart) {
  // Notifications allow one payload on iOS, several on macOS; the TCC
  // payload exists only on macOS, so b never reaches an iPhone.
  auto run = run_files({{"repo/a.mobileconfig", raw_profile("com.example.a", uuid_of("1"), {notifications("1")})},
                        {"repo/b.mobileconfig",
                         raw_profile("com.example.b", uuid_of("2"), {notifications("2"), privacy("2")})}});
  EXPECT_THAT(run.codes(), IsEmpty()) << run.rendered();
}

TEST(RawTargetsTest, AFindingOnAnAssumedTargetIsAWarningThatSaysSo) {
  auto run = run_files({{"repo/a.mobileconfig", raw_profile("com.example.a", uuid_of("1"), {notifications("1")})},
                        {"repo/b.mobileconfig", raw_profile("com.example.b", uuid_of("2"), {notifications("2")})}});
  ASSERT_THAT(run.codes(), ElementsAre("PC3005")) << run.rendered();
  const Diagnostic& d = *run.first("PC3005");
  EXPECT_EQ(d.severity, Severity::kWarning);
  EXPECT_EQ(d.message, "2 com.apple.notificationsettings payloads reach the same devices (iOS), which allow only one");
  EXPECT_THAT(d.help, ::testing::HasSubstr(
                          "assumed target: 'repo/a.mobileconfig' (iOS and macOS) and 'repo/b.mobileconfig' (iOS and "
                          "macOS) state no target, so each is taken to reach every device their payloads can reach"));
}

TEST(RawTargetsTest, AStatedTargetMakesTheSameFindingAnError) {
  auto run = run_files({{"repo/profilec.toml",
                         "[[targets]]\npaths = [\"ios/\"]\nplatforms = { iOS = \"17.0\" }\n"
                         "supervised = true\n"},
                        {"repo/ios/a.mobileconfig", raw_profile("com.example.a", uuid_of("1"), {notifications("1")})},
                        {"repo/ios/b.mobileconfig", raw_profile("com.example.b", uuid_of("2"), {notifications("2")})}});
  ASSERT_THAT(run.codes(), ElementsAre("PC3005")) << run.rendered();
  EXPECT_EQ(run.first("PC3005")->severity, Severity::kError);
  EXPECT_THAT(run.first("PC3005")->help, ::testing::Not(::testing::HasSubstr("assumed")));
}

TEST(RawTargetsTest, OneAssumedProfileIsEnoughToMakeItAWarning) {
  auto run = run_files({{"repo/profilec.toml",
                         "[[targets]]\npaths = [\"ios/*.mobileconfig\"]\n"
                         "platforms = { iOS = \"17.0\" }\nsupervised = true\n"},
                        {"repo/ios/a.mobileconfig", raw_profile("com.example.a", uuid_of("1"), {notifications("1")})},
                        {"repo/other/b.mobileconfig",
                         raw_profile("com.example.b", uuid_of("2"), {notifications("2")})}});
  ASSERT_THAT(run.codes(), ElementsAre("PC3005")) << run.rendered();
  EXPECT_EQ(run.first("PC3005")->severity, Severity::kWarning);
  EXPECT_THAT(run.first("PC3005")->help,
              ::testing::HasSubstr("assumed target: 'repo/other/b.mobileconfig' (iOS and macOS) states no target"));
}

TEST(RawTargetsTest, StatedTargetsThatDoNotMeetKeepProfilesApart) {
  auto run = run_files({{"repo/profilec.toml",
                         "[[targets]]\npaths = [\"ios\"]\nplatforms = { iOS = \"17.0\" }\n"
                         "supervised = true\n\n[[targets]]\npaths = [\"mac\"]\n"
                         "platforms = { macOS = \"14.0\" }\n"},
                        {"repo/ios/a.mobileconfig", raw_profile("com.example.a", uuid_of("1"), {notifications("1")})},
                        {"repo/mac/b.mobileconfig", raw_profile("com.example.a", uuid_of("2"), {notifications("2")})}});
  EXPECT_THAT(run.codes(), IsEmpty()) << run.rendered();  // not even PC3001: iOS and macOS never meet
}

TEST(RawTargetsTest, DuplicateIdentifiersOnAssumedTargetsAreWarnings) {
  auto run = run_files({{"repo/a.mobileconfig", raw_profile("com.example.same", uuid_of("1"), {privacy("1")})},
                        {"repo/b.mobileconfig", raw_profile("com.example.same", uuid_of("2"), {privacy("2")})}});
  ASSERT_THAT(run.codes(), ElementsAre("PC3001")) << run.rendered();
  EXPECT_EQ(run.first("PC3001")->severity, Severity::kWarning);
  EXPECT_THAT(run.first("PC3001")->help, ::testing::HasSubstr("'repo/a.mobileconfig' (macOS)"));
}

TEST(RawTargetsTest, PayloadKindsFollowTheSchemas) {
  const schema::SchemaSet schemas = schema::SchemaSet::embedded();
  ir::Profile profile;
  EXPECT_EQ(analyze::platform_list(analyze::payload_kinds(profile, schemas)), "iOS, macOS, tvOS, visionOS and watchOS");
  profile.payloads.push_back({"", "com.apple.notificationsettings", {}, {}});
  EXPECT_EQ(analyze::platform_list(analyze::payload_kinds(profile, schemas)), "iOS and macOS");
  profile.payloads.push_back({"", "com.google.Chrome", {}, {}});  // a preference domain: macOS only
  EXPECT_EQ(analyze::platform_list(analyze::payload_kinds(profile, schemas)), "macOS");
  // No platform takes them all: the target alone decides.
  ir::Profile split;
  split.payloads.push_back({"", "com.apple.TCC.configuration-profile-policy", {}, {}});
  split.payloads.push_back({"", "com.apple.homescreenlayout", {}, {}});
  EXPECT_EQ(analyze::payload_kinds(split, schemas), 0u);
  EXPECT_EQ(analyze::profile_kinds(split, schemas), analyze::reached_kinds(split.target));
  split.target.platforms = {{"iOS", "17.0", {}}};
  EXPECT_EQ(analyze::platform_list(analyze::profile_kinds(split, schemas)), "iOS");
}

// --- PC3002: one payload copied into two profiles ---------------------------------

TEST(DuplicateUuidTest, TheSamePayloadInTwoProfilesThatMeetIsAnError) {
  const std::string shared = notifications("1").identifier;
  RawPayload copy = notifications("1");
  auto run = run_files({{"repo/profilec.toml", "[target]\nplatforms = { macOS = \"14.0\" }\n"},
                        {"repo/a.mobileconfig", raw_profile("com.example.a", uuid_of("1"), {notifications("1")})},
                        {"repo/b.mobileconfig", raw_profile("com.example.b", uuid_of("2"), {copy})}});
  ASSERT_THAT(run.codes(), ElementsAre("PC3002")) << run.rendered();
  const Diagnostic& d = *run.first("PC3002");
  EXPECT_EQ(d.severity, Severity::kError);
  EXPECT_EQ(*d.span.path, "repo/b.mobileconfig");
  EXPECT_THAT(d.message, ::testing::StartsWith(fmt::format(
                             "payload '{}' (UUID {}) is also a payload of another profile at repo/a.mobileconfig:",
                             shared, copy.uuid)));
}

TEST(DuplicateUuidTest, TheSamePayloadInProfilesThatNeverMeetIsAWarning) {
  auto run =
      run_files({{"repo/profilec.toml",
                  "[[targets]]\npaths = [\"a.mobileconfig\"]\nplatforms = { iOS = \"17.0\" }\nsupervised = true\n"
                  "[[targets]]\npaths = [\"b.mobileconfig\"]\nplatforms = { macOS = \"14.0\" }\n"},
                 {"repo/a.mobileconfig", raw_profile("com.example.a", uuid_of("1"), {notifications("1")})},
                 {"repo/b.mobileconfig", raw_profile("com.example.b", uuid_of("2"), {notifications("1")})}});
  ASSERT_THAT(run.codes(), ElementsAre("PC3002")) << run.rendered();
  EXPECT_EQ(run.first("PC3002")->severity, Severity::kWarning);
}

TEST(DuplicateUuidTest, TemplatePlaceholdersAreNotCompared) {
  RawPayload a = notifications("1"), b = notifications("2");
  a.uuid = b.uuid = "${uuid_1}";  // filled in at upload time: PC1011's finding, not a shared UUID
  auto run = run_files({{"repo/a.mobileconfig", raw_profile("com.example.a", uuid_of("1"), {a})},
                        {"repo/b.mobileconfig", raw_profile("com.example.b", uuid_of("2"), {b})}});
  EXPECT_FALSE(run.has_code("PC3002")) << run.rendered();
  EXPECT_TRUE(run.has_code("PC1011")) << run.rendered();
  // The same two payloads with one real UUID are reported.
  a.uuid = b.uuid = "30000001-0000-4000-8000-000000000001";
  auto real = run_files({{"repo/a.mobileconfig", raw_profile("com.example.a", uuid_of("1"), {a})},
                         {"repo/b.mobileconfig", raw_profile("com.example.b", uuid_of("2"), {b})}});
  EXPECT_TRUE(real.has_code("PC3002")) << real.rendered();
}

TEST(DuplicateUuidTest, CopiesOfOneProfileForOtherTargetsAreLeftAlone) {
  // Same profile identifier, same payloads: variants of one profile (PC3001 speaks where they meet).
  auto run =
      run_files({{"repo/profilec.toml",
                  "[[targets]]\npaths = [\"a.mobileconfig\"]\nplatforms = { iOS = \"17.0\" }\nsupervised = true\n"
                  "[[targets]]\npaths = [\"b.mobileconfig\"]\nplatforms = { macOS = \"14.0\" }\n"},
                 {"repo/a.mobileconfig", raw_profile("com.example.a", uuid_of("1"), {notifications("1")})},
                 {"repo/b.mobileconfig", raw_profile("com.example.a", uuid_of("2"), {notifications("1")})}});
  EXPECT_THAT(run.codes(), IsEmpty()) << run.rendered();
}

// --- PC3006 -------------------------------------------------------------------

const char* kMdm = R"([profile]
id = "com.example.enrollment"

[target]
platforms = { iOS = "17.0" }

[payload.mdm]
type                    = "com.apple.mdm"
IdentityCertificateUUID = "9A3C1F52-6E1B-4C2A-9D0E-7B8F4A1C2D3E"
Topic                   = "com.apple.mgmt.External.0b7a7a43-2b6d-4e1e-9d5b-3a3e0c0d4a11"
ServerURL               = "https://mdm.example.com/mdm"
AccessRights            = 8191

[payload.identity]
type           = "com.apple.security.pkcs12"
PayloadUUID    = "9A3C1F52-6E1B-4C2A-9D0E-7B8F4A1C2D3E"
PayloadContent = { base64 = "MIIB" }
Password       = "x"
)";

TEST(ExclusiveTest, MdmPayloadWithItsIdentityIsFine) {
  auto run = testing::compile_policy_text(kMdm);
  EXPECT_THAT(run.codes(), IsEmpty()) << run.rendered();
}

TEST(ExclusiveTest, MdmPayloadWithOtherSettings) {
  auto run = testing::compile_policy_text(std::string(kMdm) +
                                          "\n[payload.restrictions]\ntype = \"com.apple.applicationaccess\"\n"
                                          "allowCamera = false\n");
  EXPECT_THAT(run.codes(), ElementsAre("PC3006")) << run.rendered();
  EXPECT_EQ(run.first("PC3006")->notes.size(), 1u);
}

}  // namespace
}  // namespace profilec

namespace profilec {
namespace {

TEST(AnalysisFindingsTest, SuppressionCommentsAndProjectRulesApply) {
  MemoryFileSystem fs;
  fs.add_file("repo/a.toml", restrictions("com.example.a", kIOS, "allowCamera = false"));
  fs.add_file("repo/b.toml", restrictions("com.example.b", kIOS, "allowCamera = true  # profilec: allow PC4001"));
  auto suppressed = testing::compile_tree(fs, "repo");
  EXPECT_THAT(suppressed.codes(), IsEmpty()) << suppressed.rendered();

  MemoryFileSystem project;
  project.add_file("repo/profilec.toml", "[rules]\nPC4001 = \"error\"\n");
  project.add_file("repo/a.toml", restrictions("com.example.a", kIOS, "allowCamera = false"));
  project.add_file("repo/b.toml", restrictions("com.example.b", kIOS, "allowCamera = true"));
  auto regraded = testing::compile_tree(project, "repo");
  ASSERT_NE(regraded.first("PC4001"), nullptr) << regraded.rendered();
  EXPECT_EQ(regraded.first("PC4001")->severity, Severity::kError);
}

}  // namespace
}  // namespace profilec

namespace profilec {
namespace {

TEST(IdentityTest, PinnedPayloadUuidSharedAcrossProfilesIsReportedWhateverTheTargets) {
  auto run = run_files(
      {{"repo/a.toml", restrictions("com.example.a", kIOS,
                                    "PayloadUUID = \"6F1A2B3C-4D5E-4F60-8A7B-9C0D1E2F3A4B\"\nallowCamera = false")},
       {"repo/b.toml", restrictions("com.example.b", kMacOS,
                                    "PayloadUUID = \"6F1A2B3C-4D5E-4F60-8A7B-9C0D1E2F3A4B\"\nallowCamera = false")}});
  EXPECT_THAT(run.codes(), ElementsAre("PC3002")) << run.rendered();
  const Diagnostic* d = run.first("PC3002");
  EXPECT_EQ(*d->span.path, "repo/b.toml");
  EXPECT_THAT(d->message, ::testing::StartsWith("payload UUID"));
  ASSERT_EQ(d->notes.size(), 1u);
  EXPECT_EQ(*d->notes[0].span.path, "repo/a.toml");
}

TEST(AnalysisFindingsTest, FindingsComeInPlaceOrderOnEveryRun) {
  auto forward =
      run_files({{"repo/a.toml", restrictions("com.example.a", kIOS, "allowCamera = false\nratingApps = 100")},
                 {"repo/b.toml", restrictions("com.example.b", kIOS, "allowCamera = true\nratingApps = 200")},
                 {"repo/c.toml", restrictions("com.example.c", kIOS, "allowUSBRestrictedMode = true")},
                 {"repo/d.toml", restrictions("com.example.d", kIOS, "allowUSBRestrictedMode = false")}});
  EXPECT_THAT(forward.codes(), ElementsAre("PC4001", "PC4001", "PC4002")) << forward.rendered();
  auto again = run_files({{"repo/a.toml", restrictions("com.example.a", kIOS, "allowCamera = false\nratingApps = 100")},
                          {"repo/b.toml", restrictions("com.example.b", kIOS, "allowCamera = true\nratingApps = 200")},
                          {"repo/c.toml", restrictions("com.example.c", kIOS, "allowUSBRestrictedMode = true")},
                          {"repo/d.toml", restrictions("com.example.d", kIOS, "allowUSBRestrictedMode = false")}});
  EXPECT_EQ(forward.rendered(), again.rendered());
}

}  // namespace
}  // namespace profilec
