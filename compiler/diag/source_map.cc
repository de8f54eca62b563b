#include "diag/source_map.h"

namespace profilec {

void SourceMap::add(const std::string& path, std::string text) {
  File file;
  file.line_starts.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') file.line_starts.push_back(i + 1);
  }
  file.text = std::move(text);
  files_[path] = std::move(file);
}

void SourceMap::take(SourceMap&& other) {
  for (auto& [path, file] : other.files_) files_.insert_or_assign(path, std::move(file));
  other.files_.clear();
}

std::optional<std::string_view> SourceMap::line(const std::string& path, std::uint32_t line) const {
  const auto it = files_.find(path);
  if (it == files_.end() || line == 0 || line > it->second.line_starts.size()) return std::nullopt;
  const File& file = it->second;
  std::string_view text = file.text;
  text.remove_prefix(file.line_starts[line - 1]);
  text = text.substr(0, text.find('\n'));
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

}  // namespace profilec
