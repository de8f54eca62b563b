#include "diag/render_json.h"

#include <gtest/gtest.h>

namespace profilec {
namespace {

const ToolInfo kTool{"9.8.7", "https://example.test/profilec"};

std::shared_ptr<const std::string> path(const char* p) { return std::make_shared<const std::string>(p); }

TEST(RenderJsonTest, EmptyDocumentHasVersionAndZeroSummary) {
  EXPECT_EQ(render_json(Diagnostics{}, kTool),
            "{\n"
            "  \"version\": 1,\n"
            "  \"diagnostics\": [],\n"
            "  \"summary\": {\n"
            "    \"errors\": 0,\n"
            "    \"warnings\": 0,\n"
            "    \"notes\": 0\n"
            "  }\n"
            "}\n");
}

TEST(RenderJsonTest, EveryFieldOfAFindingWithANote) {
  Diagnostics diagnostics;
  Diagnostic& d = diagnostics.report(DiagnosticCode::PC0004, SourceSpan{path("policies/a.toml"), {2, 6}, {2, 8}},
                                     "profile.id must be a string, found integer", "quote it");
  d.notes.push_back({SourceSpan{path("policies/b.toml"), {7, 1}, {7, 3}}, "first set here"});
  EXPECT_EQ(render_json(diagnostics, kTool),
            "{\n"
            "  \"version\": 1,\n"
            "  \"diagnostics\": [\n"
            "    {\n"
            "      \"code\": \"PC0004\",\n"
            "      \"name\": \"invalid-field\",\n"
            "      \"severity\": \"error\",\n"
            "      \"message\": \"profile.id must be a string, found integer\",\n"
            "      \"path\": \"policies/a.toml\",\n"
            "      \"line\": 2,\n"
            "      \"column\": 6,\n"
            "      \"end_line\": 2,\n"
            "      \"end_column\": 8,\n"
            "      \"help\": \"quote it\",\n"
            "      \"notes\": [\n"
            "        {\n"
            "          \"path\": \"policies/b.toml\",\n"
            "          \"line\": 7,\n"
            "          \"column\": 1,\n"
            "          \"message\": \"first set here\"\n"
            "        }\n"
            "      ],\n"
            "      \"doc\": \"https://example.test/profilec/blob/main/docs/rules/PC0004-invalid-field.md\"\n"
            "    }\n"
            "  ],\n"
            "  \"summary\": {\n"
            "    \"errors\": 1,\n"
            "    \"warnings\": 0,\n"
            "    \"notes\": 0\n"
            "  }\n"
            "}\n");
}

TEST(RenderJsonTest, UnknownPositionsAndMissingHelpAreNull) {
  Diagnostics diagnostics;
  diagnostics.report(DiagnosticCode::PC0011, whole_file_span(path("b.toml")), "collides");
  diagnostics.report(DiagnosticCode::PC0010, SourceSpan{}, "no file at all");
  const std::string json = render_json(diagnostics, kTool);
  EXPECT_NE(json.find("\"path\": \"b.toml\",\n      \"line\": null,\n      \"column\": null,\n"
                      "      \"end_line\": null,\n      \"end_column\": null,\n      \"help\": null,"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"path\": null,"), std::string::npos) << json;
  EXPECT_NE(json.find("\"errors\": 1,\n    \"warnings\": 1,"), std::string::npos) << json;
}

TEST(RenderJsonTest, SeverityIsTheFindingsNotTheRulesDefault) {
  Diagnostics diagnostics;
  diagnostics.report(DiagnosticCode::PC0004, {}, "m").severity = Severity::kNote;
  const std::string json = render_json(diagnostics, kTool);
  EXPECT_NE(json.find("\"severity\": \"note\""), std::string::npos);
  EXPECT_NE(json.find("\"errors\": 0,\n    \"warnings\": 0,\n    \"notes\": 1"), std::string::npos) << json;
}

TEST(RenderJsonTest, HostileBytesStayValidJson) {
  Diagnostics diagnostics;
  diagnostics.report(DiagnosticCode::PC0001, SourceSpan{path("a\"b\\c.toml"), {1, 1}, {}},
                     std::string("bad \x1b[31m\xff\xfe \"quoted\"\n"));
  const std::string json = render_json(diagnostics, kTool);
  EXPECT_NE(json.find("\"path\": \"a\\\"b\\\\c.toml\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"message\": \"bad \\u001b[31m\xEF\xBF\xBD\xEF\xBF\xBD \\\"quoted\\\"\\n\""), std::string::npos)
      << json;
}

}  // namespace
}  // namespace profilec
