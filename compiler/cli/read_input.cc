#include "cli/read_input.h"

#include <fmt/format.h>

#include "base/size_limit.h"
#include "cli/report.h"
#include "plist/read_limits.h"

namespace profilec::cli {

std::optional<std::string> read_input_profile(const FileSystem& files, const std::string& path) {
  auto bytes = files.read_file_up_to(path, kMaxPlistBytes);
  if (bytes) return std::move(*bytes);
  if (bytes.error().too_large) {
    fmt::print(stderr, "profilec: error: {}: the file is {}\n", path,
               over_size_limit_message(*bytes.error().too_large, kMaxPlistBytes, "profiles"));
  } else {
    print_io_error(IoError{path, bytes.error().message});
  }
  return std::nullopt;
}

}  // namespace profilec::cli
