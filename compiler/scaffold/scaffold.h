// `profilec init`: the files of a new policy repository. The templates are
// templates/init/ in the source tree, embedded in the binary at build time
// (tools/embed-files), with @ORGANIZATION@ and @ID_PREFIX@ filled in.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/expected.h"

namespace profilec::scaffold {

struct ScaffoldOptions {
  std::string organization = "Example Organization";
  std::string id_prefix = "com.example";
};

// {path relative to the new repository, contents}, sorted by path; or why
// an option cannot be used (an id_prefix that is not reverse-DNS, an
// organization with a control character).
Expected<std::vector<std::pair<std::string, std::string>>, std::string> scaffold_files(const ScaffoldOptions& options);

}  // namespace profilec::scaffold
