// The renderers of a SnapshotDiff (snapshot_diff.h), one a file: the
// terminal, Markdown for a pull request, JSON (docs/diff.md, its schema),
// and a self-contained HTML page. Each returns the whole text; none prints.
// None ever writes a secret's value: a KeyChange with `secret` set is
// "changed" (or added, removed) and nothing more.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "review/snapshot_diff.h"

namespace profilec::review {

std::string render_diff_human(const SnapshotDiff& diff);

// GitHub refuses a comment over 65,536 characters; a job summary holds 1 MiB.
inline constexpr std::size_t kDefaultMarkdownLimit = 65'000;
// The summary first, then consequences, device classes, profiles. Over
// `limit` bytes (0: no limit) the text is cut at a line, never inside a
// table row, and ends with a marker that says how much was left out.
std::string render_diff_markdown(const SnapshotDiff& diff, std::size_t limit = kDefaultMarkdownLimit);

std::string render_diff_json(const SnapshotDiff& diff);

std::string render_diff_html(const SnapshotDiff& diff);

// Shared by the renderers.
struct DiffCounts {
  std::size_t profiles_added = 0;
  std::size_t profiles_removed = 0;
  std::size_t profiles_changed = 0;
  std::size_t settings = 0;  // effective settings that change, over every device class
};
DiffCounts count_changes(const SnapshotDiff& diff);
// "3 profiles changed (1 added, 1 removed); 4 effective settings change on 2 device classes; 2 consequences"
std::string summary_text(const SnapshotDiff& diff);
// The profile's file, or "old → new" when it moved.
std::string path_text(const ProfileDiff& profile);
// "policies/a.toml:7"; "" when unknown.
std::string place_text(const Place& place);
// A side of a change as a reviewer reads it: the value in full, "(secret)"
// for a secret, "(none)" when absent.
std::string side_text(const std::optional<ValueSide>& side, bool secret);

}  // namespace profilec::review
