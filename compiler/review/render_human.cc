#include <fmt/format.h>

#include <set>

#include "review/render_diff.h"

namespace profilec::review {
namespace {

std::string change_line(const KeyChange& k) {
  std::string text;
  if (k.change == Change::kChanged) {
    text = k.secret ? "(secret) changed"
                    : fmt::format("{} -> {}", side_text(k.old_value, false), side_text(k.new_value, false));
  } else {
    const auto& side = k.change == Change::kAdded ? k.new_value : k.old_value;
    text = fmt::format("{} {}", change_name(k.change), side_text(side, k.secret));
  }
  const Place& where = k.new_value ? k.new_value->place : k.old_value->place;
  const std::string place = place_text(where);
  return place.empty() ? text : fmt::format("{}  ({})", text, place);
}

}  // namespace

std::string render_diff_human(const SnapshotDiff& diff) {
  std::string out = fmt::format("diff {} -> {}: {}\n", diff.old_label, diff.new_label, summary_text(diff));
  for (const std::string& f : diff.old_failed)
    out += fmt::format("  note: {} ({}) has errors and is left out\n", f, diff.old_label);
  for (const std::string& f : diff.new_failed)
    out += fmt::format("  note: {} ({}) has errors and is left out\n", f, diff.new_label);
  if (!diff.consequences.empty()) {
    out += "\nwhat devices will do\n";
    std::set<ConsequenceKind> explained;
    for (const Consequence& c : diff.consequences) {
      out += fmt::format("  {}: {}: {}\n", place_text(c.place), consequence_name(c.kind), c.message);
      if (explained.insert(c.kind).second) out += fmt::format("    note: {}\n", consequence_summary(c.kind));
    }
  }
  for (const DeviceClassDiff& d : diff.devices) {
    out += fmt::format("\neffective settings, {}\n", d.label);
    for (const KeyChange& k : d.settings) out += fmt::format("  {} {}: {}\n", k.payload, k.key, change_line(k));
  }
  for (const ProfileDiff& p : diff.profiles) {
    const std::string path = path_text(p);
    out += fmt::format("\nprofile {} ({}): {}\n", p.identifier, path, change_name(p.change));
    if (!p.old_target.empty() && !p.new_target.empty()) {
      out += fmt::format("  target: {} -> {}\n", p.old_target, p.new_target);
    }
    for (const KeyChange& k : p.envelope) out += fmt::format("  {}: {}\n", k.key, change_line(k));
    for (const PayloadDiff& payload : p.payloads) {
      out += fmt::format("  payload {} ({}): {}\n", payload.identifier, payload.type, change_name(payload.change));
      for (const KeyChange& k : payload.keys) out += fmt::format("    {}: {}\n", k.key, change_line(k));
    }
  }
  return out;
}

}  // namespace profilec::review
