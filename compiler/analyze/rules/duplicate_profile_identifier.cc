// PC3001: two profiles with the same PayloadIdentifier that reach the same
// devices. A device keeps one profile per identifier: installing the second
// replaces the first.
#include <fmt/format.h>

#include <unordered_map>

#include "analyze/rules/rules.h"

namespace profilec::analyze {

void check_duplicate_profile_identifiers(const Index& index, Diagnostics& diagnostics) {
  std::unordered_map<std::string_view, std::vector<const ProfileRef*>> by_identifier;
  for (const ProfileRef& ref : index.profiles) {
    const std::string* id = string_field(ref.profile->envelope, "PayloadIdentifier");
    if (!id) continue;
    std::vector<const ProfileRef*>& same = by_identifier[*id];
    // Only profiles with this same identifier are compared: a short list.
    for (const ProfileRef* earlier : same) {
      if ((earlier->kinds & ref.kinds) == 0) continue;
      const SourceSpan earlier_span = key_span(earlier->profile->envelope, "PayloadIdentifier", {});
      Diagnostic& d = diagnostics.report(
          DiagnosticCode::PC3001, key_span(ref.profile->envelope, "PayloadIdentifier", {}),
          fmt::format("profile identifier '{}' is also used by {}", *id, where(earlier_span)),
          "a device keeps one profile per identifier, so installing one replaces the other; give each "
          "profile its own `id`");
      d.notes.push_back({earlier_span, "the other profile with this identifier"});
      qualify_assumption(d,
                         {{ref.profile, ref.kinds, ref.assumed}, {earlier->profile, earlier->kinds, earlier->assumed}});
      break;
    }
    same.push_back(&ref);
  }
}

}  // namespace profilec::analyze
