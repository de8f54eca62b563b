#include "schema/resolve_facts.h"

namespace profilec::schema {

std::optional<PlatformFacts> effective_facts(const Group& group, std::span<const Key* const> chain, Platform platform) {
  const auto index = static_cast<std::size_t>(platform);
  std::optional<PlatformFacts> facts = group.os[index];
  for (const Key* key : chain) {
    const auto& stated = key->os[index];
    if (!stated) continue;
    if (!facts) facts = PlatformFacts{};
    facts->override_with(*stated);
  }
  return facts;
}

std::optional<PlatformFacts> payload_facts(const PayloadSchema& schema, Platform platform) {
  std::optional<PlatformFacts> out;
  std::optional<PlatformFacts> unsupported;
  for (const Group& group : schema.groups) {
    if (group.is_variant()) continue;
    const auto& facts = group.os[static_cast<std::size_t>(platform)];
    if (!facts) continue;
    if (!facts->supported()) {
      if (!unsupported) unsupported = facts;
      continue;
    }
    if (!out) {
      out = facts;
    } else if (*facts->introduced < *out->introduced) {
      out->introduced = facts->introduced;
    }
  }
  return out ? out : unsupported;
}

}  // namespace profilec::schema
