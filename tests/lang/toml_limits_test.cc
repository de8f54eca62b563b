// The TOML size limit (kMaxTomlBytes): a policy, fragment or profilec.toml
// over it is one PC0001 about the whole file, and is never parsed.
#include "lang/toml_limits.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lang/toml_reader.h"
#include "support/pipeline.h"

namespace profilec {
namespace {

using ::testing::ElementsAre;

constexpr const char* kPolicy =
    "[profile]\nid = \"com.example.r\"\nname = \"R\"\n\n[payload.restrictions]\n"
    "type = \"com.apple.applicationaccess\"\nallowCamera = false\n";

// Valid TOML of exactly `size` bytes: the policy, then a comment.
std::string policy_of_size(std::size_t size) {
  std::string text = kPolicy;
  text += '#';
  text.resize(size - 1, 'x');
  return text + '\n';
}

TEST(TomlLimitsTest, TextAtTheLimitIsParsedAndOneByteMoreIsRefused) {
  Diagnostics at_limit;
  EXPECT_TRUE(lang::parse_toml(policy_of_size(lang::kMaxTomlBytes), "p.toml", at_limit).has_value());
  EXPECT_TRUE(at_limit.empty());

  Diagnostics over;
  EXPECT_FALSE(lang::parse_toml(policy_of_size(lang::kMaxTomlBytes + 1), "p.toml", over).has_value());
  ASSERT_EQ(over.all().size(), 1u);
  const Diagnostic& d = over.all()[0];
  EXPECT_EQ(info(d.code).id, "PC0001");
  EXPECT_EQ(d.span.path_or_empty(), "p.toml");
  EXPECT_FALSE(d.span.begin.known());  // the whole file
  EXPECT_EQ(d.message, "the file is 8388609 bytes (8.0 MiB); profilec reads TOML files up to 8 MiB (8388608 bytes)");
}

TEST(TomlLimitsTest, APolicyOverTheLimitIsOneFindingForTheWholeFile) {
  auto run = testing::compile_policy_text(policy_of_size(lang::kMaxTomlBytes + 1));
  ASSERT_THAT(run.codes(), ElementsAre("PC0001")) << run.rendered();
  EXPECT_FALSE(run.first("PC0001")->span.begin.known());
}

}  // namespace
}  // namespace profilec
