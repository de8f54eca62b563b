#include "diag/source_map.h"

namespace profilec {

std::optional<std::string_view> SourceMap::line(const std::string& path, std::uint32_t line) const {
  const auto it = texts_.find(path);
  if (it == texts_.end() || line == 0) return std::nullopt;
  std::string_view text = it->second;
  for (std::uint32_t n = 1; n < line; ++n) {
    const auto nl = text.find('\n');
    if (nl == std::string_view::npos) return std::nullopt;
    text.remove_prefix(nl + 1);
  }
  text = text.substr(0, text.find('\n'));
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

}  // namespace profilec
