#include "base/size_limit.h"

#include <fmt/format.h>

namespace profilec {

std::string over_size_limit_message(std::uint64_t size, std::uint64_t limit, std::string_view what) {
  constexpr double kMiB = 1024.0 * 1024.0;
  return fmt::format("{} bytes ({:.1f} MiB); profilec reads {} up to {} MiB ({} bytes)", size,
                     static_cast<double>(size) / kMiB, what, limit / (std::uint64_t{1024} * 1024), limit);
}

}  // namespace profilec
