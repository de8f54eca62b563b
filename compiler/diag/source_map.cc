#include "diag/source_map.h"

#include <mutex>

#include "base/text_positions.h"

namespace profilec {

void SourceMap::add(const std::string& path, std::string text) {
  File file;
  file.line_starts = line_starts(text);
  file.text = std::move(text);
  files_[path] = std::move(file);
}

void SourceMap::take(SourceMap&& other) {
  // The nodes move over as they are (no copy of a path or a text).
  while (!other.files_.empty()) {
    auto node = other.files_.extract(other.files_.begin());
    const auto at = files_.lower_bound(node.key());
    if (at != files_.end() && at->first == node.key()) at->second = std::move(node.mapped());
    else files_.insert(at, std::move(node));
  }
}

std::optional<std::string_view> SourceMap::line(const std::string& path, std::uint32_t line) const {
  const auto it = files_.find(path);
  if (it == files_.end() || line == 0 || line > it->second.line_starts.size()) return std::nullopt;
  const File& file = it->second;
  // From the line's start to the next one's (its '\n' dropped), not a
  // search for the '\n': the same line asked for by every finding in it
  // costs nothing however long it is.
  const std::size_t begin = file.line_starts[line - 1];
  const std::size_t end = line < file.line_starts.size() ? file.line_starts[line] - 1 : file.text.size();
  std::string_view text = std::string_view(file.text).substr(begin, end - begin);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

const std::vector<std::size_t>* SourceMap::line_index(
    const std::string& path, std::uint32_t number,
    const std::function<std::vector<std::size_t>(std::string_view)>& build) const {
  const auto text = line(path, number);
  if (!text) return nullptr;
  // One lock for every map: renderers are rarely concurrent, and an index
  // is made once per long line.
  static std::mutex mutex;
  const std::lock_guard lock(mutex);
  auto& indexes = files_.find(path)->second.line_indexes;
  auto it = indexes.find(number);
  if (it == indexes.end()) it = indexes.emplace(number, build(*text)).first;
  return &it->second;
}

}  // namespace profilec
