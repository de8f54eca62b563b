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
  const std::string inputs[] = {"", "#", "\"", "'''", "\"\"\"\\", "# profilec: allow ,,, --", "a = \"\\",
                                std::string("# profilec: allow \xff\xfe\x00", 22), "#profilec:allow-file"};
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

}  // namespace
}  // namespace profilec
