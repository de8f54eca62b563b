#include "diag/fixes.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/stdlib_path.h"

namespace profilec {
namespace {

bool is_bare_key(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

bool needs_no_escape(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return c == '"' || c == '\\' || byte < 0x20 || byte == 0x7f;
  });
}

// A token of a repository file, on one line.
bool editable(const SourceSpan& token) {
  return token.known() && token.begin.known() && token.begin.column != 0 && token.end.line == token.begin.line &&
         token.end.column > token.begin.column && !is_stdlib_path(*token.path);
}

}  // namespace

std::optional<DiagnosticFix> key_rename_fix(const SourceSpan& key_token, std::string_view from, std::string_view to) {
  if (!editable(key_token) || !is_bare_key(to) || from == to) return std::nullopt;
  return DiagnosticFix{key_token, std::string(to), fmt::format("rename '{}' to '{}'", from, to)};
}

std::optional<DiagnosticFix> string_value_fix(const SourceSpan& string_token, std::string_view from,
                                              std::string_view to) {
  if (!editable(string_token) || !needs_no_escape(to) || from == to) return std::nullopt;
  return DiagnosticFix{string_token, fmt::format("\"{}\"", to), fmt::format("replace '{}' with '{}'", from, to)};
}

void attach(Diagnostic& diagnostic, std::optional<DiagnosticFix> fix) {
  if (fix) diagnostic.fixes.push_back(std::move(*fix));
}

}  // namespace profilec
