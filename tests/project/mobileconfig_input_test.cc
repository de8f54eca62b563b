// .mobileconfig files in a run: found in folders, told apart from TOML by
// content when named, checked for their target, analysed with the policies,
// never compiled into output, and open to <!-- profilec: allow --> comments.
#include "project/mobileconfig_input.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/pipeline.h"

namespace profilec {
namespace {

std::string restrictions(const std::string& uuid, bool camera, const std::string& extra = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<plist version=\"1.0\">\n"
         "<dict>\n"
         "\t<key>PayloadContent</key>\n"
         "\t<array>\n"
         "\t\t<dict>\n"
         "\t\t\t<key>PayloadIdentifier</key>\n"
         "\t\t\t<string>com.example.imported.r</string>\n"
         "\t\t\t<key>PayloadType</key>\n"
         "\t\t\t<string>com.apple.applicationaccess</string>\n"
         "\t\t\t<key>PayloadUUID</key>\n"
         "\t\t\t<string>" +
         uuid +
         "</string>\n"
         "\t\t\t<key>PayloadVersion</key>\n"
         "\t\t\t<integer>1</integer>\n" +
         extra +
         "\t\t\t<key>allowCamera</key>\n"
         "\t\t\t" +
         (camera ? "<true/>" : "<false/>") +
         "\n"
         "\t\t</dict>\n"
         "\t</array>\n"
         "\t<key>PayloadIdentifier</key>\n"
         "\t<string>com.example.imported</string>\n"
         "\t<key>PayloadType</key>\n"
         "\t<string>Configuration</string>\n"
         "\t<key>PayloadUUID</key>\n"
         "\t<string>0C8551DD-D9E6-4E8E-989C-103467F2E2BD</string>\n"
         "\t<key>PayloadVersion</key>\n"
         "\t<integer>1</integer>\n"
         "</dict>\n"
         "</plist>\n";
}

constexpr const char* kPolicy = R"([profile]
id = "com.example.policy"

[target]
platforms = { iOS = "17.0" }

[payload.restrictions]
type = "com.apple.applicationaccess"
allowCamera = true
)";

TEST(MobileconfigInput, AFolderWalkChecksMobileconfigsAndAnalysesThemWithPolicies) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", "[target]\nplatforms = { iOS = \"17.0\" }\n");
  files.add_file("repo/policies/policy.toml", kPolicy);
  files.add_file("repo/legacy/old.mobileconfig", restrictions("5C7E1B1E-3F0B-4C55-9D7B-2C1D8A0F6E11", false));
  const auto run = testing::compile_tree(files, "repo");
  EXPECT_EQ(run.result.profiles.size(), 1u);       // only the policy is compiled into output
  ASSERT_EQ(run.result.read_profiles.size(), 1u);  // the .mobileconfig is read and analysed
  EXPECT_EQ(run.result.read_profiles[0].target.platforms.at(0).platform, "iOS");  // profilec.toml's [target]
  ASSERT_TRUE(run.has_code("PC4001")) << run.rendered();
  const Diagnostic* conflict = run.first("PC4001");
  std::vector<std::string> places{*conflict->span.path};
  for (const DiagnosticNote& note : conflict->notes) places.push_back(*note.span.path);
  EXPECT_NE(std::find(places.begin(), places.end(), "repo/legacy/old.mobileconfig"), places.end());
  EXPECT_NE(std::find(places.begin(), places.end(), "repo/policies/policy.toml"), places.end());
}

TEST(MobileconfigInput, ANamedFileIsToldApartByContent) {
  MemoryFileSystem files;
  files.add_file("profile.xml", restrictions("${uuid_1}", false));
  const auto run = testing::compile_paths(files, {"profile.xml"});
  ASSERT_EQ(run.result.read_profiles.size(), 1u) << run.rendered();
  EXPECT_TRUE(run.has_code("PC1011"));
  const Diagnostic* d = run.first("PC1011");
  EXPECT_EQ(d->span.begin, (SourcePosition{12, 4}));
}

TEST(MobileconfigInput, CommentsSuppressFindingsOnTheNextLine) {
  MemoryFileSystem files;
  const std::string extra =
      "\t\t\t<!-- profilec: allow unknown-key -- vendor key -->\n"
      "\t\t\t<key>allowCamra</key>\n"
      "\t\t\t<true/>\n";
  files.add_file("a.mobileconfig", restrictions("5C7E1B1E-3F0B-4C55-9D7B-2C1D8A0F6E11", false, extra));
  const auto suppressed = testing::compile_paths(files, {"a.mobileconfig"});
  EXPECT_FALSE(suppressed.has_code("PC1002")) << suppressed.rendered();
  EXPECT_TRUE(suppressed.result.diagnostics.empty()) << suppressed.rendered();

  MemoryFileSystem plain;
  plain.add_file("a.mobileconfig", restrictions("5C7E1B1E-3F0B-4C55-9D7B-2C1D8A0F6E11", false,
                                                "\t\t\t<key>allowCamra</key>\n\t\t\t<true/>\n"));
  EXPECT_TRUE(testing::compile_paths(plain, {"a.mobileconfig"}).has_code("PC1002"));
}

const ProjectConfig& empty_project() {
  static const ProjectConfig project;
  return project;
}

TEST(MobileconfigInput, TargetFromTheCommandLineWinsOverProfilecToml) {
  ir::Target given;
  given.platforms.push_back({"macOS", "14.0", {}});
  ProjectConfig project;
  project.defaults.target.platforms.push_back({"iOS", "17.0", {}});
  EXPECT_EQ(mobileconfig_target(given, &project, "a.mobileconfig").platforms.at(0).platform, "macOS");
  EXPECT_TRUE(mobileconfig_target(given, &project, "a.mobileconfig").stated());
  EXPECT_EQ(mobileconfig_target(std::nullopt, &project, "a.mobileconfig").platforms.at(0).platform, "iOS");
  EXPECT_TRUE(mobileconfig_target(std::nullopt, &project, "a.mobileconfig").stated());
  EXPECT_TRUE(mobileconfig_target(std::nullopt, nullptr, "a.mobileconfig").platforms.empty());
  EXPECT_FALSE(mobileconfig_target(std::nullopt, nullptr, "a.mobileconfig").stated());
  EXPECT_FALSE(mobileconfig_target(std::nullopt, &empty_project(), "a.mobileconfig").stated());
}

TEST(MobileconfigInput, TargetsByFolderOrGlobComeFirstInFileOrder) {
  Diagnostics diagnostics;
  const ProjectConfig project = parse_project_config(R"([target]
platforms = { iOS = "16.0" }

[[targets]]
paths = ["mac/", "shared/*-mac.mobileconfig"]
platforms = { macOS = "14.0" }

[[targets]]
paths = ["mac/legacy"]
platforms = { macOS = "12.0" }

[[targets]]
paths = ["ipads/*"]
platforms = { iOS = "17.0" }
supervised = true
shared_ipad = true
)",
                                                     "repo/profilec.toml", diagnostics);
  ASSERT_TRUE(diagnostics.empty());
  auto target = [&](const std::string& path) { return mobileconfig_target(std::nullopt, &project, path); };
  EXPECT_EQ(target("repo/mac/a.mobileconfig").platforms.at(0).min_version, "14.0");
  EXPECT_EQ(target("repo/mac/legacy/a.mobileconfig").platforms.at(0).min_version, "14.0");  // the first match wins
  EXPECT_EQ(target("repo/shared/wifi-mac.mobileconfig").platforms.at(0).platform, "macOS");
  EXPECT_EQ(target("repo/shared/wifi-ios.mobileconfig").platforms.at(0).min_version, "16.0");      // [target]
  EXPECT_EQ(target("repo/shared/deeper/x-mac.mobileconfig").platforms.at(0).min_version, "16.0");  // * stops at /
  const ir::Target ipad = target("repo/ipads/cart.mobileconfig");
  EXPECT_TRUE(ipad.supervised);
  EXPECT_TRUE(ipad.shared_ipad);
  EXPECT_EQ(ipad.platforms.at(0).min_version, "17.0");
  EXPECT_EQ(target("elsewhere/mac/a.mobileconfig").platforms.at(0).min_version, "16.0");  // outside the project
}

TEST(MobileconfigInput, BadTargetsEntriesAreReportedWithTheirPlace) {
  Diagnostics diagnostics;
  const ProjectConfig project = parse_project_config(R"([[targets]]
platforms = { macOS = "14.0" }

[[targets]]
paths = "mac/"

[[targets]]
paths = ["ios/"]
platform = { iOS = "17.0" }

[[targets]]
paths = ["../elsewhere", "/abs", "mac/"]
)",
                                                     "profilec.toml", diagnostics);
  std::vector<std::string> found;
  for (const Diagnostic& d : diagnostics.all()) {
    found.push_back(fmt::format("{}:{} {} {}", d.span.begin.line, d.span.begin.column, info(d.code).id, d.message));
  }
  EXPECT_THAT(found, ::testing::ElementsAre("1:1 PC0005 [[targets]] without paths",
                                            "5:9 PC0004 targets.paths must be an array of strings, found string",
                                            "4:1 PC0005 [[targets]] without paths",
                                            "9:1 PC0003 unknown field 'platform' in [target]",
                                            "12:10 PC0004 targets pattern '../elsewhere' must be a relative path below "
                                            "profilec.toml's folder",
                                            "12:26 PC0004 targets pattern '/abs' must be a relative path below "
                                            "profilec.toml's folder"));
  ASSERT_EQ(project.raw_targets.size(), 2u);
  EXPECT_EQ(project.raw_targets[1].paths.size(), 1u);
  EXPECT_EQ(project.raw_targets[1].paths[0].value, "mac");
  EXPECT_TRUE(project.raw_targets[0].target.platforms.empty());
}

TEST(MobileconfigInput, AnUnreadableFileIsOneErrorAndNoProfile) {
  MemoryFileSystem files;
  files.add_file("broken.mobileconfig", "<plist><dict><key>a</key></plist>");
  const auto run = testing::compile_paths(files, {"broken.mobileconfig"});
  EXPECT_TRUE(run.result.read_profiles.empty());
  EXPECT_EQ(run.codes(), std::vector<std::string>{"PC0017"});
}

}  // namespace
}  // namespace profilec
