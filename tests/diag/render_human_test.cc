#include "diag/render_human.h"

#include <gtest/gtest.h>

namespace profilec {
namespace {

SourceSpan span_at(std::uint32_t line, std::uint32_t column, std::uint32_t end_column = 0) {
  return SourceSpan{std::make_shared<const std::string>("policies/a.toml"), {line, column}, {line, end_column}};
}

TEST(RenderHumanTest, ShowsLocationCodeSourceLineCaretAndHelp) {
  SourceMap sources;
  sources.add("policies/a.toml", "[profile]\nid = 42\n");
  Diagnostics diagnostics;
  diagnostics.report(DiagnosticCode::PC0004, span_at(2, 6, 8), "profile.id must be a string, found integer",
                     "quote it");
  EXPECT_EQ(render_human(diagnostics.all()[0], sources),
            "policies/a.toml:2:6: error[PC0004]: profile.id must be a string, found integer\n"
            "2 | id = 42\n"
            "  |      ^^\n"
            "  help: quote it\n");
}

TEST(RenderHumanTest, CaretCountsCodePointsAndKeepsTabs) {
  SourceMap sources;
  sources.add("policies/a.toml", "\tname = \"Ä\" x\n");
  Diagnostics diagnostics;
  diagnostics.report(DiagnosticCode::PC0001, span_at(1, 13), "expected a newline");
  EXPECT_EQ(render_human(diagnostics.all()[0], sources),
            "policies/a.toml:1:13: error[PC0001]: expected a newline\n"
            "1 | \tname = \"Ä\" x\n"
            "  | \t           ^\n");
}

// A line of megabytes (a minified plist) is shown as a window around the
// column, cut with "…" on the sides that go on.
TEST(RenderHumanTest, VeryLongLinesAreCutAroundTheColumn) {
  SourceMap sources;
  std::string line(100000, 'a');
  line.replace(50000, 3, "BAD");
  sources.add("policies/a.toml", line + "\n");
  Diagnostics diagnostics;
  diagnostics.report(DiagnosticCode::PC0001, span_at(1, 50001, 50004), "bad");
  const std::string out = render_human(diagnostics.all()[0], sources);
  const std::string window = "…" + std::string(40, 'a') + "BAD" + std::string(117, 'a') + "…";
  EXPECT_EQ(out, "policies/a.toml:1:50001: error[PC0001]: bad\n"
                 "1 | " + window + "\n"
                 "  | " + std::string(41, ' ') + "^^^\n");
  // At the start of the line: no "…" before.
  Diagnostics at_start;
  at_start.report(DiagnosticCode::PC0001, span_at(1, 2), "bad");
  EXPECT_EQ(render_human(at_start.all()[0], sources),
            "policies/a.toml:1:2: error[PC0001]: bad\n1 | " + std::string(160, 'a') + "…\n  |  ^\n");
  // A column past the end of a short line shows the line from its start.
  SourceMap short_line;
  short_line.add("policies/a.toml", "id = 1\n");
  Diagnostics past_end;
  past_end.report(DiagnosticCode::PC0001, span_at(1, 500), "bad");
  EXPECT_EQ(render_human(past_end.all()[0], short_line),
            "policies/a.toml:1:500: error[PC0001]: bad\n1 | id = 1\n  |       ^\n");
}

TEST(RenderHumanTest, RendersNotesAtOtherPlaces) {
  SourceMap sources;
  Diagnostics diagnostics;
  Diagnostic& d = diagnostics.report(DiagnosticCode::PC0011, whole_file_span(std::make_shared<const std::string>("b.toml")),
                                     "'x.mobileconfig' would also be written from this policy");
  d.notes.push_back({whole_file_span(std::make_shared<const std::string>("a.toml")), "first written from here"});
  EXPECT_EQ(render_human(d, sources),
            "b.toml: error[PC0011]: 'x.mobileconfig' would also be written from this policy\n"
            "a.toml: note: first written from here\n");
}

TEST(RenderHumanTest, ColourOnlyWhenAsked) {
  SourceMap sources;
  Diagnostics diagnostics;
  diagnostics.report(DiagnosticCode::PC0010, span_at(1, 1), "profile has no payloads");
  EXPECT_EQ(render_human(diagnostics.all()[0], sources).find('\x1b'), std::string::npos);
  EXPECT_NE(render_human(diagnostics.all()[0], sources, {true}).find("\x1b[1;33mwarning"), std::string::npos);
}

TEST(RenderHumanTest, SummaryCountsErrorsAndWarnings) {
  Diagnostics diagnostics;
  EXPECT_EQ(render_summary(diagnostics), "");
  diagnostics.report(DiagnosticCode::PC0010, {}, "w");
  EXPECT_EQ(render_summary(diagnostics), "1 warning");
  diagnostics.report(DiagnosticCode::PC0001, {}, "e");
  diagnostics.report(DiagnosticCode::PC0001, {}, "e");
  EXPECT_EQ(render_summary(diagnostics), "2 errors, 1 warning");
}

TEST(DiagnosticRegistryTest, CodesAreUniqueAndInOrder) {
  const auto& all = all_diagnostics();
  ASSERT_FALSE(all.empty());
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(all[i].code), i);
    if (i > 0) {
      EXPECT_LT(all[i - 1].id, all[i].id);
    }
  }
}

}  // namespace
}  // namespace profilec

namespace profilec {
namespace {

TEST(RenderHumanTest, NeverPassesControlCharactersOrInvalidUtf8ToTheTerminal) {
  SourceMap sources;
  sources.add("policies/a.toml", "k = \"\x1b[31m\xff\" x\n");
  Diagnostics diagnostics;
  diagnostics.report(DiagnosticCode::PC0003, span_at(1, 13), "unknown field '\x1b]0;pwned\x07'", "did you mean '\xc2\x9b'?");
  const std::string out = render_human(diagnostics.all()[0], sources);
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  EXPECT_EQ(out.find('\x07'), std::string::npos);
  EXPECT_EQ(out.find("\xc2\x9b"), std::string::npos);
  EXPECT_EQ(out,
            "policies/a.toml:1:13: error[PC0003]: unknown field '\xEF\xBF\xBD]0;pwned\xEF\xBF\xBD'\n"
            "1 | k = \"\xEF\xBF\xBD[31m\xEF\xBF\xBD\" x\n"
            "  |             ^\n"
            "  help: did you mean '\xEF\xBF\xBD'?\n");
}

}  // namespace
}  // namespace profilec
