// The target rules (PC2xxx) on policies, through the whole pipeline: each
// rule's findings, where they point, and what must stay quiet (inheritance
// of platform facts, one finding per key rather than per array item or
// subkey, nothing below an unavailable payload or key).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>

#include "support/pipeline.h"

namespace profilec::check {
namespace {

using testing::compile_policy_text;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A policy with one payload "p" (line 1 [profile], the target's lines, then
// [payload.p] and its `type`).
std::string policy(std::string_view target, std::string_view type, std::string_view keys,
                   std::string_view profile_extra = "") {
  return fmt::format("[profile]\nid = \"com.example.x\"\n{}\n[target]\n{}\n\n[payload.p]\ntype = \"{}\"\n{}\n",
                     profile_extra, target, type, keys);
}

std::vector<std::string> codes_of(const std::string& text) { return compile_policy_text(text).codes(); }

std::size_t count_of(const testing::PipelineRun& run, std::string_view id) {
  const auto codes = run.codes();
  return static_cast<std::size_t>(std::count(codes.begin(), codes.end(), id));
}

// The line of the first line of `text` that starts with `prefix` (1-based).
std::uint32_t line_of(const std::string& text, std::string_view prefix) {
  std::uint32_t line = 1;
  std::size_t begin = 0;
  while (begin < text.size()) {
    if (std::string_view(text).substr(begin).starts_with(prefix)) return line;
    begin = text.find('\n', begin);
    if (begin == std::string::npos) break;
    ++begin;
    ++line;
  }
  return 0;
}

constexpr std::string_view kIosMac = "platforms = { iOS = \"17.0\", macOS = \"14.0\" }";

// --- no target, no findings --------------------------------------------------

TEST(TargetRulesTest, NothingWhenTheTargetNamesNoPlatforms) {
  const std::string text =
      "[profile]\nid = \"com.example.x\"\n\n[payload.p]\ntype = \"com.apple.security.firewall\"\n"
      "EnableFirewall = true\nEnableLogging = true\n";
  EXPECT_THAT(codes_of(text), IsEmpty());
  EXPECT_THAT(codes_of(policy("supervised = false", "com.apple.app.lock", "App = { Identifier = \"a.b\" }")),
              IsEmpty());
}

// --- PC2001 payload-unavailable ----------------------------------------------

TEST(PayloadUnavailableTest, MacOnlyPayloadOnIosIsAnErrorAtTheType) {
  const std::string text = policy(kIosMac, "com.apple.security.firewall", "EnableFirewall = true");
  auto run = compile_policy_text(text);
  ASSERT_THAT(run.codes(), ElementsAre("PC2001")) << run.rendered();
  const Diagnostic& d = *run.first("PC2001");
  EXPECT_EQ(d.severity, Severity::kError);
  EXPECT_EQ(d.message, "payload 'com.apple.security.firewall' is not available on iOS");
  EXPECT_THAT(d.help, HasSubstr("drop iOS from [target].platforms"));
  EXPECT_EQ(d.span.begin.line, line_of(text, "type ="));
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].span.begin.line, line_of(text, "platforms"));
}

TEST(PayloadUnavailableTest, OneFindingNamesEveryPlatform) {
  auto run = compile_policy_text(policy("platforms = { iOS = \"17.0\", macOS = \"14.0\", tvOS = \"17.0\" }",
                                        "com.apple.security.firewall", "EnableFirewall = true"));
  ASSERT_THAT(run.codes(), ElementsAre("PC2001"));
  EXPECT_EQ(run.first("PC2001")->message, "payload 'com.apple.security.firewall' is not available on iOS and tvOS");
}

TEST(PayloadUnavailableTest, ItsKeysAreNotCheckedOnThatPlatform) {
  // App is supervised-only and tvOS-available; the payload is n/a on macOS.
  auto run = compile_policy_text(policy("platforms = { iOS = \"17.0\", macOS = \"14.0\" }\nsupervised = true",
                                        "com.apple.app.lock", "App = { Identifier = \"com.example.kiosk\" }"));
  EXPECT_THAT(run.codes(), ElementsAre("PC2001")) << run.rendered();
}

TEST(PayloadUnavailableTest, TypesWithoutAnyPlatformFactsAreNotReported) {
  auto run = compile_policy_text(policy(kIosMac, "com.apple.security.wapi-identity", ""));
  EXPECT_FALSE(run.has_code("PC2001")) << run.rendered();
}

TEST(PayloadUnavailableTest, DefaultPlatformsFromTheProjectFileGetANoteThere) {
  const std::string text =
      "[profile]\nid = \"com.example.x\"\n\n[payload.p]\ntype = \"com.apple.security.firewall\"\n"
      "EnableFirewall = true\n";
  auto run = compile_policy_text(text, SecretMode::kPlaceholder, {},
                                 {{"profilec.toml", "[target]\nplatforms = { iOS = \"17.0\", macOS = \"14.0\" }\n"}});
  ASSERT_THAT(run.codes(), ElementsAre("PC2001")) << run.rendered();
  ASSERT_EQ(run.first("PC2001")->notes.size(), 1u);
  EXPECT_THAT(run.first("PC2001")->notes[0].span.path_or_empty(), HasSubstr("profilec.toml"));
}

// --- PC2002 key-unavailable --------------------------------------------------

TEST(KeyUnavailableTest, KeyNotOnTvosWhileItsPayloadIs) {
  const std::string text = policy("platforms = { tvOS = \"17.0\" }\nsupervised = true", "com.apple.applicationaccess",
                                  "allowAirDrop = false");
  auto run = compile_policy_text(text);
  ASSERT_THAT(run.codes(), ElementsAre("PC2002")) << run.rendered();
  const Diagnostic& d = *run.first("PC2002");
  EXPECT_EQ(d.severity, Severity::kWarning);
  EXPECT_EQ(d.message, "key 'allowAirDrop' is not available on tvOS; devices on tvOS ignore it");
  EXPECT_THAT(d.help, HasSubstr("no targeted platform supports it"));
  EXPECT_EQ(d.span.begin.line, line_of(text, "allowAirDrop"));
}

TEST(KeyUnavailableTest, ASharedProfileNamesWhereTheKeyTakesEffect) {
  auto run = compile_policy_text(policy("platforms = { iOS = \"17.0\", macOS = \"14.0\", tvOS = \"17.0\" }",
                                        "com.apple.applicationaccess", "allowCloudAddressBook = false"));
  ASSERT_THAT(run.codes(), ElementsAre("PC2002")) << run.rendered();
  EXPECT_EQ(run.first("PC2002")->message,
            "key 'allowCloudAddressBook' is not available on iOS and tvOS; devices on iOS and tvOS ignore it");
  EXPECT_THAT(run.first("PC2002")->help, HasSubstr("it takes effect on macOS"));
}

TEST(KeyUnavailableTest, ArrayItemsAndSubkeysOfAnUnavailableKeyAreNotReported) {
  auto items = compile_policy_text(policy("platforms = { macOS = \"14.0\" }", "com.apple.applicationaccess",
                                          "blockedAppBundleIDs = [\"a.b\", \"c.d\", \"e.f\"]"));
  EXPECT_THAT(items.codes(), ElementsAre("PC2002")) << items.rendered();
  // AirPlay's AllowList is n/a on tvOS... and the payload too: PC2001 alone.
  auto nested = compile_policy_text(policy("platforms = { tvOS = \"17.0\" }", "com.apple.airplay",
                                           "AllowList = [{ DeviceID = \"AA:BB:CC:DD:EE:FF\" }]"));
  EXPECT_THAT(nested.codes(), ElementsAre("PC2001")) << nested.rendered();
}

TEST(KeyUnavailableTest, KeysEveryPayloadHasAreNeverReported) {
  auto run = compile_policy_text(policy("platforms = { tvOS = \"17.0\" }", "com.apple.applicationaccess",
                                        "PayloadDisplayName = \"Restrictions\"\nallowCamera = false"));
  EXPECT_THAT(run.codes(), IsEmpty()) << run.rendered();
}

TEST(KeyUnavailableTest, ADefinitionInAnyGroupMakesAKeyAvailable) {
  // com.apple.MCX defines DestroyFVKeyOnStandby twice: Energy Saver (10.10)
  // and FileVault (10.9).
  EXPECT_THAT(codes_of(policy("platforms = { macOS = \"10.9\" }", "com.apple.MCX", "DestroyFVKeyOnStandby = true")),
              IsEmpty());
  auto older = compile_policy_text(policy("platforms = { macOS = \"10.8\" }", "com.apple.MCX",
                                          "DestroyFVKeyOnStandby = true"));
  ASSERT_THAT(older.codes(), ElementsAre("PC2004")) << older.rendered();
  EXPECT_THAT(older.first("PC2004")->message, HasSubstr("introduced in macOS 10.9"));
}

// --- PC2003 payload-too-new --------------------------------------------------

constexpr std::string_view kRelay = "Relays = [{ HTTP3RelayURL = \"https://relay.example.com\" }]";

TEST(PayloadTooNewTest, IntroducedAfterTheMinimum) {
  const std::string text = policy("platforms = { iOS = \"16.0\" }", "com.apple.relay.managed", kRelay);
  auto run = compile_policy_text(text);
  ASSERT_THAT(run.codes(), ElementsAre("PC2003")) << run.rendered();
  const Diagnostic& d = *run.first("PC2003");
  EXPECT_EQ(d.severity, Severity::kError);
  EXPECT_EQ(d.message, "payload 'com.apple.relay.managed' was introduced in iOS 17.0; the target allows iOS 16.0");
  EXPECT_THAT(d.help, HasSubstr("iOS = \"17.0\""));
  EXPECT_EQ(d.span.begin.line, line_of(text, "type ="));
  EXPECT_THAT(codes_of(policy("platforms = { iOS = \"17.0\" }", "com.apple.relay.managed", kRelay)), IsEmpty());
  EXPECT_THAT(codes_of(policy("platforms = { iOS = \"17\" }", "com.apple.relay.managed", kRelay)), IsEmpty());
}

TEST(PayloadTooNewTest, OneFindingForEveryPlatform) {
  auto run = compile_policy_text(policy("platforms = { iOS = \"16.4\", macOS = \"13.0\" }", "com.apple.relay.managed",
                                        kRelay));
  ASSERT_THAT(run.codes(), ElementsAre("PC2003")) << run.rendered();
  EXPECT_EQ(run.first("PC2003")->message,
            "payload 'com.apple.relay.managed' was introduced in iOS 17.0 and macOS 14.0; the target allows iOS "
            "16.4 and macOS 13.0");
}

// --- PC2004 key-too-new ------------------------------------------------------

TEST(KeyTooNewTest, IntroducedAfterTheMinimum) {
  auto run = compile_policy_text(policy("platforms = { iOS = \"17.0\" }\nsupervised = true",
                                        "com.apple.applicationaccess", "allowAutoDim = false"));
  ASSERT_THAT(run.codes(), ElementsAre("PC2004")) << run.rendered();
  EXPECT_EQ(run.first("PC2004")->severity, Severity::kWarning);
  EXPECT_EQ(run.first("PC2004")->message, "key 'allowAutoDim' was introduced in iOS 17.4; the target allows iOS 17.0");
  EXPECT_THAT(codes_of(policy("platforms = { iOS = \"17.4\" }\nsupervised = true", "com.apple.applicationaccess",
                              "allowAutoDim = false")),
              IsEmpty());
  EXPECT_THAT(codes_of(policy("platforms = { iOS = \"17.4.1\" }\nsupervised = true", "com.apple.applicationaccess",
                              "allowAutoDim = false")),
              IsEmpty());
}

TEST(KeyTooNewTest, KeysOfATooNewPayloadAreThePayloadsFinding) {
  auto run = compile_policy_text(policy("platforms = { iOS = \"16.0\" }", "com.apple.relay.managed", kRelay));
  EXPECT_THAT(run.codes(), ElementsAre("PC2003")) << run.rendered();
}

TEST(KeyTooNewTest, ArrayItemsAreReportedWithTheirArray) {
  // AllowList is iOS 14.5; its items say 7.0 (the type is shared with the
  // older Whitelist): one finding, at AllowList.
  auto run = compile_policy_text(
      policy("platforms = { iOS = \"14.0\" }\nsupervised = true", "com.apple.airplay",
             "AllowList = [{ DeviceID = \"AA:BB:CC:DD:EE:FF\" }, { DeviceID = \"AA:BB:CC:DD:EE:00\" }]"));
  // (DeviceID is deprecated in iOS 18.0, which newer targeted devices run: PC2005, once.)
  ASSERT_THAT(run.codes(), ElementsAre("PC2004", "PC2005")) << run.rendered();
  EXPECT_EQ(run.first("PC2004")->message, "key 'AllowList' was introduced in iOS 14.5; the target allows iOS 14.0");
}

// --- PC2005 deprecated -------------------------------------------------------

TEST(DeprecatedTest, KeyDeprecatedOnATargetedPlatformOnce) {
  auto run = compile_policy_text(policy("platforms = { iOS = \"17.0\" }\nsupervised = true",
                                        "com.apple.applicationaccess", "blacklistedAppBundleIDs = [\"a.b\", \"c.d\"]"));
  ASSERT_THAT(run.codes(), ElementsAre("PC2005")) << run.rendered();
  EXPECT_EQ(run.first("PC2005")->severity, Severity::kWarning);
  EXPECT_EQ(run.first("PC2005")->message, "key 'blacklistedAppBundleIDs' is deprecated since iOS 15.0");
  EXPECT_THAT(run.first("PC2005")->help, HasSubstr("developer.apple.com"));
}

TEST(DeprecatedTest, DeprecationIsPerPlatform) {
  // allowBookstoreErotica: deprecated on tvOS 17.0 only.
  EXPECT_THAT(codes_of(policy("platforms = { iOS = \"17.0\" }", "com.apple.applicationaccess",
                              "allowBookstoreErotica = false")),
              IsEmpty());
  auto tv = compile_policy_text(policy("platforms = { tvOS = \"17.0\" }", "com.apple.applicationaccess",
                                       "allowBookstoreErotica = false"));
  ASSERT_THAT(tv.codes(), ElementsAre("PC2005")) << tv.rendered();
  EXPECT_EQ(tv.first("PC2005")->message, "key 'allowBookstoreErotica' is deprecated since tvOS 17.0");
}

TEST(DeprecatedTest, PayloadDeprecated) {
  auto run = compile_policy_text(policy("platforms = { iOS = \"17.0\" }", "com.apple.apn.managed", ""));
  ASSERT_TRUE(run.has_code("PC2005")) << run.rendered();
  EXPECT_EQ(run.first("PC2005")->message, "payload 'com.apple.apn.managed' is deprecated since iOS 7.0");
}

TEST(DeprecatedTest, SameItemDeprecationInManyItemsIsReportedOnce) {
  // AllowList items' DeviceID is deprecated in iOS 18.0 / macOS 15.0.
  const std::string text =
      policy("platforms = { iOS = \"18.0\" }\nsupervised = true", "com.apple.airplay",
             "AllowList = [\n  { DeviceID = \"AA:BB:CC:DD:EE:FF\" },\n  { DeviceID = \"AA:BB:CC:DD:EE:00\" },\n"
             "  { DeviceID = \"AA:BB:CC:DD:EE:01\" },\n]");
  auto run = compile_policy_text(text);
  ASSERT_THAT(run.codes(), ElementsAre("PC2005")) << run.rendered();
  const Diagnostic& d = *run.first("PC2005");
  EXPECT_EQ(d.message, "key 'AllowList[0].DeviceID' is deprecated since iOS 18.0");
  EXPECT_EQ(d.span.begin.line, line_of(text, "AllowList") + 1) << "at the first item";
  EXPECT_THAT(d.help, HasSubstr("2 more items of the array set it too"));
}

// --- PC2006 removed ----------------------------------------------------------

TEST(RemovedTest, EveryTargetedDeviceIsPastTheRemoval) {
  auto run = compile_policy_text(policy("platforms = { macOS = \"15.0\" }", "com.apple.security.firewall",
                                        "EnableFirewall = true\nEnableLogging = true"));
  ASSERT_THAT(run.codes(), ElementsAre("PC2006")) << run.rendered();
  EXPECT_EQ(run.first("PC2006")->severity, Severity::kWarning);
  EXPECT_EQ(run.first("PC2006")->message,
            "key 'EnableLogging' was removed in macOS 15.0, so no targeted device applies it (the target allows "
            "macOS 15.0 and later)");
  EXPECT_EQ(run.first("PC2006")->help, "delete it");
}

TEST(RemovedTest, OnlyNewerDevicesArePastIt) {
  // EnableLogging is also deprecated in 15.0: reported once, as removed.
  auto run = compile_policy_text(policy("platforms = { macOS = \"14.0\" }", "com.apple.security.firewall",
                                        "EnableFirewall = true\nEnableLogging = true"));
  ASSERT_THAT(run.codes(), ElementsAre("PC2006")) << run.rendered();
  EXPECT_EQ(run.first("PC2006")->message,
            "key 'EnableLogging' was removed in macOS 15.0; devices on macOS 15.0 and later ignore it (the target "
            "allows macOS 14.0)");
}

TEST(RemovedTest, NestedKeyRemovedOnOnePlatform) {
  // TLSAllowTrustExceptions: removed in iOS 8.0, still on macOS.
  auto run = compile_policy_text(
      policy(kIosMac, "com.apple.wifi.managed",
             "SSID_STR = \"Corp\"\n"
             "EAPClientConfiguration = { AcceptEAPTypes = [25], TLSAllowTrustExceptions = false }"));
  ASSERT_THAT(run.codes(), ElementsAre("PC2006")) << run.rendered();
  EXPECT_THAT(run.first("PC2006")->message,
              HasSubstr("key 'EAPClientConfiguration.TLSAllowTrustExceptions' was removed in iOS 8.0"));
}

TEST(RemovedTest, APayloadNoDeviceAppliesSilencesTheOtherRules) {
  // osxserver.account: removed in iOS 12.0, user enrollment and Shared iPad
  // forbidden.
  auto run = compile_policy_text(policy("platforms = { iOS = \"15.0\" }\nenrollment = \"user\"\nshared_ipad = true",
                                        "com.apple.osxserver.account", ""));
  EXPECT_EQ(count_of(run, "PC2006"), 1u) << run.rendered();
  EXPECT_FALSE(run.has_code("PC2005"));
  EXPECT_FALSE(run.has_code("PC2009"));
  EXPECT_FALSE(run.has_code("PC2011"));
  auto older = compile_policy_text(policy("platforms = { iOS = \"11.0\" }", "com.apple.osxserver.account", ""));
  ASSERT_TRUE(older.has_code("PC2006")) << older.rendered();
  EXPECT_THAT(older.first("PC2006")->message, HasSubstr("devices on iOS 12.0 and later do not apply it"));
}

// --- PC2007 / PC2008 supervision ---------------------------------------------

constexpr std::string_view kKiosk = "App = { Identifier = \"com.example.kiosk\" }";

TEST(PayloadNeedsSupervisionTest, UnsupervisedTargetIsAnError) {
  auto run = compile_policy_text(policy("platforms = { iOS = \"17.0\" }", "com.apple.app.lock", kKiosk));
  ASSERT_THAT(run.codes(), ElementsAre("PC2007")) << run.rendered();
  EXPECT_EQ(run.first("PC2007")->severity, Severity::kError);
  EXPECT_EQ(run.first("PC2007")->message,
            "payload 'com.apple.app.lock' needs supervised devices on iOS; the target is not supervised");
  EXPECT_THAT(codes_of(policy("platforms = { iOS = \"17.0\" }\nsupervised = true", "com.apple.app.lock", kKiosk)),
              IsEmpty());
}

TEST(PayloadNeedsSupervisionTest, AutomatedEnrollmentSupervisesFromIos13) {
  EXPECT_THAT(codes_of(policy("platforms = { iOS = \"17.0\" }\nenrollment = \"automated\"", "com.apple.app.lock",
                              kKiosk)),
              IsEmpty());
  EXPECT_THAT(codes_of(policy("platforms = { iOS = \"12.0\" }\nenrollment = \"automated\"", "com.apple.app.lock",
                              kKiosk)),
              ElementsAre("PC2007"));
}

// Automated device enrollment supervises from iOS and tvOS 13.0 and macOS
// 11.0: both sides of each boundary.
TEST(PayloadNeedsSupervisionTest, AutomatedEnrollmentSupervisesIosAndTvosFrom13Exactly) {
  for (const std::string_view platform : {"iOS", "tvOS"}) {
    const auto target = [&](std::string_view version) {
      return fmt::format("platforms = {{ {} = \"{}\" }}\nenrollment = \"automated\"", platform, version);
    };
    EXPECT_THAT(codes_of(policy(target("12.4"), "com.apple.app.lock", kKiosk)), ElementsAre("PC2007")) << platform;
    EXPECT_THAT(codes_of(policy(target("13.0"), "com.apple.app.lock", kKiosk)), IsEmpty()) << platform;
  }
}

TEST(KeyNeedsSupervisionTest, AutomatedEnrollmentSupervisesMacosFrom11Exactly) {
  constexpr std::string_view kClassroom = "forceClassroomAutomaticallyJoinClasses = true";
  auto before = compile_policy_text(policy("platforms = { macOS = \"10.15\" }\nenrollment = \"automated\"",
                                           "com.apple.applicationaccess", kClassroom));
  ASSERT_THAT(before.codes(), ElementsAre("PC2008")) << before.rendered();
  EXPECT_EQ(before.first("PC2008")->message,
            "key 'forceClassroomAutomaticallyJoinClasses' needs supervised devices on macOS; unsupervised devices "
            "ignore it");
  EXPECT_THAT(codes_of(policy("platforms = { macOS = \"11.0\" }\nenrollment = \"automated\"",
                              "com.apple.applicationaccess", kClassroom)),
              IsEmpty());
  // Without automated enrollment 11.0 is not enough.
  EXPECT_THAT(codes_of(policy("platforms = { macOS = \"11.0\" }", "com.apple.applicationaccess", kClassroom)),
              ElementsAre("PC2008"));
}

TEST(KeyNeedsSupervisionTest, SupervisedOnlyOnIosCheckedAgainstIosAndMacos) {
  const std::string text = policy(kIosMac, "com.apple.applicationaccess", "allowAirDrop = false");
  auto run = compile_policy_text(text);
  ASSERT_THAT(run.codes(), ElementsAre("PC2008")) << run.rendered();
  const Diagnostic& d = *run.first("PC2008");
  EXPECT_EQ(d.severity, Severity::kWarning);
  EXPECT_EQ(d.message, "key 'allowAirDrop' needs supervised devices on iOS; unsupervised devices ignore it");
  EXPECT_EQ(d.span.begin.line, line_of(text, "allowAirDrop"));
  EXPECT_THAT(codes_of(policy("platforms = { macOS = \"14.0\" }", "com.apple.applicationaccess",
                              "allowAirDrop = false")),
              IsEmpty());
}

TEST(KeyNeedsSupervisionTest, KeysOfASupervisedPayloadAreThePayloadsFinding) {
  auto run = compile_policy_text(policy("platforms = { iOS = \"17.0\" }", "com.apple.app.lock", kKiosk));
  EXPECT_EQ(count_of(run, "PC2008"), 0u) << run.rendered();
}

TEST(KeyNeedsSupervisionTest, NoDuplicateFindingsForArrayItems) {
  // AllowList and its items both say supervised on iOS.
  auto run = compile_policy_text(
      policy("platforms = { iOS = \"17.0\" }", "com.apple.airplay",
             "AllowList = [{ DeviceID = \"AA:BB:CC:DD:EE:FF\" }, { DeviceID = \"AA:BB:CC:DD:EE:00\" }]"));
  ASSERT_THAT(run.codes(), ElementsAre("PC2008", "PC2005")) << run.rendered();
  EXPECT_EQ(run.first("PC2008")->message,
            "key 'AllowList' needs supervised devices on iOS; unsupervised devices ignore it");
}

// --- PC2009 / PC2010 user enrollment -----------------------------------------

constexpr std::string_view kApn = "AttachAPN = { Name = \"internet.example\" }";

TEST(ForbiddenInUserEnrollmentTest, PayloadIsAnError) {
  auto run = compile_policy_text(policy("platforms = { iOS = \"17.0\" }\nenrollment = \"user\"", "com.apple.cellular",
                                        kApn));
  ASSERT_THAT(run.codes(), ElementsAre("PC2009")) << run.rendered();
  EXPECT_EQ(run.first("PC2009")->severity, Severity::kError);
  EXPECT_EQ(run.first("PC2009")->message, "payload 'com.apple.cellular' cannot be used under user enrollment on iOS");
  EXPECT_THAT(codes_of(policy("platforms = { iOS = \"17.0\" }\nenrollment = \"device\"", "com.apple.cellular", kApn)),
              IsEmpty());
}

TEST(ForbiddenInUserEnrollmentTest, KeyIsAWarning) {
  // allowAirDrop: forbidden under user enrollment on macOS (and supervised-only on iOS).
  auto run = compile_policy_text(policy("platforms = { macOS = \"14.0\" }\nenrollment = \"user\"",
                                        "com.apple.applicationaccess", "allowAirDrop = false"));
  ASSERT_THAT(run.codes(), ElementsAre("PC2009")) << run.rendered();
  EXPECT_EQ(run.first("PC2009")->severity, Severity::kWarning);
  EXPECT_THAT(run.first("PC2009")->message,
              HasSubstr("key 'allowAirDrop' is not allowed under user enrollment on macOS"));
}

TEST(IgnoredInUserEnrollmentTest, KeyIgnored) {
  auto run = compile_policy_text(policy("platforms = { iOS = \"17.0\" }\nenrollment = \"user\"",
                                        "com.apple.mobiledevice.passwordpolicy", "minLength = 6"));
  ASSERT_THAT(run.codes(), ElementsAre("PC2010")) << run.rendered();
  EXPECT_EQ(run.first("PC2010")->severity, Severity::kWarning);
  EXPECT_EQ(run.first("PC2010")->message, "key 'minLength' is ignored under user enrollment on iOS");
}

TEST(IgnoredInUserEnrollmentTest, ArrayItemsAreNotReportedAgain) {
  // AllowList: ignored under user enrollment on macOS, and so are its items.
  auto run = compile_policy_text(
      policy("platforms = { macOS = \"14.0\" }\nenrollment = \"user\"", "com.apple.airplay",
             "AllowList = [{ DeviceID = \"AA:BB:CC:DD:EE:FF\" }, { DeviceID = \"AA:BB:CC:DD:EE:00\" }]"));
  EXPECT_EQ(count_of(run, "PC2010"), 1u) << run.rendered();
}

// --- PC2011 forbidden-on-shared-ipad -----------------------------------------

TEST(ForbiddenOnSharedIpadTest, PayloadIsAnError) {
  auto run = compile_policy_text(policy("platforms = { iOS = \"17.0\" }\nshared_ipad = true",
                                        "com.apple.mobiledevice.passwordpolicy", "minLength = 6"));
  ASSERT_THAT(run.codes(), ElementsAre("PC2011")) << run.rendered();
  EXPECT_EQ(run.first("PC2011")->severity, Severity::kError);
  EXPECT_EQ(run.first("PC2011")->message,
            "payload 'com.apple.mobiledevice.passwordpolicy' cannot be used on Shared iPad");
  EXPECT_THAT(codes_of(policy("platforms = { iOS = \"17.0\" }", "com.apple.mobiledevice.passwordpolicy",
                              "minLength = 6")),
              IsEmpty());
}

TEST(ForbiddenOnSharedIpadTest, KeyIsAWarning) {
  auto run = compile_policy_text(policy("platforms = { iOS = \"17.0\" }\nsupervised = true\nshared_ipad = true",
                                        "com.apple.applicationaccess", "allowCloudDocumentSync = false"));
  ASSERT_THAT(run.codes(), ElementsAre("PC2011")) << run.rendered();
  EXPECT_EQ(run.first("PC2011")->severity, Severity::kWarning);
}

TEST(ForbiddenOnSharedIpadTest, OnlyIos) {
  EXPECT_THAT(codes_of(policy("platforms = { macOS = \"14.0\" }\nshared_ipad = true",
                              "com.apple.mobiledevice.passwordpolicy", "minLength = 6")),
              IsEmpty());
}

// --- PC2012 wrong-channel ----------------------------------------------------

constexpr std::string_view kWebClip = "Label = \"Intranet\"\nURL = \"https://intranet.example.com/\"";

TEST(WrongChannelTest, UserPayloadWithoutScopeIsAnError) {
  auto run = compile_policy_text(policy("platforms = { macOS = \"14.0\" }", "com.apple.webClip.managed", kWebClip));
  ASSERT_THAT(run.codes(), ElementsAre("PC2012")) << run.rendered();
  EXPECT_EQ(run.first("PC2012")->severity, Severity::kError);
  EXPECT_EQ(run.first("PC2012")->message,
            "payload 'com.apple.webClip.managed' cannot be installed on the device channel on macOS; the profile has "
            "no scope, so it is installed as System");
  EXPECT_THAT(run.first("PC2012")->help, HasSubstr("scope = \"user\""));
  EXPECT_THAT(codes_of(policy("platforms = { macOS = \"14.0\" }", "com.apple.webClip.managed", kWebClip,
                              "scope = \"user\"")),
              IsEmpty());
  EXPECT_THAT(codes_of(policy("platforms = { iOS = \"17.0\" }", "com.apple.webClip.managed", kWebClip)), IsEmpty())
      << "channels are a macOS matter";
}

TEST(WrongChannelTest, DevicePayloadInAUserScopedProfileHasANoteAtTheScope) {
  const std::string text = policy("platforms = { macOS = \"14.0\" }", "com.apple.security.firewall",
                                  "EnableFirewall = true", "scope = \"user\"");
  auto run = compile_policy_text(text);
  ASSERT_THAT(run.codes(), ElementsAre("PC2012")) << run.rendered();
  EXPECT_THAT(run.first("PC2012")->message, HasSubstr("user channel on macOS; the profile's scope is User"));
  ASSERT_EQ(run.first("PC2012")->notes.size(), 1u);
  EXPECT_EQ(run.first("PC2012")->notes[0].span.begin.line, line_of(text, "scope"));
}

TEST(WrongChannelTest, KeyIsAWarning) {
  auto run = compile_policy_text(policy("platforms = { macOS = \"14.0\" }", "com.apple.applicationaccess",
                                        "allowContentCaching = false", "scope = \"user\""));
  ASSERT_THAT(run.codes(), ElementsAre("PC2012")) << run.rendered();
  EXPECT_EQ(run.first("PC2012")->severity, Severity::kWarning);
  EXPECT_THAT(codes_of(policy("platforms = { macOS = \"14.0\" }", "com.apple.applicationaccess",
                              "allowContentCaching = false", "scope = \"system\"")),
              IsEmpty());
}

// --- PC2013 manual-install-not-allowed ---------------------------------------

constexpr std::string_view kSysExt = "AllowedTeamIdentifiers = [\"ABCDE12345\"]";

TEST(ManualInstallNotAllowedTest, PayloadIsAnError) {
  auto run = compile_policy_text(policy("platforms = { macOS = \"14.0\" }\ninstall = \"manual\"",
                                        "com.apple.system-extension-policy", kSysExt));
  ASSERT_THAT(run.codes(), ElementsAre("PC2013")) << run.rendered();
  EXPECT_EQ(run.first("PC2013")->severity, Severity::kError);
  EXPECT_EQ(run.first("PC2013")->message,
            "payload 'com.apple.system-extension-policy' cannot be installed by hand on macOS; the target's install "
            "is manual");
  EXPECT_THAT(codes_of(policy("platforms = { macOS = \"14.0\" }\ninstall = \"mdm\"",
                              "com.apple.system-extension-policy", kSysExt)),
              IsEmpty());
}

TEST(ManualInstallNotAllowedTest, KeyIsAWarning) {
  auto run = compile_policy_text(policy("platforms = { macOS = \"15.1\" }\ninstall = \"manual\"",
                                        "com.apple.applicationaccess", "forceBypassScreenCaptureAlert = true"));
  ASSERT_THAT(run.codes(), ElementsAre("PC2013")) << run.rendered();
  EXPECT_EQ(run.first("PC2013")->severity, Severity::kWarning);
}

// --- PC2014 needs-automated-enrollment ---------------------------------------

constexpr std::string_view kFileVault = "Enable = \"On\"\nForceEnableInSetupAssistant = true";

TEST(NeedsAutomatedEnrollmentTest, KeyOutsideAdeIsAWarning) {
  auto run = compile_policy_text(policy("platforms = { macOS = \"14.0\" }", "com.apple.MCX.FileVault2", kFileVault));
  ASSERT_THAT(run.codes(), ElementsAre("PC2014")) << run.rendered();
  EXPECT_EQ(run.first("PC2014")->severity, Severity::kWarning);
  EXPECT_EQ(run.first("PC2014")->message,
            "key 'ForceEnableInSetupAssistant' needs automated device enrollment on macOS; other devices ignore it "
            "(the target's enrollment is device)");
  EXPECT_THAT(codes_of(policy("platforms = { macOS = \"14.0\" }\nenrollment = \"automated\"",
                              "com.apple.MCX.FileVault2", kFileVault)),
              IsEmpty());
}

TEST(NeedsAutomatedEnrollmentTest, UserEnrollmentIsNamed) {
  auto run = compile_policy_text(policy("platforms = { macOS = \"14.0\" }\nenrollment = \"user\"",
                                        "com.apple.MCX.FileVault2", kFileVault));
  ASSERT_TRUE(run.has_code("PC2014")) << run.rendered();
  EXPECT_THAT(run.first("PC2014")->message, HasSubstr("(the target's enrollment is user)"));
}

}  // namespace
}  // namespace profilec::check
