#include "review/snapshot_diff.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "review/render_diff.h"
#include "schema/schema_set.h"
#include "support/pipeline.h"

namespace profilec::review {
namespace {

ir::Value string_value(std::string text, bool secret = false) {
  ir::Value value;
  value.storage = std::move(text);
  value.secret = secret;
  return value;
}

constexpr const char* kPolicy = R"([profile]
id = "com.example.r"

[target]
platforms = { iOS = "17.0" }
supervised = SUPERVISED

[payload.r]
type = "com.apple.applicationaccess"
allowCamera = CAMERA
)";

std::string policy(bool supervised, bool camera) {
  std::string text = kPolicy;
  text.replace(text.find("SUPERVISED"), 10, supervised ? "true" : "false");
  text.replace(text.find("CAMERA"), 6, camera ? "true" : "false");
  return text;
}

struct Compiled {
  testing::PipelineRun run;
  Snapshot snapshot;
};

Compiled compile(const std::string& text) {
  MemoryFileSystem files;
  files.add_file("side/policies/r.toml", text);
  Compiled out{testing::compile_paths(files, {"side"}), {}};
  out.snapshot.label = "side";
  out.snapshot.root = "side";
  for (const CompiledProfile& c : out.run.result.profiles) out.snapshot.profiles.push_back(&c.profile);
  return out;
}

TEST(SnapshotDiff, ASettingChangeNamesItsDeviceClassesValuesAndSources) {
  const Compiled before = compile(policy(true, false));
  const Compiled after = compile(policy(true, true));
  const SnapshotDiff diff = diff_snapshots(before.snapshot, after.snapshot, schema::SchemaSet::embedded());
  ASSERT_EQ(diff.devices.size(), 2u);  // supervised iOS, device and automated enrollment
  EXPECT_EQ(diff.devices[0].label, "iOS, supervised, device enrollment");
  ASSERT_EQ(diff.devices[0].settings.size(), 1u);
  const KeyChange& change = diff.devices[0].settings[0];
  EXPECT_EQ(change.key, "allowCamera");
  EXPECT_EQ(describe_full(change.old_value->value), "false");
  EXPECT_EQ(describe_full(change.new_value->value), "true");
  EXPECT_EQ(place_text(change.new_value->place), "policies/r.toml:10");
  EXPECT_TRUE(diff.consequences.empty());
  ASSERT_EQ(diff.profiles.size(), 1u);
  EXPECT_EQ(diff.profiles[0].new_path, "policies/r.toml");
}

TEST(SnapshotDiff, NothingChangedIsEmpty) {
  const Compiled before = compile(policy(false, false));
  const Compiled after = compile(policy(false, false));
  const SnapshotDiff diff = diff_snapshots(before.snapshot, after.snapshot, schema::SchemaSet::embedded());
  EXPECT_TRUE(diff.empty());
  EXPECT_EQ(summary_text(diff), "no change to any profile or device");
}

TEST(SnapshotDiff, EveryConsequenceKindHasADistinctNameAndItsPageSection) {
  std::set<std::string_view> names;
  for (const ConsequenceKind kind : kAllConsequenceKinds) {
    EXPECT_TRUE(names.insert(consequence_name(kind)).second) << consequence_name(kind);
    EXPECT_FALSE(consequence_summary(kind).empty());
  }
  EXPECT_EQ(names.size(), 5u);
}

TEST(RenderDiffMarkdown, CutsAtALineWithAMarkerUnderTheLimit) {
  SnapshotDiff diff;
  diff.old_label = "a";
  diff.new_label = "b";
  DeviceClassDiff device;
  device.label = "iOS, device enrollment";
  for (int i = 0; i < 200; ++i) {
    device.settings.push_back(KeyChange{"com.apple.x", "key" + std::to_string(i), Change::kAdded, std::nullopt,
                                        ValueSide{string_value("a|b"), Place{"p.toml", 3}}, false});
  }
  diff.devices.push_back(device);
  const std::string whole = render_diff_markdown(diff, 0);
  EXPECT_NE(whole.find("| com.apple.x | key199 | added |  | \"a\\|b\" | p.toml:3 |"), std::string::npos) << whole;
  const std::string cut = render_diff_markdown(diff, 2000);
  EXPECT_LE(cut.size(), 2000u);
  EXPECT_GT(cut.size(), 1500u);
  const std::size_t marker = cut.find("\n---\n**Truncated:** this diff is ");
  ASSERT_NE(marker, std::string::npos);
  EXPECT_EQ(whole.compare(0, marker, cut, 0, marker), 0);  // a prefix of the whole, cut at a line end
  EXPECT_EQ(cut[marker - 1], '\n');
  EXPECT_EQ(render_diff_markdown(diff, whole.size()), whole);
}

TEST(RenderDiff, ASecretIsNeverWritten) {
  SnapshotDiff diff;
  ProfileDiff profile;
  profile.identifier = "p";
  PayloadDiff payload;
  payload.type = "com.apple.wifi.managed";
  const ir::Value before = string_value("old-secret-text", true);
  const ir::Value after = string_value("new-secret-text", true);
  payload.keys.push_back(KeyChange{"", "Password", Change::kChanged, ValueSide{before, {}}, ValueSide{after, {}},
                                   true});
  profile.payloads.push_back(payload);
  diff.profiles.push_back(profile);
  for (const std::string& text :
       {render_diff_human(diff), render_diff_markdown(diff), render_diff_json(diff), render_diff_html(diff)}) {
    EXPECT_EQ(text.find("secret-text"), std::string::npos) << text;
    EXPECT_NE(text.find("Password"), std::string::npos);
  }
}

}  // namespace
}  // namespace profilec::review
