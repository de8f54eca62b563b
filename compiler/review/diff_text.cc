#include <fmt/format.h>

#include "review/render_diff.h"

namespace profilec::review {

DiffCounts count_changes(const SnapshotDiff& diff) {
  DiffCounts counts;
  for (const ProfileDiff& p : diff.profiles) {
    if (p.change == Change::kAdded) ++counts.profiles_added;
    if (p.change == Change::kRemoved) ++counts.profiles_removed;
    if (p.change == Change::kChanged) ++counts.profiles_changed;
  }
  for (const DeviceClassDiff& d : diff.devices) counts.settings += d.settings.size();
  return counts;
}

namespace {
std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}
}  // namespace

std::string summary_text(const SnapshotDiff& diff) {
  if (diff.empty()) return "no change to any profile or device";
  const DiffCounts c = count_changes(diff);
  return fmt::format("{} ({} added, {} removed, {} changed); {} on {}; {}",
                     plural(c.profiles_added + c.profiles_removed + c.profiles_changed, "profile", "profiles"),
                     c.profiles_added, c.profiles_removed, c.profiles_changed,
                     plural(c.settings, "effective setting", "effective settings"),
                     plural(diff.devices.size(), "device class", "device classes"),
                     plural(diff.consequences.size(), "consequence", "consequences"));
}

std::string path_text(const ProfileDiff& profile) {
  if (profile.old_path.empty()) return profile.new_path;
  if (profile.new_path.empty() || profile.new_path == profile.old_path) return profile.old_path;
  return fmt::format("{} → {}", profile.old_path, profile.new_path);
}

std::string place_text(const Place& place) {
  if (place.file.empty()) return "";
  if (place.line == 0) return place.file;
  return fmt::format("{}:{}", place.file, place.line);
}

std::string side_text(const std::optional<ValueSide>& side, bool secret) {
  if (!side) return "(none)";
  if (secret) return "(secret)";
  return describe_full(side->value);
}

}  // namespace profilec::review
