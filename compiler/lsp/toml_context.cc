#include "lsp/toml_context.h"

#include <algorithm>

namespace profilec::lsp {
namespace {

bool is_bare_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// The keys of a dotted key as written: a.b."c.d" -> {"a", "b", "c.d"}.
std::vector<std::string> split_dotted(std::string_view text) {
  std::vector<std::string> keys;
  std::string current;
  char quote = 0;
  for (const char c : text) {
    if (quote) {
      if (c == quote) quote = 0;
      else current += c;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '.') {
      keys.emplace_back(trim(current));
      current.clear();
    } else {
      current += c;
    }
  }
  keys.emplace_back(trim(current));
  return keys;
}

// A table header line: the keys between the brackets, or nullopt.
std::optional<std::vector<std::string>> header_keys(std::string_view line) {
  line = trim(line);
  if (!line.starts_with('[')) return std::nullopt;
  const bool array = line.starts_with("[[");
  line.remove_prefix(array ? 2 : 1);
  const std::size_t close = line.find(']');
  if (close == std::string_view::npos) return std::nullopt;
  return split_dotted(line.substr(0, close));
}

// One open container of the statement being read.
struct Open {
  char bracket;     // '{' or '['
  std::string key;  // the key whose value it is ("" for an array item)
};

}  // namespace

TomlContext toml_context(const TextDocument& document, std::size_t offset) {
  TomlContext context;
  offset = std::min(offset, document.text().size());
  const LspPosition here = document.position_of(offset, PositionEncoding::kUtf8);
  const auto cursor_line = static_cast<std::size_t>(here.line);
  // The header above.
  std::size_t start_line = 0;
  for (std::size_t line = cursor_line + 1; line-- > 0;) {
    const std::string_view text = document.line_text(line);
    if (line == cursor_line) continue;
    if (auto keys = header_keys(text)) {
      context.table = std::move(*keys);
      context.table_line = line;
      start_line = line + 1;
      break;
    }
  }
  const std::string_view current = document.line_text(cursor_line);
  const auto column = static_cast<std::size_t>(here.character);
  if (trim(current.substr(0, column)).starts_with('[') &&
      current.substr(0, column).find('=') == std::string_view::npos &&
      std::count(current.begin(), current.begin() + static_cast<std::ptrdiff_t>(column), '"') % 2 == 0) {
    context.place = TomlContext::Place::kHeader;
  }
  // Read the statements from the header to the cursor, keeping the open
  // inline tables and arrays of the last one.
  const std::string& text = document.text();
  std::size_t at = start_line < document.line_count()
                       ? document.offset_of({static_cast<std::int64_t>(start_line), 0}, PositionEncoding::kUtf8)
                       : offset;
  std::vector<Open> open;
  std::string pending_key;  // the key of the statement or inline-table member being written
  bool in_value = false;
  char quote = 0;
  bool in_comment = false;
  std::size_t word_start = at;
  for (; at < offset; ++at) {
    const char c = text[at];
    if (in_comment) {
      if (c == '\n') in_comment = false;
      else continue;
    }
    if (quote) {
      if (c == '\\' && quote == '"') {
        ++at;
        continue;
      }
      if (c == quote || c == '\n') quote = 0;
      continue;
    }
    switch (c) {
      case '#': in_comment = true; break;
      case '"':
      case '\'':
        quote = c;
        if (!in_value) {
          // A quoted key: read it as a key.
          const std::size_t close = text.find(c, at + 1);
          if (close != std::string::npos && close < offset) {
            pending_key = text.substr(at + 1, close - at - 1);
            at = close;
            quote = 0;
          }
        }
        break;
      case '=':
        if (!in_value) {
          const std::size_t line_start = std::max(word_start, text.rfind('\n', at) == std::string::npos
                                                                  ? 0
                                                                  : text.rfind('\n', at) + 1);
          std::string_view written = trim(std::string_view(text).substr(line_start, at - line_start));
          if (!written.empty()) pending_key = split_dotted(written).back();
          in_value = true;
        }
        break;
      case '{':
        open.push_back({'{', pending_key});
        in_value = false;
        pending_key.clear();
        word_start = at + 1;
        break;
      case '[':
        if (in_value) open.push_back({'[', pending_key});
        word_start = at + 1;
        break;
      case ']':
      case '}':
        if (!open.empty()) open.pop_back();
        break;
      case ',':
        if (!open.empty() && open.back().bracket == '{') {
          in_value = false;
          pending_key.clear();
        }
        word_start = at + 1;
        break;
      case '\n':
        if (open.empty()) {
          in_value = false;
          pending_key.clear();
        }
        word_start = at + 1;
        break;
      default: break;
    }
  }
  context.in_string = quote != 0;
  for (const Open& o : open) {
    if (!o.key.empty()) context.nested.push_back(o.key);
  }
  if (context.place != TomlContext::Place::kHeader) {
    context.place = in_value || (!open.empty() && open.back().bracket == '[') ? TomlContext::Place::kValue
                                                                              : TomlContext::Place::kKey;
  }
  if (context.place == TomlContext::Place::kValue) {
    if (!open.empty() && open.back().bracket == '[') {
      context.in_array = true;
      context.key = open.back().key;
      context.nested.pop_back();
    } else {
      context.key = pending_key;
    }
  }
  // The partial word: bare-key characters (and dots and colons inside a
  // string: "stdlib:passcode/base", "com.apple.wi").
  std::size_t begin = offset;
  while (begin > 0) {
    const char c = text[begin - 1];
    const bool part = is_bare_key_char(c) || (context.in_string && c != '"' && c != '\'' && c != '\n');
    if (!part) break;
    --begin;
  }
  context.prefix = text.substr(begin, offset - begin);
  context.prefix_start = begin;
  return context;
}

std::string table_string_value(const TextDocument& document, std::size_t table_line, std::string_view key) {
  for (std::size_t line = table_line + 1; line < document.line_count(); ++line) {
    const std::string_view text = trim(document.line_text(line));
    if (text.starts_with('[')) break;
    if (!text.starts_with(key)) continue;
    std::string_view rest = trim(text.substr(key.size()));
    if (!rest.starts_with('=')) continue;
    rest = trim(rest.substr(1));
    if (rest.size() < 2 || (rest.front() != '"' && rest.front() != '\'')) continue;
    const std::size_t close = rest.find(rest.front(), 1);
    if (close == std::string_view::npos) continue;
    return std::string(rest.substr(1, close - 1));
  }
  return {};
}

std::optional<std::size_t> payload_header_line(const TextDocument& document, const std::string& name,
                                               std::size_t from) {
  const std::string wanted = "[payload." + name + "]";
  for (std::size_t line = std::min(from + 1, document.line_count()); line-- > 0;) {
    if (trim(document.line_text(line)).starts_with(wanted)) return line;
  }
  return std::nullopt;
}

WordAt word_at(const TextDocument& document, std::size_t offset) {
  const std::string& text = document.text();
  offset = std::min(offset, text.size());
  const LspPosition here = document.position_of(offset, PositionEncoding::kUtf8);
  const std::string_view line = document.line_text(static_cast<std::size_t>(here.line));
  const std::size_t line_start = offset - static_cast<std::size_t>(here.character);
  const auto column = static_cast<std::size_t>(here.character);
  // Inside a quoted string on this line?
  std::size_t open_quote = std::string_view::npos;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '#' && open_quote == std::string_view::npos) break;
    if (line[i] != '"' && line[i] != '\'') continue;
    if (open_quote == std::string_view::npos) {
      open_quote = i;
    } else if (line[i] == line[open_quote]) {
      if (column > open_quote && column <= i) {
        return {std::string(line.substr(open_quote + 1, i - open_quote - 1)), line_start + open_quote + 1,
                line_start + i, true};
      }
      open_quote = std::string_view::npos;
    }
  }
  std::size_t begin = column;
  while (begin > 0 && is_bare_key_char(line[begin - 1])) --begin;
  std::size_t end = column;
  while (end < line.size() && is_bare_key_char(line[end])) ++end;
  if (begin == end) return {};
  return {std::string(line.substr(begin, end - begin)), line_start + begin, line_start + end, false};
}

}  // namespace profilec::lsp
