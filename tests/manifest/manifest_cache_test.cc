// The manifest cache: a warm run serves every manifest from the cache with
// the same schemas and findings as a cold one; a changed manifest is never
// served stale; a corrupt, truncated, foreign or unwritable cache only costs
// a re-read; the cache folder comes from the environment.
#include "manifest/manifest_cache.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>

#include "manifest/app_schema_folders.h"
#include "support/manifest_data.h"

namespace profilec::manifest {
namespace {

std::string pfm(std::string_view domain, std::string_view key, std::string_view type = "boolean") {
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>\n"
      "<key>pfm_domain</key><string>{}</string>\n<key>pfm_exclude</key><array/>\n<key>pfm_subkeys</key>\n<array>\n"
      "<dict><key>pfm_name</key><string>{}</string><key>pfm_type</key><string>{}</string></dict>\n"
      "</array>\n</dict>\n</plist>\n",
      domain, key, type);
}

// One run's result: the schemas of the domains, what was reported, how
// many manifests came from the cache.
struct LoadResult {
  schema::SchemaSet schemas = schema::SchemaSet::embedded();
  Diagnostics findings;
  std::size_t from_cache = 0;
  std::optional<schema::SchemaError> error;
};

ManifestCacheOptions cache_in(FileSystem& files, std::string identity = "profilec test build") {
  return {&files, "cache", std::move(identity)};
}

LoadResult load(const FileSystem& files, ManifestCacheOptions cache) {
  LoadResult run;
  AppSchemaLoader loader(files, run.schemas, AppSchemaOptions{false, std::move(cache)});
  run.error = loader.add_folder("apps", run.findings);
  run.from_cache = loader.from_cache();
  return run;
}

// The one cache file.
std::string cache_file(const MemoryFileSystem& files) {
  std::string found;
  for (const auto& [path, text] : files.files()) {
    if (path.starts_with("cache/")) {
      EXPECT_TRUE(found.empty()) << "a second cache file: " << path;
      found = path;
    }
  }
  EXPECT_FALSE(found.empty()) << "no cache file written";
  return found;
}

class ManifestCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    files_.add_file("apps/com.example.a.plist", pfm("com.example.a", "Enabled"));
    files_.add_file("apps/com.example.b.plist", pfm("com.example.b", "Name", "string"));
    files_.add_file("apps/broken.plist", pfm("com.example.broken", "Bad", "strng"));
    files_.add_file("apps/com.example.c.json", testing::read_manifest_data("jamf/com.example.updater.json"));
  }

  // The run without any cache, to compare with.
  LoadResult uncached() const { return load(files_, {}); }

  MemoryFileSystem files_;
};

void expect_same(const LoadResult& run, const LoadResult& expected) {
  EXPECT_FALSE(run.error.has_value());
  EXPECT_FALSE(expected.error.has_value());
  EXPECT_EQ(testing::listed_findings(run.findings), testing::listed_findings(expected.findings));
  for (const char* domain : {"com.example.a", "com.example.b", "com.example.updater"}) {
    ASSERT_NE(run.schemas.find(domain), nullptr) << domain;
    EXPECT_EQ(*run.schemas.find(domain), *expected.schemas.find(domain)) << domain;
  }
  EXPECT_EQ(run.schemas.find("com.example.broken"), nullptr);
}

TEST_F(ManifestCacheTest, AWarmRunServesEveryManifestFromTheCacheWithTheSameResult) {
  const LoadResult expected = uncached();
  ASSERT_NE(testing::listed_findings(expected.findings).find("PC0042"), std::string::npos) << "the broken manifest";
  // What is not checked (PC0044) is in the schema, for `schema show`, not
  // among the findings a run replays.
  EXPECT_EQ(testing::listed_findings(expected.findings).find("PC0044"), std::string::npos);
  ASSERT_FALSE(expected.schemas.find("com.example.a")->not_expressed.empty()) << "pfm_exclude's note";

  const LoadResult cold = load(files_, cache_in(files_));
  EXPECT_EQ(cold.from_cache, 0U);
  expect_same(cold, expected);
  const std::string written = cache_file(files_);

  const LoadResult warm = load(files_, cache_in(files_));
  EXPECT_EQ(warm.from_cache, 4U);
  expect_same(warm, expected);
  EXPECT_EQ(warm.schemas.find("com.example.a")->origin, "ProfileManifests");
  EXPECT_FALSE(warm.schemas.find("com.example.a")->not_expressed.empty());
  EXPECT_FALSE(warm.schemas.is_embedded("com.example.a"));
}

TEST_F(ManifestCacheTest, JsonSchemaManifestsOfOneDomainAddUpFromTheCacheToo) {
  files_.add_file("apps/split-1.json",
                  R"({"__preferencedomain": "com.example.split", "properties": {"A": {"type": "string"}}})");
  files_.add_file("apps/split-2.json",
                  R"({"__preferencedomain": "com.example.split", "properties": {"B": {"type": "string"}}})");
  const LoadResult cold = load(files_, cache_in(files_));
  const LoadResult warm = load(files_, cache_in(files_));
  EXPECT_EQ(warm.from_cache, 6U);
  for (const LoadResult* run : {&cold, &warm}) {
    const schema::PayloadSchema* split = run->schemas.find("com.example.split");
    ASSERT_NE(split, nullptr);
    ASSERT_EQ(split->groups.at(0).keys.size(), 2U);
    EXPECT_EQ(split->groups.at(0).keys[1].name, "B");
  }
}

TEST_F(ManifestCacheTest, AChangedManifestIsReadAgain) {
  load(files_, cache_in(files_));
  files_.add_file("apps/com.example.a.plist", pfm("com.example.a", "Enabled", "integer"));
  const LoadResult changed = load(files_, cache_in(files_));
  EXPECT_EQ(changed.from_cache, 3U);
  ASSERT_NE(changed.schemas.find("com.example.a"), nullptr);
  EXPECT_EQ(testing::find_key(changed.schemas.find("com.example.a")->groups[0].keys, "Enabled")->type,
            schema::ValueType::kInteger);
  // ...and the cache now holds the new reading.
  const LoadResult again = load(files_, cache_in(files_));
  EXPECT_EQ(again.from_cache, 4U);
  EXPECT_EQ(*again.schemas.find("com.example.a"), *changed.schemas.find("com.example.a"));
}

TEST_F(ManifestCacheTest, ARemovedManifestIsGoneAndANewOneIsRead) {
  load(files_, cache_in(files_));
  ASSERT_EQ(files_.remove_file("apps/com.example.b.plist"), std::nullopt);
  files_.add_file("apps/com.example.d.plist", pfm("com.example.d", "D"));
  const LoadResult run = load(files_, cache_in(files_));
  EXPECT_EQ(run.from_cache, 3U);
  EXPECT_EQ(run.schemas.find("com.example.b"), nullptr);
  EXPECT_NE(run.schemas.find("com.example.d"), nullptr);
}

// A file system without stamps: the cache recognises a manifest by its
// content's digest.
class StamplessFileSystem final : public FileSystem {
 public:
  explicit StamplessFileSystem(MemoryFileSystem& below) : below_(below) {}
  Expected<std::string, IoError> read_file(const std::string& path) const override { return below_.read_file(path); }
  PathKind kind(const std::string& path) const override { return below_.kind(path); }
  Expected<ResolvedPath, IoError> resolve(const std::string& path) const override { return below_.resolve(path); }
  Expected<std::vector<std::string>, IoError> list_files(const std::string& dir) const override {
    return below_.list_files(dir);
  }
  std::optional<IoError> write_file_atomically(const std::string& path, const std::string& contents,
                                               FileAccess access) override {
    if (unwritable) return IoError{path, "read-only file system"};
    return below_.write_file_atomically(path, contents, access);
  }
  bool unwritable = false;

 private:
  MemoryFileSystem& below_;
};

TEST_F(ManifestCacheTest, WithoutStampsTheContentDigestDecides) {
  StamplessFileSystem stampless(files_);
  const LoadResult expected = uncached();
  load(stampless, cache_in(stampless));
  const LoadResult warm = load(stampless, cache_in(stampless));
  EXPECT_EQ(warm.from_cache, 4U);
  expect_same(warm, expected);
  files_.add_file("apps/com.example.b.plist", pfm("com.example.b", "Name", "integer"));
  const LoadResult changed = load(stampless, cache_in(stampless));
  EXPECT_EQ(changed.from_cache, 3U);
  EXPECT_EQ(testing::find_key(changed.schemas.find("com.example.b")->groups[0].keys, "Name")->type,
            schema::ValueType::kInteger);
}

TEST_F(ManifestCacheTest, AManifestChangedJustBeforeTheCacheWasWrittenIsCheckedByContent) {
  // The cache file is written one tick (a second, in memory) after the last
  // manifest: a stamp that recent is not trusted, the digest is.
  files_.add_file("apps/com.example.a.plist", pfm("com.example.a", "Enabled"));
  load(files_, cache_in(files_));
  const LoadResult warm = load(files_, cache_in(files_));
  EXPECT_EQ(warm.from_cache, 4U);
  // Written again with the stamp now settled: the next run trusts it.
  const LoadResult settled = load(files_, cache_in(files_));
  EXPECT_EQ(settled.from_cache, 4U);
}

TEST_F(ManifestCacheTest, AnUnwritableCacheFolderOnlyCostsTheCache) {
  StamplessFileSystem readonly(files_);
  readonly.unwritable = true;
  const LoadResult expected = uncached();
  const LoadResult first = load(files_, cache_in(readonly));
  expect_same(first, expected);
  const LoadResult second = load(files_, cache_in(readonly));
  EXPECT_EQ(second.from_cache, 0U);
  expect_same(second, expected);
}

// Every damage reads as no cache: the manifests are read and the results
// are those of a run without a cache; the cache is then written anew.
void expect_damage_ignored(MemoryFileSystem& files, const LoadResult& expected, const std::string& damaged) {
  const std::string path = cache_file(files);
  files.add_file(path, damaged);
  const LoadResult run = load(files, cache_in(files));
  EXPECT_EQ(run.from_cache, 0U);
  expect_same(run, expected);
  EXPECT_EQ(load(files, cache_in(files)).from_cache, 4U) << "the cache was not written anew";
}

TEST_F(ManifestCacheTest, ATruncatedCacheIsIgnored) {
  const LoadResult expected = uncached();
  load(files_, cache_in(files_));
  const std::string good = files_.files().at(cache_file(files_));
  for (std::size_t size : {std::size_t{0}, std::size_t{10}, std::size_t{40}, good.size() / 2, good.size() - 1}) {
    SCOPED_TRACE(size);
    expect_damage_ignored(files_, expected, good.substr(0, size));
  }
}

TEST_F(ManifestCacheTest, ACorruptCacheIsIgnored) {
  const LoadResult expected = uncached();
  load(files_, cache_in(files_));
  const std::string good = files_.files().at(cache_file(files_));
  // A flipped byte anywhere: the magic, the checksum, the body.
  for (std::size_t at : {std::size_t{3}, std::size_t{30}, good.size() / 3, good.size() / 2, good.size() - 2}) {
    SCOPED_TRACE(at);
    std::string damaged = good;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5A);
    expect_damage_ignored(files_, expected, damaged);
  }
  expect_damage_ignored(files_, expected, good + "trailing");
}

TEST_F(ManifestCacheTest, AnotherBuildsCacheIsNotRead) {
  load(files_, cache_in(files_, "profilec other build"));
  EXPECT_EQ(load(files_, cache_in(files_)).from_cache, 0U);
  EXPECT_EQ(load(files_, cache_in(files_)).from_cache, 4U);
}

TEST_F(ManifestCacheTest, EachFolderHasItsOwnCacheFile) {
  files_.add_file("other/com.example.z.plist", pfm("com.example.z", "Z"));
  load(files_, cache_in(files_));
  schema::SchemaSet schemas = schema::SchemaSet::embedded();
  Diagnostics findings;
  AppSchemaLoader loader(files_, schemas, AppSchemaOptions{false, cache_in(files_)});
  ASSERT_EQ(loader.add_folder("other", findings), std::nullopt);
  EXPECT_EQ(loader.from_cache(), 0U);
  EXPECT_NE(schemas.find("com.example.z"), nullptr);
  EXPECT_EQ(schemas.find("com.example.a"), nullptr);
  EXPECT_EQ(load(files_, cache_in(files_)).from_cache, 4U);
}

MapEnvironment env(std::map<std::string, std::string> vars) { return MapEnvironment(std::move(vars)); }

TEST(ManifestCacheDirTest, TheEnvironmentPlacesOrTurnsOffTheCache) {
  EXPECT_EQ(manifest_cache_dir(env({{"HOME", "/home/u"}})), "/home/u/.cache/profilec");
  EXPECT_EQ(manifest_cache_dir(env({{"HOME", "/home/u"}, {"XDG_CACHE_HOME", "/xdg"}})), "/xdg/profilec");
  EXPECT_EQ(manifest_cache_dir(env({{"HOME", "/home/u"}, {"XDG_CACHE_HOME", "relative"}})), "/home/u/.cache/profilec");
  EXPECT_EQ(manifest_cache_dir(env({{"XDG_CACHE_HOME", "/xdg"}, {"PROFILEC_CACHE_DIR", "mine"}})), "mine");
  EXPECT_EQ(manifest_cache_dir(env({{"HOME", "/home/u"}, {"PROFILEC_NO_MANIFEST_CACHE", "1"}})), std::nullopt);
  EXPECT_EQ(manifest_cache_dir(env({{"HOME", "/home/u"}, {"PROFILEC_NO_MANIFEST_CACHE", ""}})),
            "/home/u/.cache/profilec");
  EXPECT_EQ(manifest_cache_dir(env({})), std::nullopt);
}

}  // namespace
}  // namespace profilec::manifest
