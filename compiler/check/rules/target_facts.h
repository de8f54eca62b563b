// What the target rules (PC2xxx) share: the platforms a profile's [target]
// names, a payload's and a key's platform facts there, and where a finding
// belongs.
//
// A finding belongs to the outermost level where its condition holds: a
// payload that needs supervision is reported once at its type, not again at
// each key that inherits the fact; a key that is not available is reported
// once, not again at each array item or subkey below it. Nothing is reported
// below a level that is not available on the platform (PC2001/PC2002 say
// that once), and on a platform several findings of one rule become one
// finding that names every platform concerned.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/rule.h"
#include "schema/os_version.h"
#include "schema/schema.h"

namespace profilec::check::rules::targets {

using check::TargetedPlatform;

// The platforms [target] names, in its order. Empty when it names none:
// the target rules say nothing then.
std::vector<TargetedPlatform> targeted_platforms(const ir::Target& target);
// The same for the payload's profile, worked out once per payload.
const std::vector<TargetedPlatform>& targeted_platforms(const PayloadVisit& visit);

// Whether the devices of a targeted platform are supervised: [target] says
// so, or they are enrolled through ADE at an OS version where that always
// supervises them (iOS and tvOS 13, macOS 11).
bool supervised_on(const ir::Target& target, const TargetedPlatform& platform);

// A payload or key is available on a platform when its facts there name a
// version (not "n/a", and not silence).
bool available(const std::optional<schema::PlatformFacts>& facts);

// Available, and not removed at or before the target's minimum version: a
// payload or key that no targeted device applies is PC2006's alone.
bool in_effect(const std::optional<schema::PlatformFacts>& facts, const TargetedPlatform& platform);

// How the payload or key itself must stand for a rule to look at it: in
// effect (most rules), or merely available (PC2006, which reports removals).
enum class Gate { kInEffect, kAvailable };

// Where payload-level findings point: the value of `type`.
SourceSpan payload_span(const PayloadVisit& visit);

// "payload 'com.apple.wifi.managed'" / "key 'EAPClientConfiguration.TLSMinimumVersion'"
std::string payload_label(const PayloadVisit& visit);
std::string key_label(const ValueVisit& visit);

// "iOS", "iOS and macOS", "iOS, macOS and tvOS".
std::string join(const std::vector<std::string>& items);
std::string platform_names(const std::vector<const TargetedPlatform*>& platforms);

using Holds = std::function<bool(const TargetedPlatform&, const schema::PlatformFacts&)>;

// The targeted platforms where the payload is available and `holds` is
// true of its facts.
std::vector<const TargetedPlatform*> payload_platforms_where(const PayloadVisit& visit,
                                                             const std::vector<TargetedPlatform>& platforms,
                                                             const Holds& holds, Gate gate = Gate::kInEffect);

// The facts of a key on one platform and of every level above it: [0] the
// payload's (schema::payload_facts), then the top-level key's, ..., then the
// key's own. Keys every payload has (PayloadDisplayName, ...) have none
// (nullptr): their facts are the profile format's, not the payload's. Worked
// out once per value and platform; valid while the rules look at `visit`.
const FactChain* facts_along_chain(const ValueVisit& visit, schema::Platform platform);

// True when every level above the key is in effect on the platform
// (otherwise the finding belongs to the payload or to an enclosing key).
bool ancestors_in_effect(const std::vector<std::optional<schema::PlatformFacts>>& levels,
                         const TargetedPlatform& platform);

// The targeted platforms where every level above the key is in effect, the
// key passes `gate`, and `holds` is true of the key's facts but of no level
// above it (so the finding belongs to this key).
std::vector<const TargetedPlatform*> key_platforms_where(const ValueVisit& visit,
                                                         const std::vector<TargetedPlatform>& platforms,
                                                         const Holds& holds, Gate gate = Gate::kInEffect);

// Reports a key-level finding once for all the items of an array that set
// the key: at the first item (in source order) that has it, with the number
// of the others in the help; nullptr, and nothing reported, at the others.
// (A key under a free-form map entry is reported at each occurrence.)
Diagnostic* report_key(Diagnostics& diagnostics, DiagnosticCode code, const ValueVisit& visit, std::string message,
                       std::string help);

}  // namespace profilec::check::rules::targets
