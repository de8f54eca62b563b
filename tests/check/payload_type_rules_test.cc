// Issue 14's per-file checks on small synthetic profiles: PayloadVersion
// (PC1012), unknown Apple types (PC1001), types that are no type (PC1014),
// a bare payload still checked (PC1013), legacy keys (PC1015), the "newer
// than the data" help (PC1002), named UUID placeholders (PC1011) and the
// System Logging errata.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "check/known_names.h"
#include "check/schema_errata.h"
#include "schema/schema_set.h"
#include "support/pipeline.h"

namespace profilec::check {
namespace {

using testing::compile_paths;
using testing::compile_policy_text;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr std::string_view kEnvelope = R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>PayloadContent</key>
	<array>
{}
	</array>
	<key>PayloadIdentifier</key>
	<string>com.example.profile</string>
	<key>PayloadType</key>
	<string>Configuration</string>
	<key>PayloadUUID</key>
	<string>9A4C2E57-1B1D-4F3A-8E2B-6D5F4C3B2A10</string>
	<key>PayloadVersion</key>
	<integer>1</integer>
</dict>
</plist>
)";

// One payload dictionary: identity keys, the type, then `keys` (XML).
std::string payload(std::string_view type, std::string_view keys, bool version = true,
                    std::string_view uuid = "5C7E1B1E-3F0B-4C55-9D7B-2C1D8A0F6E11") {
  return fmt::format(
      "<dict><key>PayloadIdentifier</key><string>com.example.profile.p</string>"
      "<key>PayloadType</key><string>{}</string><key>PayloadUUID</key><string>{}</string>{}{}</dict>",
      type, uuid, version ? "<key>PayloadVersion</key><integer>1</integer>" : "", keys);
}

testing::PipelineRun check_file(const std::string& text, std::string_view target = "") {
  MemoryFileSystem fs;
  fs.add_file("test.mobileconfig", text);
  if (!target.empty()) fs.add_file("profilec.toml", fmt::format("[target]\n{}\n", target));
  return compile_paths(fs, {"test.mobileconfig"});
}

testing::PipelineRun check_payloads(const std::string& payloads, std::string_view target = "") {
  return check_file(fmt::format(fmt::runtime(kEnvelope), payloads), target);
}

const Diagnostic& first(const testing::PipelineRun& run) { return run.result.diagnostics.all().at(0); }

// --- PayloadVersion (PC1012) -----------------------------------------------

TEST(PayloadVersionTest, AbsentFromAPayloadIsAWarning) {
  auto run = check_payloads(payload("com.apple.applicationaccess", "<key>allowCamera</key><false/>", false));
  ASSERT_THAT(run.codes(), ElementsAre("PC1012"));
  EXPECT_EQ(first(run).severity, Severity::kWarning);
  EXPECT_EQ(first(run).message, "payload 'com.apple.applicationaccess' has no PayloadVersion");
  EXPECT_EQ(first(run).help,
            "Apple requires it; devices take 1 when it is absent, tools that follow Apple's data may refuse the "
            "payload: add PayloadVersion with the integer 1");
  EXPECT_THAT(check_payloads(payload("com.apple.applicationaccess", "<key>allowCamera</key><false/>")).codes(),
              IsEmpty());
}

TEST(PayloadVersionTest, AlsoInPayloadsOfUnknownTypes) {
  auto run = check_payloads(payload("com.example.app", "<key>x</key><true/>", false));
  ASSERT_THAT(run.codes(), ElementsAre("PC1012"));
  EXPECT_EQ(first(run).message, "payload 'com.example.app' has no PayloadVersion");
}

TEST(PayloadVersionTest, PoliciesGetOneUnlessTheyOmitIt) {
  const std::string policy =
      "[profile]\nid = \"com.example.x\"\n[payload.p]\ntype = \"com.apple.applicationaccess\"\nallowCamera = false\n";
  EXPECT_THAT(compile_policy_text(policy).codes(), IsEmpty());
  auto omitted = compile_policy_text(policy + "omit = [\"PayloadVersion\"]\n");
  ASSERT_THAT(omitted.codes(), ElementsAre("PC1012"));
  EXPECT_EQ(first(omitted).severity, Severity::kWarning);
}

// --- unknown Apple payload types (PC1001) ------------------------------------

void expect_meant(std::string_view type, std::string_view meant) {
  auto run = check_payloads(payload(type, ""));
  ASSERT_THAT(run.codes(), ElementsAre("PC1001")) << type;
  EXPECT_EQ(first(run).severity, Severity::kError) << type;
  EXPECT_EQ(first(run).message, fmt::format("unknown payload type '{}'", type));
  EXPECT_EQ(first(run).help, fmt::format("did you mean '{}'?", meant));
}

TEST(UnknownApplePayloadTypeTest, ShortNamesTitlesAndDoubledPrefixesAreErrors) {
  expect_meant("com.apple.wifi", "com.apple.wifi.managed");               // cut short at a dot
  expect_meant("com.apple.restrictions", "com.apple.applicationaccess");  // the payload's title
  expect_meant("com.apple.passcode", "com.apple.mobiledevice.passwordpolicy");
  expect_meant("com.apple.com.apple.ShareKitHelper", "com.apple.ShareKitHelper");
  expect_meant("com.apple.wifi.manged", "com.apple.wifi.managed");  // within two edits
}

TEST(UnknownApplePayloadTypeTest, DeclarationTypesAreErrors) {
  auto run = check_payloads(payload("com.apple.configuration.passcode.settings", ""));
  ASSERT_THAT(run.codes(), ElementsAre("PC1001"));
  EXPECT_EQ(first(run).severity, Severity::kError);
  EXPECT_EQ(first(run).message,
            "'com.apple.configuration.passcode.settings' is a declaration type, not a payload type");
}

TEST(UnknownApplePayloadTypeTest, KnownPreferenceDomainsStayQuiet) {
  // com.apple.mail and com.apple.loginitems are also cut-short known types:
  // the list wins.
  for (const std::string_view type :
       {"com.apple.SubmitDiagInfo", "com.apple.submitdiaginfo", "com.apple.Safari", "com.apple.mail",
        "com.apple.loginitems", "com.apple.NetworkBrowser", "com.example.app"}) {
    EXPECT_THAT(check_payloads(payload(type, "<key>x</key><true/>")).codes(), IsEmpty()) << type;
  }
  // ... but only where a Mac may get them.
  auto ios = check_payloads(payload("com.apple.Safari", "<key>x</key><true/>"), "platforms = { iOS = \"17.0\" }");
  ASSERT_THAT(ios.codes(), ElementsAre("PC1001"));
  EXPECT_EQ(first(ios).severity, Severity::kWarning);
}

TEST(UnknownApplePayloadTypeTest, OtherAppleTypesAreNotes) {
  auto run = check_payloads(payload("com.apple.touchidpolicy", "<key>x</key><true/>"));
  ASSERT_THAT(run.codes(), ElementsAre("PC1001"));
  EXPECT_EQ(first(run).severity, Severity::kNote);
  EXPECT_EQ(first(run).message, "unknown Apple payload type 'com.apple.touchidpolicy'");
  auto ios = check_payloads(payload("com.apple.touchidpolicy", "<key>x</key><true/>"),
                            "platforms = { iOS = \"17.0\" }");
  ASSERT_THAT(ios.codes(), ElementsAre("PC1001"));
  EXPECT_EQ(first(ios).severity, Severity::kWarning) << "no Mac applies it";
  // A prefix of several known types names none of them.
  auto several = check_payloads(payload("com.apple.security", ""));
  ASSERT_THAT(several.codes(), ElementsAre("PC1001"));
  EXPECT_EQ(first(several).severity, Severity::kNote);
}

// --- PC1014 not-a-payload-type ----------------------------------------------

TEST(NotAPayloadTypeTest, FileNamesPlaceholdersAndWhiteSpace) {
  for (const std::string_view type : {"com.apple.Safari.plist", "com_company_PLISTNAME", "{{payload_type}}", "${TYPE}",
                                      "com.apple. dock", "/Library/Preferences/com.apple.dock"}) {
    auto run = check_payloads(payload(type, ""));
    ASSERT_THAT(run.codes(), ElementsAre("PC1014")) << type;
    EXPECT_EQ(first(run).severity, Severity::kError);
  }
  auto run = check_payloads(payload("com.apple.Safari.plist", ""));
  EXPECT_EQ(first(run).message,
            "PayloadType 'com.apple.Safari.plist' is not a payload type: it is a file name: a preference domain has "
            "no .plist");
  auto empty = check_payloads(payload("", ""));
  ASSERT_THAT(empty.codes(), ElementsAre("PC1014"));
  EXPECT_EQ(first(empty).message, "PayloadType '' is not a payload type: it is empty");
}

TEST(NotAPayloadTypeTest, RealNamesAreNotReported) {
  // A schema type without dots, and domains with dashes and underscores.
  EXPECT_THAT(check_payloads(payload("com.example.my_app", "")).codes(), IsEmpty());
  EXPECT_THAT(check_payloads(payload("com.example.my-app", "")).codes(), IsEmpty());
}

// --- a bare payload at the top level (PC1013) --------------------------------

TEST(BarePayloadTest, IsStillCheckedAsThePayloadItIs) {
  const std::string bare = R"(<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
	<key>PayloadIdentifier</key>
	<string>com.example.camera</string>
	<key>PayloadType</key>
	<string>com.apple.applicationaccess</string>
	<key>PayloadUUID</key>
	<string>${uuid_1}</string>
	<key>PayloadVersion</key>
	<integer>1</integer>
	<key>PayloadScope</key>
	<string>System</string>
	<key>allowCamra</key>
	<false/>
</dict>
</plist>
)";
  auto run = check_file(bare);  // PayloadScope: it also stands for the profile
  EXPECT_THAT(run.codes(), ElementsAre("PC1013", "PC1011", "PC1002")) << run.rendered();
  EXPECT_EQ(run.first("PC1002")->message, "unknown key 'allowCamra' in com.apple.applicationaccess");
  EXPECT_EQ(run.first("PC1011")->message,
            "PayloadUUID of payload 'com.apple.applicationaccess' is the template placeholder '${uuid_1}'");
}

TEST(BarePayloadTest, AMisspeltConfigurationIsNotAPayload) {
  std::string text = fmt::format(fmt::runtime(kEnvelope), payload("com.apple.applicationaccess", ""));
  text.replace(text.find("<string>Configuration</string>"), 30, "<string>configuration</string>");
  EXPECT_THAT(check_file(text).codes(), ElementsAre("PC1013"));
}

// --- PC1015 legacy-key, and PC1002's help -----------------------------------

TEST(LegacyKeyTest, PayloadEnabledIsANote) {
  auto run = check_payloads(payload("com.apple.applicationaccess", "<key>PayloadEnabled</key><true/>"));
  ASSERT_THAT(run.codes(), ElementsAre("PC1015"));
  EXPECT_EQ(first(run).severity, Severity::kNote);
  EXPECT_EQ(first(run).message, "'PayloadEnabled' is a legacy key that devices ignore");
  EXPECT_EQ(first(run).help,
            "Profile Manager and other editors write it; Apple documents no such key and devices install the "
            "payload whatever it says");
  auto off = check_payloads(payload("com.apple.applicationaccess", "<key>PayloadEnabled</key><false/>"));
  ASSERT_THAT(off.codes(), ElementsAre("PC1015"));
  EXPECT_THAT(first(off).help, ::testing::EndsWith(": this payload is installed although the key says false"));
}

TEST(LegacyKeyTest, OnlyInThePayloadTypesListed) {
  EXPECT_THAT(check_payloads(payload("com.apple.ManagedClient.preferences",
                                     "<key>PayloadContent</key><dict/><key>mcx_targets</key><array/>"))
                  .codes(),
              ElementsAre("PC1015"));
  auto elsewhere = check_payloads(payload("com.apple.applicationaccess", "<key>mcx_targets</key><array/>"));
  ASSERT_THAT(elsewhere.codes(), ElementsAre("PC1002"));
  EXPECT_EQ(first(elsewhere).severity, Severity::kWarning);
}

TEST(UnknownKeyHelpTest, NewerOnlyWhereItIsPlausible) {
  const auto help_of = [](std::string_view type, std::string_view key) {
    auto run = check_payloads(payload(type, fmt::format("<key>{}</key><true/>", key)));
    const Diagnostic* d = run.first("PC1002");
    EXPECT_NE(d, nullptr) << key;
    return d ? d->help : std::string();
  };
  const std::string newer =
      "it may be newer than the data (iOS 18.1, macOS 15.1); devices that do not know it ignore it";
  const std::string unknown = "devices ignore keys they do not know; check the name in Apple's documentation";
  EXPECT_EQ(help_of("com.apple.applicationaccess", "allowQuantumTeleportation"), newer);
  // Not named as the payload's keys are: upper case first, or a dash.
  EXPECT_EQ(help_of("com.apple.applicationaccess", "QuantumTeleportationAllowed"), unknown);
  EXPECT_EQ(help_of("com.apple.applicationaccess", "allow-quantum-teleportation"), unknown);
  EXPECT_EQ(help_of("com.apple.applicationaccess", "QUANTUM"), unknown);
  // A payload Apple no longer extends (AIM: nothing since long before iOS 17).
  EXPECT_EQ(help_of("com.apple.AIM.account", "QuantumTeleportation"), unknown);
}

// --- PC1011: named placeholders ----------------------------------------------

TEST(PlaceholderUuidTest, NamedPlaceholdersAreWarnings) {
  auto run = check_payloads(payload("com.apple.applicationaccess", "", true, "GENERATED_UUID_01"));
  ASSERT_THAT(run.codes(), ElementsAre("PC1011"));
  EXPECT_EQ(first(run).severity, Severity::kWarning);
  EXPECT_EQ(first(run).message,
            "PayloadUUID of payload 'com.apple.applicationaccess' is the template placeholder 'GENERATED_UUID_01'");
  auto jamf = check_payloads(payload("com.apple.applicationaccess", "", true,
                                     "com.apple.applicationaccess.5C7E1B1E-3F0B-4C55-9D7B-2C1D8A0F6E11"));
  ASSERT_THAT(jamf.codes(), ElementsAre("PC1011"));
  EXPECT_EQ(first(jamf).severity, Severity::kNote);
}

// --- errata: System Logging's keys on macOS ----------------------------------

TEST(SchemaErrataTest, SystemLoggingKeysAreAvailableOnMacOS) {
  const std::string macos = "platforms = { macOS = \"14.0\" }";
  EXPECT_THAT(check_payloads(payload("com.apple.system.logging",
                                     "<key>System</key><dict><key>Enable-Private-Data</key><true/></dict>"
                                     "<key>Subsystems</key><dict><key>com.example</key><dict/></dict>"),
                             macos)
                  .codes(),
              IsEmpty());
  // Processes stays unavailable ("Not to be used" in Apple's data).
  EXPECT_THAT(check_payloads(payload("com.apple.system.logging", "<key>Processes</key><dict/>"), macos).codes(),
              ElementsAre("PC2002"));
  EXPECT_FALSE(errata::available_despite_data("com.apple.system.logging", "System", schema::Platform::kMacOS).empty());
  EXPECT_TRUE(errata::available_despite_data("com.apple.system.logging", "System", schema::Platform::kIOS).empty());
}

// --- data/check/known-names.toml ---------------------------------------------

TEST(KnownNamesTest, TheEmbeddedListLoadsAndRepeatsNoSchemaType) {
  const KnownNames& names = known_names();
  ASSERT_FALSE(names.preference_domains.empty());
  ASSERT_FALSE(names.legacy_keys.empty());
  ASSERT_FALSE(names.declaration_types.empty());
  const schema::SchemaSet& schemas = schema::SchemaSet::embedded();
  for (const PreferenceDomain& domain : names.preference_domains) {
    EXPECT_EQ(schemas.find(domain.name), nullptr) << domain.name << " is a schema type: one fact, one table";
  }
  for (const std::string& type : names.declaration_types) EXPECT_EQ(schemas.find(type), nullptr) << type;
}

TEST(KnownNamesTest, ParsingIsStrict) {
  auto unknown = parse_known_names("[[preference_domain]]\nname = \"com.apple.x\"\nwhat = \"y\"\nwhy = \"z\"\n",
                                   "k.toml");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error(), "k.toml:4:7: unknown key 'why'");
  auto twice = parse_known_names(
      "[[preference_domain]]\nname = \"com.apple.x\"\nwhat = \"y\"\n[[preference_domain]]\nname = \"com.apple.X\"\n"
      "what = \"y\"\n",
      "k.toml");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error(), "k.toml:4:1: preference domain 'com.apple.X' is listed twice");
  EXPECT_TRUE(parse_known_names("[[legacy_key]]\nkey = \"K\"\npayload_types = [\"*\"]\nwhy = \"w\"\n", "k.toml"));
}

}  // namespace
}  // namespace profilec::check
