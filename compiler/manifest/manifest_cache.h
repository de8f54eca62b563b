// Manifests read once, kept between runs (docs/app-schemas.md#the-cache):
// each configured folder has one cache file holding, for every manifest in
// it, the file's stamp (size, times, inode) and content digest, the domain
// it describes, its schema in the compact form of the embedded schemas
// (schema/schema_codec.h) and what reading it reported. A run serves a
// manifest from the cache when its stamp is the one recorded (and older
// than the cache file by a second, so that an edit within the same clock
// tick is never missed), else when its content has the recorded digest;
// anything else is read again. Only the schemas a run meets are decoded.
//
// The cache is an optimisation only: a missing, truncated, corrupt (its
// checksum), foreign (another build of profilec, another folder) or
// unwritable cache file is as if there were none; the run reads the
// manifests. Files are replaced by rename, so runs in parallel never see a
// half-written cache.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/environment.h"
#include "base/file_system.h"
#include "diag/diagnostic.h"
#include "schema/schema.h"

namespace profilec::manifest {

struct ManifestCacheOptions {
  FileSystem* files = nullptr;   // where the cache folder is; nullptr: no cache
  std::string dir;               // the cache folder
  std::string program_identity;  // this build of profilec: another's cache is not read
};

// The variables that place the cache or turn it off.
inline constexpr std::string_view kCacheDirVariable = "PROFILEC_CACHE_DIR";
inline constexpr std::string_view kNoManifestCacheVariable = "PROFILEC_NO_MANIFEST_CACHE";

// Where the cache folder is: $PROFILEC_CACHE_DIR, else
// $XDG_CACHE_HOME/profilec, else $HOME/.cache/profilec (a relative
// XDG_CACHE_HOME or HOME is ignored, as the XDG spec says). nullopt when
// PROFILEC_NO_MANIFEST_CACHE is set to anything but "" or none applies.
std::optional<std::string> manifest_cache_dir(const Environment& environment);

// A manifest's reading as the cache keeps it.
struct CachedManifest {
  std::optional<FileStamp> stamp;
  std::string digest;                // SHA-256 of the content, hex
  std::string domain;                // "" when the manifest gave no schema
  std::string_view schema;           // encoded; lies in FolderManifestCache::buffer()
  std::vector<Diagnostic> findings;  // PC0040-PC0045, spans in the manifest (path left empty)
};

// The cache of one folder, for one run.
class FolderManifestCache {
 public:
  // Reads the cache file of `folder` (as the run names it; `real_folder`
  // is where it leads). A bad cache file reads as an empty cache.
  FolderManifestCache(ManifestCacheOptions options, const std::string& folder, const std::string& real_folder);

  // The reading of `path` when its stamp is the recorded one and settled.
  const CachedManifest* find_by_stamp(const std::string& path, const std::optional<FileStamp>& stamp);
  // The reading of `path` when its content has the recorded digest (the
  // stamp is then updated).
  const CachedManifest* find_by_digest(const std::string& path, const std::string& digest,
                                       const std::optional<FileStamp>& stamp);
  // Records a fresh reading. A finding the cache cannot keep (one with
  // notes, fixes or a span in another file) leaves the manifest out: it is
  // read again next time.
  void store(const std::string& path, const std::optional<FileStamp>& stamp, std::string digest,
             const schema::PayloadSchema* schema, const Diagnostics& findings);
  // Writes the cache file when anything changed: the manifests met since
  // the constructor, the others dropped. A failure is ignored (the next run
  // reads the manifests again).
  void save();

  // Holds every CachedManifest::schema that a find returned.
  const std::shared_ptr<const FileBytes>& buffer() const { return buffer_; }
  // The cache file.
  const std::string& path() const { return path_; }

 private:
  void load(const std::string& folder, const std::string& real_folder);
  bool settled(const FileStamp& stamp) const;

  ManifestCacheOptions options_;
  std::string path_;
  std::string header_;                       // identity and folder, as written
  std::shared_ptr<const FileBytes> buffer_;  // the cache file, mapped (FileSystem::map_file_up_to)
  std::optional<FileStamp> cache_stamp_;
  std::map<std::string, CachedManifest, std::less<>> loaded_;
  std::map<std::string, CachedManifest, std::less<>> met_;
  std::vector<std::unique_ptr<std::string>> fresh_schemas_;  // encoded by store()
  bool changed_ = false;
};

// Copies of `cached.findings`, their spans in `path`.
void replay_findings(const CachedManifest& cached, const std::string& path, Diagnostics& diagnostics);

}  // namespace profilec::manifest
