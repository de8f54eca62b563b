// The shape of the SARIF output. That it validates against the published
// SARIF 2.1.0 schema is tested end to end (tests/cli/test_sarif_schema.py).
#include "diag/render_sarif.h"

#include <gtest/gtest.h>

#include "diag/rule_pages.h"

namespace profilec {
namespace {

const ToolInfo kTool{"9.8.7", "https://example.test/profilec"};

std::shared_ptr<const std::string> path(const char* p) { return std::make_shared<const std::string>(p); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(RenderSarifTest, HeaderToolAndEveryRule) {
  const std::string sarif = render_sarif(Diagnostics{}, kTool);
  EXPECT_EQ(sarif.rfind("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
                        "  \"version\": \"2.1.0\",\n  \"runs\": [\n",
                        0),
            0u)
      << sarif;
  EXPECT_TRUE(contains(sarif,
                       "\"name\": \"profilec\",\n          \"version\": \"9.8.7\",\n"
                       "          \"informationUri\": \"https://example.test/profilec\",\n"));
  for (const DiagnosticInfo& rule : all_diagnostics()) {
    EXPECT_TRUE(contains(sarif, "\"id\": \"" + std::string(rule.id) + "\",\n              \"name\": \"" +
                                    std::string(rule.name) + "\""))
        << rule.id;
  }
  EXPECT_TRUE(contains(sarif,
                       "\"helpUri\": \"https://example.test/profilec/blob/main/docs/rules/PC0001-toml-syntax.md\""));
  EXPECT_TRUE(contains(sarif, "\"columnKind\": \"unicodeCodePoints\""));
  EXPECT_TRUE(contains(sarif, "\"results\": []"));
  // No finding, so no rule carries its page.
  EXPECT_FALSE(contains(sarif, "\"markdown\""));
}

TEST(RenderSarifTest, ResultWithRegionHelpAndRelatedLocation) {
  Diagnostics diagnostics;
  Diagnostic& d = diagnostics.report(DiagnosticCode::PC0004, SourceSpan{path("./policies/a.toml"), {2, 6}, {2, 8}},
                                     "profile.id must be a string", "quote it");
  d.notes.push_back({SourceSpan{path("policies/b.toml"), {7, 1}, {}}, "first set here"});
  const std::string sarif = render_sarif(diagnostics, kTool);
  const std::string index = std::to_string(static_cast<int>(DiagnosticCode::PC0004));
  EXPECT_TRUE(contains(sarif,
                       "          \"ruleId\": \"PC0004\",\n"
                       "          \"ruleIndex\": " +
                           index +
                           ",\n"
                           "          \"level\": \"error\",\n"
                           "          \"message\": {\n"
                           "            \"text\": \"profile.id must be a string\\nhelp: quote it\"\n"
                           "          },\n"
                           "          \"locations\": [\n"
                           "            {\n"
                           "              \"physicalLocation\": {\n"
                           "                \"artifactLocation\": {\n"
                           "                  \"uri\": \"policies/a.toml\",\n"
                           "                  \"uriBaseId\": \"%SRCROOT%\"\n"
                           "                },\n"
                           "                \"region\": {\n"
                           "                  \"startLine\": 2,\n"
                           "                  \"startColumn\": 6,\n"
                           "                  \"endLine\": 2,\n"
                           "                  \"endColumn\": 8\n"
                           "                }\n"))
      << sarif;
  EXPECT_TRUE(contains(sarif,
                       "          \"relatedLocations\": [\n"
                       "            {\n"
                       "              \"id\": 0,\n"
                       "              \"physicalLocation\": {\n"
                       "                \"artifactLocation\": {\n"
                       "                  \"uri\": \"policies/b.toml\",\n"
                       "                  \"uriBaseId\": \"%SRCROOT%\"\n"
                       "                },\n"
                       "                \"region\": {\n"
                       "                  \"startLine\": 7,\n"
                       "                  \"startColumn\": 1\n"
                       "                }\n"
                       "              },\n"
                       "              \"message\": {\n"
                       "                \"text\": \"first set here\"\n"))
      << sarif;
  // The rule with a result carries its page as help, when the build has it.
  if (rule_page(info(DiagnosticCode::PC0004))) {
    EXPECT_TRUE(contains(sarif, "\"markdown\": \"# PC0004 invalid-field\\n")) << sarif;
  }
}

TEST(RenderSarifTest, LevelsFollowTheFindingsSeverity) {
  Diagnostics diagnostics;
  diagnostics.report(DiagnosticCode::PC0004, {}, "a").severity = Severity::kNote;
  diagnostics.report(DiagnosticCode::PC0010, {}, "b");
  const std::string sarif = render_sarif(diagnostics, kTool);
  const std::string index = std::to_string(static_cast<int>(DiagnosticCode::PC0004));
  EXPECT_TRUE(contains(sarif, "\"ruleId\": \"PC0004\",\n          \"ruleIndex\": " + index +
                                  ",\n          \"level\": \"note\""))
      << sarif;
  EXPECT_TRUE(contains(sarif, "\"level\": \"warning\",\n          \"message\": {\n            \"text\": \"b\""));
  // The rule keeps its own default.
  const std::size_t rule = sarif.find("\"id\": \"PC0004\"");
  ASSERT_NE(rule, std::string::npos);
  const std::size_t level = sarif.find("\"defaultConfiguration\": {\n                \"level\": ", rule);
  ASSERT_NE(level, std::string::npos);
  EXPECT_EQ(sarif.substr(sarif.find(':', sarif.find("level", level)) + 2, 7), "\"error\"");
}

TEST(RenderSarifTest, UnknownPlacesLeaveOutWhatIsUnknown) {
  Diagnostics diagnostics;
  diagnostics.report(DiagnosticCode::PC0011, whole_file_span(path("b.toml")), "whole file");
  diagnostics.report(DiagnosticCode::PC0010, SourceSpan{}, "nowhere");
  diagnostics.report(DiagnosticCode::PC0001, SourceSpan{path("c.toml"), {4, 0}, {}}, "whole line");
  diagnostics.report(DiagnosticCode::PC0001, SourceSpan{path("d.toml"), {4, 5}, {4, 5}}, "empty span");
  const std::string sarif = render_sarif(diagnostics, kTool);
  EXPECT_TRUE(contains(sarif,
                       "\"uri\": \"b.toml\",\n                  \"uriBaseId\": \"%SRCROOT%\"\n"
                       "                }\n              }\n"))
      << sarif;
  EXPECT_TRUE(contains(sarif, "\"text\": \"nowhere\"\n          },\n          \"locations\": []")) << sarif;
  EXPECT_TRUE(contains(sarif, "\"region\": {\n                  \"startLine\": 4\n                }")) << sarif;
  EXPECT_TRUE(contains(sarif,
                       "\"region\": {\n                  \"startLine\": 4,\n                  \"startColumn\": 5\n"
                       "                }"))
      << sarif;
}

// A stdlib fragment is no file of the repository: its location is relative
// to a base of its own, which the run declares, never to %SRCROOT%.
TEST(RenderSarifTest, StdlibLocationsHaveABaseOfTheirOwn) {
  Diagnostics diagnostics;
  Diagnostic& d = diagnostics.report(DiagnosticCode::PC2004, SourceSpan{path("policies/r.toml"), {9, 8}, {9, 43}},
                                     "key 'requireManagedPasteboard' was introduced in iOS 15.0");
  d.notes.push_back({SourceSpan{path("stdlib:restrictions/ios-baseline.toml"), {27, 1}, {27, 25}},
                     "set by stdlib:restrictions/ios-baseline at line 27"});
  const std::string sarif = render_sarif(diagnostics, kTool);
  EXPECT_TRUE(contains(sarif,
                       "\"uri\": \"restrictions/ios-baseline.toml\",\n"
                       "                  \"uriBaseId\": \"PROFILEC_STDLIB\"\n"))
      << sarif;
  EXPECT_FALSE(contains(sarif, "stdlib%3A")) << sarif;
  EXPECT_TRUE(contains(sarif, "\"uri\": \"policies/r.toml\",\n                  \"uriBaseId\": \"%SRCROOT%\"\n"));
  EXPECT_TRUE(contains(sarif,
                       "      \"originalUriBaseIds\": {\n"
                       "        \"PROFILEC_STDLIB\": {\n"
                       "          \"uri\": \"https://example.test/profilec/blob/main/stdlib/\",\n"))
      << sarif;
  // Declared only when a location needs it.
  diagnostics.mutable_all()[0].notes.clear();
  EXPECT_FALSE(contains(render_sarif(diagnostics, kTool), "originalUriBaseIds"));
}

TEST(RenderSarifTest, PathsBecomeUriReferences) {
  EXPECT_EQ(path_to_uri("policies/a.toml"), "policies/a.toml");
  EXPECT_EQ(path_to_uri("./policies/a.toml"), "policies/a.toml");
  EXPECT_EQ(path_to_uri(".//./a.toml"), "a.toml");
  EXPECT_EQ(path_to_uri("../repo/a b#c?d%e.toml"), "../repo/a%20b%23c%3Fd%25e.toml");
  EXPECT_EQ(path_to_uri("c:x.toml"), "c%3Ax.toml");  // never a scheme
  EXPECT_EQ(path_to_uri("Ä.toml"), "%C3%84.toml");
  EXPECT_EQ(path_to_uri("/abs/a b.toml"), "file:///abs/a%20b.toml");
  Diagnostics diagnostics;
  diagnostics.report(DiagnosticCode::PC0001, SourceSpan{path("/abs/a.toml"), {1, 1}, {}}, "m");
  const std::string sarif = render_sarif(diagnostics, kTool);
  EXPECT_TRUE(contains(sarif, "\"uri\": \"file:///abs/a.toml\"\n")) << sarif;  // and no uriBaseId
}

}  // namespace
}  // namespace profilec
