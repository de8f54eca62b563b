#include "lower/payload_references.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/spelling.h"
#include "ir/uuid.h"

namespace profilec {

PayloadIdentity payload_identity(const lang::PayloadDecl& decl, const std::string& profile_id) {
  PayloadIdentity identity;
  identity.name = decl.name;
  identity.identifier = profile_id + "." + decl.name;
  const lang::Value* pinned_uuid = nullptr;
  for (const lang::Entry& entry : decl.keys) {
    if (entry.key == "PayloadIdentifier" && entry.value.kind == lang::Value::Kind::kString) {
      identity.identifier = entry.value.text;
    }
    if (entry.key == "PayloadUUID") pinned_uuid = &entry.value;
  }
  identity.uuid_omitted = std::any_of(decl.omit.begin(), decl.omit.end(),
                                      [](const lang::Field<std::string>& f) { return f.value == "PayloadUUID"; });
  if (pinned_uuid) {
    if (pinned_uuid->kind == lang::Value::Kind::kString) identity.uuid = pinned_uuid->text;
  } else if (!identity.uuid_omitted) {
    identity.uuid = ir::derived_payload_uuid(identity.identifier);
  }
  return identity;
}

PayloadReferences::PayloadReferences(const std::vector<lang::PayloadDecl>& payloads, const std::string& profile_id) {
  payloads_.reserve(payloads.size());
  for (const lang::PayloadDecl& decl : payloads) payloads_.push_back(payload_identity(decl, profile_id));
}

const PayloadIdentity* PayloadReferences::find(std::string_view name) const {
  auto it = std::find_if(payloads_.begin(), payloads_.end(), [&](const PayloadIdentity& p) { return p.name == name; });
  return it == payloads_.end() ? nullptr : &*it;
}

std::optional<ir::Value> PayloadReferences::resolve(const lang::Value& reference, std::string_view from_payload,
                                                    Diagnostics& diagnostics) const {
  const std::string& name = reference.text;
  const PayloadIdentity* target = find(name);
  if (!target) {
    std::vector<std::string> names;
    for (const PayloadIdentity& p : payloads_) {
      if (p.name != from_payload) names.push_back(p.name);
    }
    std::string help;
    if (auto suggestion = closest_spelling(name, names)) {
      help = fmt::format("did you mean '{}'?", *suggestion);
    } else if (names.empty()) {
      help = "a { payload = \"NAME\" } reference names another [payload.NAME] table of the same policy";
    } else {
      std::string list;
      for (const std::string& n : names) list += fmt::format("{}'{}'", list.empty() ? "" : ", ", n);
      help = fmt::format("name a [payload.NAME] table of the same policy: {}", list);
    }
    diagnostics.report(DiagnosticCode::PC0033, reference.span, fmt::format("no payload '{}' in this policy", name),
                       std::move(help));
    return std::nullopt;
  }
  if (!from_payload.empty() && target->name == from_payload) {
    diagnostics.report(DiagnosticCode::PC0033, reference.span, fmt::format("payload '{}' references itself", name),
                       "a reference names another payload of the profile, the one this key points at");
    return std::nullopt;
  }
  if (!target->uuid) {
    diagnostics.report(DiagnosticCode::PC0033, reference.span,
                       target->uuid_omitted ? fmt::format("payload '{}' omits its PayloadUUID", name)
                                            : fmt::format("payload '{}' pins a PayloadUUID that is not a string", name),
                       target->uuid_omitted
                           ? std::string("a reference is the PayloadUUID of the payload it names: take PayloadUUID "
                                         "out of that payload's `omit`")
                           : std::string("pin PayloadUUID as a string (8-4-4-4-12 hex), or leave it out to derive it"));
    return std::nullopt;
  }
  return ir::make_string(*target->uuid, reference.span);
}

}  // namespace profilec
