#include "review/snapshot_diff.h"
#include "ir/enrollment_name.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "analyze/index.h"
#include "analyze/targets.h"
#include "analyze/value_compare.h"
#include "base/parallel.h"
#include "schema/payload_fields.h"
#include "schema/resolve_facts.h"

namespace profilec::review {
namespace {

std::string relative(const Snapshot& side, const std::string& path) {
  if (side.root.empty()) return path;
  const std::string prefix = side.root.back() == '/' ? side.root : side.root + "/";
  if (path.compare(0, prefix.size(), prefix) == 0) return path.substr(prefix.size());
  return path;
}

Place place_of(const Snapshot& side, const SourceSpan& span) {
  if (!span.known()) return {};
  return Place{relative(side, span.path_or_empty()), span.begin.line};
}

ValueSide side_of(const Snapshot& side, const ir::DictEntry& entry) {
  return ValueSide{entry.value, place_of(side, entry.key_span.known() ? entry.key_span : entry.value.span)};
}

struct Sides {
  const Snapshot& old_side;
  const Snapshot& new_side;
};

using KeyFilter = bool (*)(std::string_view);

// Keys of two dictionaries, nested dictionaries key by key ("A.B"); arrays
// and other values as a whole.
void diff_dicts(const Sides& sides, const ir::Value* old_dict, const ir::Value* new_dict, const std::string& prefix,
                KeyFilter skip, std::vector<KeyChange>& out) {
  std::map<std::string_view, std::pair<const ir::DictEntry*, const ir::DictEntry*>> keys;
  if (old_dict && old_dict->is_dict()) {
    for (const ir::DictEntry& e : old_dict->dict()) keys[e.key].first = &e;
  }
  if (new_dict && new_dict->is_dict()) {
    for (const ir::DictEntry& e : new_dict->dict()) keys[e.key].second = &e;
  }
  for (const auto& [key, entries] : keys) {
    if (prefix.empty() && skip && skip(key)) continue;
    const auto [before, after] = entries;
    const std::string path = prefix.empty() ? std::string(key) : fmt::format("{}.{}", prefix, key);
    if (before && after) {
      if (analyze::same_value(before->value, after->value)) continue;
      const bool secret = ir::holds_secret(before->value) || ir::holds_secret(after->value);
      if (!secret && before->value.is_dict() && after->value.is_dict()) {
        diff_dicts(sides, &before->value, &after->value, path, nullptr, out);
        continue;
      }
      out.push_back(KeyChange{"", path, Change::kChanged, side_of(sides.old_side, *before),
                              side_of(sides.new_side, *after), secret});
    } else if (before) {
      out.push_back(KeyChange{"", path, Change::kRemoved, side_of(sides.old_side, *before), std::nullopt,
                              ir::holds_secret(before->value)});
    } else {
      out.push_back(KeyChange{"", path, Change::kAdded, std::nullopt, side_of(sides.new_side, *after),
                              ir::holds_secret(after->value)});
    }
  }
}

bool skip_nothing(std::string_view /*key*/) { return false; }
// An added or removed payload: what it sets, not its bookkeeping.
bool skip_bookkeeping(std::string_view key) { return analyze::is_bookkeeping_key(key); }

std::string profile_identifier(const ir::Profile& profile) {
  const std::string* id = analyze::string_field(profile.envelope, "PayloadIdentifier");
  return id ? *id : profile.source_path;
}

std::string payload_identifier(const ir::Payload& payload) {
  const std::string* id = analyze::string_field(payload.content, "PayloadIdentifier");
  if (id) return *id;
  return payload.name.empty() ? payload.type : payload.name;
}

std::string describe_target(const ir::Target& target) {
  std::string platforms;
  for (const ir::PlatformTarget& p : target.platforms) {
    if (!platforms.empty()) platforms += ", ";
    platforms += p.min_version.empty() ? p.platform : fmt::format("{} {}", p.platform, p.min_version);
  }
  if (platforms.empty()) platforms = "every platform its payloads allow";
  return fmt::format("{}; {}{} enrollment{}", platforms, target.supervised ? "supervised, " : "",
                     enrollment_name(target.enrollment), target.shared_ipad ? "; Shared iPad" : "");
}

const ir::DictEntry* find_entry(const ir::Value& dict, std::string_view key) {
  if (!dict.is_dict()) return nullptr;
  for (const ir::DictEntry& e : dict.dict()) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

// The platforms whose devices a profile reaches (analyze/targets.h).
std::vector<schema::Platform> reached_platforms(analyze::KindMask kinds) {
  std::vector<schema::Platform> out;
  for (std::size_t i = 0; i < schema::kPlatformCount; ++i) {
    if (kinds & (analyze::KindMask{0b111} << (i * 3))) out.push_back(schema::kAllPlatforms[i]);
  }
  return out;
}

class Differ {
 public:
  Differ(const Snapshot& old_side, const Snapshot& new_side, const schema::SchemaSet& schemas)
      : sides_{old_side, new_side}, schemas_(schemas) {}

  SnapshotDiff run() {
    diff_.old_label = sides_.old_side.label;
    diff_.new_label = sides_.new_side.label;
    diff_.old_failed = sides_.old_side.failed_files;
    diff_.new_failed = sides_.new_side.failed_files;
    match_profiles();
    for (const auto& [before, after] : pairs_) diff_profile(before, after);
    find_moved_payloads();
    diff_device_classes();
    std::sort(diff_.profiles.begin(), diff_.profiles.end(), [](const ProfileDiff& a, const ProfileDiff& b) {
      return (a.new_path.empty() ? a.old_path : a.new_path) < (b.new_path.empty() ? b.old_path : b.new_path);
    });
    std::stable_sort(diff_.consequences.begin(), diff_.consequences.end(),
                     [](const Consequence& a, const Consequence& b) {
                       return std::tie(a.kind, a.place.file, a.place.line, a.message) <
                              std::tie(b.kind, b.place.file, b.place.line, b.message);
                     });
    return std::move(diff_);
  }

 private:
  // Pairs by PayloadIdentifier, then (a changed identifier) by source path;
  // nullptr on one side: added or removed.
  void match_profiles() {
    const auto& olds = sides_.old_side.profiles;
    const auto& news = sides_.new_side.profiles;
    std::unordered_map<std::string, std::size_t> old_by_id;
    std::unordered_map<std::string, std::size_t> old_by_path;
    for (std::size_t i = 0; i < olds.size(); ++i) {
      old_by_id.emplace(profile_identifier(*olds[i]), i);
      old_by_path.emplace(relative(sides_.old_side, olds[i]->source_path), i);
    }
    std::vector<bool> old_used(olds.size(), false);
    std::vector<const ir::Profile*> unmatched;
    for (const ir::Profile* p : news) {
      const auto it = old_by_id.find(profile_identifier(*p));
      if (it != old_by_id.end() && !old_used[it->second]) {
        old_used[it->second] = true;
        pairs_.emplace_back(olds[it->second], p);
      } else {
        unmatched.push_back(p);
      }
    }
    for (const ir::Profile* p : unmatched) {
      const auto it = old_by_path.find(relative(sides_.new_side, p->source_path));
      if (it != old_by_path.end() && !old_used[it->second]) {
        old_used[it->second] = true;
        pairs_.emplace_back(olds[it->second], p);
      } else {
        pairs_.emplace_back(nullptr, p);
      }
    }
    for (std::size_t i = 0; i < olds.size(); ++i) {
      if (!old_used[i]) pairs_.emplace_back(olds[i], nullptr);
    }
  }

  void diff_profile(const ir::Profile* before, const ir::Profile* after) {
    ProfileDiff out;
    out.change = !before ? Change::kAdded : !after ? Change::kRemoved : Change::kChanged;
    out.identifier = profile_identifier(after ? *after : *before);
    if (before) out.old_path = relative(sides_.old_side, before->source_path);
    if (after) out.new_path = relative(sides_.new_side, after->source_path);
    const std::string old_target = before ? describe_target(before->target) : "";
    const std::string new_target = after ? describe_target(after->target) : "";
    if (old_target != new_target) {
      out.old_target = old_target;
      out.new_target = new_target;
    }
    if (before && after) diff_dicts(sides_, &before->envelope, &after->envelope, "", skip_nothing, out.envelope);
    diff_payloads(before, after, out);
    const bool changed = out.change != Change::kChanged || !out.envelope.empty() || !out.payloads.empty() ||
                         !out.old_target.empty() || !out.new_target.empty();
    if (!changed) return;
    if (before) changed_old_.push_back(before);
    if (after) changed_new_.push_back(after);
    profile_consequences(before, after, out);
    diff_.profiles.push_back(std::move(out));
  }

  void diff_payloads(const ir::Profile* before, const ir::Profile* after, ProfileDiff& out) {
    // A policy's payload is its table (its PayloadIdentifier follows the
    // profile's); a read profile's, its PayloadIdentifier.
    const auto identity = [](const ir::Payload& p) { return p.name.empty() ? payload_identifier(p) : p.name; };
    std::map<std::string, std::pair<const ir::Payload*, const ir::Payload*>> payloads;
    if (before) {
      for (const ir::Payload& p : before->payloads) payloads[identity(p)].first = &p;
    }
    if (after) {
      for (const ir::Payload& p : after->payloads) payloads[identity(p)].second = &p;
    }
    for (const auto& [name, pair] : payloads) {
      const auto [old_payload, new_payload] = pair;
      PayloadDiff payload;
      payload.identifier = payload_identifier(new_payload ? *new_payload : *old_payload);
      payload.type = (new_payload ? new_payload : old_payload)->type;
      payload.change = !old_payload ? Change::kAdded : !new_payload ? Change::kRemoved : Change::kChanged;
      const KeyFilter skip = payload.change == Change::kChanged ? skip_nothing : skip_bookkeeping;
      diff_dicts(sides_, old_payload ? &old_payload->content : nullptr, new_payload ? &new_payload->content : nullptr,
                 "", skip, payload.keys);
      if (payload.change == Change::kChanged && payload.keys.empty()) continue;
      if (new_payload && after) supervision_consequences(*after, *new_payload, payload);
      // The identifier of the profile it belongs to on devices (a renamed
      // profile keeps its payloads at home).
      if (payload.change == Change::kRemoved) removed_payloads_.emplace_back(home_of_old(before, after), old_payload);
      if (payload.change == Change::kAdded) added_payloads_.emplace_back(profile_identifier(*after), new_payload);
      out.payloads.push_back(std::move(payload));
    }
  }

  static std::string home_of_old(const ir::Profile* before, const ir::Profile* after) {
    return profile_identifier(after ? *after : *before);
  }

  void profile_consequences(const ir::Profile* before, const ir::Profile* after, const ProfileDiff& diff) {
    if (!after) {
      diff_.consequences.push_back(Consequence{ConsequenceKind::kProfileRemoved, diff.identifier,
                                               fmt::format("profile '{}' ({}) is no longer in the repository",
                                                           diff.identifier, diff.old_path),
                                               Place{diff.old_path, before->envelope.span.begin.line}});
      return;
    }
    if (!before) return;
    const std::string old_id = profile_identifier(*before);
    const ir::DictEntry* new_id_entry = find_entry(after->envelope, "PayloadIdentifier");
    const Place id_place = new_id_entry ? side_of(sides_.new_side, *new_id_entry).place : Place{diff.new_path, 0};
    if (old_id != diff.identifier) {
      diff_.consequences.push_back(
          Consequence{ConsequenceKind::kIdentifierChanged, diff.identifier,
                      fmt::format("PayloadIdentifier '{}' becomes '{}': devices keep '{}' beside the new profile",
                                  old_id, diff.identifier, old_id),
                      id_place});
      return;  // a new identifier is a new profile: its UUID is new too
    }
    const std::string* old_uuid = analyze::string_field(before->envelope, "PayloadUUID");
    const std::string* new_uuid = analyze::string_field(after->envelope, "PayloadUUID");
    if (old_uuid && new_uuid && *old_uuid != *new_uuid) {
      const ir::DictEntry* entry = find_entry(after->envelope, "PayloadUUID");
      diff_.consequences.push_back(
          Consequence{ConsequenceKind::kUuidChanged, diff.identifier,
                      fmt::format("PayloadUUID of '{}' changes ({} -> {}): devices reinstall it", diff.identifier,
                                  *old_uuid, *new_uuid),
                      entry ? side_of(sides_.new_side, *entry).place : id_place});
    }
  }

  // A key added or changed that needs supervision, in a profile whose
  // target is not supervised (automated enrollment counts as supervised
  // here: ADE supervises the devices that matter, and an assumption must
  // not make noise).
  void supervision_consequences(const ir::Profile& profile, const ir::Payload& payload, const PayloadDiff& diff) {
    if (profile.target.supervised || profile.target.enrollment == ir::Enrollment::kAutomated) return;
    const schema::PayloadSchema* schema = schemas_.find(payload.type);
    if (!schema) return;
    const std::vector<schema::Platform> platforms = reached_platforms(analyze::profile_kinds(profile, schemas_));
    std::set<std::string> reported;
    for (const KeyChange& key : diff.keys) {
      if (!key.new_value) continue;
      const std::string top = key.key.substr(0, key.key.find('.'));
      if (!reported.insert(top).second) continue;
      const std::vector<schema::FieldDef> fields = schema::payload_fields(*schema, schemas_, payload.content);
      const auto field = std::find_if(fields.begin(), fields.end(),
                                      [&](const schema::FieldDef& f) { return f.key->name == top; });
      if (field == fields.end()) continue;
      std::string needing;
      for (const schema::Platform platform : platforms) {
        const schema::Key* chain[] = {field->key};
        const auto facts = schema::effective_facts(*field->group, chain, platform);
        if (facts && facts->supported() && facts->supervised.value_or(false)) {
          if (!needing.empty()) needing += ", ";
          needing += schema::platform_name(platform);
        }
      }
      if (needing.empty()) continue;
      diff_.consequences.push_back(
          Consequence{ConsequenceKind::kNeedsSupervision, profile_identifier(profile),
                      fmt::format("{} ({}) needs supervised devices on {}; '{}' targets unsupervised devices", top,
                                  payload.type, needing, profile_identifier(profile)),
                      key.new_value->place});
    }
  }

  // A payload removed from one profile and added to another: the same
  // PayloadIdentifier, or (a policy derives it from the profile's) the same
  // type with the same settings.
  void find_moved_payloads() {
    std::vector<bool> used(removed_payloads_.size(), false);
    for (const auto& [home, payload] : added_payloads_) {
      const std::string id = payload_identifier(*payload);
      std::size_t found = removed_payloads_.size();
      for (std::size_t i = 0; i < removed_payloads_.size() && found == removed_payloads_.size(); ++i) {
        if (!used[i] && payload_identifier(*removed_payloads_[i].second) == id) found = i;
      }
      for (std::size_t i = 0; i < removed_payloads_.size() && found == removed_payloads_.size(); ++i) {
        const ir::Payload& other = *removed_payloads_[i].second;
        if (!used[i] && other.type == payload->type && same_settings(other.content, payload->content)) found = i;
      }
      if (found == removed_payloads_.size() || removed_payloads_[found].first == home) continue;
      used[found] = true;
      diff_.consequences.push_back(Consequence{ConsequenceKind::kPayloadMoved, home,
                                               fmt::format("payload '{}' ({}) moves from profile '{}' to '{}'",
                                                           payload_identifier(*payload), payload->type,
                                                           removed_payloads_[found].first, home),
                                               place_of(sides_.new_side, payload->span)});
    }
  }

  static bool same_settings(const ir::Value& a, const ir::Value& b) {
    if (!a.is_dict() || !b.is_dict()) return false;
    std::size_t count = 0;
    for (const ir::DictEntry& e : a.dict()) {
      if (analyze::is_bookkeeping_key(e.key)) continue;
      ++count;
      const ir::DictEntry* other = find_entry(b, e.key);
      if (!other || !analyze::same_value(e.value, other->value)) return false;
    }
    return count ==
           static_cast<std::size_t>(std::count_if(b.dict().begin(), b.dict().end(), [](const ir::DictEntry& e) {
             return !analyze::is_bookkeeping_key(e.key);
           }));
  }

  // The classes the repository targets (each profile's device kinds, with
  // its supervision) that a changed profile reaches; unchanged profiles
  // give unchanged settings, so the other classes need no comparison.
  void diff_device_classes() {
    analyze::KindMask changed = 0;
    for (const ir::Profile* p : changed_old_) changed |= analyze::profile_kinds(*p, schemas_);
    for (const ir::Profile* p : changed_new_) changed |= analyze::profile_kinds(*p, schemas_);
    if (changed == 0) return;
    std::set<std::tuple<std::size_t, bool>> classes;  // (kind, supervised)
    for (const Snapshot* side : {&sides_.old_side, &sides_.new_side}) {
      for (const ir::Profile* p : side->profiles) {
        const analyze::KindMask kinds = analyze::profile_kinds(*p, schemas_) & changed;
        for (std::size_t kind = 0; kind < analyze::kDeviceKindCount; ++kind) {
          if (kinds & (analyze::KindMask{1} << kind)) classes.emplace(kind, p->target.supervised);
        }
      }
    }
    // Only payload types a changed profile holds can change a setting (the
    // effective policy groups by type): the profiles without one are left
    // out of both sides' effective policies.
    std::unordered_set<std::string_view> types;
    for (const auto* changed_side : {&changed_old_, &changed_new_}) {
      for (const ir::Profile* p : *changed_side) {
        for (const ir::Payload& payload : p->payloads) types.insert(payload.type);
      }
    }
    const auto relevant = [&](const Snapshot& side) {
      std::vector<const ir::Profile*> out;
      for (const ir::Profile* p : side.profiles) {
        if (std::any_of(p->payloads.begin(), p->payloads.end(),
                        [&](const ir::Payload& payload) { return types.count(payload.type) != 0; })) {
          out.push_back(p);
        }
      }
      return out;
    };
    const std::vector<const ir::Profile*> old_profiles = relevant(sides_.old_side);
    const std::vector<const ir::Profile*> new_profiles = relevant(sides_.new_side);
    // Each class on its own thread (base/parallel.h): each writes its own slot.
    const std::vector<std::tuple<std::size_t, bool>> list(classes.begin(), classes.end());
    std::vector<DeviceClassDiff> results(list.size());
    parallel_for(list.size(), 0, [&](std::size_t i) {
      const auto [kind, supervised] = list[i];
      const analyze::DeviceKind device_kind = analyze::device_kind(kind);
      const analyze::Device device{device_kind.platform, supervised, device_kind.enrollment};
      DeviceClassDiff out{device, describe_device(device), {}};
      const auto before = analyze::effective_policy(old_profiles, schemas_, device);
      const auto after = analyze::effective_policy(new_profiles, schemas_, device);
      diff_settings(before.settings, after.settings, out.settings);
      results[i] = std::move(out);
    });
    for (DeviceClassDiff& out : results) {
      if (!out.settings.empty()) diff_.devices.push_back(std::move(out));
    }
  }

  static std::optional<ValueSide> setting_side(const Snapshot& side, const analyze::EffectiveSetting& s) {
    return ValueSide{s.value, s.winner ? place_of(side, s.winner->key_span) : Place{}};
  }

  // Both lists are sorted by (payload, key).
  void diff_settings(const std::vector<analyze::EffectiveSetting>& before,
                     const std::vector<analyze::EffectiveSetting>& after, std::vector<KeyChange>& out) const {
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < before.size() || j < after.size()) {
      const auto order = i == before.size()                                                                      ? 1
                         : j == after.size()                                                                     ? -1
                         : std::tie(before[i].payload, before[i].key) < std::tie(after[j].payload, after[j].key) ? -1
                         : std::tie(after[j].payload, after[j].key) < std::tie(before[i].payload, before[i].key) ? 1
                                                                                                                 : 0;
      if (order < 0) {
        const auto& s = before[i++];
        out.push_back(KeyChange{s.payload, s.key, Change::kRemoved, setting_side(sides_.old_side, s), std::nullopt,
                                ir::holds_secret(s.value)});
      } else if (order > 0) {
        const auto& s = after[j++];
        out.push_back(KeyChange{s.payload, s.key, Change::kAdded, std::nullopt, setting_side(sides_.new_side, s),
                                ir::holds_secret(s.value)});
      } else {
        const auto& a = before[i++];
        const auto& b = after[j++];
        if (analyze::same_value(a.value, b.value)) continue;
        out.push_back(KeyChange{a.payload, a.key, Change::kChanged, setting_side(sides_.old_side, a),
                                setting_side(sides_.new_side, b),
                                ir::holds_secret(a.value) || ir::holds_secret(b.value)});
      }
    }
  }

  Sides sides_;
  const schema::SchemaSet& schemas_;
  SnapshotDiff diff_;
  std::vector<std::pair<const ir::Profile*, const ir::Profile*>> pairs_;
  std::vector<const ir::Profile*> changed_old_;
  std::vector<const ir::Profile*> changed_new_;
  std::vector<std::pair<std::string, const ir::Payload*>> removed_payloads_;  // (profile identifier, payload)
  std::vector<std::pair<std::string, const ir::Payload*>> added_payloads_;
};

}  // namespace

std::string_view change_name(Change change) {
  switch (change) {
    case Change::kAdded: return "added";
    case Change::kRemoved: return "removed";
    case Change::kChanged: return "changed";
  }
  return "changed";
}

std::string_view consequence_name(ConsequenceKind kind) {
  switch (kind) {
#define CONSEQUENCE(id, name, summary) \
  case ConsequenceKind::id:            \
    return name;
#include "review/consequences.def"
#undef CONSEQUENCE
  }
  return "";
}

std::string_view consequence_summary(ConsequenceKind kind) {
  switch (kind) {
#define CONSEQUENCE(id, name, summary) \
  case ConsequenceKind::id:            \
    return summary;
#include "review/consequences.def"
#undef CONSEQUENCE
  }
  return "";
}

std::string describe_device(const analyze::Device& device) {
  return fmt::format("{}, {}{} enrollment", schema::platform_name(device.platform),
                     device.supervised ? "supervised, " : "", enrollment_name(device.enrollment));
}

std::string describe_full(const ir::Value& value) {
  if (value.secret) return "(secret)";
  if (value.kind() == ir::Value::Kind::kArray) {
    std::string out = "[";
    for (const ir::Value& item : value.array()) {
      if (out.size() > 1) out += ", ";
      out += describe_full(item);
    }
    return out + "]";
  }
  if (value.is_dict()) {
    std::string out = "{ ";
    for (const ir::DictEntry& e : value.dict()) {
      if (out.size() > 2) out += ", ";
      out += fmt::format("{} = {}", e.key, describe_full(e.value));
    }
    return out + (value.dict().empty() ? "}" : " }");
  }
  return analyze::describe_value(value);
}

SnapshotDiff diff_snapshots(const Snapshot& old_side, const Snapshot& new_side, const schema::SchemaSet& schemas) {
  return Differ(old_side, new_side, schemas).run();
}

}  // namespace profilec::review
