#include "lsp/code_actions.h"

#include <gtest/gtest.h>

#include <memory>

#include "base/json_reader.h"

namespace profilec::lsp {
namespace {

TEST(CodeActionsTest, EachFixOfAFindingInRangeIsAQuickFixEdit) {
  const std::string text = "[payload.r]\ntype = \"com.apple.applicationaccess\"\nallowAirDorp = false\n";
  const TextDocument document(text, 1);
  const auto path = std::make_shared<const std::string>("/repo/a.toml");
  const SourceSpan span{path, {3, 1}, {3, 13}};
  Diagnostic typo;
  typo.code = DiagnosticCode::PC1002;
  typo.severity = Severity::kError;
  typo.message = "unknown key 'allowAirDorp'";
  typo.span = span;
  Diagnostic no_fix = typo;
  DiagnosticFix fix;
  fix.span = span;
  fix.replacement = "allowAirDrop";
  fix.title = "rename 'allowAirDorp' to 'allowAirDrop'";
  typo.fixes.push_back(fix);
  const DocumentLookup lookup = [&](const std::string& p) { return p == *path ? &document : nullptr; };
  const std::string json = code_actions_json({typo, no_fix}, document, {{2, 3}, {2, 3}}, PositionEncoding::kUtf16,
                                             ToolInfo{"0", "https://example.test"}, lookup);
  auto actions = read_json(json);
  ASSERT_TRUE(actions.has_value()) << json;
  ASSERT_EQ(actions->items.size(), 1u) << json;
  const JsonValue& action = actions->items[0];
  EXPECT_EQ(action.string_or("title"), "rename 'allowAirDorp' to 'allowAirDrop'");
  EXPECT_EQ(action.string_or("kind"), "quickfix");
  const JsonValue* edits = action.find("edit")->find("changes")->find("file:///repo/a.toml");
  ASSERT_NE(edits, nullptr) << json;
  ASSERT_EQ(edits->items.size(), 1u);
  EXPECT_EQ(edits->items[0].string_or("newText"), "allowAirDrop");
  EXPECT_EQ(edits->items[0].find("range")->find("end")->integer_or("character", -1), 12);
  // Outside the finding's range: nothing.
  EXPECT_EQ(code_actions_json({typo}, document, {{0, 0}, {0, 1}}, PositionEncoding::kUtf16, ToolInfo{}, lookup), "[]");
  // A fix in a file that is not open: left to check --fix.
  const DocumentLookup none = [](const std::string&) -> const TextDocument* { return nullptr; };
  EXPECT_EQ(code_actions_json({typo}, document, {{2, 3}, {2, 3}}, PositionEncoding::kUtf16, ToolInfo{}, none), "[]");
}

}  // namespace
}  // namespace profilec::lsp
