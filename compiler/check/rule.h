// A check rule looks at what the walker (walk.h) shows it: each payload,
// each dictionary with the fields its schema allows, and each value with the
// schema key it must satisfy. One rule per file under rules/, listed in
// rule_registry.cc. Rules report; they never print.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "check/key_path.h"
#include "diag/diagnostic.h"
#include "ir/mdm_variable.h"
#include "ir/profile.h"
#include "schema/field_index.h"
#include "schema/os_version.h"
#include "schema/payload_fields.h"
#include "schema/schema.h"
#include "schema/schema_set.h"

namespace profilec::check {

class VisitMemo;

// The profile as a whole, shown once before its payloads: for the rules
// about its envelope (the top-level keys), which the schema walk does not
// visit.
struct ProfileVisit {
  const ir::Profile& profile;
  const schema::SchemaSet& schemas;
};

// A platform the profile's [target] names, with its minimum OS.
struct TargetedPlatform {
  schema::Platform platform;
  std::string_view name;  // "iOS"
  schema::OsVersion minimum;
  SourceSpan span;  // the platform's entry in [target] (or in profilec.toml)
  // No minimum was given (`check --platform iOS`): any version, so nothing
  // is too new for it (`minimum` is "all"; PC2003/PC2004 stay silent).
  bool any_version = false;
};

struct PayloadVisit {
  const ir::Profile& profile;
  const ir::Payload& payload;
  const schema::PayloadSchema* schema;  // nullptr when the type is unknown
  const schema::SchemaSet& schemas;
  // What the rules work out once per profile or per value and share
  // (visit_memo.h): the walk's, not the visit's.
  VisitMemo& memo;
  // True for the profile's own top-level dictionary, walked like a payload
  // against schemas/TopLevel.toml (`payload` is then a stand-in whose type is
  // kEnvelopeType and whose content is the envelope). Rules about payloads
  // as such (check_payload) never see it.
  bool envelope = false;
};

// The stand-in payload type of the envelope walk: the TopLevel schema's name.
inline constexpr std::string_view kEnvelopeType = "TopLevel";

// How findings name the dictionary a payload visit stands for:
// "com.apple.wifi.managed", or "the profile's top level" for the envelope.
std::string owner_name(const PayloadVisit& visit);

// A key's platform facts on one platform at each level above it: [0] the
// payload's, [1] the top-level key's, ..., the key's own last.
using FactChain = std::vector<std::optional<schema::PlatformFacts>>;

// A schema key and the group whose platform facts it inherits.
using FieldDef = schema::FieldDef;

// A dictionary value and the fields its schema allows (empty: free-form).
struct DictVisit {
  const PayloadVisit& payload;
  const ir::Value& dict;
  const schema::FieldIndex& fields;  // never an "ANY" wildcard (the walker handles those)
  const KeyPath& path;               // empty for the payload itself; "EAPClientConfiguration", "Relays[0]"
  bool top_level;
};

// A value and the schema key it must satisfy.
struct ValueVisit {
  const PayloadVisit& payload;
  const schema::Group& group;
  std::span<const schema::Key* const> chain;  // top-level key ... this key (array items included)
  const schema::Key& key;                     // chain.back()
  const ir::Value& value;
  SourceSpan key_span;  // where the key was written; the value's span for array items
  // "EAPClientConfiguration.UserPassword", "AcceptEAPTypes[1]": the walker's
  // path (here and in DictVisit), which moves on once the rules have looked.
  const KeyPath& path;

  // A { env = } secret seen by `check`: its value is unknown, so rules that
  // look at string contents skip it.
  bool unknown_secret() const { return value.secret && value.is_string() && value.string().empty(); }
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual void check_profile(const ProfileVisit&, Diagnostics&) const {}
  virtual void check_payload(const PayloadVisit&, Diagnostics&) const {}
  virtual void check_dict(const DictVisit&, Diagnostics&) const {}
  virtual void check_value(const ValueVisit&, Diagnostics&) const {}
};

// Every rule, in a fixed order (findings come out in walk order, then rule order).
const std::vector<const Rule*>& all_rules();

// True for a value an MDM substitutes at install time ($EMAIL, {{mail}},
// %ComputerName%): its final text cannot be judged before then.
using ir::has_mdm_variable;

// True when a plist value has the schema type (any: always; a real key
// accepts only <real>, as Apple's parsers do not promise more).
bool value_has_type(const ir::Value& value, schema::ValueType type);

}  // namespace profilec::check
