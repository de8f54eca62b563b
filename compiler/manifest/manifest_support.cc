#include "manifest/manifest_support.h"

#include <fmt/format.h>

#include <regex>

namespace profilec::manifest {

void not_expressed(schema::PayloadSchema& schema, const SourceSpan& span, std::string what, Diagnostics& diagnostics) {
  diagnostics.report(DiagnosticCode::PC0044, span, fmt::format("{} is not checked", what),
                     "profilec's schema model cannot express it (docs/app-schemas.md)");
  schema.not_expressed.push_back(std::move(what));
}

bool pattern_compiles(const std::string& pattern) {
  try {
    const std::regex compiled(pattern, std::regex::ECMAScript);
    return true;
  } catch (const std::regex_error&) {
    return false;
  }
}

schema::Group& app_group(schema::PayloadSchema& schema) {
  if (schema.groups.empty()) {
    schema::Group group;
    group.file = schema.source_path;
    group.title = schema.title;
    group.description = schema.description;
    group.doc_url = schema.doc_url;
    schema.groups.push_back(std::move(group));
  }
  return schema.groups.front();
}

void set_introduced(schema::OsFacts& facts, schema::Platform platform, std::optional<schema::OsVersion> introduced) {
  auto& slot = facts[static_cast<std::size_t>(platform)];
  if (!slot) slot.emplace();
  slot->introduced = introduced ? *introduced : schema::OsVersion::since_first();
}

std::string file_stem(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.rfind('.');
  if (dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
  return std::string(name);
}

}  // namespace profilec::manifest
