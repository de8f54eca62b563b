// The TOML size limit (kMaxTomlBytes): a policy, fragment or profilec.toml
// over it is one PC0001 about the whole file, and is never parsed; the
// dotted-key limit (kMaxDottedKeyParts) likewise, at the key.
#include "lang/toml_limits.h"

#include <fmt/format.h>
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

std::string dotted(std::size_t parts, std::string_view part = "a") {
  std::string key(part);
  for (std::size_t i = 1; i < parts; ++i) key.append(".").append(part);
  return key;
}

TEST(DottedKeyLimitTest, KeysAtTheLimitAreParsedAndOnePartMoreIsRefused) {
  Diagnostics at_limit;
  EXPECT_TRUE(lang::parse_toml(fmt::format("{} = 1\n", dotted(lang::kMaxDottedKeyParts)), "p.toml", at_limit));
  EXPECT_TRUE(at_limit.empty());

  Diagnostics over;
  EXPECT_FALSE(lang::parse_toml(fmt::format("x = 1\n{} = 1\n", dotted(lang::kMaxDottedKeyParts + 1)), "p.toml", over));
  ASSERT_EQ(over.all().size(), 1u);
  const Diagnostic& d = over.all()[0];
  EXPECT_EQ(info(d.code).id, "PC0001");
  EXPECT_EQ(d.message, "a dotted key of more than 128 parts");
  EXPECT_EQ(d.span.begin.line, 2u);
  EXPECT_EQ(d.span.begin.column, 256u);  // the 128th dot
}

TEST(DottedKeyLimitTest, TableHeadersAndQuotedPartsCountWhileStringsAndCommentsDoNot) {
  Diagnostics header;
  EXPECT_FALSE(lang::parse_toml(fmt::format("[{}]\n", dotted(200)), "p.toml", header));
  EXPECT_EQ(header.all().size(), 1u);
  Diagnostics quoted;
  EXPECT_FALSE(lang::parse_toml(fmt::format("{} = 1\n", dotted(200, "\"q.q\"")), "p.toml", quoted));
  EXPECT_EQ(quoted.all().size(), 1u);
  // Dots inside values, strings of every kind and comments are not key separators.
  const std::string text = fmt::format(
      R"(a = "{0}"
b = '{0}'
c = """
{0}\
{0}"""
d = '''
{0}'''
# {0}
e = [1.5, 2.5, 3.5]
f.g.h = 1
)",
      std::string(300, '.'));
  Diagnostics fine;
  EXPECT_TRUE(lang::parse_toml(text, "p.toml", fine).has_value());
  EXPECT_TRUE(fine.empty()) << (fine.empty() ? "" : fine.all()[0].message);
}

TEST(DottedKeyLimitTest, TheFindingIsAtTheDotAfterStringsEscapesAndCommentsOfEveryKind) {
  // The scan skips strings and comments whole and works the line and column
  // out only for the finding: both must still be those of the 128th dot.
  const std::string text =
      fmt::format("a = \"x\\\"y.z\" # c.d.e\nb = '''\nq.r''' # '\nc = \"\"\"\\\n\"\"\"\n  {} = 1\n", dotted(129));
  Diagnostics over;
  EXPECT_FALSE(lang::parse_toml(text, "p.toml", over));
  ASSERT_EQ(over.all().size(), 1u);
  EXPECT_EQ(over.all()[0].span.begin.line, 6u);
  EXPECT_EQ(over.all()[0].span.begin.column, 258u);  // two blanks, then 128 parts and dots
}

TEST(DottedKeyLimitTest, AKeyOfThousandsOfPartsInAPayloadIsOneFindingNotACrash) {
  // Used to exhaust the stack (SIGSEGV) in a 26 KB policy.
  auto run = testing::compile_policy_text(fmt::format("{}{} = 1\n", kPolicy, dotted(13000)));
  ASSERT_THAT(run.codes(), ElementsAre("PC0001")) << run.rendered();
  EXPECT_EQ(run.first("PC0001")->span.begin.line, 8u);
}

}  // namespace
}  // namespace profilec
