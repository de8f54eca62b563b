// What every analysis rule starts from: each profile and payload once, with
// the device kinds it reaches (targets.h) and its schema.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyze/targets.h"
#include "diag/diagnostic.h"
#include "ir/profile.h"
#include "schema/schema_set.h"

namespace profilec::analyze {

struct ProfileRef {
  const ir::Profile* profile;
  KindMask kinds;                 // profile_kinds (targets.h)
  bool assumed = false;           // no stated target: kinds are what its payloads can reach
  std::size_t first_payload = 0;  // its payloads: Index::payloads[first_payload, first_payload + payload_count)
  std::size_t payload_count = 0;
};

struct PayloadRef {
  const ir::Profile* profile;
  const ir::Payload* payload;
  KindMask kinds;                       // the profile's
  const schema::PayloadSchema* schema;  // nullptr for an unknown type
  bool assumed = false;                 // the profile's
};

struct Index {
  std::vector<ProfileRef> profiles;  // input order
  std::vector<PayloadRef> payloads;  // input order, each profile's in source order
  const schema::SchemaSet* schemas = nullptr;
};

Index build_index(const std::vector<const ir::Profile*>& profiles, const schema::SchemaSet& schemas);

// Where `key` of a dictionary was written (its key, else its value), or
// `fallback` when the dictionary lacks it.
SourceSpan key_span(const ir::Value& dict, std::string_view key, const SourceSpan& fallback);

// The rules that compare targets (PC3001, PC3005, PC4001, PC4002) call this
// with the profiles a finding involves. When any of them has no stated
// target, the finding rests on an assumption: it is then a warning at most,
// and its help says what was assumed and how to state the target.
struct Involved {
  const ir::Profile* profile;
  KindMask kinds;
  bool assumed;
};
void qualify_assumption(Diagnostic& diagnostic, const std::vector<Involved>& involved);

// "policies/a.toml:7", for messages that name another site.
std::string where(const SourceSpan& span);

// The keys every payload has that say what it is rather than what it sets
// (PayloadIdentifier, PayloadUUID, PayloadType, PayloadVersion,
// PayloadDisplayName, PayloadDescription, PayloadOrganization). Not
// PayloadContent: a certificate's content is its setting.
bool is_bookkeeping_key(std::string_view key);

// A string value of a dictionary, or nullptr.
const std::string* string_field(const ir::Value& dict, std::string_view key);

}  // namespace profilec::analyze
