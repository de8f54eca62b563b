#include "lang/stdlib.h"

#include <cstddef>
#include <utility>

namespace profilec::embedded {
// Defined in the generated stdlib_files.cc: {"passcode/baseline.toml", text}, sorted.
extern const std::pair<std::string_view, std::string_view> stdlib_files[];
extern const std::size_t stdlib_files_count;
}  // namespace profilec::embedded

namespace profilec::lang {
namespace {

constexpr std::string_view kExtension = ".toml";

std::string_view name_of(std::string_view file) {
  if (file.size() > kExtension.size() && file.substr(file.size() - kExtension.size()) == kExtension) {
    file.remove_suffix(kExtension.size());
  }
  return file;
}

}  // namespace

std::optional<std::string_view> find_stdlib_fragment(std::string_view name) {
  for (std::size_t i = 0; i < embedded::stdlib_files_count; ++i) {
    if (name_of(embedded::stdlib_files[i].first) == name) return embedded::stdlib_files[i].second;
  }
  return std::nullopt;
}

std::vector<std::string> stdlib_fragment_names() {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < embedded::stdlib_files_count; ++i) {
    out.emplace_back(name_of(embedded::stdlib_files[i].first));
  }
  return out;
}

}  // namespace profilec::lang
