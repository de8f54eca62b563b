#include "lang/toml_limits.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>

#include "base/size_limit.h"

namespace profilec::lang {

namespace {

// Characters that continue a chain of dotted key parts in code: bare-key
// characters and blanks (ASCII only, as TOML's bare keys are).
constexpr std::array<bool, 256> kKeyChainCharacters = [] {
  std::array<bool, 256> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = true;
  for (int c = '0'; c <= '9'; ++c) table[c] = true;
  for (const char c : {'_', '-', ' ', '\t'}) table[static_cast<unsigned char>(c)] = true;
  return table;
}();

// The 1-based line and column of the byte at `offset` (columns count bytes).
SourcePosition position_of(std::string_view text, std::size_t offset) {
  const std::string_view before = text.substr(0, offset);
  const auto line = static_cast<std::uint32_t>(std::count(before.begin(), before.end(), '\n') + 1);
  const std::size_t newline = before.rfind('\n');
  const auto column = static_cast<std::uint32_t>(newline == std::string_view::npos ? offset + 1 : offset - newline);
  return {line, column};
}

}  // namespace

bool check_dotted_key_parts(std::string_view text, const std::string& path, Diagnostics& diagnostics) {
  // Called on every policy before toml++ parses it. A chain needs
  // kMaxDottedKeyParts dots, so a text with fewer dots in all (every policy
  // of an ordinary size) has nothing to find: one vectorised count instead
  // of the scan. Otherwise strings and comments are skipped with a search
  // for the character that ends them, and the line and column are worked
  // out only for a finding.
  if (static_cast<std::size_t>(std::count(text.begin(), text.end(), '.')) < kMaxDottedKeyParts) return true;
  enum class State { kCode, kComment, kBasic, kLiteral, kMultiBasic, kMultiLiteral };
  State state = State::kCode;
  std::size_t dots = 0;  // separators in the current chain of key parts
  std::size_t i = 0;
  const auto skip_to = [&](std::string_view ends) {
    i = text.find_first_of(ends, i);
    return i != std::string_view::npos;
  };
  for (; i < text.size(); ++i) {
    if (state == State::kComment && !skip_to("\n")) break;
    if (state == State::kBasic && !skip_to("\\\"\n")) break;
    if (state == State::kLiteral && !skip_to("'\n")) break;
    if (state == State::kMultiBasic && !skip_to("\\\"")) break;
    if (state == State::kMultiLiteral && !skip_to("'")) break;
    const char c = text[i];
    const bool triple = i + 2 < text.size() && text[i + 1] == c && text[i + 2] == c;
    // An escape skips the next character, unless it ends the line.
    const bool next_is_plain = i + 1 < text.size() && text[i + 1] != '\n';
    switch (state) {
      case State::kComment: state = State::kCode; break;  // at its line end
      case State::kBasic:
        if (c == '\\' && next_is_plain) ++i;
        else if (c != '\\') state = State::kCode;  // '"' or a line end
        break;
      case State::kLiteral: state = State::kCode; break;
      case State::kMultiBasic:
        if (c == '\\' && next_is_plain) ++i;
        else if (c == '"' && triple) state = State::kCode, i += 2;
        break;
      case State::kMultiLiteral:
        if (triple) state = State::kCode, i += 2;
        break;
      case State::kCode:
        if (c == '.') {
          if (++dots >= kMaxDottedKeyParts) {
            const SourcePosition at = position_of(text, i);
            diagnostics.report(DiagnosticCode::PC0001, SourceSpan{std::make_shared<const std::string>(path), at, at},
                               fmt::format("a dotted key of more than {} parts", kMaxDottedKeyParts),
                               "each part is a level of nesting: write nested tables of a few levels instead");
            return false;
          }
        } else if (c == '"' || c == '\'') {
          // A quoted key part (or a value string, after which the chain ends anyway).
          if (triple) {
            state = c == '"' ? State::kMultiBasic : State::kMultiLiteral;
            i += 2;
          } else {
            state = c == '"' ? State::kBasic : State::kLiteral;
          }
        } else if (c == '#') {
          state = State::kComment;
          dots = 0;
        } else if (!kKeyChainCharacters[static_cast<unsigned char>(c)]) {
          dots = 0;  // '=', brackets, braces, commas, line ends: the chain is over
        }
        break;
    }
  }
  return true;
}

void report_toml_too_large(const std::string& path, std::uint64_t size, Diagnostics& diagnostics) {
  // The whole file, like PC0018 for a profile: a span at 1:1 would make the
  // human report print the file's first line, which in such a file may be
  // megabytes long.
  diagnostics.report(DiagnosticCode::PC0001, whole_file_span(std::make_shared<const std::string>(path)),
                     "the file is " + over_size_limit_message(size, kMaxTomlBytes, "TOML files"),
                     "a policy, fragment or profilec.toml is a few KiB: check that this is the right file; "
                     "large data belongs in a { file = \"...\" } value");
}

}  // namespace profilec::lang
