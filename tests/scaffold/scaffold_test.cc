#include "scaffold/scaffold.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "support/pipeline.h"

namespace profilec::scaffold {
namespace {

using Files = std::vector<std::pair<std::string, std::string>>;

const std::string* find(const Files& files, const std::string& path) {
  for (const auto& [name, text] : files) {
    if (name == path) return &text;
  }
  return nullptr;
}

MemoryFileSystem tree(const Files& files) {
  MemoryFileSystem fs;
  for (const auto& [path, text] : files) fs.add_file("repo/" + path, text);
  return fs;
}

TEST(Scaffold, WritesTheRepositoryLayout) {
  auto files = scaffold_files({});
  ASSERT_TRUE(files) << files.error();
  for (const char* path :
       {"profilec.toml", "policies/ios/restrictions.toml", "policies/shared/passcode.toml", "certs/README.md",
        ".pre-commit-config.yaml", ".github/workflows/profiles.yml", ".gitignore", "README.md"}) {
    EXPECT_NE(find(*files, path), nullptr) << path;
  }
  EXPECT_TRUE(std::is_sorted(files->begin(), files->end()));
  for (const auto& [path, text] : *files) {
    EXPECT_EQ(text.find("@ORGANIZATION@"), std::string::npos) << path;
    EXPECT_EQ(text.find("@ID_PREFIX@"), std::string::npos) << path;
  }
  const std::string* ignore = find(*files, ".gitignore");
  ASSERT_NE(ignore, nullptr);
  EXPECT_NE(ignore->find("keys/"), std::string::npos);
  EXPECT_NE(ignore->find("out/"), std::string::npos);
}

TEST(Scaffold, CompilesWithoutASingleFinding) {
  auto files = scaffold_files({"Globex \"Corp\" \\ IT", "com.globex-corp.it"});
  ASSERT_TRUE(files) << files.error();
  const auto run = testing::compile_tree(tree(*files), "repo");
  EXPECT_TRUE(run.result.diagnostics.all().empty()) << run.rendered();
  ASSERT_EQ(run.result.profiles.size(), 2u);
  for (const auto& compiled : run.result.profiles) {
    const ir::Value* organization = compiled.profile.envelope.find("PayloadOrganization");
    ASSERT_NE(organization, nullptr) << compiled.source_path;
    EXPECT_EQ(organization->string(), "Globex \"Corp\" \\ IT");
    const ir::Value* identifier = compiled.profile.envelope.find("PayloadIdentifier");
    ASSERT_NE(identifier, nullptr) << compiled.source_path;
    EXPECT_EQ(identifier->string().rfind("com.globex-corp.it.", 0), 0u) << identifier->string();
  }
}

TEST(Scaffold, TheCiFilesDoNotDependOnTheOptions) {
  // The workflow and the pre-commit configuration hold no placeholder: an
  // organization that looks like a GitHub expression or a placeholder
  // changes neither, and their own `${{ }}` expressions come out whole.
  auto plain = scaffold_files({});
  auto odd = scaffold_files({"${{ secrets.SIGNING_P12_BASE64 }} @ID_PREFIX@", "com.globex"});
  ASSERT_TRUE(plain) << plain.error();
  ASSERT_TRUE(odd) << odd.error();
  for (const char* path : {".github/workflows/profiles.yml", ".pre-commit-config.yaml"}) {
    const std::string* a = find(*plain, path);
    const std::string* b = find(*odd, path);
    ASSERT_NE(a, nullptr) << path;
    ASSERT_NE(b, nullptr) << path;
    EXPECT_EQ(*a, *b) << path;
  }
  const std::string* workflow = find(*plain, ".github/workflows/profiles.yml");
  EXPECT_NE(workflow->find("GH_TOKEN: ${{ github.token }}"), std::string::npos);
  EXPECT_NE(workflow->find("PROFILEC_VERSION: \""), std::string::npos);
  EXPECT_NE(find(*plain, ".pre-commit-config.yaml")->find("id: profilec-check"), std::string::npos);
}

TEST(Scaffold, RefusesAnIdPrefixThatIsNotReverseDns) {
  for (const char* prefix : {"", ".com.example", "com.example.", "com..example", "com example", "com/example"}) {
    auto files = scaffold_files({"Example", prefix});
    ASSERT_FALSE(files) << prefix;
    EXPECT_NE(files.error().find("reverse-DNS"), std::string::npos) << files.error();
  }
}

TEST(Scaffold, RefusesAnEmptyOrControlCharacterOrganization) {
  EXPECT_FALSE(scaffold_files({"", "com.example"}));
  EXPECT_FALSE(scaffold_files({"Evil\nOrg", "com.example"}));
  EXPECT_FALSE(scaffold_files({"Evil\x1b[31mOrg", "com.example"}));
}

}  // namespace
}  // namespace profilec::scaffold
