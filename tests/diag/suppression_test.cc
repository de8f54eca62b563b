#include "diag/suppression.h"

#include <gtest/gtest.h>

#include "support/pipeline.h"

namespace profilec {
namespace {

const std::string kPath = "policies/a.toml";

// A finding of `code` at the start of each of `lines` in kPath.
Diagnostics findings_on(DiagnosticCode code, std::initializer_list<std::uint32_t> lines) {
  Diagnostics diagnostics;
  for (std::uint32_t line : lines) {
    diagnostics.report(code, SourceSpan{std::make_shared<const std::string>(kPath), {line, 1}, {}}, "finding");
  }
  return diagnostics;
}

// "PC0010@3" per remaining finding.
std::vector<std::string> remaining(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics.all()) {
    out.push_back(std::string(info(d.code).id) + "@" + std::to_string(d.span.begin.line));
  }
  return out;
}

using Strings = std::vector<std::string>;

TEST(SuppressionTest, TrailingCommentCoversItsOwnLine) {
  Diagnostics d = findings_on(DiagnosticCode::PC0010, {1, 2});
  apply_suppressions(d, kPath, "a = 1  # profilec: allow PC0010\nb = 2\n");
  EXPECT_EQ(remaining(d), Strings{"PC0010@2"});
}

TEST(SuppressionTest, CommentAloneCoversTheNextNonCommentLine) {
  Diagnostics d = findings_on(DiagnosticCode::PC0010, {1, 2, 3, 4, 5});
  apply_suppressions(d, kPath,
                     "  # profilec: allow PC0010\n"
                     "# an ordinary comment between\n"
                     "a = 1\n"
                     "b = 2\n"
                     "c = 3\n");
  EXPECT_EQ(remaining(d), (Strings{"PC0010@1", "PC0010@2", "PC0010@4", "PC0010@5"}));
}

TEST(SuppressionTest, CodesAndNamesSeparatedByCommasOrSpacesWithAReason) {
  Diagnostics d = findings_on(DiagnosticCode::PC0010, {1});
  d.append(findings_on(DiagnosticCode::PC0004, {1}));
  d.append(findings_on(DiagnosticCode::PC0003, {1}));
  d.append(findings_on(DiagnosticCode::PC0002, {1}));
  apply_suppressions(d, kPath, "a = 1 # profilec: allow empty-profile,pc0004  unknown-field -- PC0002 is not named\n");
  EXPECT_EQ(remaining(d), Strings{"PC0002@1"});
}

TEST(SuppressionTest, AllowFileCoversEveryLineAndWholeFileFindings) {
  Diagnostics d = findings_on(DiagnosticCode::PC0010, {1, 7});
  d.report(DiagnosticCode::PC0010, whole_file_span(std::make_shared<const std::string>(kPath)), "whole file");
  d.append(findings_on(DiagnosticCode::PC0004, {7}));
  apply_suppressions(d, kPath, "a = 1\n\n\n[x]\n# profilec: allow-file PC0010\n");
  EXPECT_EQ(remaining(d), Strings{"PC0004@7"});
}

TEST(SuppressionTest, OnlyFindingsOfThatFile) {
  Diagnostics d;
  d.report(DiagnosticCode::PC0010, SourceSpan{std::make_shared<const std::string>("other.toml"), {1, 1}, {}}, "f");
  apply_suppressions(d, kPath, "# profilec: allow-file PC0010\n");
  EXPECT_EQ(remaining(d), Strings{"PC0010@1"});
}

TEST(SuppressionTest, HashInsideStringsIsNotAComment) {
  Diagnostics d = findings_on(DiagnosticCode::PC0010, {1, 2, 3, 4, 5, 6});
  apply_suppressions(d, kPath,
                     "a = \"# profilec: allow PC0010\"\n"
                     "b = '# profilec: allow PC0010'\n"
                     "c = \"\"\"\n"
                     "# profilec: allow PC0010\n"
                     "\"\"\"\n"
                     "d = 'x' # profilec: allow PC0010\n");
  EXPECT_EQ(remaining(d), (Strings{"PC0010@1", "PC0010@2", "PC0010@3", "PC0010@4", "PC0010@5"}));
}

TEST(SuppressionTest, EscapedQuotesAndMultiLineLiteralStrings) {
  Diagnostics d = findings_on(DiagnosticCode::PC0010, {1, 2, 3, 4});
  apply_suppressions(d, kPath,
                     "a = \"say \\\"# profilec: allow PC0010\\\"\"\n"
                     "b = '''\n"
                     "# profilec: allow-file PC0010 ''' # profilec: allow PC0010\n"
                     "c = \"\"\"x\"\"\"\"\" # profilec: allow PC0010\n");
  EXPECT_EQ(remaining(d), (Strings{"PC0010@1", "PC0010@2"}));
}

TEST(SuppressionTest, UnknownRuleIsReportedWithASuggestion) {
  Diagnostics d = findings_on(DiagnosticCode::PC0010, {1});
  apply_suppressions(d, kPath, "a = 1  # profilec: allow PC0010, empty-profil\n");
  ASSERT_EQ(remaining(d), Strings{"PC0012@1"});
  const Diagnostic& warning = d.all()[0];
  EXPECT_EQ(warning.severity, Severity::kWarning);
  EXPECT_EQ(warning.message, "unknown rule 'empty-profil' in a suppression");
  EXPECT_EQ(warning.help, "did you mean 'empty-profile'?");
  EXPECT_EQ(warning.span.begin.column, 34u);
  EXPECT_EQ(warning.span.end.column, 46u);
}

TEST(SuppressionTest, ColumnsCountCodePoints) {
  Diagnostics d;
  apply_suppressions(d, kPath, "s = \"Äö\" # profilec: allow PCX\n");
  ASSERT_EQ(d.all().size(), 1u);
  EXPECT_EQ(d.all()[0].span.begin.column, 28u);  // 30 if bytes were counted
}

TEST(SuppressionTest, UnknownDirectiveAndEmptyAllowAreReported) {
  Diagnostics d;
  apply_suppressions(d, kPath,
                     "# profilec: alow PC0010\n"
                     "# profilec: allow\n"
                     "# profilec:\n"
                     "# profilec is great (not a directive: no colon)\n"
                     "# PROFILEC: allow PC0010 (case matters)\n");
  ASSERT_EQ(remaining(d), (Strings{"PC0012@1", "PC0012@2", "PC0012@3"}));
  EXPECT_EQ(d.all()[0].message, "unknown directive 'alow' in a '# profilec:' comment");
  EXPECT_EQ(d.all()[0].help, "did you mean 'allow'?");
  EXPECT_EQ(d.all()[1].message, "'allow' names no rule");
  EXPECT_EQ(d.all()[2].message, "'# profilec:' comment without a directive");
}

TEST(SuppressionTest, TheWarningCanItselfBeAllowed) {
  Diagnostics d;
  apply_suppressions(d, kPath, "# profilec: allow-file invalid-suppression\na = 1 # profilec: allow NOPE\n");
  EXPECT_TRUE(d.empty());
}

TEST(SuppressionTest, ErrorsStayWhenRefused) {
  Diagnostics d = findings_on(DiagnosticCode::PC0001, {1});
  d.append(findings_on(DiagnosticCode::PC0010, {1}));
  apply_suppressions(d, kPath, "x # profilec: allow PC0001 PC0010\n", ErrorSuppression::kRefused);
  EXPECT_EQ(remaining(d), Strings{"PC0001@1"});
}

TEST(SuppressionTest, CrLfAndAFileWithoutFinalNewline) {
  Diagnostics d = findings_on(DiagnosticCode::PC0010, {1, 2});
  apply_suppressions(d, kPath, "a = 1 # profilec: allow PC0010\r\nb = 1 # profilec: allow PC0010");
  EXPECT_TRUE(d.empty()) << remaining(d).size();
}

TEST(SuppressionTest, GarbageNeverCrashes) {
  const std::string inputs[] = {"",
                                "#",
                                "\"",
                                "'''",
                                "\"\"\"\\",
                                "# profilec: allow ,,, --",
                                "a = \"\\",
                                std::string("# profilec: allow \xff\xfe\x00", 22),
                                "#profilec:allow-file"};
  for (const std::string& text : inputs) {
    Diagnostics d = findings_on(DiagnosticCode::PC0010, {1, 2});
    apply_suppressions(d, kPath, text);
    SourceMap sources;
    sources.add(kPath, text);
    apply_suppressions(d, sources);
  }
}

TEST(SuppressionTest, CrossFileFindingsUseTheirFilesComments) {
  SourceMap sources;
  sources.add("a.toml", "x = 1 # profilec: allow PC0011\n");
  sources.add("b.toml", "# profilec: allow-file output-collision\n");
  Diagnostics d;
  d.report(DiagnosticCode::PC0011, SourceSpan{std::make_shared<const std::string>("a.toml"), {1, 1}, {}}, "a");
  d.report(DiagnosticCode::PC0011, SourceSpan{std::make_shared<const std::string>("a.toml"), {2, 1}, {}}, "a2");
  d.report(DiagnosticCode::PC0011, whole_file_span(std::make_shared<const std::string>("b.toml")), "b");
  d.report(DiagnosticCode::PC0011, whole_file_span(std::make_shared<const std::string>("c.toml")), "c");
  apply_suppressions(d, sources);
  ASSERT_EQ(d.all().size(), 2u);
  EXPECT_EQ(d.all()[0].message, "a2");
  EXPECT_EQ(d.all()[1].message, "c");
}

// Through the pipeline: a suppressed error lets the policy compile.
TEST(SuppressionTest, PipelineDropsSuppressedFindingsAndStillBuilds) {
  const std::string policy =
      "[profile]\n"
      "id = \"com.example.r\"\n"
      "\n"
      "[payload.r]\n"
      "type = \"com.apple.applicationaccess\"\n"
      "allowCamera = false\n";
  auto clean = testing::compile_policy_text(policy);
  ASSERT_TRUE(clean.result.diagnostics.empty()) << clean.rendered();
  ASSERT_EQ(clean.result.profiles.size(), 1u);

  auto unsuppressed = testing::compile_policy_text(policy + "allowCamra = true\n");
  ASSERT_FALSE(unsuppressed.result.diagnostics.empty());
  const std::string code(info(unsuppressed.result.diagnostics.all()[0].code).id);
  EXPECT_TRUE(unsuppressed.result.profiles.empty());

  auto suppressed = testing::compile_policy_text(policy + "allowCamra = true  # profilec: allow " + code + "\n");
  EXPECT_TRUE(suppressed.result.diagnostics.empty()) << suppressed.rendered();
  EXPECT_EQ(suppressed.result.profiles.size(), 1u);
}

TEST(SuppressionTest, PipelineKeepsErrorsOfAPolicyThatCannotCompile) {
  auto run = testing::compile_policy_text("[profile]\nid = 42  # profilec: allow PC0004\n");
  EXPECT_TRUE(run.has_code("PC0004")) << run.rendered();
}

// PC0025: "RULE@line" for each rule a comment names that silenced nothing.
std::vector<std::string> unused_of(const std::vector<UnusedSuppression>& unused) {
  std::vector<std::string> out;
  for (const UnusedSuppression& u : unused) {
    out.push_back(u.written + "@" + std::to_string(u.span.begin.line) + ":" + std::to_string(u.span.begin.column) +
                  "->" + std::to_string(u.covered));
  }
  return out;
}

TEST(UnusedSuppressionTest, EachRuleThatSilencedNothingIsReturnedAtItsPlaceInTheComment) {
  Diagnostics d = findings_on(DiagnosticCode::PC1002, {1});
  const auto unused = apply_suppressions(d, kPath,
                                         "a = 1  # profilec: allow PC1002, unknown-field\n"
                                         "# profilec: allow PC1003 -- stale\n"
                                         "b = 2\n"
                                         "# profilec: allow-file empty-profile\n");
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(unused_of(unused), (Strings{"unknown-field@1:34->1", "PC1003@2:19->3", "empty-profile@4:24->0"}));
}

TEST(UnusedSuppressionTest, AUsedRuleIsNotReturned) {
  Diagnostics d = findings_on(DiagnosticCode::PC0010, {3});
  d.report(DiagnosticCode::PC1002, whole_file_span(std::make_shared<const std::string>(kPath)), "whole file");
  const auto unused = apply_suppressions(d, kPath, "# profilec: allow-file PC1002\n# profilec: allow PC0010\nx = 1\n");
  EXPECT_TRUE(d.empty());
  EXPECT_TRUE(unused.empty()) << unused_of(unused).front();
}

TEST(UnusedSuppressionTest, RulesThatDependOnTheRunAreNeverReturned) {
  Diagnostics d;
  const auto unused = apply_suppressions(
      d, kPath, "a = 1  # profilec: allow PC3001 PC4002 PC0011 PC0006 PC5001 PC5007 PC2001 PC5008\n");
  EXPECT_EQ(unused_of(unused), (Strings{"PC2001@1:68->1", "PC5008@1:75->1"}));
  // In a .mobileconfig, the target rules depend on the command's flags too.
  const auto xml = apply_suppressions(d, kPath, "<!-- profilec: allow PC2001 PC1002 -->\n", ErrorSuppression::kAllowed,
                                      CommentSyntax::kXml);
  EXPECT_EQ(unused_of(xml), (Strings{"PC1002@1:29->2"}));
}

TEST(UnusedSuppressionTest, NamingPC0025KeepsAComment) {
  Diagnostics d;
  EXPECT_TRUE(apply_suppressions(d, kPath, "a = 1  # profilec: allow PC1002, unused-suppression\n").empty());
  EXPECT_TRUE(apply_suppressions(d, kPath, "a = 1  # profilec: allow PC1002\n# profilec: allow-file PC0025\n").empty());
  // Only the comment that names it.
  EXPECT_EQ(unused_of(apply_suppressions(d, kPath,
                                         "a = 1  # profilec: allow PC1002, PC0025\nb = 2  # profilec: allow PC1003\n")),
            Strings{"PC1003@2:26->2"});
}

TEST(UnusedSuppressionTest, NothingIsReturnedForAFileThatDidNotCompile) {
  Diagnostics d;
  EXPECT_TRUE(apply_suppressions(d, kPath, "a = 1  # profilec: allow PC1002\n", ErrorSuppression::kRefused).empty());
}

TEST(UnusedSuppressionTest, TheSecondPassDropsWhatItUsed) {
  Diagnostics first;
  auto unused = apply_suppressions(first, kPath, "a = 1  # profilec: allow PC1002\nb = 2  # profilec: allow PC1003\n");
  ASSERT_EQ(unused.size(), 2u);
  SourceMap sources;
  sources.add(kPath, "a = 1  # profilec: allow PC1002\nb = 2  # profilec: allow PC1003\n");
  Diagnostics across = findings_on(DiagnosticCode::PC1003, {2});
  apply_suppressions(across, sources, &unused);
  EXPECT_TRUE(across.empty());
  EXPECT_EQ(unused_of(unused), Strings{"PC1002@1:26->1"});
  Diagnostics reported;
  report_unused_suppressions(unused, reported);
  ASSERT_EQ(reported.all().size(), 1u);
  const Diagnostic& finding = reported.all()[0];
  EXPECT_EQ(finding.code, DiagnosticCode::PC0025);
  EXPECT_EQ(finding.severity, Severity::kWarning);
  EXPECT_EQ(finding.message, "unused suppression: no 'PC1002' finding on line 1");
  EXPECT_EQ(finding.help, "remove the rule from the comment (the whole comment if it names no other)");
}

TEST(UnusedSuppressionTest, AllowFileIsReportedForTheFile) {
  Diagnostics reported;
  report_unused_suppressions({UnusedSuppression{{}, DiagnosticCode::PC1002, "unknown-key", 0}}, reported);
  EXPECT_EQ(reported.all().at(0).message, "unused suppression: no 'unknown-key' finding in this file");
}

const std::string kRestrictions =
    "[profile]\n"
    "id = \"com.example.r\"\n"
    "\n"
    "[payload.r]\n"
    "type = \"com.apple.applicationaccess\"\n";

TEST(UnusedSuppressionTest, PipelineReportsAStaleSuppressionAsAWarning) {
  auto run = testing::compile_policy_text(kRestrictions + "allowCamera = false  # profilec: allow unknown-key\n");
  EXPECT_EQ(run.codes(), Strings{"PC0025"}) << run.rendered();
  const Diagnostic* d = run.first("PC0025");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->span.begin.line, 6u);
  EXPECT_EQ(d->span.begin.column, 40u);
  EXPECT_EQ(d->message, "unused suppression: no 'unknown-key' finding on line 6");
  EXPECT_EQ(run.result.profiles.size(), 1u);  // a warning: the policy still builds
}

TEST(UnusedSuppressionTest, PipelineKeepsASuppressionUsedByTheAnalysisAcrossFiles) {
  // Two profiles with one PayloadIdentifier: PC3001 at the later one, whose
  // comment silences it; the comment is used although only the analysis
  // across files makes the finding.
  const std::string other =
      "[profile]\nid = \"com.example.r\"\n\n[payload.r]\ntype = \"com.apple.applicationaccess\"\n"
      "allowCamera = false\n";
  auto run = testing::compile_policy_text("# profilec: allow-file PC3001, PC3002\n" + kRestrictions +
                                              "allowCamera = false\n",
                                          SecretMode::kPlaceholder, {}, {{"policies/z.toml", other}});
  EXPECT_FALSE(run.has_code("PC0025")) << run.rendered();
}

TEST(UnusedSuppressionTest, PipelineSkipsLinesHoldingASecretInCheck) {
  // check sees a placeholder where build checks the value.
  auto run = testing::compile_policy_text(
      "[profile]\nid = \"com.example.w\"\n\n[payload.w]\ntype = \"com.apple.wifi.managed\"\nSSID_STR = \"x\"\n"
      "Password = { env = \"PROFILEC_PSK\" }  # profilec: allow PC1006\n");
  EXPECT_FALSE(run.has_code("PC0025")) << run.rendered();
  auto plain = testing::compile_policy_text(
      "[profile]\nid = \"com.example.w\"\n\n[payload.w]\ntype = \"com.apple.wifi.managed\"\nSSID_STR = \"x\"\n"
      "Password = \"p\"  # profilec: allow PC1006\n");
  EXPECT_TRUE(plain.has_code("PC0025")) << plain.rendered();
}

TEST(UnusedSuppressionTest, ProjectRulesCanTurnItOff) {
  auto run = testing::compile_policy_text(kRestrictions + "allowCamera = false  # profilec: allow unknown-key\n",
                                          SecretMode::kPlaceholder, {},
                                          {{"profilec.toml", "[rules]\nunused-suppression = \"off\"\n"}});
  EXPECT_TRUE(run.result.diagnostics.empty()) << run.rendered();
}

}  // namespace
}  // namespace profilec
