#include "project/build_manifest.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

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

// Entries of every shape the writer makes: stamps and none, a negative
// inode, the largest integers, a name with non-ASCII letters.
BuildManifest varied_manifest() {
  BuildManifest manifest;
  manifest.files.push_back({"a/b c/x.mobileconfig", kDigestA, kDigestB,
                            FileStamp{.size = 10, .modified_ns = 20, .changed_ns = 30, .inode = ~std::uint64_t{0}}});
  manifest.files.push_back({"policies/\xC3\xA9t\xC3\xA9 \xE2\x82\xAC.mobileconfig", kDigestB, kDigestA});
  manifest.files.push_back({"x~y.mobileconfig", std::string(64, '0'), std::string(64, 'f'),
                            FileStamp{.size = 0, .modified_ns = 0, .changed_ns = 0, .inode = 0}});
  manifest.files.push_back({"z.mobileconfig", kDigestA, kDigestA,
                            FileStamp{.size = std::uint64_t{INT64_MAX},
                                      .modified_ns = INT64_MAX,
                                      .changed_ns = INT64_MAX,
                                      .inode = std::uint64_t{1} << 63}});
  return manifest;
}

// What read_build_manifest answers for `text`, as one string to compare.
std::string answer(const Expected<BuildManifest, std::string>& read) {
  return read ? write_build_manifest(*read) : "error: " + read.error();
}

TEST(BuildManifestTest, TheWrittenLayoutIsReadWithoutAJsonTree) {
  for (const BuildManifest& manifest : {BuildManifest{}, varied_manifest()}) {
    const std::string text = write_build_manifest(manifest);
    const auto as_written = read_build_manifest_as_written(text);
    ASSERT_TRUE(as_written.has_value()) << text;
    EXPECT_EQ(*as_written, manifest);
    auto as_json = read_build_manifest_as_json(text);
    ASSERT_TRUE(as_json) << as_json.error();
    EXPECT_EQ(*as_json, manifest);
  }
  // A name with a quote or a DEL is escaped: the generic reader reads it.
  for (const std::string name : {"a \"q\".mobileconfig", "x\x7Fy.mobileconfig"}) {
    BuildManifest escaped;
    escaped.files.push_back({name, kDigestA, kDigestB});
    const std::string text = write_build_manifest(escaped);
    EXPECT_EQ(read_build_manifest_as_written(text), std::nullopt) << text;
    auto read = read_build_manifest(text);
    ASSERT_TRUE(read) << read.error();
    EXPECT_EQ(*read, escaped);
  }
}

// Every text one byte away from a written manifest (a byte removed, or
// replaced by or preceded by one of `kBytes`): where the reader of the
// written layout takes it, the generic reader reads the same manifest;
// read_build_manifest always answers as the generic reader does.
TEST(BuildManifestTest, BothReadersAgreeOnEveryOneByteChangeOfAWrittenManifest) {
  const std::string text = write_build_manifest(varied_manifest());
  const std::string kBytes = std::string("\"\\,]} \n-09aA.\x01\x7F\xC3\xFF") + '\0';
  std::vector<std::string> texts;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size()) texts.push_back(text.substr(0, i) + text.substr(i + 1));
    for (const char c : kBytes) {
      if (i < text.size() && c != text[i]) texts.push_back(text.substr(0, i) + c + text.substr(i + 1));
      texts.push_back(text.substr(0, i) + c + text.substr(i));
    }
  }
  std::size_t taken = 0;
  std::size_t valid = 0;
  for (const std::string& changed : texts) {
    const auto as_json = read_build_manifest_as_json(changed);
    valid += as_json ? 1 : 0;
    if (const auto as_written = read_build_manifest_as_written(changed)) {
      ++taken;
      ASSERT_TRUE(as_json) << changed << "\n" << as_json.error();
      ASSERT_EQ(*as_written, *as_json) << changed;
    }
    ASSERT_EQ(answer(read_build_manifest(changed)), answer(as_json)) << changed;
  }
  // Digits changed in a digest or a stamp stay in the layout; white space
  // added between members leaves it for the generic reader.
  EXPECT_GT(taken, 1000u);
  EXPECT_GT(valid, taken);
  EXPECT_LT(valid, texts.size());
}

TEST(BuildManifestTest, AnyOtherJsonLayoutReadsTheSame) {
  const std::string digest_a(64, 'a');
  const std::string digest_b(64, 'b');
  const std::string entry_a = R"({"name": "a.mobileconfig", "sha256": ")" + digest_a + R"(", "made_from": ")" +
                              digest_b + R"(", "stamp": [1, 2, 3, 4]})";
  const std::string entry_b = R"({"stamp":[5,6,7,8],"made_from":")" + digest_a + R"(","sha256":")" + digest_b +
                              R"(","name":"b.mobileconfig"})";
  BuildManifest expected;
  expected.files.push_back({"a.mobileconfig", digest_a, digest_b,
                            FileStamp{.size = 1, .modified_ns = 3, .changed_ns = 4, .inode = 2}});
  expected.files.push_back({"b.mobileconfig", digest_b, digest_a,
                            FileStamp{.size = 5, .modified_ns = 7, .changed_ns = 8, .inode = 6}});
  for (const std::string& text : {
           // compact, entries out of order, members in another order
           R"({"files":[)" + entry_b + "," + entry_a + R"(],"version":1,"format":"profilec-build-manifest"})",
           // CRLF line ends and tabs
           "{\r\n\t\"format\": \"profilec-build-manifest\",\r\n\t\"version\": 1,\r\n\t\"files\": [\r\n\t\t" + entry_a +
               ",\r\n\t\t" + entry_b + "\r\n\t]\r\n}\r\n",
           // members build does not write, escapes build does not need
           R"({"format": "profilec-build-manifest", "version": 1, "note": "by hand", "files": [)" + entry_a + ", " +
               R"({"name": "b\u002emobileconfig", "sha256": ")" + digest_b + R"(", "made_from": ")" + digest_a +
               R"(", "stamp": [5, 6, 7, 8], "extra": [null]}]})",
       }) {
    EXPECT_EQ(read_build_manifest_as_written(text), std::nullopt) << text;
    auto read = read_build_manifest(text);
    ASSERT_TRUE(read) << read.error() << "\n" << text;
    EXPECT_EQ(*read, expected) << text;
  }
  // The same manifest as build writes it: the other reader, the same answer.
  const std::string written = write_build_manifest(expected);
  ASSERT_TRUE(read_build_manifest_as_written(written).has_value());
  EXPECT_EQ(*read_build_manifest_as_written(written), expected);
}

TEST(BuildManifestTest, AManifestOverTheJsonSizeLimitIsRefusedByBothReaders) {
  // One name long enough that the text, in the written layout, is over the
  // generic reader's 64 MiB.
  BuildManifest one;
  one.files.push_back({"n.mobileconfig", kDigestA, kDigestB});
  std::string text = write_build_manifest(one);
  text.insert(text.find("n.mobileconfig"), std::size_t{64} << 20, 'n');
  EXPECT_EQ(read_build_manifest_as_written(text), std::nullopt);
  EXPECT_EQ(read_build_manifest(text).error(),
            fmt::format("not JSON at line 1, column 1: the text is {} bytes, over the limit of {}", text.size(),
                        std::size_t{64} << 20));
}

}  // namespace
}  // namespace profilec
