#include "base/wrap_text.h"

#include <algorithm>

namespace profilec {

std::string wrap_text(std::string_view text, std::size_t width, std::string_view indent) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view paragraph = text.substr(start, end - start);
    std::string line;
    auto flush = [&] {
      if (line.empty()) return;
      out.append(indent);
      out += line;
      out += '\n';
      line.clear();
    };
    std::size_t at = 0;
    while (at < paragraph.size()) {
      if (paragraph[at] == ' ') {
        ++at;
        continue;
      }
      const std::size_t word_end = std::min(paragraph.find(' ', at), paragraph.size());
      const std::string_view word = paragraph.substr(at, word_end - at);
      if (!line.empty() && indent.size() + line.size() + 1 + word.size() > width) flush();
      if (!line.empty()) line += ' ';
      line += word;
      at = word_end;
    }
    flush();
    start = end + 1;
  }
  return out;
}

}  // namespace profilec
