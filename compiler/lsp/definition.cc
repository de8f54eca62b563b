#include "lsp/definition.h"

#include "lsp/toml_context.h"

namespace profilec::lsp {

std::optional<DefinitionTarget> definition(const TextDocument& document, std::size_t offset, const std::string& path,
                                           const std::string& repository_root, const FileSystem& files) {
  const WordAt word = word_at(document, offset);
  if (!word.quoted || word.text.empty()) return std::nullopt;
  const TomlContext context = toml_context(document, word.begin);
  if (context.place != TomlContext::Place::kValue) return std::nullopt;
  const auto existing = [&](const std::string& target) -> std::optional<DefinitionTarget> {
    if (files.kind(target) != PathKind::kFile) return std::nullopt;
    return DefinitionTarget{target, 0};
  };
  if (context.key == "use") {
    if (word.text.starts_with("stdlib:") || repository_root.empty()) return std::nullopt;
    return existing(normal_path(join_path(repository_root, word.text + ".toml")));
  }
  if (context.key == "file") return existing(normal_path(join_path(parent_path(path), word.text)));
  if (context.key == "payload") {
    const auto line = payload_header_line(document, word.text, document.line_count());
    if (line) return DefinitionTarget{path, *line};
  }
  return std::nullopt;
}

}  // namespace profilec::lsp
