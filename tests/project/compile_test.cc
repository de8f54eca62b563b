#include "project/compile.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/pipeline.h"

namespace profilec {
namespace {

using ::testing::ElementsAre;

const char* kRestrictions = R"([profile]
id = "com.example.r"
[payload.restrictions]
type = "com.apple.applicationaccess"
allowCamera = false
)";

TEST(CompileTest, OutputIsByteIdenticalAcrossRuns) {
  auto first = testing::compile_policy_text(kRestrictions);
  auto second = testing::compile_policy_text(kRestrictions);
  ASSERT_EQ(first.result.profiles.size(), 1u);
  EXPECT_EQ(first.result.profiles[0].xml, second.result.profiles[0].xml);
  EXPECT_NE(first.result.profiles[0].xml.find("<key>allowCamera</key>\n\t\t\t<false/>"), std::string::npos);
}

TEST(CompileTest, FilesWithErrorsProduceNoProfileButOthersStillDo) {
  MemoryFileSystem files;
  files.add_file("repo/a.toml", kRestrictions);
  files.add_file("repo/b.toml", "[profile]\nid = \n");
  auto run = testing::compile_tree(files, "repo");
  EXPECT_THAT(run.codes(), ElementsAre("PC0001"));
  ASSERT_EQ(run.result.profiles.size(), 1u);
  EXPECT_EQ(run.result.profiles[0].source_path, "repo/a.toml");
}

TEST(CompileTest, NonPolicyTomlInAFolderIsSkipped) {
  MemoryFileSystem files;
  files.add_file("repo/a.toml", kRestrictions);
  files.add_file("repo/pyproject.toml", "[tool.black]\nline-length = 100\n");
  auto run = testing::compile_tree(files, "repo");
  EXPECT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  EXPECT_EQ(run.result.skipped_non_policies, 1u);
}

TEST(CompileTest, TwoPoliciesWritingTheSameFileCollide) {
  MemoryFileSystem files;
  files.add_file("a/wifi.toml", kRestrictions);
  files.add_file("b/wifi.toml", kRestrictions);
  auto inputs = discover_policies(files, {"a/wifi.toml", "b/wifi.toml"});
  ASSERT_TRUE(inputs.has_value());
  MapEnvironment env;
  SourceMap sources;
  auto result = compile_policies(*inputs, CompileInputs{files, env, SecretMode::kPlaceholder}, sources);
  // The same profile twice: the identical identifiers are the analysis's finding (PC3001).
  ASSERT_EQ(result.diagnostics.all().size(), 2u);
  const Diagnostic& d = result.diagnostics.all()[0];
  EXPECT_EQ(info(d.code).id, "PC0011");
  EXPECT_EQ(info(result.diagnostics.all()[1].code).id, "PC3001");
  EXPECT_EQ(*d.span.path, "b/wifi.toml");
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(*d.notes[0].span.path, "a/wifi.toml");
}

TEST(CompileTest, UnreadablePolicyIsAnIoErrorNotAFinding) {
  MemoryFileSystem files;
  MapEnvironment env;
  SourceMap sources;
  auto result = compile_policies({PolicyInput{"gone.toml", "gone", true}},
                                 CompileInputs{files, env, SecretMode::kPlaceholder}, sources);
  ASSERT_EQ(result.io_errors.size(), 1u);
  EXPECT_EQ(result.io_errors[0].path, "gone.toml");
  EXPECT_TRUE(result.diagnostics.empty());
}

}  // namespace
}  // namespace profilec
