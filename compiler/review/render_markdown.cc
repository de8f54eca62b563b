#include <fmt/format.h>

#include <set>
#include <vector>

#include "review/render_diff.h"

namespace profilec::review {
namespace {

// Table cells: one line, and nothing Markdown would read as structure.
std::string cell(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    if (c == '|' || c == '\\' || c == '`' || c == '*' || c == '_' || c == '<' || c == '>' || c == '[' || c == ']' ||
        c == '#') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

std::string value_cell(const std::optional<ValueSide>& side, bool secret, Change change) {
  if (!side) return "";
  if (secret) return change == Change::kChanged ? "(secret, changed)" : "(secret)";
  return cell(side_text(side, false));
}

std::string source_cell(const KeyChange& k) {
  const std::string before = k.old_value ? place_text(k.old_value->place) : "";
  const std::string after = k.new_value ? place_text(k.new_value->place) : "";
  if (before.empty() || after.empty() || before == after) return cell(after.empty() ? before : after);
  return cell(fmt::format("{} → {}", before, after));
}

void key_table(std::vector<std::string>& lines, const std::vector<KeyChange>& changes, bool with_payload) {
  lines.push_back(with_payload ? "| payload | key | change | old | new | source |"
                               : "| key | change | old | new | source |");
  lines.push_back(with_payload ? "|---|---|---|---|---|---|" : "|---|---|---|---|---|");
  for (const KeyChange& k : changes) {
    std::string row = with_payload ? fmt::format("| {} ", cell(k.payload)) : "";
    row += fmt::format("| {} | {} | {} | {} | {} |", cell(k.key), change_name(k.change),
                       value_cell(k.old_value, k.secret, k.change), value_cell(k.new_value, k.secret, k.change),
                       source_cell(k));
    lines.push_back(std::move(row));
  }
  lines.emplace_back();
}

}  // namespace

std::string render_diff_markdown(const SnapshotDiff& diff, std::size_t limit) {
  std::vector<std::string> lines;
  lines.push_back(fmt::format("## profilec diff: {} → {}", cell(diff.old_label), cell(diff.new_label)));
  lines.emplace_back();
  lines.push_back(fmt::format("**Summary:** {}.", cell(summary_text(diff))));
  lines.emplace_back();
  for (const std::string& f : diff.old_failed) {
    lines.push_back(fmt::format("- {} ({}) has errors and is left out", cell(f), cell(diff.old_label)));
  }
  for (const std::string& f : diff.new_failed) {
    lines.push_back(fmt::format("- {} ({}) has errors and is left out", cell(f), cell(diff.new_label)));
  }
  if (!diff.old_failed.empty() || !diff.new_failed.empty()) lines.emplace_back();
  if (!diff.consequences.empty()) {
    lines.emplace_back("### What devices will do");
    lines.emplace_back();
    lines.emplace_back("| kind | where | what |");
    lines.emplace_back("|---|---|---|");
    std::set<ConsequenceKind> kinds;
    for (const Consequence& c : diff.consequences) {
      lines.push_back(fmt::format("| {} | {} | {} |", consequence_name(c.kind), cell(place_text(c.place)),
                                  cell(c.message)));
      kinds.insert(c.kind);
    }
    lines.emplace_back();
    for (const ConsequenceKind kind : kinds) {
      lines.push_back(fmt::format("- **{}**: {}", consequence_name(kind), cell(consequence_summary(kind))));
    }
    lines.emplace_back();
  }
  if (!diff.devices.empty()) {
    lines.emplace_back("### Effective settings per device class");
    lines.emplace_back();
    for (const DeviceClassDiff& d : diff.devices) {
      lines.push_back(fmt::format("#### {}", cell(d.label)));
      lines.emplace_back();
      key_table(lines, d.settings, true);
    }
  }
  if (!diff.profiles.empty()) {
    lines.emplace_back("### Profiles");
    lines.emplace_back();
    for (const ProfileDiff& p : diff.profiles) {
      const std::string path = path_text(p);
      lines.push_back(fmt::format("#### {}: {} ({})", change_name(p.change), cell(p.identifier), cell(path)));
      lines.emplace_back();
      if (!p.old_target.empty() && !p.new_target.empty()) {
        lines.push_back(fmt::format("Target: {} → {}", cell(p.old_target), cell(p.new_target)));
        lines.emplace_back();
      }
      if (!p.envelope.empty()) key_table(lines, p.envelope, false);
      std::vector<KeyChange> keys;
      for (const PayloadDiff& payload : p.payloads) {
        for (KeyChange k : payload.keys) {
          k.payload = fmt::format("{} ({}, {})", payload.identifier, payload.type, change_name(payload.change));
          keys.push_back(std::move(k));
        }
      }
      if (!keys.empty()) key_table(lines, keys, true);
    }
  }

  std::size_t total = 0;
  for (const std::string& line : lines) total += line.size() + 1;
  std::string out;
  if (limit == 0 || total <= limit) {
    for (const std::string& line : lines) out += line + "\n";
    return out;
  }
  // Room for the marker, whose numbers take at most 20 digits each.
  const std::string marker_form =
      "\n---\n**Truncated:** this diff is {} bytes, over the limit of {} (`--markdown-limit`): {} of its {} lines "
      "are left out. Run `profilec diff` for all of it.\n";
  const std::size_t room = marker_form.size() + 80;
  std::size_t kept = 0;
  std::size_t used = 0;
  while (kept < lines.size() && used + lines[kept].size() + 1 + room <= limit) used += lines[kept++].size() + 1;
  for (std::size_t i = 0; i < kept; ++i) out += lines[i] + "\n";
  out += fmt::format(fmt::runtime(marker_form), total, limit, lines.size() - kept, lines.size());
  return out;
}

}  // namespace profilec::review
