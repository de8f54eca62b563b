// The stdlib fragments built into the binary: each is well-formed, uses only
// real keys of its payload type, explains every key, and compiles without a
// finding in a policy that targets its platforms.
#include "lang/stdlib.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <sstream>

#include "lang/parse_fragment.h"
#include "schema/schema_set.h"
#include "support/pipeline.h"

namespace profilec::lang {
namespace {

using ::testing::Contains;

TEST(StdlibTest, HoldsTheDocumentedFragments) {
  const auto names = stdlib_fragment_names();
  EXPECT_THAT(names, Contains("restrictions/ios-baseline"));
  EXPECT_THAT(names, Contains("passcode/baseline"));
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_FALSE(find_stdlib_fragment("passcode/nope"));
  EXPECT_FALSE(find_stdlib_fragment("passcode/baseline.toml")) << "names have no extension";
}

class StdlibFragmentTest : public ::testing::TestWithParam<std::string> {};

TEST_P(StdlibFragmentTest, IsWellFormedAndUsesRealKeysOfItsType) {
  const std::string path = "stdlib:" + GetParam() + ".toml";
  const auto text = find_stdlib_fragment(GetParam());
  ASSERT_TRUE(text);
  Diagnostics diagnostics;
  auto fragment = parse_fragment(*text, path, diagnostics);
  ASSERT_TRUE(fragment);
  EXPECT_TRUE(diagnostics.empty());
  ASSERT_TRUE(fragment->type);
  EXPECT_TRUE(fragment->description) << "say what the fragment is for";
  EXPECT_FALSE(fragment->platforms.empty()) << "say which platforms it is for";
  EXPECT_FALSE(fragment->keys.empty());
  static const schema::SchemaSet schemas = schema::SchemaSet::embedded();
  const schema::PayloadSchema* schema = schemas.find(fragment->type->value);
  ASSERT_NE(schema, nullptr) << fragment->type->value;
  for (const Entry& entry : fragment->keys) {
    EXPECT_FALSE(schema->top_level(entry.key).empty()) << entry.key << " is not a key of " << schema->payload_type;
    EXPECT_NE(entry.value.kind, Value::Kind::kFileRef) << "the stdlib has no files to read";
  }
  for (const auto& use : fragment->uses) EXPECT_EQ(use.value.rfind("stdlib:", 0), 0u) << use.value;
}

TEST_P(StdlibFragmentTest, EveryKeyHasACommentSayingWhy) {
  std::istringstream lines{std::string(*find_stdlib_fragment(GetParam()))};
  std::string line, previous;
  bool in_keys = false;
  while (std::getline(lines, line)) {
    if (line.rfind("[", 0) == 0) in_keys = line == "[keys]";
    else if (in_keys && !line.empty() && line[0] != '#') {
      EXPECT_EQ(previous.rfind("# ", 0), 0u) << GetParam() << ": no comment above '" << line << "'";
    }
    previous = line;
  }
}

TEST_P(StdlibFragmentTest, CompilesCleanlyForItsPlatforms) {
  Diagnostics ignored;
  auto fragment = parse_fragment(*find_stdlib_fragment(GetParam()), "f.toml", ignored);
  ASSERT_TRUE(fragment && fragment->type);
  std::string platforms;
  for (const auto& p : fragment->platforms) {
    platforms += fmt::format("{}{} = \"{}\"", platforms.empty() ? "" : ", ", p.value, p.value == "macOS" ? "14.0" : "17.0");
  }
  const std::string policy = fmt::format(R"([profile]
id = "com.example.stdlib"

[target]
platforms = {{ {} }}
supervised = true

[payload.fragment]
type = "{}"
use = ["stdlib:{}"]
)",
                                         platforms, fragment->type->value, GetParam());
  auto run = testing::compile_policy_text(policy);
  EXPECT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  ASSERT_EQ(run.result.profiles.size(), 1u);
  EXPECT_EQ(run.result.profiles[0].profile.payloads[0].content.dict().size(), fragment->keys.size() + 4)
      << "every key, plus PayloadType, PayloadIdentifier, PayloadUUID and PayloadVersion";
}

INSTANTIATE_TEST_SUITE_P(All, StdlibFragmentTest, ::testing::ValuesIn(stdlib_fragment_names()),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace profilec::lang
