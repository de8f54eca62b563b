// A declaration read from JSON -> the model and text of a policy of
// declarations only: one [declaration.NAME] table holding the Payload as
// it is, no [profile].
#include "import/import_declaration.h"

#include <gtest/gtest.h>

#include "import/print_policy.h"
#include "read/read_declaration.h"

namespace profilec::import {
namespace {

TEST(DeclarationModel, PrintsADeclarationsOnlyPolicy) {
  Diagnostics diagnostics;
  const auto read = read::read_declaration(R"({
  "Type": "com.apple.configuration.passcode.settings",
  "Identifier": "p", "ServerToken": "t",
  "Payload": {"MinimumLength": 8, "Ratio": 1.5, "Flag": true, "Names": ["a", "b"], "Note": "two\nlines"}
})",
                                           "in/p.json", "p", diagnostics);
  ASSERT_TRUE(read.declaration.has_value());
  const std::string text = print_policy(declaration_model(*read.declaration, "passcode", "p.json"));
  EXPECT_EQ(text.find("[profile]"), std::string::npos) << text;
  EXPECT_NE(text.find("# Imported by `profilec import` from p.json.\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\n[declaration.passcode]\ntype = \"com.apple.configuration.passcode.settings\"\n"
                      "MinimumLength = 8\nRatio = 1.5\nFlag = true\nNames = [\"a\", \"b\"]\nNote = \"\"\""),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace profilec::import
