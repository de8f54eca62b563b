// The text of every file the pipeline read, so renderers can show the
// source line under a diagnostic.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace profilec {

class SourceMap {
 public:
  void add(const std::string& path, std::string text) { texts_[path] = std::move(text); }
  // The text of 1-based `line`, without its line break; nullopt if unknown.
  std::optional<std::string_view> line(const std::string& path, std::uint32_t line) const;
  // The whole text of `path`; nullptr if unknown.
  const std::string* text(const std::string& path) const {
    const auto it = texts_.find(path);
    return it == texts_.end() ? nullptr : &it->second;
  }

 private:
  std::map<std::string, std::string> texts_;
};

}  // namespace profilec
