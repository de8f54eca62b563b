#include "manifest/app_schema_folders.h"

#include <fmt/format.h>

#include "base/sha256.h"
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
  std::optional<FolderManifestCache> cache;
  if (options_.cache.files) {
    auto real = files_.resolve(folder);
    cache.emplace(options_.cache, folder, real ? real->real : folder);
  }
  bool has_toml = false;
  for (const std::string& path : *listed) {
    has_toml = has_toml || ends_with(path, ".toml");
    if (!ends_with(path, ".plist") && !ends_with(path, ".json")) continue;
    if (auto error = read_manifest(path, cache ? &*cache : nullptr, diagnostics)) {
      return schema::SchemaError{error->path, 0, 0, error->message};
    }
  }
  if (cache) cache->save();
  if (has_toml) return schemas_.add_directory(files_, folder);
  return std::nullopt;
}

template <typename Install>
void AppSchemaLoader::add_manifest(const std::string& domain, const std::string& path, Diagnostics& diagnostics,
                                   Install&& install) {
  ++read_;
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
  install();
}

std::optional<IoError> AppSchemaLoader::read_manifest(const std::string& path, FolderManifestCache* cache,
                                                      Diagnostics& diagnostics) {
  const std::optional<FileStamp> stamp = cache ? files_.stamp(path) : std::nullopt;
  const CachedManifest* cached = cache ? cache->find_by_stamp(path, stamp) : nullptr;
  std::string digest;
  if (!cached) {
    auto text = files_.read_file(path);
    if (!text) return text.error();
    if (cache) {
      digest = sha256_hex(*text);
      cached = cache->find_by_digest(path, digest, stamp);
    }
    if (!cached) {
      Diagnostics found;
      auto schema = ends_with(path, ".plist") ? read_profile_manifest(*text, path, found)
                                              : read_json_schema_manifest(*text, path, found);
      if (cache) cache->store(path, stamp, std::move(digest), schema ? &*schema : nullptr, found);
      diagnostics.append(found);
      if (schema) {
        const std::string domain = schema->payload_type;
        add_manifest(domain, path, diagnostics, [&] { schemas_.add_schema(std::move(*schema)); });
      }
      return std::nullopt;
    }
  }
  ++from_cache_;
  replay_findings(*cached, path, diagnostics);
  if (!cached->domain.empty()) {
    add_manifest(cached->domain, path, diagnostics,
                 [&] { schemas_.add_encoded_schema(cached->domain, cache->buffer(), cached->schema); });
  }
  return std::nullopt;
}

}  // namespace profilec::manifest
