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
  // The manifest's bytes as read (kLoaded, and kUnusable when it could be
  // read): plan_output compares the next manifest with them instead of
  // reading the file again.
  std::optional<std::string> manifest_text;
  // kLoaded: name -> made_from of each listed file that is on disk with the
  // bytes the manifest records (ProfileSigning::previous).
  std::map<std::string, std::string> intact;
  // kLoaded: how the listed files were checked: trusted by their stamps,
  // or read and hashed (whether intact or not; `build -v` says both).
  std::size_t trusted = 0;
  std::size_t hashed = 0;
};

// Reads `output_dir`'s manifest and checks, on `jobs` threads, which listed
// files still hold what build wrote. A file whose stamp (size, inode,
// modification and change time: FileSystem::stamp) is the one the manifest
// recorded is trusted without reading it, as git's index and ninja trust a
// file's stat; any other is read and its SHA-256 compared. A recorded stamp
// is not trusted when the file's change time is not earlier than the
// manifest's modification time (git's "racily clean" entries): a file
// changed within the clock tick in which build recorded its stamp could
// keep that stamp. The manifest then records each intact file's current
// stamp (BuildManifestEntry::stamp in `manifest`).
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
  // The manifest in `writes` has no stamps for the profiles written (they
  // have none before they are renamed into place) and, with removals,
  // still lists the files to remove (a build killed before it removes them
  // finds them again). `next` is the manifest of this build; once the
  // writes and removals are done, apply_output_plan records the written
  // files' stamps in it and writes it as `final_manifest` when it differs
  // from the one in the folder: when a file got its stamp or was removed.
  BuildManifest next;
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
// manifest (set in `plan.final_manifest` when written). The first error
// stops it.
std::optional<IoError> apply_output_plan(FileSystem& files, const std::string& output_dir, OutputPlan& plan);

}  // namespace profilec
