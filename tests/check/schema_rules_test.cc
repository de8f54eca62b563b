// The schema rules (PC1xxx) on policies, through the whole pipeline.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <functional>
#include <set>

#include "check/rules/rules.h"
#include "schema/schema_set.h"
#include "support/pipeline.h"

namespace profilec::check {
namespace {

using testing::compile_policy_text;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::string payload(std::string_view type, std::string_view keys, std::string_view target = "") {
  return fmt::format("[profile]\nid = \"com.example.x\"\n{}\n[payload.p]\ntype = \"{}\"\n{}\n", target, type, keys);
}

std::vector<std::string> codes_of(const std::string& text) { return compile_policy_text(text).codes(); }

const Diagnostic& first(const testing::PipelineRun& run) { return run.result.diagnostics.all().at(0); }

TEST(UnknownPayloadTypeTest, TypoIsAnErrorWithASuggestion) {
  auto run = compile_policy_text(payload("com.apple.wifi.manged", "SSID_STR = \"x\""));
  ASSERT_THAT(run.codes(), ElementsAre("PC1001"));
  EXPECT_EQ(first(run).severity, Severity::kError);
  EXPECT_EQ(first(run).help, "did you mean 'com.apple.wifi.managed'?");
  EXPECT_EQ(first(run).span.begin.line, 5u) << "points at the type";
}

TEST(UnknownPayloadTypeTest, CustomPreferenceDomainsAreMacOnly) {
  EXPECT_THAT(codes_of(payload("com.google.Chrome", "HomepageLocation = \"x\"")), IsEmpty());
  EXPECT_THAT(codes_of(payload("com.apple.Terminal", "x = 1", "[target]\nplatforms = { macOS = \"14.0\" }")), IsEmpty())
      << "a real preference domain, not a typo of a schema type";
  auto ios = compile_policy_text(payload("com.google.Chrome", "x = 1", "[target]\nplatforms = { iOS = \"17.0\" }"));
  ASSERT_THAT(ios.codes(), ElementsAre("PC1001"));
  EXPECT_EQ(first(ios).severity, Severity::kWarning);
}

TEST(UnknownKeyTest, TypoAtAnyDepth) {
  auto run = compile_policy_text(payload("com.apple.wifi.managed",
                                         "SSID_STR = \"x\"\nEAPClientConfiguration = { AcceptEAPTypes = [13], "
                                         "UserPasword = \"p\" }"));
  ASSERT_THAT(run.codes(), ElementsAre("PC1002"));
  EXPECT_EQ(first(run).message, "unknown key 'UserPasword' in com.apple.wifi.managed EAPClientConfiguration");
  EXPECT_EQ(first(run).help, "did you mean 'UserPassword'? devices ignore keys they do not know");
  EXPECT_EQ(first(run).severity, Severity::kError);
}

TEST(UnknownKeyTest, CaseTypoIsAnError) {
  auto run = compile_policy_text(payload("com.apple.applicationaccess", "allowcamera = false"));
  ASSERT_THAT(run.codes(), ElementsAre("PC1002"));
  EXPECT_EQ(first(run).severity, Severity::kError);
}

TEST(UnknownKeyTest, KeyWithoutACloseMatchIsAWarningThatSaysItMayBeNewer) {
  auto run = compile_policy_text(payload("com.apple.applicationaccess", "allowQuantumTeleportation = false"));
  ASSERT_THAT(run.codes(), ElementsAre("PC1002"));
  EXPECT_EQ(first(run).severity, Severity::kWarning);
  EXPECT_NE(first(run).help.find("newer than the data"), std::string::npos);
}

TEST(UnknownKeyTest, RemovedKeysAndSchemaErrata) {
  auto removed = compile_policy_text(
      payload("com.apple.wifi.managed",
              "SSID_STR = \"x\"\nEAPClientConfiguration = { AcceptEAPTypes = [13], OneTimePassword = true }"));
  ASSERT_THAT(removed.codes(), ElementsAre("PC1002"));
  EXPECT_NE(first(removed).help.find("removed"), std::string::npos);
  EXPECT_THAT(codes_of(payload("com.apple.MCX", "\"com.apple.EnergySaver.desktop.ACPower\" = { \"Wake On LAN\" = 1 }")),
              IsEmpty());
}

TEST(UnknownKeyTest, FreeFormDictionariesAndAnyMapsAreNotKeyChecked) {
  // ManagedClient.preferences: PayloadContent maps any domain name.
  EXPECT_THAT(codes_of(payload("com.apple.ManagedClient.preferences",
                               "PayloadContent = { \"com.example.app\" = { Forced = [{ mcx_preference_settings = "
                               "{ AnythingGoes = 1 } }] } }")),
              IsEmpty());
}

TEST(UnknownKeyTest, VariantKeysApplyOnlyWhenSelected) {
  const std::string kerberos = R"(ExtensionIdentifier = "com.apple.AppSSOKerberos.KerberosExtension"
TeamIdentifier = "apple"
Type = "Credential"
Realm = "EXAMPLE.COM"
Hosts = ["example.com"]
ExtensionData = { usePlatformSSOTGT = true, allowAutomaticLogin = false })";
  EXPECT_THAT(codes_of(payload("com.apple.extensiblesso", kerberos)), IsEmpty());
  auto typo = compile_policy_text(payload("com.apple.extensiblesso", kerberos + "\nRealmm = \"x\""));
  EXPECT_THAT(typo.codes(), ElementsAre("PC1002"));
  auto wrong = compile_policy_text(payload("com.apple.extensiblesso",
                                           std::string(kerberos).replace(kerberos.find("allowAutomaticLogin = false"),
                                                                         27, "allowAutomaticLogin = \"no\"")));
  EXPECT_THAT(wrong.codes(), ElementsAre("PC1003")) << "the Kerberos ExtensionData is typed";
  // Another extension: ExtensionData is free-form.
  EXPECT_THAT(codes_of(payload("com.apple.extensiblesso", R"(ExtensionIdentifier = "com.example.sso"
TeamIdentifier = "ABCDE12345"
Type = "Redirect"
URLs = ["https://login.example.com"]
ExtensionData = { anything = "goes" })")),
              IsEmpty());
}

TEST(WrongTypeTest, ReportsTheExpectedTypeWithHowToWriteIt) {
  auto run = compile_policy_text(payload("com.apple.applicationaccess", "allowCamera = \"false\""));
  ASSERT_THAT(run.codes(), ElementsAre("PC1003"));
  EXPECT_EQ(first(run).message, "'allowCamera' must be a boolean, found string");
  EXPECT_EQ(first(run).help, "write true or false, without quotes");
  EXPECT_EQ(first(run).span.begin.column, 15u) << "points at the value";
}

TEST(WrongTypeTest, NumbersStandingInForNumbersAreWarnings) {
  auto run = compile_policy_text(payload("com.apple.applicationaccess", "allowCamera = 0"));
  ASSERT_THAT(run.codes(), ElementsAre("PC1003"));
  EXPECT_EQ(first(run).severity, Severity::kWarning);
  auto two = compile_policy_text(payload("com.apple.applicationaccess", "allowCamera = 2"));
  ASSERT_THAT(two.codes(), ElementsAre("PC1003"));
  EXPECT_EQ(first(two).severity, Severity::kError) << "2 is not a boolean in any reading";
}

TEST(WrongTypeTest, ChildrenOfAMistypedValueAreNotCheckedAgain) {
  EXPECT_THAT(codes_of(payload("com.apple.wifi.managed", "SSID_STR = \"x\"\nEAPClientConfiguration = [1, 2]")),
              ElementsAre("PC1003"));
}

TEST(WrongTypeTest, ScepSubjectAltNameFieldsTakeArraysToo) {
  EXPECT_THAT(codes_of(payload("com.apple.security.scep",
                               "PayloadContent = { URL = \"https://scep.example.com\", SubjectAltName = { dNSName = "
                               "[\"a.example.com\", \"b.example.com\"] } }")),
              IsEmpty());
}

TEST(NotAllowedValueTest, SuggestsTheClosestValue) {
  auto run = compile_policy_text(payload("com.apple.wifi.managed", "SSID_STR = \"x\"\nEncryptionType = \"WAP2\""));
  ASSERT_THAT(run.codes(), ElementsAre("PC1004"));
  EXPECT_EQ(first(run).help, "did you mean \"WPA2\"?");
  EXPECT_THAT(codes_of(payload("com.apple.wifi.managed", "SSID_STR = \"x\"\nEncryptionType = \"WPA3\"")), IsEmpty());
}

TEST(NotAllowedValueTest, IntegersInArraysAndRemovedValues) {
  EXPECT_THAT(codes_of(payload("com.apple.wifi.managed",
                               "SSID_STR = \"x\"\nEAPClientConfiguration = { AcceptEAPTypes = [13, 99] }")),
              ElementsAre("PC1004"));
  auto pptp = compile_policy_text(payload("com.apple.vpn.managed", "UserDefinedName = \"v\"\nVPNType = \"PPTP\""));
  ASSERT_THAT(pptp.codes(), ElementsAre("PC1004"));
  EXPECT_EQ(first(pptp).message, "'VPNType' = \"PPTP\" was removed");
}

TEST(NotAllowedValueTest, SecretsAreNotJudgedDuringCheck) {
  EXPECT_THAT(codes_of(payload("com.apple.wifi.managed",
                               "SSID_STR = \"x\"\nEncryptionType = { env = \"PROFILEC_ENC\" }")),
              IsEmpty());
}

TEST(NotAllowedValueTest, AResolvedSecretIsJudgedButNeverShown) {
  // build resolves the secret: a wrong value is still an error, but neither
  // its text nor a did-you-mean that would hint at it reaches any output.
  auto run = compile_policy_text(payload("com.apple.wifi.managed",
                                         "SSID_STR = \"x\"\nEncryptionType = { env = \"PROFILEC_ENC\" }"),
                                 SecretMode::kResolve, {{"PROFILEC_ENC", "WAP2-hunter2"}});
  ASSERT_THAT(run.codes(), ElementsAre("PC1004")) << run.rendered();
  EXPECT_EQ(first(run).message, "'EncryptionType' cannot be (secret)");
  EXPECT_THAT(first(run).help, ::testing::StartsWith("use one of "));
  EXPECT_THAT(run.rendered(), ::testing::Not(::testing::HasSubstr("hunter2")));
  // An allowed secret value is no finding.
  EXPECT_THAT(compile_policy_text(payload("com.apple.wifi.managed",
                                          "SSID_STR = \"x\"\nEncryptionType = { env = \"PROFILEC_ENC\" }"),
                                  SecretMode::kResolve, {{"PROFILEC_ENC", "WPA2"}})
                  .codes(),
              IsEmpty());
}

TEST(OutOfRangeTest, BothEnds) {
  EXPECT_THAT(codes_of(payload("com.apple.mobiledevice.passwordpolicy", "maxFailedAttempts = 1")),
              ElementsAre("PC1005"));
  EXPECT_THAT(codes_of(payload("com.apple.mobiledevice.passwordpolicy", "maxFailedAttempts = 12")),
              ElementsAre("PC1005"));
  EXPECT_THAT(codes_of(payload("com.apple.mobiledevice.passwordpolicy", "maxFailedAttempts = 2")), IsEmpty());
  EXPECT_THAT(codes_of(payload("com.apple.mobiledevice.passwordpolicy", "maxFailedAttempts = 11")), IsEmpty());
}

TEST(FormatMismatchTest, PatternsAndMdmVariables) {
  EXPECT_THAT(codes_of(payload("com.apple.wifi.managed", "SSID_STR = \"x\"\nPayloadCertificateUUID = \"\"")),
              ElementsAre("PC1006"));
  EXPECT_THAT(codes_of(payload("com.apple.wifi.managed", "SSID_STR = \"x\"\nPayloadCertificateUUID = \"$CERT_UUID\"")),
              IsEmpty());
}

TEST(FormatMismatchTest, EveryUpstreamPatternCompiles) {
  // A pattern std::regex cannot compile would silently disable the check.
  const auto schemas = schema::SchemaSet::embedded();
  std::size_t patterns = 0;
  std::function<void(const schema::PayloadSchema&, const std::vector<schema::Key>&, std::set<const void*>&)> walk =
      [&](const schema::PayloadSchema& s, const std::vector<schema::Key>& keys, std::set<const void*>& seen) {
        for (const schema::Key& key : keys) {
          if (!key.format.empty()) {
            ++patterns;
            EXPECT_TRUE(rules::format_pattern_compiles(key.format))
                << s.payload_type << " " << key.name << ": " << key.format;
          }
          const auto& children = s.children(key);
          if (seen.insert(&children).second) walk(s, children, seen);
        }
      };
  for (const std::string& type : schemas.payload_types()) {
    const schema::PayloadSchema& s = *schemas.find(type);
    std::set<const void*> seen;
    for (const schema::Group& g : s.groups) walk(s, g.keys, seen);
  }
  EXPECT_GT(patterns, 0u);
}

TEST(ValueTypeMismatchTest, Urls) {
  EXPECT_THAT(codes_of(payload("com.apple.webClip.managed", "Label = \"l\"\nURL = \"example.com\"")),
              ElementsAre("PC1007"));
  EXPECT_THAT(codes_of(payload("com.apple.webClip.managed", "Label = \"l\"\nURL = \"https://example.com/x?y=1\"")),
              IsEmpty());
  EXPECT_THAT(codes_of(payload("com.apple.webClip.managed", "Label = \"l\"\nURL = \"itms-services:?action=x\"")),
              IsEmpty());
}

TEST(MissingRequiredKeyTest, TopLevelAndNested) {
  auto run = compile_policy_text(payload("com.apple.webClip.managed", "Label = \"l\""));
  ASSERT_THAT(run.codes(), ElementsAre("PC1008"));
  EXPECT_EQ(first(run).message, "com.apple.webClip.managed has no 'URL', which is required");
  EXPECT_EQ(first(run).span.begin.line, 4u) << "points at the payload table";
  EXPECT_THAT(codes_of(payload("com.apple.wifi.managed",
                               "SSID_STR = \"x\"\nEAPClientConfiguration = { UserName = \"u\" }")),
              ElementsAre("PC1008"));
}

TEST(MissingRequiredKeyTest, DocumentedExemptions) {
  EXPECT_THAT(codes_of(payload("com.apple.screensaver", "askForPassword = true\naskForPasswordDelay = 0")), IsEmpty());
  const std::string tcc =
      R"(Services = { ScreenCapture = [{ Identifier = "com.example.app", IdentifierType = "bundleID", CodeRequirement = "identifier \"com.example.app\"", Authorization = "AllowStandardUserToSetSystemService" }] })";
  EXPECT_THAT(codes_of(payload("com.apple.TCC.configuration-profile-policy", tcc)), IsEmpty());
  const std::string no_decision =
      R"(Services = { ScreenCapture = [{ Identifier = "com.example.app", IdentifierType = "bundleID", CodeRequirement = "identifier \"com.example.app\"" }] })";
  EXPECT_THAT(codes_of(payload("com.apple.TCC.configuration-profile-policy", no_decision)), ElementsAre("PC1008"));
}

TEST(ArrayLengthTest, Minimum) {
  const std::string vpn =
      "UserDefinedName = \"v\"\nVPNType = \"L2TP\"\nPPP = { CommRemoteAddress = \"vpn.example.com\", AuthEAPPlugins = ";
  EXPECT_THAT(codes_of(payload("com.apple.vpn.managed", vpn + "[] }")), ElementsAre("PC1009"));
  EXPECT_THAT(codes_of(payload("com.apple.vpn.managed", vpn + "[\"EAP-RSA\"] }")), IsEmpty());
}

}  // namespace
}  // namespace profilec::check
