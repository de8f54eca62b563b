#include "diag/severity_overrides.h"

#include <gtest/gtest.h>

namespace profilec {
namespace {

Diagnostics sample() {
  Diagnostics d;
  d.report(DiagnosticCode::PC0001, {}, "syntax");
  d.report(DiagnosticCode::PC0010, {}, "empty");
  d.report(DiagnosticCode::PC0004, {}, "invalid");
  d.report(DiagnosticCode::PC0010, {}, "empty again");
  return d;
}

std::vector<std::string> graded(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const Diagnostic& x : d.all())
    out.push_back(std::string(info(x.code).id) + ":" + std::string(severity_name(x.severity)));
  return out;
}

using Strings = std::vector<std::string>;

TEST(SeverityOverridesTest, ParsesTheFourLevels) {
  EXPECT_EQ(parse_severity_override("error"), SeverityOverride::kError);
  EXPECT_EQ(parse_severity_override("warning"), SeverityOverride::kWarning);
  EXPECT_EQ(parse_severity_override("note"), SeverityOverride::kNote);
  EXPECT_EQ(parse_severity_override("off"), SeverityOverride::kOff);
  EXPECT_EQ(parse_severity_override("Error"), std::nullopt);
  EXPECT_EQ(parse_severity_override("info"), std::nullopt);
  EXPECT_EQ(parse_severity_override(""), std::nullopt);
}

TEST(SeverityOverridesTest, NoOverridesChangeNothing) {
  Diagnostics d = sample();
  apply_severity_overrides(d, {});
  EXPECT_EQ(graded(d), (Strings{"PC0001:error", "PC0010:warning", "PC0004:error", "PC0010:warning"}));
}

TEST(SeverityOverridesTest, ByCodeOrNameInAnyCaseOfTheCode) {
  Diagnostics d = sample();
  apply_severity_overrides(d, {{"empty-profile", SeverityOverride::kError}, {"pc0004", SeverityOverride::kNote}});
  EXPECT_EQ(graded(d), (Strings{"PC0001:error", "PC0010:error", "PC0004:note", "PC0010:error"}));
  EXPECT_TRUE(d.has_errors());
  EXPECT_EQ(d.count(Severity::kNote), 1u);
}

TEST(SeverityOverridesTest, OffRemovesEveryFindingOfTheRuleAndKeepsTheOrder) {
  Diagnostics d = sample();
  apply_severity_overrides(d, {{"PC0010", SeverityOverride::kOff}, {"toml-syntax", SeverityOverride::kWarning}});
  EXPECT_EQ(graded(d), (Strings{"PC0001:warning", "PC0004:error"}));
  EXPECT_EQ(d.all()[1].message, "invalid");
}

TEST(SeverityOverridesTest, TheCodeWinsOverTheName) {
  for (int round = 0; round < 2; ++round) {  // whatever order the map iterates in
    std::map<std::string, SeverityOverride> overrides;
    if (round == 0) overrides = {{"PC0010", SeverityOverride::kNote}, {"empty-profile", SeverityOverride::kOff}};
    else overrides = {{"empty-profile", SeverityOverride::kNote}, {"PC0010", SeverityOverride::kOff}};
    Diagnostics d = sample();
    apply_severity_overrides(d, overrides);
    if (round == 0) EXPECT_EQ(graded(d), (Strings{"PC0001:error", "PC0010:note", "PC0004:error", "PC0010:note"}));
    else EXPECT_EQ(graded(d), (Strings{"PC0001:error", "PC0004:error"}));
  }
}

TEST(SeverityOverridesTest, UnknownKeysAreIgnored) {
  Diagnostics d = sample();
  apply_severity_overrides(d, {{"PC9999", SeverityOverride::kOff},
                               {"", SeverityOverride::kOff},
                               {"Empty-Profile", SeverityOverride::kOff}});
  EXPECT_EQ(d.all().size(), 4u);  // names are exact: only codes ignore letter case
}

TEST(SeverityOverridesTest, NotesAndEverythingElseAreKept) {
  Diagnostics d;
  Diagnostic& x = d.report(DiagnosticCode::PC0011, {}, "collision", "rename");
  x.notes.push_back({{}, "first written from here"});
  apply_severity_overrides(d, {{"output-collision", SeverityOverride::kWarning}});
  ASSERT_EQ(d.all().size(), 1u);
  EXPECT_EQ(d.all()[0].severity, Severity::kWarning);
  EXPECT_EQ(d.all()[0].message, "collision");
  EXPECT_EQ(d.all()[0].help, "rename");
  ASSERT_EQ(d.all()[0].notes.size(), 1u);
}

TEST(FindDiagnosticTest, CodesIgnoreCaseNamesAreExact) {
  ASSERT_NE(find_diagnostic("PC0001"), nullptr);
  EXPECT_EQ(find_diagnostic("pc0001"), find_diagnostic("toml-syntax"));
  EXPECT_EQ(find_diagnostic("pc0001")->code, DiagnosticCode::PC0001);
  EXPECT_EQ(find_diagnostic("TOML-SYNTAX"), nullptr);
  EXPECT_EQ(find_diagnostic("PC001"), nullptr);
  EXPECT_EQ(find_diagnostic(""), nullptr);
  EXPECT_EQ(rule_page_path(info(DiagnosticCode::PC0010)), "docs/rules/PC0010-empty-profile.md");
}

}  // namespace
}  // namespace profilec
