#include "diag/suppression.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "base/spelling.h"

namespace profilec {
namespace {

constexpr std::string_view kPrefix = "profilec:";

// One `#` comment of a TOML file.
struct Comment {
  std::uint32_t line = 0;  // 1-based
  std::size_t offset = 0;  // byte offset of the text after '#' within the line
  std::string_view text;   // after '#', to the end of the line
  bool alone = false;      // nothing but blanks before it on its line
};

struct ScannedFile {
  std::vector<std::string_view> lines;  // without line breaks
  std::vector<Comment> comments;
  std::vector<bool> comment_only;  // per line (0-based): holds nothing but a comment
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Finds the comments of a TOML text the way a TOML lexer would: strings
// (basic, literal, and their multi-line forms, which may span lines) are
// skipped, so a `#` inside one is not a comment. Malformed TOML never makes
// this fail; at worst a comment is missed or a bit of text taken for one.
ScannedFile scan_comments(std::string_view text) {
  enum class State { kCode, kMultiBasic, kMultiLiteral };
  ScannedFile file;
  State state = State::kCode;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const auto number = static_cast<std::uint32_t>(file.lines.size() + 1);
    file.lines.push_back(line);
    const bool starts_in_code = state == State::kCode;
    bool comment_only = false;

    std::size_t i = 0;
    const auto at = [&](std::size_t k, std::string_view s) { return line.substr(k, s.size()) == s; };
    // Skips the closing quotes of a multi-line string at `i`, with the up to
    // two quote characters TOML lets the content end with.
    const auto close_multi = [&](char quote) {
      i += 3;
      for (int extra = 0; extra < 2 && i < line.size() && line[i] == quote; ++extra) ++i;
      state = State::kCode;
    };
    while (i < line.size()) {
      if (state == State::kMultiBasic) {
        if (line[i] == '\\') i += 2;
        else if (at(i, "\"\"\"")) close_multi('"');
        else ++i;
        continue;
      }
      if (state == State::kMultiLiteral) {
        if (at(i, "'''")) close_multi('\'');
        else ++i;
        continue;
      }
      const char c = line[i];
      if (at(i, "\"\"\"")) {
        state = State::kMultiBasic;
        i += 3;
      } else if (at(i, "'''")) {
        state = State::kMultiLiteral;
        i += 3;
      } else if (c == '"') {
        for (++i; i < line.size() && line[i] != '"'; ++i) {
          if (line[i] == '\\') ++i;
        }
        ++i;
      } else if (c == '\'') {
        i = line.find('\'', i + 1);
        i = i == std::string_view::npos ? line.size() : i + 1;
      } else if (c == '#') {
        const bool alone = starts_in_code &&
                           std::all_of(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(i), is_blank);
        file.comments.push_back(Comment{number, i + 1, line.substr(i + 1), alone});
        comment_only = alone;
        break;
      } else {
        ++i;
      }
    }
    file.comment_only.push_back(comment_only);
    if (end == text.size()) break;
    start = end + 1;
  }
  return file;
}

// The `<!-- ... -->` comments of an XML text. A comment's text is what
// stands between the markers on its first line. CDATA sections are skipped.
ScannedFile scan_xml_comments(std::string_view text) {
  ScannedFile file;
  std::vector<std::size_t> starts{0};
  for (std::size_t start = 0;;) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    file.lines.push_back(line);
    file.comment_only.push_back(false);
    if (end == text.size()) break;
    start = end + 1;
    starts.push_back(start);
  }
  std::size_t i = 0;
  while ((i = text.find('<', i)) != std::string_view::npos) {
    if (text.substr(i, 9) == "<![CDATA[") {
      const std::size_t close = text.find("]]>", i);
      i = close == std::string_view::npos ? text.size() : close + 3;
      continue;
    }
    if (text.substr(i, 4) != "<!--") {
      ++i;
      continue;
    }
    const std::size_t close = text.find("-->", i + 4);
    const std::size_t comment_end = close == std::string_view::npos ? text.size() : close;
    const auto line_index = static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), i) -
                                                     starts.begin()) -
                            1;
    const std::string_view line = file.lines[line_index];
    const std::size_t column = i - starts[line_index];
    const std::size_t body = column + 4;
    const std::size_t body_end = std::min(line.size(), comment_end - starts[line_index]);
    const bool blank_before = std::all_of(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(column), is_blank);
    const std::size_t after = close == std::string_view::npos ? line.size() : close + 3 - starts[line_index];
    const bool blank_after = after >= line.size() ||
                             std::all_of(line.begin() + static_cast<std::ptrdiff_t>(after), line.end(), is_blank);
    file.comments.push_back(Comment{static_cast<std::uint32_t>(line_index + 1), body,
                                    line.substr(std::min(body, line.size()), body_end > body ? body_end - body : 0),
                                    blank_before});
    if (blank_before && blank_after && close != std::string_view::npos &&
        close < starts[line_index] + line.size() + 1) {
      file.comment_only[line_index] = true;
    }
    i = close == std::string_view::npos ? text.size() : close + 3;
  }
  return file;
}

bool looks_like_xml(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '<';
}

// 1-based column, in code points as toml++ counts them, of byte `offset`.
std::uint32_t column_of(std::string_view line, std::size_t offset) {
  std::uint32_t column = 1;
  for (std::size_t i = 0; i < offset && i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

std::vector<std::string> rule_spellings() {
  std::vector<std::string> out;
  for (const DiagnosticInfo& d : all_diagnostics()) {
    out.emplace_back(d.id);
    out.emplace_back(d.name);
  }
  return out;
}

// One rule named by one comment.
struct Allowance {
  DiagnosticCode code;
  std::uint32_t covered = 0;  // the line; 0: the whole file
  SourceSpan span;            // the rule as written
  std::string written;
  bool comment_allows_unused = false;  // the same comment names PC0025
  bool used = false;
};

// What the comments of one file allow.
struct Allowances {
  std::vector<Allowance> entries;

  // Marks the allowances that cover `d` used; true when there is one.
  bool cover(const Diagnostic& d) {
    bool covered = false;
    for (Allowance& a : entries) {
      if (a.code != d.code) continue;
      if (a.covered == 0 || (d.span.begin.known() && d.span.begin.line == a.covered)) {
        a.used = true;
        covered = true;
      }
    }
    return covered;
  }

  bool allows_file_wide(DiagnosticCode code) const {
    return std::any_of(entries.begin(), entries.end(),
                       [&](const Allowance& a) { return a.code == code && a.covered == 0; });
  }
};

// Reads the `# profilec:` comments of a file. Problems go to `problems` when
// it is not null.
Allowances read_allowances(const std::string& path, std::string_view text, Diagnostics* problems,
                           CommentSyntax syntax) {
  // Every allowance, and every problem reported, is a comment that starts
  // with kPrefix: most files hold none and need no scan.
  if (text.find(kPrefix) == std::string_view::npos) return {};
  const ScannedFile file = syntax == CommentSyntax::kXml ? scan_xml_comments(text) : scan_comments(text);
  const auto shared_path = std::make_shared<const std::string>(path);
  const auto span_at = [&](const Comment& comment, std::size_t offset, std::size_t length) {
    const std::string_view line = file.lines[comment.line - 1];
    const std::size_t begin = comment.offset + offset;
    return SourceSpan{shared_path,
                      {comment.line, column_of(line, begin)},
                      {comment.line, column_of(line, begin + length)}};
  };
  const auto report = [&](const Comment& comment, std::size_t offset, std::size_t length, std::string message,
                          std::string help) {
    if (!problems) return;
    problems->report(DiagnosticCode::PC0012, span_at(comment, offset, length), std::move(message), std::move(help));
  };

  Allowances allowances;
  for (const Comment& comment : file.comments) {
    std::string_view rest = comment.text;
    std::size_t position = 0;  // of `rest` within comment.text
    const auto skip = [&](std::size_t n) {
      rest.remove_prefix(n);
      position += n;
    };
    while (!rest.empty() && is_blank(rest.front())) skip(1);
    if (!rest.starts_with(kPrefix)) continue;
    skip(kPrefix.size());
    while (!rest.empty() && is_blank(rest.front())) skip(1);

    const std::size_t word_length = std::min(rest.find_first_of(" \t,"), rest.size());
    const std::string_view directive = rest.substr(0, word_length);
    const bool whole_file = directive == "allow-file";
    if (directive != "allow" && !whole_file) {
      const auto suggestion = closest_spelling(directive, {"allow", "allow-file"});
      report(comment, position, std::max<std::size_t>(directive.size(), 1),
             directive.empty() ? "'# profilec:' comment without a directive"
                               : fmt::format("unknown directive '{}' in a '# profilec:' comment", directive),
             suggestion ? fmt::format("did you mean '{}'?", *suggestion)
                        : "write '# profilec: allow CODE' or '# profilec: allow-file CODE'");
      continue;
    }
    const std::size_t directive_position = position;
    skip(word_length);
    // A reason may follow " -- ".
    if (const std::size_t reason = rest.find("--"); reason != std::string_view::npos) rest = rest.substr(0, reason);

    std::vector<Allowance> named;
    bool named_any = false;
    std::size_t i = 0;
    while (i < rest.size()) {
      if (is_blank(rest[i]) || rest[i] == ',') {
        ++i;
        continue;
      }
      const std::size_t token_end = std::min(rest.find_first_of(" \t,", i), rest.size());
      const std::string_view token = rest.substr(i, token_end - i);
      named_any = true;
      if (const DiagnosticInfo* rule = find_diagnostic(token)) {
        named.push_back(Allowance{rule->code, 0, span_at(comment, position + i, token.size()), std::string(token)});
      } else {
        const auto suggestion = closest_spelling(token, rule_spellings());
        report(comment, position + i, token.size(), fmt::format("unknown rule '{}' in a suppression", token),
               suggestion ? fmt::format("did you mean '{}'?", *suggestion)
                          : "name a rule by its code or name; 'profilec explain' lists them");
      }
      i = token_end;
    }
    if (!named_any) {
      report(comment, directive_position, directive.size(), fmt::format("'{}' names no rule", directive),
             fmt::format("name the rules to allow, e.g. '# profilec: {} PC0010'", directive));
      continue;
    }
    std::uint32_t target = 0;
    if (!whole_file) {
      target = comment.line;
      if (comment.alone) {
        // The next line that is not itself only a comment.
        do {
          ++target;
        } while (target <= file.comment_only.size() && file.comment_only[target - 1]);
      }
    }
    const bool allows_unused = std::any_of(named.begin(), named.end(),
                                           [](const Allowance& a) { return a.code == DiagnosticCode::PC0025; });
    for (Allowance& a : named) {
      a.covered = target;
      a.comment_allows_unused = allows_unused;
      allowances.entries.push_back(std::move(a));
    }
  }
  return allowances;
}

void remove_covered(Diagnostics& diagnostics, const std::string& path, Allowances& allowances,
                    ErrorSuppression errors) {
  std::erase_if(diagnostics.mutable_all(), [&](const Diagnostic& d) {
    if (errors == ErrorSuppression::kRefused && d.severity == Severity::kError) return false;
    return d.span.known() && *d.span.path == path && allowances.cover(d);
  });
}

bool code_between(DiagnosticCode code, std::string_view first, std::string_view last) {
  const std::string_view id = info(code).id;
  return id >= first && id <= last;
}

// The group of a code: "PC3" for PC3001..PC3006.
bool in_group(DiagnosticCode code, std::string_view group) { return info(code).id.starts_with(group); }

}  // namespace

bool depends_on_the_run(DiagnosticCode code, CommentSyntax syntax) {
  return code == DiagnosticCode::PC0006 || code == DiagnosticCode::PC0011 || in_group(code, "PC3") ||
         in_group(code, "PC4") || code_between(code, "PC5001", "PC5007") ||
         (syntax == CommentSyntax::kXml && in_group(code, "PC2"));
}

std::vector<UnusedSuppression> apply_suppressions(Diagnostics& diagnostics, const std::string& path,
                                                  std::string_view text, ErrorSuppression errors,
                                                  CommentSyntax syntax) {
  Allowances allowances = read_allowances(path, text, &diagnostics, syntax);
  remove_covered(diagnostics, path, allowances, errors);
  std::vector<UnusedSuppression> unused;
  // A file that did not compile was not fully checked: its comments may
  // well be needed once it does.
  if (errors == ErrorSuppression::kRefused || allowances.allows_file_wide(DiagnosticCode::PC0025)) return unused;
  for (const Allowance& a : allowances.entries) {
    if (a.used || a.comment_allows_unused || depends_on_the_run(a.code, syntax)) continue;
    unused.push_back(UnusedSuppression{a.span, a.code, a.written, a.covered});
  }
  return unused;
}

void apply_suppressions(Diagnostics& diagnostics, const SourceMap& sources, std::vector<UnusedSuppression>* unused) {
  std::set<std::string> paths;
  for (const Diagnostic& d : diagnostics.all()) {
    if (d.span.known()) paths.insert(*d.span.path);
  }
  for (const std::string& path : paths) {
    const std::string* text = sources.text(path);
    if (!text) continue;
    const CommentSyntax syntax = looks_like_xml(*text) ? CommentSyntax::kXml : CommentSyntax::kToml;
    Allowances allowances = read_allowances(path, *text, nullptr, syntax);
    remove_covered(diagnostics, path, allowances, ErrorSuppression::kAllowed);
    if (!unused) continue;
    std::erase_if(*unused, [&](const UnusedSuppression& u) {
      if (*u.span.path != path) return false;
      return std::any_of(allowances.entries.begin(), allowances.entries.end(), [&](const Allowance& a) {
        return a.used && a.code == u.code && a.covered == u.covered && a.span.begin.line == u.span.begin.line &&
               a.span.begin.column == u.span.begin.column;
      });
    });
  }
}

void report_unused_suppressions(const std::vector<UnusedSuppression>& unused, Diagnostics& diagnostics) {
  for (const UnusedSuppression& u : unused) {
    const std::string where = u.covered == 0 ? "in this file" : fmt::format("on line {}", u.covered);
    diagnostics.report(DiagnosticCode::PC0025, u.span,
                       fmt::format("unused suppression: no '{}' finding {}", u.written, where),
                       "remove the rule from the comment (the whole comment if it names no other)");
  }
}

}  // namespace profilec
