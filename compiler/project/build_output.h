// Incremental builds: what `build` writes into an output folder that holds
// its previous build (docs/cli.md, "Incremental builds"). The folder's
// manifest (project/build_manifest.h) lists each file build wrote there and
// what it was made from; a profile made from the same content as its file
// there, which still holds the bytes build wrote, is left as it is (its
// mtime too), unless it holds a resolved secret (always written: 0600); a profile build no longer makes is removed when
// the manifest lists it and it is unchanged since. Files the manifest does not list are never removed. No manifest, or
// one that cannot be used: every profile is written and nothing removed (PreviousBuild::state says why).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/file_system.h"
#include "project/build_manifest.h"
#include "project/compile.h"
#include "project/sign_profile.h"

namespace profilec {

struct PreviousBuild {
  enum class State {
    kNoFolder,    // the output folder does not exist yet
    kNoManifest,  // the folder exists without a manifest (a build before manifests, or not build's folder)
    kUnusable,    // a manifest that cannot be read or is not this version's: `why`
    kLoaded,
  };
  State state = State::kNoFolder;
  std::string why;
  BuildManifest manifest;  // kLoaded
  // kLoaded: name -> made_from of each listed file that is on disk with the
  // bytes the manifest records (ProfileSigning::previous).
  std::map<std::string, std::string> intact;
};

// Reads `output_dir`'s manifest and checks, on `jobs` threads, which listed
// files still hold what build wrote (their SHA-256).
PreviousBuild read_previous_build(const FileSystem& files, const std::string& output_dir, unsigned jobs);

struct OutputPlan {
  // Written all or nothing (FileSystem::write_files_atomically): the
  // profiles that changed, the folder's marker when missing, the manifest.
  std::vector<std::pair<std::string, std::string>> writes;
  std::vector<FileAccess> access;
  // Paths in the output folder, in name order.
  std::vector<std::string> written;     // profiles written
  std::vector<std::string> unchanged;   // profiles left as they were
  std::vector<std::string> removed;     // profiles no longer built, removed after the writes
  std::vector<std::string> left_alone;  // no longer built, but changed since build wrote them: kept
  // With removals, the manifest in `writes` still lists the files to
  // remove (a build killed before it removes them finds them again); this
  // one, written last, does not.
  std::optional<std::string> final_manifest;
  // 0600 when a profile holds a resolved secret: a digest of its bytes
  // would let a reader who may not open the profile test guesses of a weak
  // secret offline.
  FileAccess manifest_access = FileAccess::kShared;
};

// What to write for `profiles` (their bytes are moved out) into
// `output_dir`, given what it held.
OutputPlan plan_output(std::vector<CompiledProfile>& profiles, const PreviousBuild& previous, const FileSystem& files,
                       const std::string& output_dir, const ProfileSigning& signing, unsigned jobs);

// Carries `plan` out: the writes (all or nothing), the removals, the final
// manifest. The first error stops it.
std::optional<IoError> apply_output_plan(FileSystem& files, const std::string& output_dir, const OutputPlan& plan);

}  // namespace profilec
