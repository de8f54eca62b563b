// The effective policy: what one kind of device ends up with when it
// receives every profile of the repository meant for it (`profilec
// effective`). Each payload type and key, the value that applies, the
// payload it comes from, and the values it overrode.
//
// Payload types whose overlay states combine facts (targets.h, combine.h)
// and types a device holds one of merge by key across payloads. Payloads of
// other types stand on their own (two Wi-Fi networks are two networks):
// they are listed per payload, by PayloadIdentifier.
//
// A device receives a profile when the profile's target admits it and the
// device's platform supports every payload type of the profile (as in the
// analysis, targets.h): an iPhone never receives a profile that holds a
// privacy-preferences (TCC) payload, whatever its target says.
//
// Declarations (docs/ddm.md, "Effective policy"): the configurations of
// every policy whose target admits the device, on a platform that has the
// type. A type Apple marks `apply: combined` merges across declarations
// key by key (a dictionary without a combinetype of its own, by its
// subkeys: "AutomaticActions.Download"), each key by its `combinetype`;
// declarations of other types are listed one by one. Activations and their
// predicates are not evaluated: a configuration counts as received when its
// policy reaches the device.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyze/declarations.h"
#include "ir/profile.h"
#include "schema/schema_set.h"

namespace profilec::analyze {

struct Device {
  schema::Platform platform = schema::Platform::kIOS;
  bool supervised = false;
  ir::Enrollment enrollment = ir::Enrollment::kDevice;
};

struct SettingSource {
  ir::Value value;  // its span is where it was set
  SourceSpan key_span;
};

enum class Resolution {
  kSingle,    // one payload sets it, or all set the same value
  kCombined,  // different values, resolved by the key's combine rule
  kUndefined  // different values, no rule: the device's choice (the first listed is shown)
};

struct EffectiveSetting {
  // The payload type; for types that stand alone, "type (PayloadIdentifier)".
  // For declarations: the type of a combined type, else "type (file: name)".
  std::string payload;
  std::string key;  // for declarations, a key path: "AutomaticActions.Download"
  ir::Value value;
  Resolution resolution = Resolution::kSingle;
  std::string rule;                       // the combine rule's (or combinetype's) name when combined
  std::optional<SettingSource> winner;    // none when a combined list is nobody's value
  std::vector<SettingSource> overridden;  // other values, in input order
};

struct EffectivePolicy {
  std::vector<const ir::Profile*> profiles;      // those the device receives, input order
  std::vector<EffectiveSetting> settings;        // by payload, then key
  std::vector<std::string> declaration_sources;  // the policies whose configurations the device receives
  std::vector<EffectiveSetting> declarations;    // by declaration type, then key path
};

EffectivePolicy effective_policy(const std::vector<const ir::Profile*>& profiles, const schema::SchemaSet& schemas,
                                 const Device& device, const std::vector<PolicyDeclarations>& declarations = {});

// A setting whose sources (in input order) set different values: its value
// is `combined` (the result of the combine rule named `rule`) when there is
// one, else the first source's, undefined; its winner is the first source
// with that value, the others are what it overrode.
void settle_differing_values(EffectiveSetting& out, std::optional<ir::Value> combined, std::string rule,
                             const std::vector<SettingSource>& sources);

// The declarations part of effective_policy (effective_declarations.cc).
void add_effective_declarations(const std::vector<PolicyDeclarations>& policies, const schema::SchemaSet& schemas,
                                const Device& device, EffectivePolicy& policy);

}  // namespace profilec::analyze
