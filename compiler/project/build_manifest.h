// The manifest `build` keeps in its output folder, `.profilec-build.json`:
// which files it wrote there and what each was made from, so the next
// build into the folder writes only what changed, removes only what it
// wrote itself, and keeps a signed file whose content is unchanged
// (docs/cli.md, "Incremental builds"; project/build_output.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"
#include "base/file_system.h"

namespace profilec {

inline constexpr std::string_view kBuildManifestName = ".profilec-build.json";
inline constexpr std::string_view kBuildManifestFormat = "profilec-build-manifest";
inline constexpr std::int64_t kBuildManifestVersion = 1;

struct BuildManifestEntry {
  // Relative to the output folder, '/'-separated ("policies/r.mobileconfig").
  std::string name;
  std::string sha256;     // of the file's bytes as written
  std::string made_from;  // build_input_digest (project/sign_profile.h) of what they were made from
  // The file's stamp just after build wrote it (or found it intact): while
  // the file has this stamp, it holds these bytes and is not hashed again
  // (project/build_output.h says when the stamp is not trusted). Absent: a
  // build killed before it recorded the stamps, or a file system without
  // stamps; the file is hashed.
  std::optional<FileStamp> stamp = {};
  friend bool operator==(const BuildManifestEntry&, const BuildManifestEntry&) = default;
};

struct BuildManifest {
  std::vector<BuildManifestEntry> files;  // sorted by name, no name twice
  friend bool operator==(const BuildManifest&, const BuildManifest&) = default;
};

// The manifest as JSON: {"format", "version", "files": [{"name", "sha256",
// "made_from", "stamp"}]}, entries sorted by name, one line each; "stamp"
// is [size, inode, mtime_ns, ctime_ns] (the inode's bits as a signed
// 64-bit integer), left out when there is none. A manifest with stamps is
// still version 1: a profilec that does not know them ignores them.
std::string write_build_manifest(const BuildManifest& manifest);

// A manifest this version of profilec wrote, or why not: not JSON, another
// format or version ("foreign"), an entry whose name leaves the folder
// (absolute, "..", a hidden or empty component) or is not a
// .mobileconfig, a digest that is not 64 lower-case hex digits, a "stamp"
// that is not four integers (size and times not negative), a name twice.
// The message is lower-case and says what was seen.
//
// Any JSON layout of that object reads the same (members in any order,
// other members ignored, any white space). The layout write_build_manifest
// makes is read first without building a JSON tree (a rebuild of 10,000
// profiles reads 2.6 MB of it: docs/performance.md); any text that leaves
// that layout anywhere, or whose entries would be refused, is read again
// by the generic JSON reader, which gives the answer and every message.
Expected<BuildManifest, std::string> read_build_manifest(std::string_view text);

// The two readers behind read_build_manifest, for the tests that hold them
// to the same answer on the same text: the manifest when `text` is exactly
// in write_build_manifest's layout and would be accepted (nullopt
// otherwise, whatever the reason), and the reader of any JSON layout.
std::optional<BuildManifest> read_build_manifest_as_written(std::string_view text);
Expected<BuildManifest, std::string> read_build_manifest_as_json(std::string_view text);

}  // namespace profilec
