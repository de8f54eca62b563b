#include "project/build_manifest.h"

#include <gtest/gtest.h>

#include <string>

namespace profilec {
namespace {

const std::string kDigestA(64, 'a');
const std::string kDigestB(64, 'b');

std::string manifest_with(const std::string& name, const std::string& sha = kDigestA,
                          const std::string& made_from = kDigestB) {
  return R"({"format": "profilec-build-manifest", "version": 1, "files": [{"name": ")" + name + R"(", "sha256": ")" +
         sha + R"(", "made_from": ")" + made_from + R"("}]})";
}

TEST(BuildManifestTest, RoundTripsSortedByName) {
  BuildManifest manifest;
  manifest.files.push_back({"policies/z.mobileconfig", kDigestA, kDigestB});
  manifest.files.push_back({"a \"quoted\".mobileconfig", kDigestB, kDigestA});
  const std::string text = write_build_manifest(manifest);
  EXPECT_EQ(text.rfind("{\n  \"format\": \"profilec-build-manifest\",\n  \"version\": 1,\n", 0), 0u) << text;
  auto read = read_build_manifest(text);
  ASSERT_TRUE(read) << read.error();
  ASSERT_EQ(read->files.size(), 2u);
  EXPECT_EQ(read->files[0].name, "a \"quoted\".mobileconfig");
  EXPECT_EQ(read->files[0].sha256, kDigestB);
  EXPECT_EQ(read->files[1].name, "policies/z.mobileconfig");
  EXPECT_EQ(read->files[1].made_from, kDigestB);
  EXPECT_TRUE(read_build_manifest(write_build_manifest({})));
}

TEST(BuildManifestTest, RefusesWhatIsNotThisVersionsManifest) {
  EXPECT_EQ(read_build_manifest("{").error(),
            "not JSON at line 1, column 2: expected a member name in quotes, found the end of the text");
  EXPECT_EQ(read_build_manifest(R"({"format": "x", "version": 1, "files": []})").error(),
            "not a profilec build manifest (no \"format\": \"profilec-build-manifest\")");
  EXPECT_EQ(read_build_manifest(R"({"format": "profilec-build-manifest", "version": 2, "files": []})").error(),
            "manifest version 2 (this profilec reads version 1)");
  EXPECT_EQ(read_build_manifest(R"({"format": "profilec-build-manifest", "version": 1})").error(),
            "no \"files\" array");
}

TEST(BuildManifestTest, RefusesNamesOutsideTheFolder) {
  for (const std::string name : {"../x.mobileconfig", "/etc/x.mobileconfig", "a/../../x.mobileconfig",
                                 "a//x.mobileconfig", ".hidden/x.mobileconfig", "./x.mobileconfig", "x.toml", ""}) {
    auto read = read_build_manifest(manifest_with(name));
    ASSERT_FALSE(read) << name;
    EXPECT_NE(read.error().find("which is not a .mobileconfig inside the folder"), std::string::npos) << read.error();
  }
  EXPECT_TRUE(read_build_manifest(manifest_with("a/b c/x.mobileconfig")));
}

TEST(BuildManifestTest, RefusesBadDigestsAndRepeatedNames) {
  EXPECT_FALSE(read_build_manifest(manifest_with("x.mobileconfig", std::string(64, 'A'))));
  EXPECT_FALSE(read_build_manifest(manifest_with("x.mobileconfig", kDigestA, std::string(63, 'b'))));
  BuildManifest twice;
  twice.files = {{"x.mobileconfig", kDigestA, kDigestB}, {"x.mobileconfig", kDigestB, kDigestA}};
  EXPECT_EQ(read_build_manifest(write_build_manifest(twice)).error(), "'x.mobileconfig' is listed twice");
}

TEST(BuildManifestTest, AStampIsFourIntegersOrAbsent) {
  MemoryFileSystem files;
  const std::string digest(64, 'a');
  const std::string head =
      R"({"format": "profilec-build-manifest", "version": 1, "files": [{"name": "b.mobileconfig", )"
      R"("sha256": ")" +
      digest + R"(", "made_from": ")" + digest + R"(", "stamp": )";
  auto good = read_build_manifest(head + "[10, -1, 20, 30]}]}");
  ASSERT_TRUE(good) << good.error();
  EXPECT_EQ(good->files[0].stamp,
            (FileStamp{.size = 10, .modified_ns = 20, .changed_ns = 30, .inode = ~std::uint64_t{0}}));
  EXPECT_EQ(read_build_manifest(write_build_manifest(*good))->files[0].stamp, good->files[0].stamp);
  EXPECT_EQ(read_build_manifest(head + "[10, 1, 20]}]}").error(),
            "the entry at line 1 ('b.mobileconfig'): its \"stamp\" is not four integers");
  EXPECT_EQ(read_build_manifest(head + "\"10 1 20 30\"}]}").error(),
            "the entry at line 1 ('b.mobileconfig'): its \"stamp\" is not four integers");
  EXPECT_EQ(read_build_manifest(head + "[10, 1, -20, 30]}]}").error(),
            "the entry at line 1 ('b.mobileconfig'): its \"stamp\" holds a negative size or time");
  auto without = read_build_manifest(head.substr(0, head.size() - 11) + "}]}");
  ASSERT_TRUE(without) << without.error();
  EXPECT_EQ(without->files[0].stamp, std::nullopt);
}

}  // namespace
}  // namespace profilec
