#include "base/source_span.h"

namespace profilec {

const std::string& SourceSpan::path_or_empty() const {
  static const std::string empty;
  return path ? *path : empty;
}

SourceSpan whole_file_span(std::shared_ptr<const std::string> path) { return SourceSpan{std::move(path), {}, {}}; }

}  // namespace profilec
