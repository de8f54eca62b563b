// Files built into the binary by tools/embed-files (stdlib fragments, rule
// pages, init templates, network data): {path below the embedded folder,
// text}, sorted by path, so that no run needs an install path.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>

namespace profilec::embedded {

using EmbeddedFile = std::pair<std::string_view, std::string_view>;

}  // namespace profilec::embedded

// Declares the table `name` (and `name_count`) that the generated
// `<name>.cc` defines.
#define PROFILEC_EMBEDDED_FILES(name)    \
  namespace profilec::embedded {         \
  extern const EmbeddedFile name[];      \
  extern const std::size_t name##_count; \
  }
