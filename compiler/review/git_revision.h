// One revision of the current git repository as files in memory, read
// through git itself (`profilec diff`): no checkout, no working tree
// touched. Three git processes whatever the size of the tree:
// `git rev-parse` (the repository, then the commit), one `git ls-tree -r -z`
// and one `git cat-file --batch` for every blob.
#pragma once

#include <string>

#include "base/expected.h"
#include "base/file_system.h"
#include "base/process.h"

namespace profilec::review {

// Why a revision could not be read: `message` is complete and lower-case
// ("not a git repository (or any parent up to /): run diff inside the
// repository, or compare folders"; "unknown revision 'nope'").
struct RevisionError {
  std::string message;
};

struct RevisionFiles {
  std::string commit;       // the full object name the revision names
  std::size_t files = 0;    // regular files read (symbolic links and submodules are left out)
  std::size_t skipped = 0;  // symbolic links and submodules
};

// Every regular file of `revision`'s tree (the whole repository, wherever
// below its top the current directory is) is added to `into` under
// `root` ("root/policies/a.toml"). git is run as `git` from PATH.
Expected<RevisionFiles, RevisionError> read_git_revision(const ProcessRunner& processes, const std::string& revision,
                                                         const std::string& root, MemoryFileSystem& into);

}  // namespace profilec::review
