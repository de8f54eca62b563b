#include "diag/render_github.h"

#include <gtest/gtest.h>

namespace profilec {
namespace {

std::shared_ptr<const std::string> path(const char* p) { return std::make_shared<const std::string>(p); }

TEST(RenderGithubTest, OneCommandPerFindingWithLocationAndTitle) {
  Diagnostics diagnostics;
  diagnostics.report(DiagnosticCode::PC0004, SourceSpan{path("policies/a.toml"), {2, 6}, {2, 8}},
                     "profile.id must be a string, found integer", "quote it");
  diagnostics.report(DiagnosticCode::PC0010, SourceSpan{path("policies/b.toml"), {1, 1}, {}},
                     "profile has no payloads");
  diagnostics.report(DiagnosticCode::PC0001, SourceSpan{path("c.toml"), {3, 2}, {3, 3}}, "x").severity =
      Severity::kNote;
  EXPECT_EQ(
      render_github(diagnostics),
      "::error file=policies/a.toml,line=2,col=6,endLine=2,endColumn=7,title=PC0004 invalid-field::"
      "profile.id must be a string, found integer%0Ahelp: quote it\n"
      "::warning file=policies/b.toml,line=1,col=1,endLine=1,title=PC0010 empty-profile::profile has no payloads\n"
      "::notice file=c.toml,line=3,col=2,endLine=3,endColumn=2,title=PC0001 toml-syntax::x\n");
}

TEST(RenderGithubTest, MultiLineSpansGiveNoColumns) {
  Diagnostics diagnostics;
  diagnostics.report(DiagnosticCode::PC0004, SourceSpan{path("a.toml"), {2, 6}, {5, 1}}, "m");
  EXPECT_EQ(render_github(diagnostics), "::error file=a.toml,line=2,endLine=5,title=PC0004 invalid-field::m\n");
}

TEST(RenderGithubTest, WholeFileAndUnknownLocations) {
  Diagnostics diagnostics;
  Diagnostic& d = diagnostics.report(DiagnosticCode::PC0011, whole_file_span(path("b/wifi.toml")), "collides");
  d.notes.push_back({whole_file_span(path("a/wifi.toml")), "first written from here"});
  d.notes.push_back({SourceSpan{path("a/x.toml"), {4, 0}, {}}, "and here"});
  diagnostics.report(DiagnosticCode::PC0010, SourceSpan{}, "nowhere");
  EXPECT_EQ(render_github(diagnostics),
            "::error file=b/wifi.toml,title=PC0011 output-collision::collides"
            "%0Anote: a/wifi.toml: first written from here%0Anote: a/x.toml:4: and here\n"
            "::warning title=PC0010 empty-profile::nowhere\n");
}

TEST(RenderGithubTest, EscapesDataAndProperties) {
  EXPECT_EQ(github_escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
  EXPECT_EQ(github_escape_property("100% a\r\nb: c, d"), "100%25 a%0D%0Ab%3A c%2C d");
  Diagnostics diagnostics;
  diagnostics.report(DiagnosticCode::PC0001, SourceSpan{path("we,ird:name%.toml"), {1, 1}, {}},
                     "line one\n::error::forged");
  EXPECT_EQ(render_github(diagnostics),
            "::error file=we%2Cird%3Aname%25.toml,line=1,col=1,endLine=1,title=PC0001 toml-syntax::"
            "line one%0A::error::forged\n");
}

TEST(RenderGithubTest, ControlCharactersAndInvalidUtf8AreReplaced) {
  Diagnostics diagnostics;
  diagnostics.report(DiagnosticCode::PC0001, SourceSpan{}, std::string("a\x1b[2Jb\xff\tc"));
  EXPECT_EQ(render_github(diagnostics), "::error title=PC0001 toml-syntax::a\xEF\xBF\xBD[2Jb\xEF\xBF\xBD\tc\n");
}

}  // namespace
}  // namespace profilec
