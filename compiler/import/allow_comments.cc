#include "import/allow_comments.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <set>

namespace profilec::import {
namespace {

std::string comment(std::string_view indent, std::string_view directive, const std::set<std::string_view>& codes) {
  return fmt::format("{}# profilec: {} {} -- {}\n", indent, directive, fmt::join(codes, ", "), kImportedAsFound);
}

}  // namespace

std::string add_allow_comments(std::string_view text, const std::vector<Diagnostic>& findings) {
  std::map<std::uint32_t, std::set<std::string_view>> by_line;  // 0: the whole file
  for (const Diagnostic& d : findings) by_line[d.span.begin.line].insert(info(d.code).id);

  std::string out;
  std::uint32_t number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end + 1;
    const std::string_view line = text.substr(start, end - start);
    ++number;
    if (auto whole = by_line.find(0); whole != by_line.end() && line.starts_with("[profile]")) {
      out += comment("", "allow-file", whole->second);
    }
    if (auto it = by_line.find(number); it != by_line.end()) {
      out += comment(line.substr(0, line.find_first_not_of(" \t")), "allow", it->second);
    }
    out += line;
    start = end;
  }
  return out;
}

}  // namespace profilec::import
