#include "manifest/app_schema_folders.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/sha256.h"
#include "manifest/json_schema_manifest.h"
#include "manifest/profile_manifest.h"
#include "schema/schema_codec.h"

namespace profilec::manifest {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The keys of `more` that `into` lacks (by name, group by group), and
// what of `more` is not expressed.
void add_keys_of(schema::PayloadSchema& into, const schema::PayloadSchema& more) {
  for (std::size_t g = 0; g < more.groups.size(); ++g) {
    if (g >= into.groups.size()) {
      into.groups.push_back(more.groups[g]);
      continue;
    }
    std::vector<schema::Key>& keys = into.groups[g].keys;
    for (const schema::Key& key : more.groups[g].keys) {
      const bool known = std::any_of(keys.begin(), keys.end(),
                                     [&](const schema::Key& k) { return k.name == key.name; });
      if (!known) keys.push_back(key);
    }
  }
  into.not_expressed.insert(into.not_expressed.end(), more.not_expressed.begin(), more.not_expressed.end());
}

// The keys without their words (title, description): what they check.
std::vector<schema::Key> checked_keys(std::vector<schema::Key> keys) {
  for (schema::Key& key : keys) {
    key.title.clear();
    key.description.clear();
    key.subkeys = checked_keys(std::move(key.subkeys));
  }
  return keys;
}

// Whether two manifests of one domain check the same: the same keys with
// the same facts and the same platforms, whatever their words.
bool checks_the_same(const schema::PayloadSchema& a, const schema::PayloadSchema& b) {
  if (a.groups.size() != b.groups.size()) return false;
  for (std::size_t g = 0; g < a.groups.size(); ++g) {
    if (a.groups[g].os != b.groups[g].os) return false;
    if (checked_keys(a.groups[g].keys) != checked_keys(b.groups[g].keys)) return false;
  }
  return true;
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

template <typename Install, typename Decoded>
void AppSchemaLoader::add_manifest(const std::string& domain, const std::string& path, Diagnostics& diagnostics,
                                   Install&& install, Decoded&& decoded) {
  ++read_;
  const bool json = ends_with(path, ".json");
  if (json && from_json_.contains(domain)) {
    schema::PayloadSchema merged = *schemas_.find_any(domain);
    add_keys_of(merged, decoded());
    merged.source_path += ", " + path;
    schemas_.add_schema(std::move(merged));
    return;
  }
  if (from_manifests_.contains(domain)) {
    // One that checks what the first does changes nothing (ProfileManifests'
    // two developer test manifests of com.profilecreator.developer.TextFieldInteger):
    // no warning a whole checkout would print on every run.
    if (checks_the_same(*schemas_.find_any(domain), decoded())) return;
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
  if (json) from_json_.insert(domain);
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
      // PC0044 notes are kept in the schema (its not_expressed, which
      // `schema show` lists); as findings they were never printed, and a
      // warm run replayed thousands of them (Chrome's manifest has a note
      // per key): only errors and warnings are reported and cached.
      std::erase_if(found.mutable_all(), [](const Diagnostic& d) { return d.severity == Severity::kNote; });
      if (cache) cache->store(path, stamp, std::move(digest), schema ? &*schema : nullptr, found);
      diagnostics.append(found);
      if (schema) {
        const std::string domain = schema->payload_type;
        add_manifest(
            domain, path, diagnostics, [&] { schemas_.add_schema(std::move(*schema)); },
            [&]() -> const schema::PayloadSchema& { return *schema; });
      }
      return std::nullopt;
    }
  }
  ++from_cache_;
  replay_findings(*cached, path, diagnostics);
  if (!cached->domain.empty()) {
    add_manifest(
        cached->domain, path, diagnostics,
        [&] { schemas_.add_encoded_schema(cached->domain, cache->buffer(), cached->schema); },
        [&] { return schema::decode_schema(cached->schema); });
  }
  return std::nullopt;
}

}  // namespace profilec::manifest
