// PC3004: a key that holds another payload's PayloadUUID (the overlay's
// `references`) names no payload of the same profile, or one of a type that
// cannot serve there. Strings holding an MDM variable are left alone.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <span>
#include <unordered_map>

#include "analyze/rules/rules.h"

namespace profilec::analyze {
namespace {

std::string fold(std::string_view uuid) {
  std::string out(uuid);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::toupper(c); });
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

using UuidMap = std::unordered_map<std::string, const ir::Payload*>;

void check_value(const ir::Value& value, const SourceSpan& span, const schema::ReferenceFact& fact,
                 const std::string& path, const UuidMap& uuids, Diagnostics& diagnostics) {
  if (value.is_array()) {
    for (const ir::Value& item : value.array()) check_value(item, item.span, fact, path, uuids, diagnostics);
    return;
  }
  if (!value.is_string() || value.secret || value.string().empty()) return;
  const std::string& text = value.string();
  if (text.find('$') != std::string::npos || text.find("{{") != std::string::npos) return;
  auto it = uuids.find(fold(text));
  if (it == uuids.end()) {
    diagnostics.report(DiagnosticCode::PC3004, span,
                       fmt::format("{} names '{}', which is the PayloadUUID of no payload in this profile", path, text),
                       fact.types.empty()
                           ? std::string("set it to the PayloadUUID of a payload of this profile")
                           : fmt::format("set it to the PayloadUUID of a payload of this profile of type {}",
                                         join(fact.types)));
    return;
  }
  const ir::Payload& target = *it->second;
  if (fact.types.empty() || std::find(fact.types.begin(), fact.types.end(), target.type) != fact.types.end()) return;
  Diagnostic& d = diagnostics.report(DiagnosticCode::PC3004, span,
                                     fmt::format("{} names payload '{}', a {} payload, which cannot serve here", path,
                                                 target.name, target.type),
                                     fmt::format("{} must name a payload of type {}", path, join(fact.types)));
  d.notes.push_back({key_span(target.content, "PayloadType", target.span), "the payload it names"});
}

// Follows `segments` from `dict` through dictionaries (and every item of an
// array on the way) to the values to check.
void follow(const ir::Value& dict, std::span<const std::string> segments, const schema::ReferenceFact& fact,
            const UuidMap& uuids, Diagnostics& diagnostics) {
  if (segments.empty()) return;
  if (dict.is_array()) {
    for (const ir::Value& item : dict.array()) follow(item, segments, fact, uuids, diagnostics);
    return;
  }
  if (!dict.is_dict()) return;
  for (const ir::DictEntry& entry : dict.dict()) {
    if (entry.key != segments.front()) continue;
    if (segments.size() == 1) {
      check_value(entry.value, entry.value.is_array() ? entry.key_span : entry.value.span, fact, fact.path.text(),
                  uuids, diagnostics);
    } else {
      follow(entry.value, segments.subspan(1), fact, uuids, diagnostics);
    }
  }
}

}  // namespace

void check_dangling_references(const Index& index, Diagnostics& diagnostics) {
  UuidMap uuids;
  for (const ProfileRef& ref : index.profiles) {
    const std::span<const PayloadRef> payloads(index.payloads.data() + ref.first_payload, ref.payload_count);
    bool any = false;
    for (const PayloadRef& p : payloads) any = any || (p.schema && !p.schema->overlay.references.empty());
    if (!any) continue;
    uuids.clear();
    for (const ir::Payload& payload : ref.profile->payloads) {
      if (const std::string* uuid = string_field(payload.content, "PayloadUUID")) uuids.emplace(fold(*uuid), &payload);
    }
    for (const PayloadRef& p : payloads) {
      if (!p.schema) continue;
      for (const schema::ReferenceFact& fact : p.schema->overlay.references) {
        follow(p.payload->content, fact.path.segments, fact, uuids, diagnostics);
      }
    }
  }
}

}  // namespace profilec::analyze
