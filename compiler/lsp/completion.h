// textDocument/completion: what may be written at the cursor, from the
// language's own tables (lang/profile_fields.def, lang/language_tables.h),
// the loaded schemas (payload types, the keys valid for the table's `type`
// at its depth, allowed values), the stdlib and the repository's fragments,
// and the rule registry (profilec.toml [rules]). Works on a buffer that
// does not parse (lsp/toml_context.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lsp/text_document.h"
#include "schema/schema_set.h"

namespace profilec::lsp {

// CompletionItemKind values of the protocol.
enum class CompletionKind : std::int64_t {
  kField = 5,
  kModule = 9,
  kProperty = 10,
  kValue = 12,
  kKeyword = 14,
  kFile = 17,
  kEnumMember = 20,
};

struct CompletionItem {
  std::string label;
  CompletionKind kind = CompletionKind::kValue;
  std::string detail;       // the key's title, the payload's title, ...
  std::string insert_text;  // replaces the word being typed (toml_context's prefix)
};

enum class DocumentKind { kPolicy, kProjectFile, kOther };
DocumentKind document_kind(const std::string& path);

struct CompletionInputs {
  const schema::SchemaSet& schemas;
  // The repository's fragments as `use` names them ("fragments/wifi").
  std::vector<std::string> repository_fragments;
};

struct Completion {
  std::size_t replace_begin = 0;  // byte offsets of the word the items replace
  std::size_t replace_end = 0;
  std::vector<CompletionItem> items;
};

Completion complete(const TextDocument& document, std::size_t offset, DocumentKind kind,
                    const CompletionInputs& inputs);

}  // namespace profilec::lsp
