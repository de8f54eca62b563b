#include "project/build_output.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>
#include <string_view>

#include "base/parallel.h"
#include "base/sha256.h"
#include "ir/profile.h"
#include "project/discover.h"

namespace profilec {
namespace {

std::string lower_ascii(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// A file's text when it is there to read.
std::optional<std::string> read_if_file(const FileSystem& files, const std::string& path) {
  if (files.kind(path) != PathKind::kFile) return std::nullopt;
  auto text = files.read_file(path);
  if (!text) return std::nullopt;
  return std::move(*text);
}

bool by_name(const BuildManifestEntry& a, const BuildManifestEntry& b) { return a.name < b.name; }

// The entry named `name` of a manifest's entries (sorted by name), or nullptr.
const BuildManifestEntry* find_entry(const std::vector<BuildManifestEntry>& entries, std::string_view name) {
  const auto entry = std::lower_bound(entries.begin(), entries.end(), name,
                                      [](const BuildManifestEntry& e, std::string_view n) { return e.name < n; });
  return entry != entries.end() && entry->name == name ? &*entry : nullptr;
}

// Sorted as std::sort does, without its cost when already sorted: the
// profiles come in the order of their paths, which is mostly name order.
template <typename T, typename Less = std::less<>>
void sort_if_needed(std::vector<T>& items, Less less = {}) {
  if (!std::is_sorted(items.begin(), items.end(), less)) std::sort(items.begin(), items.end(), less);
}

// A file's stamp as the manifest records it: without the device, since
// every file it lists is in its one output folder.
std::optional<FileStamp> recorded_stamp(const FileSystem& files, const std::string& path) {
  std::optional<FileStamp> stamp = files.stamp(path);
  if (stamp) stamp->device = 0;
  return stamp;
}

}  // namespace

PreviousBuild read_previous_build(const FileSystem& files, const std::string& output_dir, unsigned jobs) {
  PreviousBuild previous;
  if (files.kind(output_dir) != PathKind::kDirectory) return previous;
  const std::string manifest_path = join_path(output_dir, std::string(kBuildManifestName));
  if (files.kind(manifest_path) == PathKind::kMissing) {
    previous.state = PreviousBuild::State::kNoManifest;
    return previous;
  }
  previous.state = PreviousBuild::State::kUnusable;
  auto text = files.read_file(manifest_path);
  if (!text) {
    previous.why = fmt::format("cannot read it: {}", text.error().message);
    return previous;
  }
  previous.manifest_text = std::move(*text);
  auto manifest = read_build_manifest(*previous.manifest_text);
  if (!manifest) {
    previous.why = manifest.error();
    return previous;
  }
  previous.state = PreviousBuild::State::kLoaded;
  previous.manifest = std::move(*manifest);
  std::vector<BuildManifestEntry>& entries = previous.manifest.files;
  const std::optional<FileStamp> manifest_stamp = files.stamp(manifest_path);
  enum Found : char { kChanged, kTrusted, kHashed };
  std::vector<Found> found(entries.size(), kChanged);
  parallel_for(entries.size(), jobs, [&](std::size_t i) {
    BuildManifestEntry& entry = entries[i];
    const std::string path = join_path(output_dir, entry.name);
    // Taken before the read: a file changed after it has another stamp.
    const std::optional<FileStamp> now = recorded_stamp(files, path);
    if (now && entry.stamp == now && manifest_stamp && now->changed_ns < manifest_stamp->modified_ns) {
      found[i] = kTrusted;
      return;
    }
    auto bytes = files.read_file(path);
    found[i] = bytes && sha256_hex(*bytes) == entry.sha256 ? kHashed : kChanged;
    entry.stamp = found[i] == kHashed ? now : std::nullopt;
  });
  for (std::size_t i = 0; i < entries.size(); ++i) {
    ++(found[i] == kTrusted ? previous.trusted : previous.hashed);
    // In name order: each goes at the end of the map.
    if (found[i] != kChanged)
      previous.intact.emplace_hint(previous.intact.end(), entries[i].name, entries[i].made_from);
  }
  return previous;
}

OutputPlan plan_output(std::vector<CompiledProfile>& profiles, const PreviousBuild& previous, const FileSystem& files,
                       const std::string& output_dir, const ProfileSigning& signing, unsigned jobs) {
  // This build's manifest, entry i for profile i until sorted.
  BuildManifest next;
  next.files.resize(profiles.size());
  enum Outcome : char { kWritten, kUnchanged };
  std::vector<Outcome> outcomes(profiles.size(), kWritten);
  parallel_for(profiles.size(), jobs, [&](std::size_t i) {
    CompiledProfile& compiled = profiles[i];
    BuildManifestEntry& entry = next.files[i];
    entry.name = compiled.output_name + ".mobileconfig";
    entry.made_from = compiled.made_from.empty() ? build_input_digest(compiled.xml, signing) : compiled.made_from;
    const auto earlier = previous.intact.find(entry.name);
    // A profile holding a secret is always written: the rename gives it
    // 0600 again, whatever became of its file's mode.
    const bool unchanged = compiled.kept || (earlier != previous.intact.end() && earlier->second == entry.made_from &&
                                             !ir::holds_secret(compiled.profile));
    outcomes[i] = unchanged ? kUnchanged : kWritten;
    if (unchanged) {
      // The manifest is sorted by name (read_build_manifest).
      const BuildManifestEntry* listed = find_entry(previous.manifest.files, entry.name);
      entry.sha256 = listed->sha256;
      entry.stamp = listed->stamp;
    } else {
      if (compiled.finished) compiled.xml = std::move(*compiled.finished);
      entry.sha256 = sha256_hex(compiled.xml);
    }
  });

  OutputPlan plan;
  plan.unchanged.reserve(profiles.size());
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    std::string path = join_path(output_dir, next.files[i].name);
    if (outcomes[i] == kUnchanged) {
      plan.unchanged.push_back(std::move(path));
    } else {
      plan.written.push_back(path);
      plan.writes.emplace_back(std::move(path), std::move(profiles[i].xml));
      plan.access.push_back(ir::holds_secret(profiles[i].profile) ? FileAccess::kOwnerOnly : FileAccess::kShared);
    }
    if (ir::holds_secret(profiles[i].profile)) plan.manifest_access = FileAccess::kOwnerOnly;
  }
  sort_if_needed(next.files, by_name);

  // What the previous build wrote and this one no longer makes: the
  // manifest written with the profiles still lists what is removed.
  std::vector<const BuildManifestEntry*> to_remove;
  std::set<std::string> built_folded;  // names built, ASCII case folded: one file on macOS and Windows
  for (const BuildManifestEntry& entry : previous.manifest.files) {
    if (find_entry(next.files, entry.name) != nullptr) continue;
    if (built_folded.empty()) {
      for (const BuildManifestEntry& built : next.files) built_folded.insert(lower_ascii(built.name));
    }
    if (built_folded.contains(lower_ascii(entry.name))) continue;
    std::string path = join_path(output_dir, entry.name);
    if (previous.intact.contains(entry.name)) {
      plan.removed.push_back(std::move(path));
      to_remove.push_back(&entry);
    } else if (files.kind(path) != PathKind::kMissing) {
      plan.left_alone.push_back(std::move(path));
    }
  }
  sort_if_needed(plan.written);
  sort_if_needed(plan.unchanged);

  // The marker that keeps later folder walks out of this folder
  // (project/discover.h), when it is not there as build writes it.
  const std::string marker = join_path(output_dir, std::string(kOutputMarkerName));
  if (read_if_file(files, marker) != kOutputMarkerText) {
    plan.writes.emplace_back(marker, std::string(kOutputMarkerText));
    plan.access.push_back(FileAccess::kShared);
  }
  const std::string manifest_path = join_path(output_dir, std::string(kBuildManifestName));
  std::string manifest_text;
  if (to_remove.empty()) {
    manifest_text = write_build_manifest(next);
  } else {
    BuildManifest pending = next;
    for (const BuildManifestEntry* entry : to_remove) pending.files.push_back(*entry);
    std::sort(pending.files.begin(), pending.files.end(), by_name);
    manifest_text = write_build_manifest(pending);
  }
  if (previous.manifest_text != manifest_text) {
    plan.writes.emplace_back(manifest_path, std::move(manifest_text));
    plan.access.push_back(plan.manifest_access);
  }
  plan.next = std::move(next);
  return plan;
}

std::optional<IoError> apply_output_plan(FileSystem& files, const std::string& output_dir, OutputPlan& plan) {
  if (!plan.writes.empty()) {
    if (auto error = files.write_files_atomically(plan.writes, plan.access)) return error;
  }
  for (const std::string& path : plan.removed) {
    if (auto error = files.remove_file(path)) return error;
  }
  // The stamps of the profiles just written, as they are now in place.
  // The manifest in the folder has none for them and lists the files
  // removed: with a stamp taken or a file removed, `next` is another text.
  bool stamped = false;
  for (BuildManifestEntry& entry : plan.next.files) {
    if (entry.stamp) continue;
    entry.stamp = recorded_stamp(files, join_path(output_dir, entry.name));
    stamped = stamped || entry.stamp.has_value();
  }
  if (!stamped && plan.removed.empty()) return std::nullopt;
  plan.final_manifest = write_build_manifest(plan.next);
  return files.write_file_atomically(join_path(output_dir, std::string(kBuildManifestName)), *plan.final_manifest,
                                     plan.manifest_access);
}

}  // namespace profilec
