// PC3003: two payloads of one profile with the same PayloadIdentifier.
#include <fmt/format.h>

#include <unordered_map>

#include "analyze/rules/rules.h"

namespace profilec::analyze {

void check_duplicate_payload_identifiers(const Index& index, Diagnostics& diagnostics) {
  std::unordered_map<std::string_view, const ir::Payload*> first;
  for (const ProfileRef& ref : index.profiles) {
    first.clear();
    for (const ir::Payload& payload : ref.profile->payloads) {
      const std::string* id = string_field(payload.content, "PayloadIdentifier");
      if (!id) continue;
      auto [it, inserted] = first.emplace(*id, &payload);
      if (inserted) continue;
      const SourceSpan other = key_span(it->second->content, "PayloadIdentifier", it->second->span);
      Diagnostic& d = diagnostics.report(
          DiagnosticCode::PC3003, key_span(payload.content, "PayloadIdentifier", payload.span),
          fmt::format("payload identifier '{}' is also used by payload '{}' of this profile", *id, it->second->name),
          "each payload of a profile needs its own PayloadIdentifier; remove the pinned one to derive it "
          "from the payload's name");
      d.notes.push_back({other, "the other payload with this identifier"});
    }
  }
}

}  // namespace profilec::analyze
