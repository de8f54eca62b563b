#include "diag/rules_index.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace profilec {
namespace {

constexpr std::string_view kTable = "| code | name | default | summary |\n|---|---|---|---|\n";

std::string all_rows() {
  std::string out;
  for (const DiagnosticInfo& rule : all_diagnostics()) out += rules_index_row(rule) + "\n";
  return out;
}

TEST(RulesIndexTest, RowLinksThePageAndStatesTheRegisteredFacts) {
  EXPECT_EQ(rules_index_row(info(DiagnosticCode::PC0001)),
            "| [PC0001](PC0001-toml-syntax.md) | toml-syntax | error | the file is not valid TOML |");
  EXPECT_EQ(rules_index_row(info(DiagnosticCode::PC0010)),
            "| [PC0010](PC0010-empty-profile.md) | empty-profile | warning | a profile with no payloads |");
}

TEST(RulesIndexTest, ReplacesOnlyTheTable) {
  const std::string before = "# Rules\n\nprose | with a bar\n\n";
  const std::string after = "\nGroups: PC0xxx policy source.\n";
  const std::string stale = "| [PC9999](PC9999-gone.md) | gone | error | a rule that no longer exists |\n";
  EXPECT_EQ(with_fresh_rules_index(before + std::string(kTable) + stale + after),
            before + std::string(kTable) + all_rows() + after);
  EXPECT_EQ(with_fresh_rules_index(std::string(kTable)), std::string(kTable) + all_rows());  // no prose at all
}

TEST(RulesIndexTest, RefusesAFileWithoutTheTable) {
  EXPECT_EQ(with_fresh_rules_index("# Rules\n\nno table here\n"), std::nullopt);
  EXPECT_EQ(with_fresh_rules_index("| code | name | summary |\n|---|---|---|\n"), std::nullopt);
}

TEST(RulesIndexTest, CommittedReadmeIsWhatTheGeneratorWrites) {
  const std::string path = std::string(PROFILEC_SOURCE_DIR) + "/docs/rules/README.md";
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  ASSERT_FALSE(text.str().empty()) << "cannot read " << path;
  const auto fresh = with_fresh_rules_index(text.str());
  ASSERT_TRUE(fresh.has_value()) << path << " has lost its table";
  EXPECT_TRUE(*fresh == text.str()) << "docs/rules/README.md differs from compiler/diag/codes.def; regenerate it with "
                                       "`ninja -C build update-rules-index` and commit the result";
}

}  // namespace
}  // namespace profilec
