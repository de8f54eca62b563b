#include "import/allow_comments.h"

#include <gtest/gtest.h>

namespace profilec::import {
namespace {

Diagnostic at(DiagnosticCode code, std::uint32_t line) {
  Diagnostic d{code, Severity::kError, "m", {}, {}, {}, {}};
  d.span.path = std::make_shared<const std::string>("p.toml");
  d.span.begin = {line, 1};
  return d;
}

TEST(AllowCommentsTest, CommentGoesBeforeTheLineIndentedLikeIt) {
  const std::string text = "[profile]\nid = \"x\"\n\n[payload.a]\ntype = \"t\"\nList = [\n  1,\n  2,\n]\n";
  const std::string out = add_allow_comments(text, {at(DiagnosticCode::PC1002, 5), at(DiagnosticCode::PC1003, 5),
                                                    at(DiagnosticCode::PC1002, 5), at(DiagnosticCode::PC1004, 8)});
  EXPECT_EQ(out,
            "[profile]\nid = \"x\"\n\n[payload.a]\n"
            "# profilec: allow PC1002, PC1003 -- imported as found\ntype = \"t\"\nList = [\n  1,\n"
            "  # profilec: allow PC1004 -- imported as found\n  2,\n]\n");
}

TEST(AllowCommentsTest, FindingsWithoutALineAreAllowedForTheWholeFile) {
  const std::string out = add_allow_comments("# header\n\n[profile]\nid = \"x\"\n", {at(DiagnosticCode::PC3003, 0)});
  EXPECT_EQ(out, "# header\n\n# profilec: allow-file PC3003 -- imported as found\n[profile]\nid = \"x\"\n");
}

TEST(AllowCommentsTest, NoFindingsNoChange) {
  EXPECT_EQ(add_allow_comments("[profile]\nid = \"x\"", {}), "[profile]\nid = \"x\"");
}

}  // namespace
}  // namespace profilec::import
