#include "lower/lower_value.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/file_system.h"
#include "plist/read_limits.h"
#include "support/pipeline.h"

namespace profilec {
namespace {

using testing::compile_policy_text;
using ::testing::ElementsAre;

std::string policy_with(const std::string& keys) {
  return "[profile]\nid = \"com.example.x\"\n[payload.a]\ntype = \"com.example.t\"\n" + keys + "\n";
}

const ir::Value& key(const testing::PipelineRun& run, std::string_view name) {
  return *run.result.profiles.at(0).profile.payloads.at(0).content.find(name);
}

TEST(LowerValueTest, MapsTomlTypesToPlistTypes) {
  auto run = compile_policy_text(policy_with(R"(
b = true
i = -42
r = 2.5
s = "text"
d = 2026-06-30T12:00:00+02:00
a = [1, "two", false]
t = { inner = { deep = 1 } }
)"));
  ASSERT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  EXPECT_TRUE(key(run, "b").boolean());
  EXPECT_EQ(key(run, "i").integer(), -42);
  EXPECT_EQ(key(run, "r").real(), 2.5);
  EXPECT_EQ(key(run, "s").string(), "text");
  EXPECT_EQ(key(run, "d").date(), (ir::Date{2026, 6, 30, 10, 0, 0}));
  ASSERT_EQ(key(run, "a").array().size(), 3u);
  EXPECT_EQ(key(run, "a").array()[1].string(), "two");
  EXPECT_EQ(key(run, "t").find("inner")->find("deep")->integer(), 1);
}

TEST(LowerValueTest, OffsetsCrossDayAndYearBoundaries) {
  auto run = compile_policy_text(policy_with("d = 2027-01-01T01:30:00+05:00\ne = 2026-12-31T23:00:00-03:00"));
  ASSERT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  EXPECT_EQ(key(run, "d").date(), (ir::Date{2026, 12, 31, 20, 30, 0}));
  EXPECT_EQ(key(run, "e").date(), (ir::Date{2027, 1, 1, 2, 0, 0}));
}

TEST(LowerValueTest, LeapDaysFollowTheGregorianRules) {
  // 2024 and 2000 are leap years; 2100 (a century not divisible by 400) is not.
  auto run =
      compile_policy_text(policy_with("a = 2024-02-28T23:00:00-02:00\nb = 2000-02-28T23:00:00-02:00\n"
                                      "c = 2100-02-28T23:00:00-02:00\nd = 2024-03-01T01:00:00+02:00"));
  ASSERT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  EXPECT_EQ(key(run, "a").date(), (ir::Date{2024, 2, 29, 1, 0, 0}));
  EXPECT_EQ(key(run, "b").date(), (ir::Date{2000, 2, 29, 1, 0, 0}));
  EXPECT_EQ(key(run, "c").date(), (ir::Date{2100, 3, 1, 1, 0, 0}));
  EXPECT_EQ(key(run, "d").date(), (ir::Date{2024, 2, 29, 23, 0, 0}));
}

// Both sides of each end of the years 0001 to 9999, in UTC after the offset.
TEST(LowerValueTest, DatesStayWithinTheYears1To9999InUtc) {
  auto run =
      compile_policy_text(policy_with("a = 0001-01-01T00:00:00Z\nb = 9999-12-31T23:59:59Z\n"
                                      "c = 0000-12-31T23:30:00-01:00"));
  ASSERT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  EXPECT_EQ(key(run, "a").date(), (ir::Date{1, 1, 1, 0, 0, 0}));
  EXPECT_EQ(key(run, "b").date(), (ir::Date{9999, 12, 31, 23, 59, 59}));
  EXPECT_EQ(key(run, "c").date(), (ir::Date{1, 1, 1, 0, 30, 0}));
  auto outside =
      compile_policy_text(policy_with("a = 0001-01-01T00:30:00+01:00\nb = 9999-12-31T23:30:00-01:00\n"
                                      "c = 0000-12-31T23:59:59Z"));
  EXPECT_THAT(outside.codes(), ElementsAre("PC0009", "PC0009", "PC0009"));
  for (const Diagnostic& d : outside.result.diagnostics.all()) {
    EXPECT_EQ(d.message, "date is outside the years 0001 to 9999");
  }
}

TEST(LowerValueTest, DatesMustBeAbsoluteWholeSeconds) {
  auto run = compile_policy_text(
      policy_with("a = 2026-06-30T12:00:00\nb = 2026-06-30\nc = 12:00:00\nd = 2026-06-30T12:00:00.5Z"));
  EXPECT_THAT(run.codes(), ElementsAre("PC0009", "PC0009", "PC0009", "PC0009"));
  EXPECT_EQ(run.result.diagnostics.all()[0].message, "date-time has no UTC offset");
  EXPECT_TRUE(run.result.profiles.empty());
}

TEST(LowerValueTest, NonFiniteRealsAndControlCharactersAreRejected) {
  auto run = compile_policy_text(policy_with("a = nan\nb = -inf\nc = \"bell\\u0007\""));
  EXPECT_THAT(run.codes(), ElementsAre("PC0009", "PC0009", "PC0009"));
  EXPECT_EQ(run.result.diagnostics.all()[2].message, "string contains the control character U+0007");
}

TEST(LowerValueTest, FileDataIsReadRelativeToThePolicy) {
  auto run = compile_policy_text(policy_with("cert = { file = \"../certs/ca.cer\" }"), SecretMode::kPlaceholder, {},
                                 {{"certs/ca.cer", std::string("\x30\x82\x00\xff", 4)}});
  ASSERT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  EXPECT_EQ(key(run, "cert").data().bytes, std::string("\x30\x82\x00\xff", 4));
}

TEST(LowerValueTest, MissingDataFileIsReportedAtTheReference) {
  auto run = compile_policy_text(policy_with("cert = { file = \"missing.cer\" }"));
  ASSERT_THAT(run.codes(), ElementsAre("PC0007"));
  const Diagnostic& d = run.result.diagnostics.all()[0];
  EXPECT_EQ(d.message, "cannot read 'policies/missing.cer': no such file or directory");
  EXPECT_EQ(d.span.begin.line, 5u);
  EXPECT_EQ(d.span.begin.column, 8u);
}

TEST(LowerValueTest, ADataFileOverTheProfileSizeLimitIsRefusedAtTheReference) {
  // The data ends up inside the profile, so the profile's limit applies.
  auto run = compile_policy_text(policy_with("cert = { file = \"big.bin\" }"), SecretMode::kPlaceholder, {},
                                 {{"policies/big.bin", std::string(kMaxPlistBytes + 1, '\0')}});
  ASSERT_THAT(run.codes(), ElementsAre("PC0007"));
  const Diagnostic& d = run.result.diagnostics.all()[0];
  EXPECT_EQ(d.message,
            "'policies/big.bin' is 67108865 bytes (64.0 MiB); profilec reads data files up to 64 MiB (67108864 bytes)");
  EXPECT_EQ(d.span.begin.line, 5u);
}

TEST(LowerValueTest, Base64IsDecodedAndValidated) {
  auto run =
      compile_policy_text(policy_with("a = { base64 = \"SGVsbG8=\" }\nb = { base64 = \"SGVs\\nbG8h\" }\nc = { base64 = "
                                      "\"\" }\nd = { base64 = \"SGVsbG8\" }\n"
                                      "e = { base64 = \"SG=sbG8=\" }"));
  EXPECT_THAT(run.codes(), ElementsAre("PC0008", "PC0008"));
  auto ok = compile_policy_text(
      policy_with("a = { base64 = \"SGVsbG8=\" }\nb = { base64 = \"SGVs\\nbG8h\" }\nc = { base64 = \"\" }"));
  ASSERT_TRUE(ok.result.diagnostics.empty()) << ok.rendered();
  EXPECT_EQ(key(ok, "a").data().bytes, "Hello");
  EXPECT_EQ(key(ok, "b").data().bytes, "Hello!");
  EXPECT_EQ(key(ok, "c").data().bytes, "");
}

TEST(LowerValueTest, SecretsArePlaceholdersWhenCheckingAndResolvedWhenBuilding) {
  const std::string text = policy_with("Password = { env = \"PROFILEC_WIFI_PSK\" }");
  auto checked = compile_policy_text(text);
  ASSERT_TRUE(checked.result.diagnostics.empty());
  EXPECT_TRUE(key(checked, "Password").secret);
  EXPECT_EQ(key(checked, "Password").string(), "");

  auto built = compile_policy_text(text, SecretMode::kResolve, {{"PROFILEC_WIFI_PSK", "s3cret"}});
  ASSERT_TRUE(built.result.diagnostics.empty());
  EXPECT_EQ(key(built, "Password").string(), "s3cret");
  EXPECT_TRUE(key(built, "Password").secret);

  auto unset = compile_policy_text(text, SecretMode::kResolve);
  EXPECT_THAT(unset.codes(), ElementsAre("PC0006"));
  EXPECT_TRUE(unset.result.profiles.empty());
}

// Issue 15 item 12: the key of an unset secret stays (as the placeholder
// `check` sees), so a required key is not also reported missing (PC1008),
// in a nested table as well.
TEST(LowerValueTest, AnUnsetSecretGivesOnlyPC0006EvenForARequiredKey) {
  const std::string text =
      "[profile]\nid = \"com.example.l\"\n[payload.l]\ntype = \"com.apple.ldap.account\"\n"
      "LDAPAccountHostName = { env = \"PROFILEC_LDAP_HOST\" }\n"
      "LDAPSearchSettings = [{ LDAPSearchSettingDescription = { env = \"PROFILEC_LDAP_DESC\" }, "
      "LDAPSearchSettingSearchBase = \"dc=example\", LDAPSearchSettingScope = \"LDAPSearchSettingScopeBase\" }]\n";
  auto unset = compile_policy_text(text, SecretMode::kResolve);
  EXPECT_THAT(unset.codes(), ElementsAre("PC0006", "PC0006")) << unset.rendered();
  EXPECT_TRUE(unset.result.profiles.empty());
  auto set = compile_policy_text(text, SecretMode::kResolve,
                                 {{"PROFILEC_LDAP_HOST", "ldap.example.com"}, {"PROFILEC_LDAP_DESC", "d"}});
  EXPECT_TRUE(set.result.diagnostics.empty()) << set.rendered();
}

TEST(LowerValueTest, ASecretsValueIsNeverShownInFindings) {
  auto run = compile_policy_text(policy_with("Password = { env = \"PROFILEC_PSK\" }"), SecretMode::kResolve,
                                 {{"PROFILEC_PSK", std::string("top\x01secret")}});
  EXPECT_THAT(run.codes(), ElementsAre("PC0009"));
  EXPECT_EQ(run.rendered().find("top"), std::string::npos);
}

// The trust boundary (docs/security.md, issue 15 item 1).
const char* kWebClip = R"([profile]
id = "com.example.clip"
[payload.clip]
type = "com.apple.webClip.managed"
URL = "https://intranet.example.com"
Label = "Intranet"
Icon = { file = "../certs/icon.png" }
)";

TEST(LowerValueTest, ADataFileLinkedToTheBuildEnvironmentIsRefusedAndNotRead) {
  for (SecretMode mode : {SecretMode::kPlaceholder, SecretMode::kResolve}) {
    MemoryFileSystem files;
    files.add_file("policies/clip.toml", kWebClip);
    files.add_file("/proc/self/environ", "SIGNING_P12_PASSWORD=hunter2");
    files.add_symlink("certs/icon.png", "/proc/self/environ");
    auto run = testing::compile_paths(files, {"policies/clip.toml"}, mode);
    ASSERT_THAT(run.codes(), ElementsAre("PC0026")) << run.rendered();
    const Diagnostic& d = run.result.diagnostics.all()[0];
    EXPECT_EQ(d.message, "'certs/icon.png' leads outside the repository, to '/proc/self/environ'");
    EXPECT_EQ(d.span.begin.line, 7u);
    EXPECT_TRUE(run.result.profiles.empty());
    EXPECT_EQ(run.rendered().find("hunter2"), std::string::npos);
  }
}

TEST(LowerValueTest, DataFilesOutsideTheRepositoryRootAreRefusedButInRepositoryLinksAreRead) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", "");
  files.add_file("repo/certs/real.png", "PNG");
  files.add_symlink("repo/certs/icon.png", "real.png");
  files.add_file("elsewhere/icon.png", "PNG");
  std::string policy = kWebClip;
  files.add_file("repo/policies/clip.toml", policy);
  auto inside = testing::compile_paths(files, {"repo/policies/clip.toml"});
  ASSERT_TRUE(inside.result.diagnostics.empty()) << inside.rendered();
  EXPECT_EQ(inside.result.profiles.at(0).profile.payloads.at(0).content.find("Icon")->data().bytes, "PNG");

  policy.replace(policy.find("../certs/icon.png"), 17, "../../elsewhere/icon.png");
  files.add_file("repo/policies/clip.toml", policy);
  auto outside = testing::compile_paths(files, {"repo/policies/clip.toml"});
  ASSERT_THAT(outside.codes(), ElementsAre("PC0026")) << outside.rendered();
  EXPECT_EQ(outside.result.diagnostics.all()[0].help,
            "data files must be regular files inside the repository, here 'repo' (docs/security.md)");
}

TEST(LowerValueTest, FoldersHiddenFilesAndTheSigningKeyAreNotData) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", "[signing]\npkcs12 = \"keys/signing.p12\"\n");
  files.add_file("repo/keys/signing.p12", "P12");
  files.add_file("repo/.git/config", "token");
  files.add_file("repo/certs/a.cer", "A");
  files.add_file("repo/policies/p.toml", R"([profile]
id = "com.example.p"
[payload.a]
type = "com.example.t"
folder = { file = "../certs" }
hidden = { file = "../.git/config" }
key = { file = "../keys/signing.p12" }
)");
  auto run = testing::compile_paths(files, {"repo/policies/p.toml"});
  ASSERT_THAT(run.codes(), ElementsAre("PC0026", "PC0026", "PC0026")) << run.rendered();
  EXPECT_EQ(run.result.diagnostics.all()[0].message, "'repo/certs' is not a regular file");
  EXPECT_EQ(run.result.diagnostics.all()[1].message, "'repo/.git/config' is a hidden file or lies in a hidden folder");
  EXPECT_EQ(run.result.diagnostics.all()[2].message,
            "'repo/keys/signing.p12' is the signing identity's key material ([signing] pkcs12 in "
            "'repo/profilec.toml')");
}

TEST(LowerValueTest, EnvironmentVariablesOutsideTheAllowListAreRefusedInCheckAndBuild) {
  // The issue's second attack: any variable of the build machine.
  const std::string text = policy_with("Password = { env = \"SIGNING_P12_BASE64\" }");
  auto checked = compile_policy_text(text);
  ASSERT_THAT(checked.codes(), ElementsAre("PC0028"));
  EXPECT_EQ(checked.result.diagnostics.all()[0].message,
            "environment variable 'SIGNING_P12_BASE64' is not allowed: without [secrets] allow_env in profilec.toml, "
            "{ env = } reads only PROFILEC_*");
  EXPECT_TRUE(checked.result.profiles.empty());
  auto built = compile_policy_text(text, SecretMode::kResolve, {{"SIGNING_P12_BASE64", "MIIKEY"}});
  ASSERT_THAT(built.codes(), ElementsAre("PC0028"));
  EXPECT_TRUE(built.result.profiles.empty());
  EXPECT_EQ(built.rendered().find("MIIKEY"), std::string::npos);
}

TEST(LowerValueTest, TheAllowListComesFromProfilecTomlAndNeverCoversSigningVariables) {
  MemoryFileSystem files;
  files.add_file(
      "repo/profilec.toml",
      "[secrets]\nallow_env = [\"ACME_*\", \"SIGNING_*\"]\n[signing]\npassword_env = \"SIGNING_P12_PASSWORD\"\n");
  files.add_file("repo/p.toml", policy_with("a = { env = \"ACME_WIFI_PSK\" }\nb = { env = \"SIGNING_P12_PASSWORD\" }\n"
                                            "c = { env = \"PROFILEC_X\" }\nd = { env = \"SIGNING_OTHER\" }"));
  auto run = testing::compile_paths(
      files, {"repo/p.toml"}, SecretMode::kResolve,
      {{"ACME_WIFI_PSK", "psk"}, {"SIGNING_P12_PASSWORD", "hunter2"}, {"PROFILEC_X", "x"}, {"SIGNING_OTHER", "o"}});
  ASSERT_THAT(run.codes(), ElementsAre("PC0028", "PC0028")) << run.rendered();
  EXPECT_EQ(run.result.diagnostics.all()[0].message,
            "environment variable 'SIGNING_P12_PASSWORD' holds the signing identity's key material ([signing] "
            "password_env in 'repo/profilec.toml')");
  EXPECT_EQ(run.result.diagnostics.all()[1].message,
            "environment variable 'PROFILEC_X' is not allowed: [secrets] allow_env in 'repo/profilec.toml' allows "
            "ACME_*, SIGNING_*");
  EXPECT_EQ(run.rendered().find("hunter2"), std::string::npos);
}

}  // namespace
}  // namespace profilec
