#include "scaffold/scaffold.h"

#include <cstddef>
#include <string_view>

#include "base/embedded_files.h"

PROFILEC_EMBEDDED_FILES(init_templates)  // generated init_templates.cc

namespace profilec::scaffold {
namespace {

// Labels of letters, digits and '-', joined by single dots: the shape of a
// PayloadIdentifier prefix such as "com.example".
bool is_reverse_dns(std::string_view text) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  char previous = '.';
  for (const char c : text) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && c != '-' && c != '.') return false;
    if (c == '.' && previous == '.') return false;
    previous = c;
  }
  return true;
}

// In a .toml template the organization stands inside a basic string ("...").
std::string toml_string_body(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

void replace_all(std::string& text, std::string_view placeholder, std::string_view value) {
  for (std::size_t at = text.find(placeholder); at != std::string::npos;
       at = text.find(placeholder, at + value.size())) {
    text.replace(at, placeholder.size(), value);
  }
}

}  // namespace

Expected<std::vector<std::pair<std::string, std::string>>, std::string> scaffold_files(const ScaffoldOptions& options) {
  if (!is_reverse_dns(options.id_prefix)) {
    return Unexpected{"the id prefix '" + options.id_prefix +
                      "' is not reverse-DNS (letters, digits and '-' in dot-separated labels, e.g. com.example)"};
  }
  if (options.organization.empty()) return Unexpected{std::string("the organization is empty")};
  for (const char c : options.organization) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      return Unexpected{std::string("the organization holds a control character")};
    }
  }
  std::vector<std::pair<std::string, std::string>> files;
  for (std::size_t i = 0; i < embedded::init_templates_count; ++i) {
    const std::string_view path = embedded::init_templates[i].first;
    std::string text(embedded::init_templates[i].second);
    const bool toml = path.size() > 5 && path.substr(path.size() - 5) == ".toml";
    replace_all(text, "@ORGANIZATION@", toml ? toml_string_body(options.organization) : options.organization);
    replace_all(text, "@ID_PREFIX@", options.id_prefix);
    files.emplace_back(std::string(path), std::move(text));
  }
  return files;
}

}  // namespace profilec::scaffold
