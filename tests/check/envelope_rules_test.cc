// The profile's own top-level keys, checked against schemas/TopLevel.toml by
// the rules that check payloads (walk.cc's envelope visit): in .mobileconfig
// files read as they are and in policies, with the same codes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "support/pipeline.h"

namespace profilec::check {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A configuration profile with one restrictions payload and `extra` keys at
// the top level (XML lines, each on a line of its own, from line 13 on).
std::string mobileconfig(std::string_view extra) {
  return fmt::format(R"(<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
  <key>PayloadIdentifier</key>
  <string>com.example.envelope</string>
  <key>PayloadUUID</key>
  <string>8B1E6B3C-3C4F-4D6A-9E55-1B2C3D4E5F60</string>
  <key>PayloadType</key>
  <string>Configuration</string>
  <key>PayloadVersion</key>
  <integer>1</integer>
  <key>PayloadDisplayName</key>
  <string>Envelope</string>
{}
  <key>PayloadContent</key>
  <array>
    <dict>
      <key>PayloadType</key>
      <string>com.apple.applicationaccess</string>
      <key>PayloadIdentifier</key>
      <string>com.example.envelope.r</string>
      <key>PayloadUUID</key>
      <string>9C2F7C4D-4D50-4E7B-8F66-2C3D4E5F6071</string>
      <key>PayloadVersion</key>
      <integer>1</integer>
      <key>allowCamera</key>
      <false/>
    </dict>
  </array>
</dict>
</plist>
)",
                     extra);
}

testing::PipelineRun check_raw(std::string_view extra, std::string_view project = "") {
  MemoryFileSystem files;
  files.add_file("repo/a.mobileconfig", mobileconfig(extra));
  if (!project.empty()) files.add_file("repo/profilec.toml", std::string(project));
  return testing::compile_paths(files, {"repo/a.mobileconfig"});
}

TEST(EnvelopeRulesTest, AWellFormedEnvelopeHasNoFindings) {
  const auto run = check_raw(
      "  <key>PayloadScope</key>\n  <string>System</string>\n"
      "  <key>PayloadRemovalDisallowed</key>\n  <false/>\n"
      "  <key>TargetDeviceType</key>\n  <integer>5</integer>\n"
      "  <key>ConsentText</key>\n  <dict><key>default</key><string>OK?</string></dict>\n"
      "  <key>DurationUntilRemoval</key>\n  <real>3600</real>\n",
      "[target]\nplatforms = { macOS = \"14.0\" }\n");
  EXPECT_THAT(run.codes(), IsEmpty()) << run.rendered();
}

TEST(EnvelopeRulesTest, ACaseOnlyMistakeIsAnErrorWithTheRightSpelling) {
  const auto run = check_raw("  <key>payloadScope</key>\n  <string>System</string>\n");
  ASSERT_THAT(run.codes(), ElementsAre("PC1002")) << run.rendered();
  const Diagnostic& d = *run.first("PC1002");
  EXPECT_EQ(d.severity, Severity::kError);
  EXPECT_EQ(d.message, "unknown key 'payloadScope' in the profile's top level");
  EXPECT_EQ(d.help, "did you mean 'PayloadScope'? devices ignore keys they do not know");
  EXPECT_EQ(d.span.begin.line, 14u);
}

TEST(EnvelopeRulesTest, AStrayKeyIsAWarning) {
  const auto run = check_raw("  <key>label</key>\n  <string>Corp</string>\n");
  ASSERT_THAT(run.codes(), ElementsAre("PC1002")) << run.rendered();
  const Diagnostic& d = *run.first("PC1002");
  EXPECT_EQ(d.severity, Severity::kWarning);
  EXPECT_EQ(d.message, "key 'label' is not in Apple's schema data for the profile's top level");
}

TEST(EnvelopeRulesTest, AValueOutsideTheAllowedOnesIsAnError) {
  const auto run = check_raw("  <key>PayloadScope</key>\n  <string>system</string>\n");
  ASSERT_THAT(run.codes(), ElementsAre("PC1004")) << run.rendered();
  const Diagnostic& d = *run.first("PC1004");
  EXPECT_EQ(d.message, "'PayloadScope' cannot be \"system\"");
  EXPECT_EQ(d.help, "did you mean \"System\"?");
  EXPECT_EQ(d.span.begin.line, 15u);
}

TEST(EnvelopeRulesTest, AWrongTypeIsAnError) {
  const auto run = check_raw("  <key>PayloadRemovalDisallowed</key>\n  <string>true</string>\n");
  ASSERT_THAT(run.codes(), ElementsAre("PC1003")) << run.rendered();
  EXPECT_EQ(run.first("PC1003")->message, "'PayloadRemovalDisallowed' must be a boolean, found string");
}

TEST(EnvelopeRulesTest, IdentityKeysKeepTheirOwnRules) {
  // PayloadVersion as a string is PC1010's alone, not PC1003's as well.
  MemoryFileSystem files;
  std::string text = mobileconfig("");
  const std::string version = "<key>PayloadVersion</key>\n  <integer>1</integer>\n  <key>PayloadDisplayName</key>";
  text.replace(text.find(version), version.size(),
               "<key>PayloadVersion</key>\n  <string>1</string>\n  <key>PayloadDisplayName</key>");
  files.add_file("a.mobileconfig", text);
  const auto run = testing::compile_paths(files, {"a.mobileconfig"});
  EXPECT_THAT(run.codes(), ElementsAre("PC1010")) << run.rendered();
}

TEST(EnvelopeRulesTest, RemovalDisallowedNeedsSupervisionOnIosInARawProfile) {
  const std::string removal = "  <key>PayloadRemovalDisallowed</key>\n  <true/>\n";
  const auto run = check_raw(removal, "[target]\nplatforms = { iOS = \"17.0\" }\n");
  ASSERT_THAT(run.codes(), ElementsAre("PC2008")) << run.rendered();
  const Diagnostic& d = *run.first("PC2008");
  EXPECT_EQ(d.severity, Severity::kWarning);
  EXPECT_EQ(d.message,
            "key 'PayloadRemovalDisallowed' needs supervised devices on iOS; unsupervised devices ignore it");
  EXPECT_EQ(d.span.begin.line, 14u);
  EXPECT_THAT(check_raw(removal, "[target]\nplatforms = { iOS = \"17.0\" }\nsupervised = true\n").codes(), IsEmpty());
  EXPECT_THAT(check_raw(removal, "[target]\nplatforms = { macOS = \"14.0\" }\n").codes(), IsEmpty());
}

// A policy for unsupervised iOS devices with removal = "disallowed" (line 3)
// and `target_extra` in [target].
std::string removal_policy(std::string_view target_extra) {
  return "[profile]\nid = \"com.example.removal\"\nremoval = \"disallowed\"\n\n[target]\n"
         "platforms = { iOS = \"17.0\" }\n" +
         std::string(target_extra) + "\n\n[payload.r]\ntype = \"com.apple.applicationaccess\"\nallowCamera = false\n";
}

TEST(EnvelopeRulesTest, RemovalDisallowedInAPolicyIsReportedAtTheRemovalLine) {
  const auto run = testing::compile_policy_text(removal_policy(""));
  ASSERT_THAT(run.codes(), ElementsAre("PC2008")) << run.rendered();
  const Diagnostic& d = *run.first("PC2008");
  EXPECT_EQ(d.message,
            "key 'PayloadRemovalDisallowed' needs supervised devices on iOS; unsupervised devices ignore it");
  EXPECT_EQ(d.span.begin.line, 3u);
  EXPECT_EQ(d.span.begin.column, 11u);
}

TEST(EnvelopeRulesTest, RemovalDisallowedIsLeftOutUnderUserEnrollment) {
  const auto run = testing::compile_policy_text(removal_policy("supervised = true\nenrollment = \"user\""));
  // allowCamera is left out too, at its own line.
  ASSERT_THAT(run.codes(), ElementsAre("PC2009", "PC2009")) << run.rendered();
  const Diagnostic& d = *run.first("PC2009");
  EXPECT_EQ(d.severity, Severity::kWarning);
  EXPECT_EQ(d.message,
            "key 'PayloadRemovalDisallowed' is not allowed under user enrollment on iOS; devices leave it out");
  EXPECT_EQ(d.span.begin.line, 3u);
}

TEST(EnvelopeRulesTest, PolicyFieldsMakeAValidEnvelope) {
  const auto run = testing::compile_policy_text(R"([profile]
id = "com.example.fields"
name = "Fields"
organization = "Example"
description = "All of them"
scope = "system"
removal = "allowed"
consent = "OK?"
removal_date = 2030-01-01T00:00:00Z
duration_until_removal = 3600

[target]
platforms = { macOS = "14.0" }

[payload.r]
type = "com.apple.applicationaccess"
allowCamera = false
)");
  EXPECT_THAT(run.codes(), IsEmpty()) << run.rendered();
}

TEST(EnvelopeRulesTest, ProfileExtraKeysAreCheckedWhereTheyAreWritten) {
  const auto run = testing::compile_policy_text(R"([profile]
id = "com.example.extra"

[profile.extra]
payloadScope = "System"
label = "Corp"

[payload.r]
type = "com.apple.applicationaccess"
allowCamera = false
)");
  ASSERT_THAT(run.codes(), ElementsAre("PC1002", "PC1002")) << run.rendered();
  EXPECT_EQ(run.result.diagnostics.all()[0].span.begin.line, 5u);
  EXPECT_EQ(run.result.diagnostics.all()[0].severity, Severity::kError);
  EXPECT_EQ(run.result.diagnostics.all()[1].span.begin.line, 6u);
  EXPECT_EQ(run.result.diagnostics.all()[1].severity, Severity::kWarning);
}

TEST(EnvelopeRulesTest, ABarePayloadIsNotCheckedAsAnEnvelope) {
  MemoryFileSystem files;
  files.add_file("bare.mobileconfig", R"(<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
  <key>PayloadIdentifier</key>
  <string>com.example.bare</string>
  <key>PayloadUUID</key>
  <string>8B1E6B3C-3C4F-4D6A-9E55-1B2C3D4E5F60</string>
  <key>PayloadType</key>
  <string>com.apple.applicationaccess</string>
  <key>PayloadVersion</key>
  <integer>1</integer>
  <key>allowCamera</key>
  <false/>
</dict>
</plist>
)");
  const auto run = testing::compile_paths(files, {"bare.mobileconfig"});
  EXPECT_FALSE(run.has_code("PC1002")) << run.rendered();
  EXPECT_TRUE(run.has_code("PC1013"));
}

}  // namespace
}  // namespace profilec::check
