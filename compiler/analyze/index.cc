#include "analyze/index.h"

#include <fmt/format.h>

#include <algorithm>

#include "diag/code_severities.h"

namespace profilec::analyze {

Index build_index(const std::vector<const ir::Profile*>& profiles, const schema::SchemaSet& schemas) {
  Index index;
  index.schemas = &schemas;
  index.profiles.reserve(profiles.size());
  for (const ir::Profile* profile : profiles) {
    const KindMask kinds = profile_kinds(*profile, schemas);
    const bool assumed = !profile->target.stated();
    index.profiles.push_back(ProfileRef{profile, kinds, assumed, index.payloads.size(), profile->payloads.size()});
    for (const ir::Payload& payload : profile->payloads) {
      index.payloads.push_back(PayloadRef{profile, &payload, kinds, schemas.find(payload.type), assumed});
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

void qualify_assumption(Diagnostic& diagnostic, const std::vector<Involved>& involved) {
  std::vector<const Involved*> assumed;
  for (const Involved& i : involved) {
    const bool seen = std::any_of(assumed.begin(), assumed.end(),
                                  [&](const Involved* a) { return a->profile == i.profile; });
    if (i.assumed && !seen) assumed.push_back(&i);
  }
  if (assumed.empty()) return;
  if (diagnostic.severity == Severity::kError) regrade(diagnostic, Severity::kWarning);
  std::string files;
  for (std::size_t k = 0; k < assumed.size(); ++k) {
    if (k > 0) files += k + 1 == assumed.size() ? " and " : ", ";
    files += fmt::format("'{}' ({})", assumed[k]->profile->source_path, platform_list(assumed[k]->kinds));
  }
  const bool one = assumed.size() == 1;
  std::string note = fmt::format(
      "assumed target: {} state{} no target, so {} taken to reach every device {} payloads can reach; state the "
      "target in profilec.toml ([[targets]]) or with --platform to make this exact",
      files, one ? "s" : "", one ? "it is" : "each is", one ? "its" : "their");
  diagnostic.help = diagnostic.help.empty() ? note : diagnostic.help + "; " + note;
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
