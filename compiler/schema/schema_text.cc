#include "schema/schema_text.h"

#include <fmt/format.h>

#include <vector>

#include "schema/resolve_facts.h"

namespace profilec::schema {
namespace {

std::string yes_no(const std::optional<bool>& b) { return b ? (*b ? "yes" : "no") : "-"; }
std::string version(const std::optional<OsVersion>& v) { return v ? v->text() : "-"; }
std::string mode(const std::optional<Mode>& m) { return m ? std::string(mode_name(*m)) : "-"; }

std::string cell(const std::optional<OsVersion>& v) { return version(v); }
std::string cell(const std::optional<bool>& b) { return yes_no(b); }
std::string cell(const std::optional<Mode>& m) { return mode(m); }

}  // namespace

// The platform-by-fact matrix: one row per fact of schema/platform_facts.def,
// in the order of their `row`.
std::string matrix(const FactsByPlatform& facts) {
  // cells[row][platform]
  std::array<std::array<std::string, kPlatformCount>, kPlatformFactCount> cells;
  for (Platform p : kAllPlatforms) {
    const auto& f = facts[static_cast<std::size_t>(p)];
    if (!f) continue;
    for_each_platform_fact(*f, [&](const PlatformFactInfo& info, const auto& fact) {
      cells[info.row][static_cast<std::size_t>(p)] = cell(fact);
    });
  }
  std::array<std::string_view, kPlatformFactCount> labels;
  for (const PlatformFactInfo& info : kPlatformFactInfo) labels[info.row] = info.label;

  std::string out = fmt::format("  {:<24}", "");
  for (Platform p : kAllPlatforms) out += fmt::format("{:<10}", platform_name(p));
  while (out.back() == ' ') out.pop_back();
  out += "\n";
  for (std::size_t row = 0; row < labels.size(); ++row) {
    const bool introduced = labels[row] == "introduced";
    std::string line = fmt::format("  {:<24}", labels[row]);
    bool any = false;
    for (Platform p : kAllPlatforms) {
      const auto& f = facts[static_cast<std::size_t>(p)];
      std::string text = !f ? "-" : (!introduced && !f->supported()) ? "" : cells[row][static_cast<std::size_t>(p)];
      if (introduced && (!f || !f->supported())) text = "n/a";
      any = any || (text != "-" && !text.empty());
      line += fmt::format("{:<10}", text);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (any || introduced) out += line + "\n";
  }
  return out;
}

FactsByPlatform payload_matrix(const PayloadSchema& s) {
  FactsByPlatform facts;
  for (Platform p : kAllPlatforms) facts[static_cast<std::size_t>(p)] = payload_facts(s, p);
  return facts;
}

std::string constraints(const Key& key) {
  std::vector<std::string> parts;
  if (key.default_value) parts.push_back("default " + format_scalar(*key.default_value));
  if (!key.allowed_values.empty()) {
    std::string list;
    for (const auto& v : key.allowed_values) list += (list.empty() ? "" : ", ") + format_scalar(v);
    parts.push_back("one of " + list);
  }
  if (key.range_min || key.range_max) {
    parts.push_back(fmt::format("range {}..{}", key.range_min ? fmt::format("{}", *key.range_min) : "",
                                key.range_max ? fmt::format("{}", *key.range_max) : ""));
  }
  if (!key.format.empty()) parts.push_back("format " + key.format);
  if (!key.subtype.empty()) parts.push_back(key.subtype);
  if (key.repetition_min || key.repetition_max) {
    parts.push_back(fmt::format("{}..{} items", key.repetition_min ? std::to_string(*key.repetition_min) : "",
                                key.repetition_max ? std::to_string(*key.repetition_max) : ""));
  }
  if (!key.combinetype.empty()) parts.push_back("combines " + key.combinetype);
  if (!key.references.empty()) {
    std::string list;
    for (const auto& t : key.references) list += (list.empty() ? "" : ", ") + t;
    parts.push_back("names a " + list);
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

std::string presence(const Key& key) {
  switch (key.presence) {
    case Presence::kRequired: return "required";
    case Presence::kOptional: return "optional";
    case Presence::kUnstated: return "";
  }
  return "";
}

}  // namespace profilec::schema
