#include "analyze/index.h"

#include <fmt/format.h>

namespace profilec::analyze {

Index build_index(const std::vector<const ir::Profile*>& profiles, const schema::SchemaSet& schemas) {
  Index index;
  index.schemas = &schemas;
  index.profiles.reserve(profiles.size());
  for (const ir::Profile* profile : profiles) {
    const KindMask kinds = reached_kinds(profile->target);
    index.profiles.push_back(ProfileRef{profile, kinds, index.payloads.size(), profile->payloads.size()});
    for (const ir::Payload& payload : profile->payloads) {
      index.payloads.push_back(PayloadRef{profile, &payload, kinds, schemas.find(payload.type)});
    }
  }
  return index;
}

SourceSpan key_span(const ir::Value& dict, std::string_view key, const SourceSpan& fallback) {
  if (!dict.is_dict()) return fallback;
  for (const ir::DictEntry& entry : dict.dict()) {
    if (entry.key != key) continue;
    if (entry.key_span.known()) return entry.key_span;
    if (entry.value.span.known()) return entry.value.span;
    return fallback;
  }
  return fallback;
}

std::string where(const SourceSpan& span) {
  if (!span.known()) return "another profile";
  if (!span.begin.known()) return span.path_or_empty();
  return fmt::format("{}:{}", span.path_or_empty(), span.begin.line);
}

bool is_bookkeeping_key(std::string_view key) {
  return key == "PayloadIdentifier" || key == "PayloadUUID" || key == "PayloadType" || key == "PayloadVersion" ||
         key == "PayloadDisplayName" || key == "PayloadDescription" || key == "PayloadOrganization";
}

const std::string* string_field(const ir::Value& dict, std::string_view key) {
  if (!dict.is_dict()) return nullptr;
  const ir::Value* value = dict.find(key);
  return value && value->is_string() ? &value->string() : nullptr;
}

}  // namespace profilec::analyze
