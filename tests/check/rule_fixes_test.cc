// The fixes the rules attach (Diagnostic::fixes), through the whole
// pipeline: each is applied to the policy's text (diag/apply_fixes.h) and
// the result compared whole, so a span one column off fails.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "diag/apply_fixes.h"
#include "support/pipeline.h"

namespace profilec::check {
namespace {

using testing::compile_policy_text;
using testing::PipelineRun;

constexpr std::string_view kPath = "policies/test.toml";

std::string payload(std::string_view type, std::string_view keys) {
  return fmt::format("[profile]\nid = \"com.example.x\"\n\n[payload.p]\ntype = \"{}\"\n{}\n", type, keys);
}

std::vector<DiagnosticFix> fixes_of(const PipelineRun& run) {
  std::vector<DiagnosticFix> fixes;
  for (const Diagnostic& d : run.result.diagnostics.all()) fixes.insert(fixes.end(), d.fixes.begin(), d.fixes.end());
  return fixes;
}

// The policy text with every fix of its findings applied.
std::string fixed(const std::string& text) {
  const PipelineRun run = compile_policy_text(text);
  const std::string* source = run.sources.text(std::string(kPath));
  EXPECT_NE(source, nullptr);
  const FixedText out = apply_fixes(source ? *source : "", fixes_of(run));
  EXPECT_TRUE(out.skipped.empty());
  return out.text;
}

std::size_t fix_count(const std::string& text) { return fixes_of(compile_policy_text(text)).size(); }

TEST(RuleFixesTest, RenamesABareKey) {
  EXPECT_EQ(fixed(payload("com.apple.applicationaccess", "allowAirDorp = false")),
            payload("com.apple.applicationaccess", "allowAirDrop = false"));
  const auto fixes = fixes_of(compile_policy_text(payload("com.apple.applicationaccess", "allowAirDorp = false")));
  ASSERT_EQ(fixes.size(), 1u);
  EXPECT_EQ(fixes[0].title, "rename 'allowAirDorp' to 'allowAirDrop'");
}

TEST(RuleFixesTest, ReplacesAQuotedKeyWholeWithItsBareName) {
  EXPECT_EQ(fixed(payload("com.apple.applicationaccess", "\"allowAirDorp\" = false")),
            payload("com.apple.applicationaccess", "allowAirDrop = false"));
  EXPECT_EQ(fixed(payload("com.apple.applicationaccess", "'allowAirDorp' = false")),
            payload("com.apple.applicationaccess", "allowAirDrop = false"));
}

TEST(RuleFixesTest, RenamesOnlyTheSegmentOfADottedKey) {
  const std::string keys =
      "SSID_STR = \"x\"\nEAPClientConfiguration.AcceptEAPTypes = [13]\n"
      "EAPClientConfiguration.UserPasword = \"p\"";
  EXPECT_EQ(fixed(payload("com.apple.wifi.managed", keys)),
            payload("com.apple.wifi.managed",
                    "SSID_STR = \"x\"\nEAPClientConfiguration.AcceptEAPTypes = [13]\n"
                    "EAPClientConfiguration.UserPassword = \"p\""));
}

TEST(RuleFixesTest, CountsColumnsInCodePointsAfterNonAsciiText) {
  // "é" and "日本" are two and three bytes a character before the key.
  const std::string keys =
      "SSID_STR = \"x\"\nEAPClientConfiguration = { UserName = \"é日本\", AcceptEAPTypes = [13], "
      "UserPasword = \"p\" }";
  EXPECT_EQ(fixed(payload("com.apple.wifi.managed", keys)),
            payload("com.apple.wifi.managed",
                    "SSID_STR = \"x\"\nEAPClientConfiguration = { UserName = \"é日本\", "
                    "AcceptEAPTypes = [13], UserPassword = \"p\" }"));
}

TEST(RuleFixesTest, ALetterCaseTypoIsFixed) {
  EXPECT_EQ(fixed(payload("com.apple.applicationaccess", "allowcamera = false")),
            payload("com.apple.applicationaccess", "allowCamera = false"));
}

TEST(RuleFixesTest, NoRenameToANameTheTableHolds) {
  EXPECT_EQ(fix_count(payload("com.apple.applicationaccess", "allowAirDrop = true\nallowAirDorp = false")), 0u);
  // Nor two keys renamed to one name.
  EXPECT_EQ(fix_count(payload("com.apple.applicationaccess", "allowAirDorp = true\nalowAirDrop = false")), 0u);
}

TEST(RuleFixesTest, NoRenameOfAKeyHoldingATable) {
  // [payload.p.EAPClientConfigration] and a dotted key could name it twice.
  EXPECT_EQ(fix_count(payload("com.apple.wifi.managed",
                              "SSID_STR = \"x\"\nEAPClientConfigration = { AcceptEAPTypes "
                              "= [13] }")),
            0u);
}

TEST(RuleFixesTest, NoFixForAHintOnly) {
  // Two edits from allowAirDrop: a warning with a hint, not a certain typo.
  const PipelineRun run = compile_policy_text(payload("com.apple.applicationaccess", "alowAirDorp = false"));
  ASSERT_TRUE(run.has_code("PC1002"));
  EXPECT_TRUE(fixes_of(run).empty());
}

TEST(RuleFixesTest, FixesAPayloadTypeString) {
  EXPECT_EQ(fixed(payload("com.apple.wifi.manged", "SSID_STR = \"x\"")),
            payload("com.apple.wifi.managed", "SSID_STR = \"x\""));
}

TEST(RuleFixesTest, RenamesAProfileAndATargetField) {
  EXPECT_EQ(fixed("[profile]\nid = \"com.example.x\"\nnmae = \"n\"\n[target]\nsupervisd = true\n"
                  "platforms = { ios = \"17.0\" }\n"),
            "[profile]\nid = \"com.example.x\"\nname = \"n\"\n[target]\nsupervised = true\n"
            "platforms = { iOS = \"17.0\" }\n");
  // Not when the field is there already.
  EXPECT_EQ(fix_count("[profile]\nid = \"com.example.x\"\nname = \"a\"\nnmae = \"n\"\n"), 0u);
}

TEST(RuleFixesTest, FixesAStdlibUseName) {
  const std::string text = payload("com.apple.applicationaccess", "use = [\"stdlib:restrictions/ios-baselin\"]");
  EXPECT_EQ(fixed(text), payload("com.apple.applicationaccess", "use = [\"stdlib:restrictions/ios-baseline\"]"));
}

}  // namespace
}  // namespace profilec::check
