// `{ payload = "NAME" }`: a value that is the PayloadUUID of [payload.NAME]
// of the same policy (docs/language.md, "Payload references"). The table is
// built from the policy after its fragments are merged, so a reference that
// came from a fragment names a payload of the policy that uses it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "ir/value.h"
#include "lang/ast.h"

namespace profilec {

// What a payload is called by devices: its PayloadIdentifier and PayloadUUID,
// pinned or derived (docs/language.md, "Identity").
struct PayloadIdentity {
  std::string name;        // [payload.NAME]
  std::string identifier;  // pinned PayloadIdentifier, else <profile id>.<name>
  // Pinned (a string PayloadUUID key), else uuid5 of `identifier`; nullopt
  // when the payload omits PayloadUUID or pins something other than a string.
  std::optional<std::string> uuid;
  bool uuid_omitted = false;
};

PayloadIdentity payload_identity(const lang::PayloadDecl& decl, const std::string& profile_id);

class PayloadReferences {
 public:
  PayloadReferences(const std::vector<lang::PayloadDecl>& payloads, const std::string& profile_id);

  const PayloadIdentity* find(std::string_view name) const;

  // The PayloadUUID `reference` (a kPayloadRef) names, as a string at the
  // reference's span; nullopt (reported as PC0033) when it names no payload
  // of the policy, the payload holding it (`from_payload`; empty in
  // [profile]) or a payload without a PayloadUUID.
  std::optional<ir::Value> resolve(const lang::Value& reference, std::string_view from_payload,
                                   Diagnostics& diagnostics) const;

 private:
  std::vector<PayloadIdentity> payloads_;  // in source order
};

}  // namespace profilec
