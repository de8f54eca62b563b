// The text of every file the pipeline read, so renderers can show the
// source line under a diagnostic.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace profilec {

class SourceMap {
 public:
  void add(const std::string& path, std::string text);
  // Moves every file of `other` in, replacing files of the same path.
  void take(SourceMap&& other);
  // The text of 1-based `line`, without its line break; nullopt if unknown.
  std::optional<std::string_view> line(const std::string& path, std::uint32_t line) const;
  // An index of 1-based line `number` that `build` makes from the line's text (as
  // line() gives it), made once per line and kept while this map lives:
  // renderers use it to find a column in a very long line without walking
  // the line for every finding (issue 15). nullptr if the line is unknown.
  // Safe to call from several threads.
  const std::vector<std::size_t>* line_index(
      const std::string& path, std::uint32_t number,
      const std::function<std::vector<std::size_t>(std::string_view)>& build) const;
  // The whole text of `path`; nullptr if unknown.
  const std::string* text(const std::string& path) const {
    const auto it = files_.find(path);
    return it == files_.end() ? nullptr : &it->second.text;
  }

 private:
  struct File {
    std::string text;
    std::vector<std::size_t> line_starts;  // offset of each line; line 1 at [0]
    // line_index()'s, by line; node-based, so an index stays where it is.
    mutable std::map<std::uint32_t, std::vector<std::size_t>> line_indexes;
  };
  std::map<std::string, File> files_;
};

}  // namespace profilec
