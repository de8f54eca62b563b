#include "check/rules/payload_keys.h"

#include <fmt/format.h>

namespace profilec::check::rules::payload_keys {

std::string envelope_label() { return "the profile"; }

std::string payload_label(const PayloadVisit& visit) {
  if (!visit.payload.type.empty()) return fmt::format("payload '{}'", visit.payload.type);
  const auto& payloads = visit.profile.payloads;
  for (std::size_t i = 0; i < payloads.size(); ++i) {
    if (&payloads[i] == &visit.payload) return fmt::format("payload {}", i + 1);
  }
  return "a payload";
}

bool is_bare_payload(const ir::Profile& profile) {
  const ir::Value* type = profile.envelope.find("PayloadType");
  return type && type->is_string() && type->string() != "Configuration";
}

}  // namespace profilec::check::rules::payload_keys
