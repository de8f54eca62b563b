#include "lang/stdlib.h"

#include <cstddef>
#include <utility>

#include "base/embedded_files.h"

PROFILEC_EMBEDDED_FILES(stdlib_files)  // generated stdlib_files.cc

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
