// Platform facts after inheritance, as Apple's data defines it: a key's
// facts start from its payload group's and every level down to the key
// replaces the facts it states, one by one. "n/a" is an ordinary value of
// `introduced`, so a key can be unavailable on a platform its payload
// supports (and, in a few upstream files, the other way round).
#pragma once

#include <optional>
#include <span>

#include "schema/schema.h"

namespace profilec::schema {

// The facts of the key at the end of `chain` (top-level key first; a key
// reached through a named type inherits through the key that uses the type).
// An empty chain gives the group's own facts. nullopt when no level says
// anything about the platform (treat as unsupported).
std::optional<PlatformFacts> effective_facts(const Group& group, std::span<const Key* const> chain, Platform platform);

// The payload type's facts on a platform. For a type spread over several
// plain groups (com.apple.MCX), it is available if any group is: the
// earliest `introduced` among the groups that support the platform, the
// other facts from the first of them.
std::optional<PlatformFacts> payload_facts(const PayloadSchema& schema, Platform platform);

}  // namespace profilec::schema
