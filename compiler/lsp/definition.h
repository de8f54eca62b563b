// textDocument/definition: where a name in a policy leads. A `use` entry
// -> the repository fragment's file (a stdlib fragment is compiled into the
// binary and has no file: no location, docs/lsp.md); `{ file = "path" }`
// -> that file (relative to the policy's folder, as lowering reads it);
// `{ payload = "NAME" }` -> the [payload.NAME] header in the same file.
#pragma once

#include <optional>
#include <string>

#include "base/file_system.h"
#include "lsp/text_document.h"

namespace profilec::lsp {

struct DefinitionTarget {
  std::string path;
  std::size_t line = 0;  // 0-based; the file's start for another file
};

// `path`: the document's; `repository_root`: the folder of its
// profilec.toml ("" when none: `use` names cannot resolve).
std::optional<DefinitionTarget> definition(const TextDocument& document, std::size_t offset, const std::string& path,
                                           const std::string& repository_root, const FileSystem& files);

}  // namespace profilec::lsp
