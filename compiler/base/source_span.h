// Source positions, as toml++ has them: 1-based line and column (in UTF-8
// code points), inside a region of one file. Every value that came from a
// file carries one, so any later stage can point back at the source.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace profilec {

struct SourcePosition {
  std::uint32_t line = 0;    // 1-based; 0 means unknown
  std::uint32_t column = 0;  // 1-based; 0 means "the whole line"

  bool known() const { return line != 0; }
  friend bool operator==(const SourcePosition&, const SourcePosition&) = default;
};

struct SourceSpan {
  std::shared_ptr<const std::string> path;  // shared by every span of one file
  SourcePosition begin;
  SourcePosition end;

  bool known() const { return path != nullptr; }
  const std::string& path_or_empty() const;
};

// A span for a file as a whole (I/O errors, findings without a position).
SourceSpan whole_file_span(std::shared_ptr<const std::string> path);

}  // namespace profilec
