// PC3002: the same PayloadUUID on two profiles or payloads, anywhere in the
// repository (UUIDs are compared without regard to letter case). A UUID
// derived from a duplicated identifier is that identifier's finding (PC3001,
// PC3003), so items that share their PayloadIdentifier too are left alone.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "analyze/rules/rules.h"

namespace profilec::analyze {
namespace {

struct Holder {
  const ir::Value* dict;
  std::string_view what;  // "profile" or "payload"
};

}  // namespace

void check_duplicate_uuids(const Index& index, Diagnostics& diagnostics) {
  std::unordered_map<std::string, Holder> first_by_uuid;
  auto visit = [&](const ir::Value& dict, std::string_view what) {
    const std::string* uuid = string_field(dict, "PayloadUUID");
    if (!uuid || uuid->empty()) return;
    std::string folded = *uuid;
    std::transform(folded.begin(), folded.end(), folded.begin(), [](unsigned char c) { return std::toupper(c); });
    auto [it, inserted] = first_by_uuid.emplace(std::move(folded), Holder{&dict, what});
    if (inserted) return;
    const std::string* id = string_field(dict, "PayloadIdentifier");
    const std::string* other_id = string_field(*it->second.dict, "PayloadIdentifier");
    if (id && other_id && *id == *other_id) return;
    const SourceSpan other = key_span(*it->second.dict, "PayloadUUID", it->second.dict->span);
    Diagnostic& d = diagnostics.report(
        DiagnosticCode::PC3002, key_span(dict, "PayloadUUID", dict.span),
        fmt::format("{} UUID {} is also the UUID of a {} at {}", what, *uuid, it->second.what, where(other)),
        "PayloadUUIDs must be unique; remove the pinned UUID to derive one from the identifier");
    d.notes.push_back({other, fmt::format("the {} with the same UUID", it->second.what)});
  };
  for (const ProfileRef& ref : index.profiles) {
    visit(ref.profile->envelope, "profile");
    for (const ir::Payload& payload : ref.profile->payloads) visit(payload.content, "payload");
  }
}

}  // namespace profilec::analyze
