// PC3002: the same PayloadUUID on two profiles or payloads, anywhere in the
// repository (UUIDs are compared without regard to letter case). A UUID
// derived from a duplicated identifier is that identifier's finding, so
// items that share their PayloadIdentifier too are left alone where another
// rule speaks for them: two profiles (PC3001, or variants of one profile for
// targets that do not meet), two payloads of one profile (PC3003), or two
// payloads of profiles that share their identifier. The same payload copied
// into two different profiles is this rule's: no other rule sees it. It is
// an error where the two profiles reach the same devices (the device holds
// two payloads it cannot tell apart) and a warning elsewhere (only the MDM
// server confuses them).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "analyze/rules/rules.h"
#include "diag/code_severities.h"
#include "ir/mdm_variable.h"

namespace profilec::analyze {
namespace {

struct Holder {
  const ir::Value* dict;
  std::string_view what;  // "profile" or "payload"
  const ProfileRef* profile_ref;
  const ir::Profile* profile;
};

const std::string* profile_identifier(const ir::Profile& profile) {
  return string_field(profile.envelope, "PayloadIdentifier");
}

// Another rule reports the pair, or it is a variant of one profile.
bool spoken_for(const Holder& a, const Holder& b) {
  if (a.what == "profile" || b.what == "profile") return true;
  if (a.profile == b.profile) return true;  // PC3003
  const std::string* id_a = profile_identifier(*a.profile);
  const std::string* id_b = profile_identifier(*b.profile);
  return id_a && id_b && *id_a == *id_b;
}

}  // namespace

void check_duplicate_uuids(const Index& index, Diagnostics& diagnostics) {
  std::unordered_map<std::string, Holder> first_by_uuid;
  auto visit = [&](const ir::Value& dict, std::string_view what, const ProfileRef& ref) {
    const ir::Profile& profile = *ref.profile;
    const std::string* uuid = string_field(dict, "PayloadUUID");
    // A placeholder a template fills in (${uuid_1}) is PC1011's finding;
    // its final value is not known here.
    if (!uuid || uuid->empty() || ir::has_mdm_variable(*uuid)) return;
    std::string folded = *uuid;
    std::transform(folded.begin(), folded.end(), folded.begin(), [](unsigned char c) { return std::toupper(c); });
    auto [it, inserted] = first_by_uuid.emplace(std::move(folded), Holder{&dict, what, &ref, &profile});
    if (inserted) return;
    const std::string* id = string_field(dict, "PayloadIdentifier");
    const std::string* other_id = string_field(*it->second.dict, "PayloadIdentifier");
    const bool same_identifier = id && other_id && *id == *other_id;
    if (same_identifier && spoken_for(Holder{&dict, what, &ref, &profile}, it->second)) return;
    const SourceSpan other = key_span(*it->second.dict, "PayloadUUID", it->second.dict->span);
    Diagnostic& d =
        same_identifier
            ? diagnostics.report(
                  DiagnosticCode::PC3002, key_span(dict, "PayloadUUID", dict.span),
                  fmt::format("payload '{}' (UUID {}) is also a payload of another profile at {}", *id, *uuid,
                              where(other)),
                  "MDM servers and devices track payloads by UUID and take the two copies for one another; give "
                  "each copy its own PayloadIdentifier and PayloadUUID, or keep the payload in one profile")
            : diagnostics.report(
                  DiagnosticCode::PC3002, key_span(dict, "PayloadUUID", dict.span),
                  fmt::format("{} UUID {} is also the UUID of a {} at {}", what, *uuid, it->second.what, where(other)),
                  "PayloadUUIDs must be unique; remove the pinned UUID to derive one from the identifier");
    d.notes.push_back({other, fmt::format("the {} with the same UUID", it->second.what)});
    if (same_identifier) {
      const ProfileRef& a = ref;
      const ProfileRef& b = *it->second.profile_ref;
      if ((a.kinds & b.kinds) == 0) regrade(d, std::min(d.severity, Severity::kWarning));
      qualify_assumption(d, {{a.profile, a.kinds, a.assumed}, {b.profile, b.kinds, b.assumed}});
    }
  };
  for (const ProfileRef& ref : index.profiles) {
    visit(ref.profile->envelope, "profile", ref);
    for (const ir::Payload& payload : ref.profile->payloads) visit(payload.content, "payload", ref);
  }
}

}  // namespace profilec::analyze
