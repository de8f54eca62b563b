// The trust boundary (docs/security.md): policy sources are untrusted (they
// come from pull requests), so what they make profilec read must lie inside
// the repository. These functions decide that from where each path really
// leads (FileSystem::resolve), before anything is read.
#pragma once

#include <string>

#include "base/file_system.h"

namespace profilec {

struct BoundaryCheck {
  enum Verdict {
    kInside,      // may be read
    kOutside,     // leads outside the repository (through `..`, an absolute path or a symbolic link)
    kHidden,      // inside, but in or through a hidden file or folder (.git, .env, ...)
    kNotRegular,  // a folder, FIFO, device or socket, or a file under /proc, /sys or /dev
    kUnresolved,  // some part of the path cannot be followed (missing, a loop); `error` says why
  };
  Verdict verdict = kInside;
  std::string real;       // where the path leads; empty when unresolved
  std::string real_root;  // where the repository root really is
  std::string error;
};

// A `{ file = }` data file at `path` (as the policy names it, joined to its
// folder), judged against the repository at `root` ("" is the current
// directory): it must lead to a regular file below the root's real
// location, through no hidden name, and not into /proc, /sys or /dev.
BoundaryCheck check_data_file(const FileSystem& files, const std::string& path, const std::string& root);

// An input file (policy, fragment, profilec.toml, .mobileconfig) found
// below `root`: kOutside when it really leads outside the root (a symbolic
// link out of the repository), else kInside. A path that cannot be
// resolved is kInside: reading it reports the error as before.
BoundaryCheck check_input_file(const FileSystem& files, const std::string& path, const std::string& root);

// Whether the real path `real` is `real_root` or below it.
bool is_below(const std::string& real, const std::string& real_root);

}  // namespace profilec
