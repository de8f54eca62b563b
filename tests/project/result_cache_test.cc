#include "project/result_cache.h"

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
  e.owner = std::make_shared<const std::string>(encode(sample()));
  e.result = *e.owner;
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

}  // namespace
}  // namespace profilec
