// PC3005: more than one payload of a type whose schema says `multiple =
// false` on a platform, in what one device of that platform receives --
// within a profile or across profiles that reach the same devices.
//
// One finding per group of colliding payloads: the payloads that the same
// device kinds receive together form a group, reported once at its second
// payload with a note at each other one (so the output grows with the
// payloads, not with their square). A group whose devices span several
// kinds (iOS device and automated enrollment, iOS and tvOS) is still one
// finding, naming the platforms.
#include <fmt/format.h>

#include <map>
#include <unordered_map>

#include "analyze/rules/rules.h"
#include "schema/resolve_facts.h"

namespace profilec::analyze {
namespace {

struct Group {
  std::vector<const PayloadRef*> payloads;  // in input order
  KindMask kinds = 0;                       // where exactly these collide
};

}  // namespace

void check_duplicate_payload_types(const Index& index, Diagnostics& diagnostics) {
  std::unordered_map<std::string_view, std::vector<const PayloadRef*>> by_type;
  std::vector<std::string_view> type_order;
  for (const PayloadRef& ref : index.payloads) {
    if (!ref.schema) continue;
    auto& refs = by_type[ref.payload->type];
    if (refs.empty()) type_order.push_back(ref.payload->type);
    refs.push_back(&ref);
  }
  for (std::string_view type : type_order) {
    const std::vector<const PayloadRef*>& refs = by_type.at(type);
    if (refs.size() < 2) continue;
    const schema::PayloadSchema& schema = *refs.front()->schema;
    // Groups by their members, in the order they are first met.
    std::map<std::vector<const PayloadRef*>, std::size_t> group_of;
    std::vector<Group> groups;
    for (std::size_t k = 0; k < kDeviceKindCount; ++k) {
      const DeviceKind kind = device_kind(k);
      const auto facts = schema::payload_facts(schema, kind.platform);
      if (!facts || facts->multiple.value_or(true)) continue;
      std::vector<const PayloadRef*> received;
      for (const PayloadRef* ref : refs) {
        if (ref->kinds & (KindMask{1} << k)) received.push_back(ref);
      }
      if (received.size() < 2) continue;
      auto [it, inserted] = group_of.try_emplace(received, groups.size());
      if (inserted) groups.push_back(Group{std::move(received), 0});
      groups[it->second].kinds |= KindMask{1} << k;
    }
    for (const Group& group : groups) {
      const ir::Payload& here = *group.payloads[1]->payload;
      const std::string platforms = platform_list(group.kinds);
      Diagnostic& d =
          diagnostics.report(DiagnosticCode::PC3005, key_span(here.content, "PayloadType", here.span),
                             fmt::format("{} {} payloads reach the same devices ({}), which allow only one",
                                         group.payloads.size(), type, platforms),
                             "merge the payloads into one, or give their profiles targets that do not overlap");
      std::vector<Involved> involved;
      for (const PayloadRef* ref : group.payloads) {
        involved.push_back({ref->profile, ref->kinds, ref->assumed});
        if (ref == group.payloads[1]) continue;
        d.notes.push_back({key_span(ref->payload->content, "PayloadType", ref->payload->span),
                           fmt::format("another {} payload", type)});
      }
      qualify_assumption(d, involved);
    }
  }
}

}  // namespace profilec::analyze
