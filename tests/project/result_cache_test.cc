#include "project/result_cache.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace profilec {
namespace {

SourceSpan at(const std::shared_ptr<const std::string>& path, std::uint32_t line) {
  return {path, {line, 1}, {line, 9}};
}

// A result with a key that came in from a fragment: its span's path is the
// site's own string, which must stay shared after a round trip.
KeptResult sample() {
  const auto policy = std::make_shared<const std::string>("repo/a.toml");
  const auto site_path = std::make_shared<const std::string>("repo/fragments/cam.toml");
  KeptResult result;
  ir::Profile& profile = result.profile;
  profile.source_path = "repo/a.toml";
  profile.envelope = ir::make_dict({{"PayloadIdentifier", at(policy, 2),
                                     ir::make_string("com.example.a", at(policy, 2))},
                                    {"PayloadVersion", at(policy, 3), ir::make_integer(-7, at(policy, 3))}});
  ir::Payload payload;
  payload.name = "restrictions";
  payload.type = "com.apple.applicationaccess";
  payload.span = at(policy, 5);
  ir::Date date{2027, 1, 31, 12, 30, 5};
  payload.content = ir::make_dict({{"allowCamera", at(site_path, 4), ir::make_boolean(false, at(site_path, 4))},
                                   {"ratio", at(policy, 7), ir::make_real(0.25, at(policy, 7))},
                                   {"when", at(policy, 8), ir::make_date(date, at(policy, 8))},
                                   {"blob", at(policy, 9), ir::make_data(std::string("\0\1\2", 3), at(policy, 9))},
                                   {"big", {}, ir::Value{ir::BigUnsigned{UINT64_MAX}, {}, false}},
                                   {"list", at(policy, 10),
                                    ir::make_array({ir::make_string("x"), ir::make_array()}, at(policy, 10))}});
  profile.payloads.push_back(payload);
  profile.target.platforms.push_back({"iOS", "17.0", at(policy, 12)});
  profile.target.supervised = true;
  profile.target.enrollment = ir::Enrollment::kAutomated;
  profile.target.install = ir::InstallMethod::kManual;
  profile.has_payload_content = false;
  Diagnostic& d = result.diagnostics.report(DiagnosticCode::PC4002, at(site_path, 4), "a message", "a help");
  d.severity = Severity::kNote;
  d.notes.push_back({at(policy, 6), "brought in here"});
  d.fixes.push_back({at(policy, 6), "allowCamera", "rename"});
  result.unused_suppressions.push_back({at(policy, 1), DiagnosticCode::PC1002, "unknown-key", 2});
  lang::FragmentSite site;
  site.name = "fragments/cam";
  site.use = at(policy, 6);
  site.path = site_path;
  result.uses.sites.push_back(site);
  result.uses.usable = true;
  return result;
}

std::string encode(const KeptResult& r) {
  return encode_kept_result(r.profile, r.diagnostics, r.unused_suppressions, r.uses);
}

TEST(ResultCache, ResultRoundTripsWithItsSharedPaths) {
  const KeptResult original = sample();
  const std::string bytes = encode(original);
  const KeptResult back = decode_kept_result(bytes);
  EXPECT_EQ(encode(back), bytes);
  const ir::Value& content = back.profile.payloads.at(0).content;
  EXPECT_EQ(content.dict().at(0).value.boolean(), false);
  EXPECT_EQ(content.dict().at(1).value.real(), 0.25);
  EXPECT_EQ(content.dict().at(2).value.date(), (ir::Date{2027, 1, 31, 12, 30, 5}));
  EXPECT_EQ(content.dict().at(3).value.data().bytes, std::string("\0\1\2", 3));
  EXPECT_EQ(std::get<ir::BigUnsigned>(content.dict().at(4).value.storage).value, UINT64_MAX);
  EXPECT_FALSE(content.dict().at(4).key_span.known());
  EXPECT_EQ(back.profile.envelope.dict().at(1).value.integer(), -7);
  EXPECT_EQ(back.profile.target.enrollment, ir::Enrollment::kAutomated);
  EXPECT_FALSE(back.profile.has_payload_content);
  // The key from the fragment and the site share one string; the policy's spans share another.
  ASSERT_EQ(back.uses.sites.size(), 1U);
  EXPECT_EQ(content.dict().at(0).value.span.path.get(), back.uses.sites[0].path.get());
  EXPECT_EQ(back.diagnostics.all().at(0).span.path.get(), back.uses.sites[0].path.get());
  EXPECT_NE(content.dict().at(1).value.span.path.get(), back.uses.sites[0].path.get());
  EXPECT_EQ(content.dict().at(1).value.span.path.get(), back.profile.payloads[0].span.path.get());
  EXPECT_EQ(back.diagnostics.all().at(0).severity, Severity::kNote);
  EXPECT_EQ(back.diagnostics.all().at(0).fixes.at(0).title, "rename");
  EXPECT_EQ(back.unused_suppressions.at(0).covered, 2U);
}

TEST(ResultCache, MalformedResultThrowsNeverCrashes) {
  const std::string bytes = encode(sample());
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_THROW(decode_kept_result(std::string_view(bytes).substr(0, n)), std::runtime_error) << n;
  }
  EXPECT_THROW(decode_kept_result(bytes + "x"), std::runtime_error);
  // Any byte changed: an error or some result, never a crash (the file's checksum catches the rest).
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string changed = bytes;
    changed[i] = static_cast<char>(changed[i] ^ 0x41);
    try {
      (void)decode_kept_result(changed);
    } catch (const std::runtime_error&) {
    }
  }
}

KeptEntry entry(const std::string& path) {
  KeptEntry e;
  e.inputs.source_path = path;
  e.inputs.output_name = "a";
  e.inputs.source_sha256 = std::string(64, 'a');
  e.inputs.project_key = "key";
  e.inputs.reads.push_back({RecordedRead::kReadFile, "repo/ca.cer", 0, read_file_answer("x")});
  e.inputs.fragments.push_back({"repo/f.toml", false, "f", read_file_answer("y")});
  e.inputs.clock = {100, 200};
  e.inputs.unsigned_sha256 = std::string(64, 'b');
  const auto owner = std::make_shared<const std::string>(encode(sample()));
  e.result = *owner;
  e.owner = owner;
  return e;
}

TEST(ResultCache, FileRoundTripsForItsRunKeyOnly) {
  const KeptEntry b = entry("repo/b.toml");
  const KeptEntry a = entry("repo/a.toml");
  const std::string text = write_result_cache("run key", {&b, &a});
  EXPECT_EQ(write_result_cache("run key", {&a, &b}), text);  // path order, whatever the input order
  MemoryFileSystem files;
  files.add_file("out/.profilec-build-cache", text);
  const ResultCache cache = ResultCache::read(files, "out/.profilec-build-cache", "run key");
  EXPECT_EQ(cache.why(), "");
  EXPECT_TRUE(cache.usable());
  ASSERT_EQ(cache.size(), 2U);
  const KeptEntry* found = cache.find("repo/a.toml");
  ASSERT_NE(found, nullptr);
  EXPECT_TRUE(found->from_file);
  EXPECT_EQ(found->inputs.reads, a.inputs.reads);
  EXPECT_EQ(found->inputs.fragments, a.inputs.fragments);
  EXPECT_EQ(found->inputs.clock.from, 100);
  EXPECT_EQ(found->inputs.clock.until, 200);
  EXPECT_EQ(found->result, a.result);
  EXPECT_EQ(cache.find("repo/c.toml"), nullptr);

  const ResultCache other = ResultCache::read(files, "out/.profilec-build-cache", "another run key");
  EXPECT_EQ(other.size(), 0U);
  EXPECT_FALSE(other.usable());
  EXPECT_NE(other.why().find("another build"), std::string::npos);
  const ResultCache none = ResultCache::read(files, "out/missing", "run key");
  EXPECT_EQ(none.size(), 0U);
  EXPECT_EQ(none.why(), "");
}

TEST(ResultCache, DamagedFileIsAnEmptyCache) {
  const KeptEntry a = entry("repo/a.toml");
  const std::string text = write_result_cache("run key", {&a});
  MemoryFileSystem files;
  for (std::size_t n = 0; n < text.size(); ++n) {
    files.add_file("cache", text.substr(0, n));
    const ResultCache cache = ResultCache::read(files, "cache", "run key");
    EXPECT_EQ(cache.size(), 0U) << n;
    EXPECT_FALSE(cache.why().empty()) << n;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string changed = text;
    changed[i] = static_cast<char>(changed[i] ^ 0x10);
    files.add_file("cache", changed);
    EXPECT_EQ(ResultCache::read(files, "cache", "run key").size(), 0U) << i;
  }
}

TEST(ResultCache, JournalFitsUpToAnEighthOfTheBase) {
  EXPECT_TRUE(journal_fits(100, 800));
  EXPECT_FALSE(journal_fits(101, 800));
  EXPECT_TRUE(journal_fits(0, 0));
  EXPECT_FALSE(journal_fits(1, 7));
}

// A folder's cache across builds, in memory: each build reads the cache,
// keeps `entries` (by path: the one read when it still holds, else a new
// one) and writes what next() says.
class CacheFolder {
 public:
  static constexpr const char* kBase = "out/.profilec-build-cache";
  static constexpr const char* kJournal = "out/.profilec-build-cache.journal";

  ResultCache read(const std::string& run_key = "run key") const { return ResultCache::read(files, kBase, run_key); }
  // A build that keeps the entries read for `same` and new ones for `changed`.
  ResultCacheWrite build(const std::vector<std::string>& same, const std::vector<std::string>& changed,
                         const std::string& run_key = "run key") {
    const ResultCache cache = read(run_key);
    std::vector<KeptEntry> made;
    made.reserve(changed.size());
    for (const std::string& path : changed) {
      made.push_back(entry(path));
      made.back().inputs.source_sha256 = std::string(64, static_cast<char>('c' + generation_ % 20));
    }
    ++generation_;
    std::vector<const KeptEntry*> kept;
    for (const std::string& path : same) {
      const KeptEntry* found = cache.find(path);
      EXPECT_NE(found, nullptr) << path;
      if (found != nullptr) kept.push_back(found);
    }
    for (const KeptEntry& e : made) kept.push_back(&e);
    ResultCacheWrite write = cache.next(kept);
    for (const auto& [path, bytes] : write.files) files.add_file(path, bytes);
    return write;
  }
  std::string text(const char* path) const { return *files.read_file(path); }

  MemoryFileSystem files;

 private:
  int generation_ = 0;
};

std::vector<std::string> paths(int from, int to) {
  std::vector<std::string> all;
  for (int i = from; i < to; ++i) all.push_back(fmt::format("repo/p{:02}.toml", i));
  return all;
}

std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST(ResultCache, OneChangeOfTwentyGoesToTheJournalAndOverridesTheBase) {
  CacheFolder folder;
  const ResultCacheWrite first = folder.build({}, paths(0, 20));
  EXPECT_EQ(first.kind, ResultCacheWrite::Kind::kWhole);
  EXPECT_EQ(first.entries, 20U);
  ASSERT_EQ(first.files.size(), 1U);  // no journal was there: none is made
  const std::string base = folder.text(CacheFolder::kBase);
  EXPECT_EQ(folder.build(paths(0, 20), {}).kind, ResultCacheWrite::Kind::kNothing);

  const ResultCacheWrite one = folder.build(paths(0, 7) + paths(8, 20), paths(7, 8));
  EXPECT_EQ(one.kind, ResultCacheWrite::Kind::kJournal);
  EXPECT_EQ(one.entries, 1U);
  EXPECT_EQ(one.withdrawn, 0U);
  ASSERT_EQ(one.files.size(), 1U);
  EXPECT_EQ(one.files[0].first, CacheFolder::kJournal);
  EXPECT_TRUE(journal_fits(one.files[0].second.size(), base.size()));
  EXPECT_EQ(folder.text(CacheFolder::kBase), base);  // the base as it was
  const ResultCache read = folder.read();
  EXPECT_EQ(read.why(), "");
  EXPECT_TRUE(read.usable());
  EXPECT_EQ(read.size(), 20U);
  EXPECT_TRUE(read.find("repo/p07.toml")->from_journal);
  EXPECT_EQ(read.find("repo/p07.toml")->inputs.source_sha256, std::string(64, 'e'));  // the third build's
  EXPECT_FALSE(read.find("repo/p08.toml")->from_journal);
  EXPECT_EQ(read.find("repo/p08.toml")->inputs.source_sha256, std::string(64, 'c'));  // the first build's
  // Nothing changed: neither file is written, though the journal holds an entry.
  EXPECT_EQ(folder.build(paths(0, 20), {}).kind, ResultCacheWrite::Kind::kNothing);

  // A policy deleted: its base entry is withdrawn; the journal keeps p07's entry.
  const ResultCacheWrite deleted = folder.build(paths(0, 3) + paths(4, 20), {});
  EXPECT_EQ(deleted.kind, ResultCacheWrite::Kind::kJournal);
  EXPECT_EQ(deleted.entries, 1U);
  EXPECT_EQ(deleted.withdrawn, 1U);
  const ResultCache after = folder.read();
  EXPECT_EQ(after.size(), 19U);
  EXPECT_EQ(after.find("repo/p03.toml"), nullptr);
  EXPECT_TRUE(after.find("repo/p07.toml")->from_journal);
  // Then a new, different policy at its path: its own entry, not the base's.
  const ResultCacheWrite again = folder.build(paths(0, 3) + paths(4, 20), paths(3, 4));
  EXPECT_EQ(again.kind, ResultCacheWrite::Kind::kJournal);
  EXPECT_EQ(again.withdrawn, 0U);
  const ResultCache reread = folder.read();
  const KeptEntry* back = reread.find("repo/p03.toml");
  ASSERT_NE(back, nullptr);
  EXPECT_TRUE(back->from_journal);
  EXPECT_NE(back->inputs.source_sha256, std::string(64, 'c'));
}

TEST(ResultCache, JournalPastAnEighthOfTheBaseRewritesItWholeAndEmptiesTheJournal) {
  CacheFolder folder;
  folder.build({}, paths(0, 20));
  ASSERT_EQ(folder.build(paths(0, 18), paths(18, 20)).kind, ResultCacheWrite::Kind::kJournal);  // 2 of 20: fits
  const ResultCacheWrite three = folder.build(paths(0, 17) + paths(18, 20), paths(17, 18));     // 3 of 20: not
  EXPECT_EQ(three.kind, ResultCacheWrite::Kind::kWhole);
  EXPECT_EQ(three.entries, 20U);
  ASSERT_EQ(three.files.size(), 2U);
  EXPECT_EQ(three.files[0].first, CacheFolder::kBase);
  EXPECT_EQ(three.files[1].first, CacheFolder::kJournal);
  const ResultCache read = folder.read();
  EXPECT_EQ(read.why(), "");
  EXPECT_EQ(read.size(), 20U);
  for (const std::string& path : paths(0, 20)) EXPECT_FALSE(read.find(path)->from_journal) << path;
  EXPECT_EQ(folder.build(paths(0, 20), {}).kind, ResultCacheWrite::Kind::kNothing);
  // The base written whole from entries read from it and its journal is the base made from them anew.
  CacheFolder fresh;
  fresh.build({}, paths(0, 20));
  EXPECT_EQ(folder.text(CacheFolder::kBase).size(), fresh.text(CacheFolder::kBase).size());
  // Another run key: the base is written whole, and the journal emptied over it.
  ASSERT_EQ(folder.build(paths(0, 19), paths(19, 20)).kind, ResultCacheWrite::Kind::kJournal);
  const ResultCacheWrite keyed = folder.build({}, paths(0, 1), "another run key");
  EXPECT_EQ(keyed.kind, ResultCacheWrite::Kind::kWhole);
  ASSERT_EQ(keyed.files.size(), 2U);
  EXPECT_EQ(keyed.files[1].first, CacheFolder::kJournal);
  const ResultCache other = folder.read("another run key");
  EXPECT_EQ(other.why(), "");
  EXPECT_EQ(other.size(), 1U);
  EXPECT_FALSE(other.find("repo/p00.toml")->from_journal);
}

TEST(ResultCache, DamagedForeignOrMisplacedJournalIsAnEmptyCache) {
  CacheFolder folder;
  folder.build({}, paths(0, 20));
  folder.build(paths(0, 19), paths(19, 20));
  const std::string journal = folder.text(CacheFolder::kJournal);
  const auto why = [&](const std::string& text) {
    folder.files.add_file(CacheFolder::kJournal, text);
    const ResultCache cache = folder.read();
    EXPECT_EQ(cache.size(), 0U);
    EXPECT_FALSE(cache.usable());
    return cache.why();
  };
  for (std::size_t n = 0; n < journal.size(); ++n)
    EXPECT_TRUE(why(journal.substr(0, n)).starts_with("its journal ")) << n;
  for (std::size_t i = 0; i < journal.size(); ++i) {
    std::string changed = journal;
    changed[i] = static_cast<char>(changed[i] ^ 0x10);
    EXPECT_TRUE(why(changed).starts_with("its journal ")) << i;
  }
  EXPECT_EQ(why(""), "its journal is not a result cache journal");
  EXPECT_EQ(why(folder.text(CacheFolder::kBase)), "its journal is not a result cache journal");
  EXPECT_EQ(why(journal.substr(0, journal.size() - 1)), "its journal is damaged (its checksum does not match)");
  // A journal of the same folder over another base (the base rewritten, the journal left behind).
  CacheFolder other;
  other.build({}, paths(0, 21));
  other.build(paths(0, 20), paths(20, 21));
  EXPECT_EQ(why(other.text(CacheFolder::kJournal)), "its journal extends another base");
  // A journal made for another run key over this base.
  CacheFolder keyed;
  keyed.files.add_file(CacheFolder::kBase, folder.text(CacheFolder::kBase));
  EXPECT_EQ(keyed.read("run key").size(), 20U);
  folder.files.add_file(CacheFolder::kJournal, journal);
  EXPECT_EQ(folder.read().size(), 20U);
  // A journal without its base.
  CacheFolder orphan;
  orphan.files.add_file(CacheFolder::kJournal, journal);
  EXPECT_EQ(orphan.read().why(), "its journal has no base");
  EXPECT_EQ(orphan.read().size(), 0U);
  // After any of these, the next build writes the base whole and empties the journal.
  folder.files.add_file(CacheFolder::kJournal, "damaged");
  const ResultCacheWrite rewrite = folder.build({}, paths(0, 20));
  EXPECT_EQ(rewrite.kind, ResultCacheWrite::Kind::kWhole);
  EXPECT_EQ(rewrite.files.size(), 2U);
  EXPECT_EQ(folder.read().why(), "");
  EXPECT_EQ(folder.read().size(), 20U);
}

TEST(ResultCache, JournalOfAnotherRunKeyIsIgnored) {
  CacheFolder folder;
  folder.build({}, paths(0, 20));
  CacheFolder keyed;  // the same entries under another key, then a journal over that base
  keyed.build({}, paths(0, 20), "another run key");
  keyed.build(paths(0, 19), paths(19, 20), "another run key");
  folder.files.add_file(CacheFolder::kJournal, keyed.text(CacheFolder::kJournal));
  EXPECT_EQ(folder.read().why(), "its journal was made by another build of profilec or for other schemas or options");
}

}  // namespace
}  // namespace profilec
