// Byte offsets in a text -> 1-based line and column (columns in UTF-8 code
// points, as toml++ counts them), for readers whose parser reports offsets
// (pugixml). Lines end at '\n'; a '\r' before it belongs to the line break.
//
// Lookups in increasing offset order (document order) cost the distance
// walked since the previous one, so a 64 MiB file on one line is not
// quadratic; a lookup behind the previous one restarts from its line.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "base/source_span.h"

namespace profilec {

// The offset of the start of each line of `text`: [0] is 0 (line 1), then
// one past each '\n'.
std::vector<std::size_t> line_starts(std::string_view text);

class TextPositions {
 public:
  explicit TextPositions(std::string_view text);

  SourcePosition at(std::size_t offset);

 private:
  std::string_view text_;
  std::vector<std::size_t> line_starts_;  // offset of each line; line 1 at [0]
  // The previous lookup, to walk forward from.
  std::size_t last_offset_ = 0;
  SourcePosition last_{1, 1};
};

}  // namespace profilec
