// Where app schemas come from: folders given by --schema-dir or
// profilec.toml's [schemas] (docs/app-schemas.md). A folder may hold
// profilec schemas (*.toml, the format of schemas/), ProfileManifests
// manifests (*.plist) and JSON Schema manifests (*.json), told apart by
// their extension; a ProfileManifests checkout is read from its Manifests
// folder. Precedence: Apple's embedded schema of a com.apple.* domain wins
// over a manifest's unless `replace_apple`; among manifests, the first read
// wins (PC0043), folders in the order given, files sorted.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <utility>

#include "base/file_system.h"
#include "diag/diagnostic.h"
#include "manifest/manifest_cache.h"
#include "schema/schema_set.h"

namespace profilec::manifest {

struct AppSchemaOptions {
  // A manifest's schema replaces Apple's embedded one of the same com.apple.* domain.
  bool replace_apple = false;
  // Where parsed manifests are kept between runs (manifest_cache.h); no
  // cache when its `files` is null.
  ManifestCacheOptions cache;
};

class AppSchemaLoader {
 public:
  AppSchemaLoader(const FileSystem& files, schema::SchemaSet& schemas, AppSchemaOptions options)
      : files_(files), schemas_(schemas), options_(std::move(options)) {}

  // Adds every schema of `dir`. A profilec schema's error stops the folder
  // and is returned (as SchemaSet::add_directory does); manifest findings
  // (PC0040-PC0045) go to `diagnostics`, and a manifest with an error is
  // left out. Returns the profilec schema error, if any.
  std::optional<schema::SchemaError> add_folder(const std::string& dir, Diagnostics& diagnostics);

  // Manifests read, and how many of them were left out because Apple's
  // schema wins (for `schema list`'s summary and the tests).
  std::size_t manifests_read() const { return read_; }
  std::size_t apple_kept() const { return apple_kept_; }
  // Manifests (of those read) taken from the cache rather than parsed.
  std::size_t from_cache() const { return from_cache_; }

 private:
  // Reads one manifest (or takes it from `cache`) and adds its schema; the
  // error when the file cannot be read.
  std::optional<IoError> read_manifest(const std::string& path, FolderManifestCache* cache, Diagnostics& diagnostics);
  // Adds the schema of `domain` by calling `install`, unless an earlier
  // manifest gave the domain (PC0043) or Apple's schema wins. A second JSON
  // Schema manifest of a domain a JSON Schema manifest gave adds its keys
  // to it (`decoded` gives its schema): Jamf's schemas split an app's
  // settings over several files of one domain.
  template <typename Install, typename Decoded>
  void add_manifest(const std::string& domain, const std::string& path, Diagnostics& diagnostics, Install&& install,
                    Decoded&& decoded);

  const FileSystem& files_;
  schema::SchemaSet& schemas_;
  AppSchemaOptions options_;
  std::set<std::string, std::less<>> from_manifests_;  // domains a manifest has given
  std::set<std::string, std::less<>> from_json_;       // ... a JSON Schema manifest first
  std::size_t read_ = 0;
  std::size_t apple_kept_ = 0;
  std::size_t from_cache_ = 0;
};

// The folder that holds a ProfileManifests checkout's manifests: `dir`/Manifests
// when `dir` is a checkout's root, else `dir` itself.
std::string manifests_folder(const FileSystem& files, const std::string& dir);

}  // namespace profilec::manifest
