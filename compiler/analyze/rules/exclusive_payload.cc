// PC3006: a payload type that must stand alone in its profile (the
// overlay's `exclusive`, e.g. the MDM enrollment payload) shares the profile
// with a payload of a type it does not allow.
#include <fmt/format.h>

#include <algorithm>

#include "analyze/rules/rules.h"

namespace profilec::analyze {

void check_exclusive_payloads(const Index& index, Diagnostics& diagnostics) {
  for (const ProfileRef& ref : index.profiles) {
    for (std::size_t i = 0; i < ref.payload_count; ++i) {
      const PayloadRef& p = index.payloads[ref.first_payload + i];
      const schema::PayloadSchema* schema = p.schema;
      if (!schema || !schema->overlay.exclusive) continue;
      const ir::Payload& alone = *p.payload;
      const schema::ExclusiveFact& fact = *schema->overlay.exclusive;
      const SourceSpan alone_span = key_span(alone.content, "PayloadType", alone.span);
      for (const ir::Payload& other : ref.profile->payloads) {
        if (&other == &alone || other.type == alone.type) continue;
        if (std::find(fact.allow.begin(), fact.allow.end(), other.type) != fact.allow.end()) continue;
        Diagnostic& d = diagnostics.report(DiagnosticCode::PC3006, key_span(other.content, "PayloadType", other.span),
                                           fmt::format("a {} payload cannot share a profile with the {} payload '{}'",
                                                       other.type, alone.type, alone.name),
                                           fact.reason.empty()
                                               ? std::string("move this payload to a profile of its own")
                                               : fmt::format("move this payload to a profile of its own: {}",
                                                             fact.reason));
        d.notes.push_back({alone_span, fmt::format("{} must stand alone", alone.type)});
      }
    }
  }
}

}  // namespace profilec::analyze
