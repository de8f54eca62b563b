#include "cli/terminal_width.h"

#include <charconv>
#include <string>

namespace profilec::cli {

std::size_t terminal_width(const Environment& environment) {
  const std::optional<std::string> columns = environment.get("COLUMNS");
  if (!columns || columns->empty()) return kDefaultTerminalWidth;
  std::size_t width = 0;
  const char* end = columns->data() + columns->size();
  const auto [stop, error] = std::from_chars(columns->data(), end, width);
  if (error != std::errc() || stop != end || width < kNarrowestTerminalWidth) return kDefaultTerminalWidth;
  return width;
}

}  // namespace profilec::cli
