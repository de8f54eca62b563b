#include "manifest/app_schema_folders.h"

#include <fmt/format.h>

#include "manifest/json_schema_manifest.h"
#include "manifest/profile_manifest.h"

namespace profilec::manifest {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

std::string manifests_folder(const FileSystem& files, const std::string& dir) {
  const std::string inner = join_path(dir, "Manifests");
  return files.kind(inner) == PathKind::kDirectory ? inner : dir;
}

std::optional<schema::SchemaError> AppSchemaLoader::add_folder(const std::string& dir, Diagnostics& diagnostics) {
  const std::string folder = manifests_folder(files_, dir);
  auto listed = files_.list_files(folder);
  if (!listed) return schema::SchemaError{listed.error().path, 0, 0, listed.error().message};
  bool has_toml = false;
  for (const std::string& path : *listed) {
    const bool plist = ends_with(path, ".plist");
    const bool json = ends_with(path, ".json");
    has_toml = has_toml || ends_with(path, ".toml");
    if (!plist && !json) continue;
    auto text = files_.read_file(path);
    if (!text) return schema::SchemaError{path, 0, 0, text.error().message};
    auto schema = plist ? read_profile_manifest(*text, path, diagnostics)
                        : read_json_schema_manifest(*text, path, diagnostics);
    if (schema) add_manifest(std::move(*schema), path, diagnostics);
  }
  if (has_toml) return schemas_.add_directory(files_, folder);
  return std::nullopt;
}

void AppSchemaLoader::add_manifest(schema::PayloadSchema schema, const std::string& path, Diagnostics& diagnostics) {
  ++read_;
  const std::string& domain = schema.payload_type;
  if (from_manifests_.contains(domain)) {
    diagnostics.report(DiagnosticCode::PC0043, whole_file_span(std::make_shared<const std::string>(path)),
                       fmt::format("a second manifest for '{}' is ignored", domain),
                       fmt::format("the first one read is used: {}", schemas_.find_any(domain)->source_path));
    return;
  }
  if (domain.starts_with("com.apple.") && schemas_.is_embedded(domain) && !options_.replace_apple) {
    ++apple_kept_;
    return;
  }
  from_manifests_.insert(domain);
  schemas_.add_schema(std::move(schema));
}

}  // namespace profilec::manifest
