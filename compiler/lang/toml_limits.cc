#include "lang/toml_limits.h"

#include <fmt/format.h>

#include <cctype>
#include <memory>

#include "base/size_limit.h"

namespace profilec::lang {

bool check_dotted_key_parts(std::string_view text, const std::string& path, Diagnostics& diagnostics) {
  enum class State { kCode, kComment, kBasic, kLiteral, kMultiBasic, kMultiLiteral };
  State state = State::kCode;
  std::size_t dots = 0;  // separators in the current chain of key parts
  std::uint32_t line = 1, column = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      column = 0;
    } else {
      ++column;
    }
    const bool triple = i + 2 < text.size() && text[i + 1] == c && text[i + 2] == c;
    // An escape skips the next character, unless it ends the line (the
    // line count must see it).
    const bool next_is_plain = i + 1 < text.size() && text[i + 1] != '\n';
    switch (state) {
      case State::kComment:
        if (c == '\n') state = State::kCode;
        break;
      case State::kBasic:
        if (c == '\\' && next_is_plain) ++i, ++column;
        else if (c == '"' || c == '\n') state = State::kCode;
        break;
      case State::kLiteral:
        if (c == '\'' || c == '\n') state = State::kCode;
        break;
      case State::kMultiBasic:
        if (c == '\\' && next_is_plain) ++i, ++column;
        else if (c == '"' && triple) state = State::kCode, i += 2, column += 2;
        break;
      case State::kMultiLiteral:
        if (c == '\'' && triple) state = State::kCode, i += 2, column += 2;
        break;
      case State::kCode:
        if (c == '.') {
          if (++dots >= kMaxDottedKeyParts) {
            diagnostics.report(DiagnosticCode::PC0001,
                               SourceSpan{std::make_shared<const std::string>(path), {line, column}, {line, column}},
                               fmt::format("a dotted key of more than {} parts", kMaxDottedKeyParts),
                               "each part is a level of nesting: write nested tables of a few levels instead");
            return false;
          }
        } else if (c == '"' || c == '\'') {
          // A quoted key part (or a value string, after which the chain ends anyway).
          if (triple) {
            state = c == '"' ? State::kMultiBasic : State::kMultiLiteral;
            i += 2;
            column += 2;
          } else {
            state = c == '"' ? State::kBasic : State::kLiteral;
          }
        } else if (c == '#') {
          state = State::kComment;
          dots = 0;
        } else if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ' ' || c == '\t')) {
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
