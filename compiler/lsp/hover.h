// textDocument/hover: what a name in the buffer means, as Markdown. A
// payload key: its title and description, type, presence, constraints
// (allowed values, range, default) and its platform facts (introduced,
// deprecated, removed, supervised, enrollment, channels: the rows of
// schema/platform_facts.def, in the words of `profilec schema show`). A
// payload type after `type =`: its title, documentation link and
// platforms. A rule code or name (profilec.toml [rules], allow comments):
// the rule's summary.
#pragma once

#include <optional>
#include <string>

#include "lsp/completion.h"
#include "lsp/text_document.h"
#include "schema/schema_set.h"

namespace profilec::lsp {

struct Hover {
  std::string markdown;
  std::size_t begin = 0;  // byte offsets of the word described
  std::size_t end = 0;
};

std::optional<Hover> hover(const TextDocument& document, std::size_t offset, DocumentKind kind,
                           const schema::SchemaSet& schemas);

}  // namespace profilec::lsp
