// `profilec diff`: what a change to the repository does to devices, as data.
// Two snapshots (a folder or a git revision each, compiled alike) are
// compared three ways:
// - per device class the repository targets, the effective settings
//   (analyze/effective_policy.h, as `effective` shows them) that change;
// - per profile, the envelope keys, payloads and payload keys added,
//   removed or changed (nested dictionaries key by key, "Services.Camera");
// - the consequences on devices that a reviewer would not guess
//   (consequences.def).
// Secrets (an { env = } value, anything lowering marks secret) are compared
// but never carried as text: `secret` is set and the renderers print
// "changed" only. Renderers are separate (render_diff.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/effective_policy.h"
#include "ir/profile.h"
#include "schema/schema_set.h"

namespace profilec::review {

struct Snapshot {
  std::string label;  // as the user named it: "main", "HEAD~1", "old/"
  // Stripped from source paths, so both sides name a file alike
  // ("policies/a.toml"); "" when paths are shown as they are.
  std::string root;
  std::vector<const ir::Profile*> profiles;  // in input order
  std::vector<std::string> failed_files;     // inputs that did not compile (errors): left out, named
};

enum class Change { kAdded, kRemoved, kChanged };
std::string_view change_name(Change change);  // "added", "removed", "changed"

struct Place {
  std::string file;      // relative to its snapshot's root
  std::size_t line = 0;  // 0: unknown
};

struct ValueSide {
  ir::Value value;
  Place place;
};

// One key (a dotted path below a payload or the envelope, or an effective
// setting). A side is empty where the key is absent.
struct KeyChange {
  std::string payload;  // effective settings: the payload type (analyze's name); else empty
  std::string key;
  Change change = Change::kChanged;
  std::optional<ValueSide> old_value;
  std::optional<ValueSide> new_value;
  bool secret = false;  // either side holds a secret: print changed, never the value
};

struct DeviceClassDiff {
  analyze::Device device;
  std::string label;  // "iOS, supervised, device enrollment"
  std::vector<KeyChange> settings;
};

struct PayloadDiff {
  std::string identifier;  // PayloadIdentifier (its table name when it has none)
  std::string type;
  Change change = Change::kChanged;
  std::vector<KeyChange> keys;  // added and removed payloads: every key
};

struct ProfileDiff {
  std::string identifier;  // the new PayloadIdentifier (the old one for a removed profile)
  std::string old_path;    // empty when added
  std::string new_path;    // empty when removed
  Change change = Change::kChanged;
  std::string old_target;  // described, when the target changed (or the profile was added/removed)
  std::string new_target;
  std::vector<KeyChange> envelope;
  std::vector<PayloadDiff> payloads;
};

enum class ConsequenceKind {
#define CONSEQUENCE(id, name, summary) id,
#include "review/consequences.def"
#undef CONSEQUENCE
};
inline constexpr ConsequenceKind kAllConsequenceKinds[] = {
#define CONSEQUENCE(id, name, summary) ConsequenceKind::id,
#include "review/consequences.def"
#undef CONSEQUENCE
};
std::string_view consequence_name(ConsequenceKind kind);
std::string_view consequence_summary(ConsequenceKind kind);

struct Consequence {
  ConsequenceKind kind;
  std::string profile;  // the profile's PayloadIdentifier
  std::string message;  // what happens, naming what changed
  Place place;          // on the new side, or the old one for what was removed
};

struct SnapshotDiff {
  std::string old_label;
  std::string new_label;
  std::vector<DeviceClassDiff> devices;  // only classes with changes, in platform, enrollment, supervision order
  std::vector<ProfileDiff> profiles;     // only changed profiles, by new path (old path for removed ones)
  std::vector<Consequence> consequences;
  std::vector<std::string> old_failed;
  std::vector<std::string> new_failed;
  bool empty() const { return devices.empty() && profiles.empty() && consequences.empty(); }
};

SnapshotDiff diff_snapshots(const Snapshot& old_side, const Snapshot& new_side, const schema::SchemaSet& schemas);

// "iOS, supervised, device enrollment".
std::string describe_device(const analyze::Device& device);

// The value as a reviewer reads it: analyze's short form, with nested
// values written out in full; a secret is "(secret)".
std::string describe_full(const ir::Value& value);

}  // namespace profilec::review
