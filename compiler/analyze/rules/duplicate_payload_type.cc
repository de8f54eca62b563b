// PC3005: more than one payload of a type whose schema says `multiple =
// false` on a platform, in what one device of that platform receives --
// within a profile or across profiles that reach the same devices. Each
// payload after the first is reported once, with a note at every other
// payload of the type that the same devices receive.
#include <fmt/format.h>

#include <unordered_map>
#include <unordered_set>

#include "analyze/rules/rules.h"
#include "schema/resolve_facts.h"

namespace profilec::analyze {

void check_duplicate_payload_types(const Index& index, Diagnostics& diagnostics) {
  std::unordered_map<std::string_view, std::vector<const PayloadRef*>> by_type;
  for (const PayloadRef& ref : index.payloads) {
    if (ref.schema) by_type[ref.payload->type].push_back(&ref);
  }
  std::unordered_set<const ir::Payload*> reported;
  std::vector<const PayloadRef*> received;
  for (const auto& [type, refs] : by_type) {
    if (refs.size() < 2) continue;
    const schema::PayloadSchema& schema = *refs.front()->schema;
    for (std::size_t k = 0; k < kDeviceKindCount; ++k) {
      const DeviceKind kind = device_kind(k);
      const auto facts = schema::payload_facts(schema, kind.platform);
      if (!facts || facts->multiple.value_or(true)) continue;
      received.clear();
      for (const PayloadRef* ref : refs) {
        if (ref->kinds & (KindMask{1} << k)) received.push_back(ref);
      }
      if (received.size() < 2) continue;
      for (std::size_t i = 1; i < received.size(); ++i) {
        const ir::Payload& payload = *received[i]->payload;
        if (!reported.insert(&payload).second) continue;
        Diagnostic& d = diagnostics.report(
            DiagnosticCode::PC3005, key_span(payload.content, "PayloadType", payload.span),
            fmt::format("a device ({}) would receive {} {} payloads, and {} allows only one", describe(kind),
                        received.size(), type, schema::platform_name(kind.platform)),
            "merge the payloads into one, or give their profiles targets that do not overlap");
        for (std::size_t j = 0; j < received.size(); ++j) {
          if (j == i) continue;
          const ir::Payload& other = *received[j]->payload;
          d.notes.push_back(
              {key_span(other.content, "PayloadType", other.span), fmt::format("another {} payload", type)});
        }
      }
    }
  }
}

}  // namespace profilec::analyze
