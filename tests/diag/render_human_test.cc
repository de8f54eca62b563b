#include "diag/render_human.h"

#include <fmt/format.h>
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
  EXPECT_EQ(out,
            "policies/a.toml:1:50001: error[PC0001]: bad\n"
            "1 | " +
                window +
                "\n"
                "  | " +
                std::string(41, ' ') + "^^^\n");
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

// Many findings in one long line: each window is found through marks made
// once per line (walking the line for every finding was quadratic: 9.8 s
// for a 0.9 MB line). Every window, against one worked out code point by
// code point here, in a line of 2-, 3- and 1-byte characters, invalid bytes
// and control characters (each shown as one U+FFFD).
TEST(RenderHumanTest, ManyFindingsInOneLongLineEachGetTheirWindow) {
  struct Unit {
    std::string raw, shown;
  };
  const std::vector<Unit> cycle = {{"\xC3\xA9", "\xC3\xA9"},         {"x", "x"},
                                   {"\xFF", "\xEF\xBF\xBD"},         {"\x01", "\xEF\xBF\xBD"},
                                   {"\xE2\x82\xAC", "\xE2\x82\xAC"}, {"\t", "\t"}};
  constexpr std::uint32_t kCodePoints = 10000;
  std::string line;
  std::vector<std::string> shown;  // per code point, 1-based column c at [c - 1]
  for (std::uint32_t i = 0; i < kCodePoints; ++i) {
    const Unit& unit = cycle[(i * 7 + i / 5) % cycle.size()];
    line += unit.raw;
    shown.push_back(unit.shown);
  }
  SourceMap sources;
  sources.add("policies/a.toml", "first line\n" + line + "\nlast");
  for (const std::uint32_t column :
       {1u, 2u, 63u, 64u, 65u, 120u, 121u, 129u, 4999u, 5000u, 9839u, 9840u, 9841u, 9999u, 10000u, 10001u, 20000u}) {
    Diagnostics diagnostics;
    diagnostics.report(DiagnosticCode::PC0017, span_at(2, column), "bad");
    std::uint32_t first = column > 120 ? column - 40 : 1;
    if (first > kCodePoints) first = 1;                                 // past the end: the line's start
    const std::uint32_t last = std::min(kCodePoints, first - 1 + 160);  // last column shown
    std::string window = first > 1 ? "…" : "";
    std::string pad = first > 1 ? " " : "";
    for (std::uint32_t c = first; c <= last; ++c) {
      window += shown[c - 1];
      if (c < column) pad += shown[c - 1] == "\t" ? "\t" : " ";
    }
    if (last < kCodePoints) window += "…";
    EXPECT_EQ(render_human(diagnostics.all()[0], sources),
              fmt::format("policies/a.toml:2:{}: error[PC0017]: bad\n2 | {}\n  | {}^\n", column, window, pad))
        << "column " << column;
  }
  // The lines around it are whole.
  Diagnostics around;
  around.report(DiagnosticCode::PC0017, span_at(3, 2), "bad");
  EXPECT_EQ(render_human(around.all()[0], sources), "policies/a.toml:3:2: error[PC0017]: bad\n3 | last\n  |  ^\n");
}

TEST(RenderHumanTest, RendersNotesAtOtherPlaces) {
  SourceMap sources;
  Diagnostics diagnostics;
  Diagnostic& d = diagnostics.report(DiagnosticCode::PC0011,
                                     whole_file_span(std::make_shared<const std::string>("b.toml")),
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
  diagnostics.report(DiagnosticCode::PC0003, span_at(1, 13), "unknown field '\x1b]0;pwned\x07'",
                     "did you mean '\xc2\x9b'?");
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

// Ill-formed sequences that only a table of valid lead and second bytes
// tells apart (overlong, surrogate, above U+10FFFF) are replaced byte by
// byte, as base/utf8.h's valid_utf8 replaces them, and count one column each.
TEST(RenderHumanTest, OverlongSurrogateAndTooLargeSequencesAreReplaced) {
  SourceMap sources;
  sources.add("policies/a.toml", "a\xE0\x80\xAF\xED\xA0\x80\xF4\x90\x80\x80=x\n");
  Diagnostics diagnostics;
  diagnostics.report(DiagnosticCode::PC0003, span_at(1, 12), "m");
  const std::string out = render_human(diagnostics.all()[0], sources);
  std::string replaced;
  for (int i = 0; i < 10; ++i) replaced += "\xEF\xBF\xBD";
  EXPECT_EQ(out, "policies/a.toml:1:12: error[PC0003]: m\n1 | a" + replaced + "=x\n  |            ^\n");
}

}  // namespace
}  // namespace profilec
