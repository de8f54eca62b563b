#include "plist/xml_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <new>
#include <pugixml.hpp>
#include <unordered_map>
#include <vector>

#include "base/base64.h"
#include "base/text_positions.h"
#include "base/utf8.h"
#include "plist/read_limits.h"

namespace profilec {
namespace {

constexpr std::string_view kElementsHelp =
    "a property list holds <dict>, <array>, <key>, <string>, <integer>, <real>, <true/>, <false/>, <date> and "
    "<data>";

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// What a pass over the markup finds before pugixml builds a tree: nesting
// deeper than the limit (so that a file of a million nested <array>s is
// refused before pugixml allocates a node for each), and an end tag that
// does not close the element open at that point (pugixml says only that
// something does not match, at the end of the file; this names both tags).
// Comments, CDATA, processing instructions and the DOCTYPE (with its
// internal subset) are skipped; quoted attribute values may hold '>'.
struct MarkupProblem {
  enum class Kind { kTooDeep, kMismatch, kUnclosed } kind;
  std::size_t at;              // the offending tag's '<'
  std::string_view name;       // the end tag's name (kMismatch)
  std::string_view open_name;  // the element left open
  std::size_t open_at = 0;     // its '<'
};

std::optional<MarkupProblem> scan_markup(std::string_view text, std::size_t limit) {
  struct Open {
    std::string_view name;
    std::size_t at;
  };
  std::vector<Open> open;
  std::size_t i = 0;
  const auto skip_past = [&](std::string_view end) {
    const std::size_t found = text.find(end, i);
    i = found == std::string_view::npos ? text.size() : found + end.size();
  };
  // Moves i to the '>' that ends the markup at i: outside quotes, and with
  // `brackets`, outside [ ... ] (a DOCTYPE's internal subset).
  const auto to_tag_end = [&](bool brackets) {
    int depth = 0;
    char quote = 0;
    for (++i; i < text.size(); ++i) {
      const char c = text[i];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (brackets && (c == '[' || c == ']')) {
        depth += c == '[' ? 1 : -1;
      } else if (c == '>' && depth <= 0) {
        break;
      }
    }
  };
  const auto name_at = [&](std::size_t from) {
    std::size_t end = from;
    while (end < text.size() && !is_xml_space(text[end]) && text[end] != '>' && text[end] != '/') ++end;
    return text.substr(from, end - from);
  };
  while ((i = text.find('<', i)) != std::string_view::npos) {
    const std::string_view rest = text.substr(i);
    if (rest.starts_with("<!--")) {
      i += 4;
      skip_past("-->");
    } else if (rest.starts_with("<![CDATA[")) {
      i += 9;
      skip_past("]]>");
    } else if (rest.starts_with("<?")) {
      i += 2;
      skip_past("?>");
    } else if (rest.starts_with("<!")) {  // DOCTYPE: '>' ends it outside [ ... ]
      to_tag_end(true);
      ++i;
    } else if (rest.starts_with("</")) {
      const std::size_t start = i;
      const std::string_view name = name_at(i + 2);
      if (open.empty()) return std::nullopt;  // pugixml reports a stray end tag well enough
      if (open.back().name != name) {
        return MarkupProblem{MarkupProblem::Kind::kMismatch, start, name, open.back().name, open.back().at};
      }
      open.pop_back();
      i += 2;
      skip_past(">");
    } else {
      const std::size_t start = i;
      const std::string_view name = name_at(i + 1);
      to_tag_end(false);
      const bool empty = i < text.size() && text[i - 1] == '/';
      ++i;
      if (empty) continue;
      open.push_back({name, start});
      if (open.size() > limit) return MarkupProblem{MarkupProblem::Kind::kTooDeep, start, name, {}, 0};
    }
  }
  if (!open.empty()) {
    return MarkupProblem{MarkupProblem::Kind::kUnclosed, text.size(), {}, open.back().name, open.back().at};
  }
  return std::nullopt;
}

// The first byte of `text` that is not valid UTF-8, if any.
std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  const std::string checked = valid_utf8(text);
  if (checked.size() == text.size() && checked == text) return std::nullopt;
  std::size_t i = 0;
  while (i < text.size() && i < checked.size() && text[i] == checked[i]) ++i;
  // Back up to the start of the sequence the replacement began in.
  while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
  return i;
}

// Base64 as CoreFoundation reads <data> (parseDataTag in CFPropertyList.c):
// characters outside the alphabet are skipped, '=' counts as a character of
// value 0, and bytes come out only when a group of four is complete, the
// last one or two of them dropped when the group ends in "=" or "==". An
// incomplete last group gives no bytes at all.
struct CoreFoundationBase64 {
  std::string bytes;
  std::optional<std::size_t> outside_alphabet;  // the first character skipped (not blank, not '=')
  std::size_t dropped = 0;                      // characters of an incomplete last group
};

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  if (c == '=') return 0;
  return -1;
}

// C's isspace() in the C locale, which CoreFoundation uses for '=' counting.
bool is_c_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

CoreFoundationBase64 decode_base64_as_corefoundation(std::string_view text) {
  CoreFoundationBase64 out;
  std::uint32_t accumulator = 0;
  std::size_t count = 0;
  int equals = 0;  // '=' since the last character that is neither '=' nor blank
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '=') {
      ++equals;
    } else if (!is_c_space(c)) {
      equals = 0;
    }
    const int v = base64_value(c);
    if (v < 0) {
      if (!is_c_space(c) && !out.outside_alphabet) out.outside_alphabet = i;
      continue;
    }
    accumulator = (accumulator << 6) | static_cast<std::uint32_t>(v);
    if (++count % 4 == 0) {
      out.bytes += static_cast<char>((accumulator >> 16) & 0xFF);
      if (equals < 2) out.bytes += static_cast<char>((accumulator >> 8) & 0xFF);
      if (equals < 1) out.bytes += static_cast<char>(accumulator & 0xFF);
    }
  }
  out.dropped = count % 4;
  return out;
}

std::string_view pugi_problem(pugi::xml_parse_status status) {
  switch (status) {
    case pugi::status_end_element_mismatch:
      return "an end tag that does not match its start tag, or an element that is never closed";
    case pugi::status_bad_start_element: return "a malformed start tag";
    case pugi::status_bad_end_element: return "a malformed end tag";
    case pugi::status_bad_attribute: return "a malformed attribute";
    case pugi::status_bad_comment: return "a malformed or unterminated comment";
    case pugi::status_bad_cdata: return "a malformed or unterminated CDATA section";
    case pugi::status_bad_doctype: return "a malformed DOCTYPE";
    case pugi::status_bad_pi: return "a malformed XML declaration or processing instruction";
    case pugi::status_bad_pcdata: return "malformed text";
    case pugi::status_unrecognized_tag: return "a malformed tag";
    case pugi::status_no_document_element: return "no element at all";
    case pugi::status_out_of_memory: return "more than memory can hold";
    default: return "a malformed document";
  }
}

// Apple's ISO 8601 subset: YYYY-MM-DDTHH:MM:SSZ, UTC.
std::optional<ir::Date> parse_plist_date(std::string_view t) {
  const auto number = [&](std::size_t at, std::size_t width, int& out) {
    if (at + width > t.size()) return false;
    out = 0;
    for (std::size_t i = at; i < at + width; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      out = out * 10 + (t[i] - '0');
    }
    return true;
  };
  ir::Date d;
  if (t.size() != 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z') {
    return std::nullopt;
  }
  if (!number(0, 4, d.year) || !number(5, 2, d.month) || !number(8, 2, d.day) || !number(11, 2, d.hour) ||
      !number(14, 2, d.minute) || !number(17, 2, d.second)) {
    return std::nullopt;
  }
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 || d.hour > 23 || d.minute > 59 || d.second > 60) {
    return std::nullopt;
  }
  return d;
}

// C0 control characters other than tab, line feed and carriage return:
// XML 1.0 (section 2.2, Char) allows them neither raw nor as references.
constexpr bool is_forbidden_control(std::uint32_t c) { return c < 0x20 && c != '\t' && c != '\n' && c != '\r'; }

std::size_t first_control_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_forbidden_control(static_cast<unsigned char>(text[i]))) return i;
  }
  return std::string_view::npos;
}

// Markup that XML 1.0 refuses but CoreFoundation reads, because its parser
// never looks inside it (CFPropertyList.c): the XML declaration, which it
// skips to "?>" wherever it stands (skipXMLProcessingInstruction); the
// DOCTYPE, skipped to '>' (skipDTD); the attributes of every start tag,
// skipped to '>' (parseXMLElement). Each becomes a PC0024 warning, and the
// copy of the text that pugixml parses has the ignored part blanked out
// (with spaces, so that every offset stays valid).
struct LenientMarkup {
  std::size_t begin;  // where a strict parser stops
  std::size_t end;    // one past the markup
  std::string message;
  std::string help;
};

// A typographic quote (U+2018, U+2019, U+201A, U+201B, U+201C, U+201D,
// U+201E, U+201F) at `i`: what word processors and some web pages put
// where '"' was typed.
bool is_curly_quote_at(std::string_view text, std::size_t i) {
  return i + 2 < text.size() && text[i] == '\xE2' && text[i + 1] == '\x80' &&
         static_cast<unsigned char>(text[i + 2]) >= 0x98 && static_cast<unsigned char>(text[i + 2]) <= 0x9F;
}

std::optional<std::size_t> first_curly_quote(std::string_view text, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    if (is_curly_quote_at(text, i)) return i;
  }
  return std::nullopt;
}

bool is_name_byte(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c >= 0x80) return !is_curly_quote_at(text, i);
  return std::isalnum(c) || c == '_' || c == ':' || c == '.' || c == '-';
}

// Attributes as XML 1.0 writes them, from `i` (just after an element's or
// the declaration's name) to `terminator`: (S Name S? '=' S? quoted)*, S?.
// The names read, and the terminator's offset; or the offset where the
// text stops being attributes.
struct Attributes {
  std::vector<std::string_view> names;
  std::size_t end = 0;  // the terminator's first character
  bool well_formed = false;
};

Attributes strict_attributes(std::string_view text, std::size_t i, std::string_view terminator) {
  Attributes out;
  const auto skip_blanks = [&] {
    while (i < text.size() && is_xml_space(text[i])) ++i;
  };
  while (true) {
    const std::size_t before = i;
    skip_blanks();
    if (text.substr(i).starts_with(terminator)) {
      out.end = i;
      out.well_formed = true;
      return out;
    }
    if (i >= text.size() || i == before || !is_name_byte(text, i)) break;  // an attribute follows a blank
    const std::size_t name = i;
    while (i < text.size() && is_name_byte(text, i)) ++i;
    out.names.push_back(text.substr(name, i - name));
    skip_blanks();
    if (i >= text.size() || text[i] != '=') break;
    ++i;
    skip_blanks();
    if (i >= text.size() || (text[i] != '"' && text[i] != '\'')) break;
    // A value holds no '<': looking for its end no further than the next
    // '<' keeps the whole scan linear, whatever the input.
    const std::string_view value = text.substr(i + 1, text.find('<', i + 1) - (i + 1));
    const std::size_t close = value.find(text[i]);
    if (close == std::string_view::npos) break;
    i += close + 2;
  }
  out.end = std::min(i, text.size());
  return out;
}

// A quoted literal of a DOCTYPE at `i` ("..." or '...'): one past it, or
// nullopt.
std::optional<std::size_t> strict_literal(std::string_view text, std::size_t i) {
  if (i >= text.size() || (text[i] != '"' && text[i] != '\'')) return std::nullopt;
  const std::size_t close = text.find(text[i], i + 1);
  if (close == std::string_view::npos) return std::nullopt;
  return close + 1;
}

class LenientMarkupScanner {
 public:
  explicit LenientMarkupScanner(std::string_view text) : text_(text) {}

  // Every piece of lenient markup, in file order; `blanked` is the text
  // for pugixml (empty when nothing needs blanking).
  std::vector<LenientMarkup> scan(std::string& blanked) {
    prolog();
    start_tags();
    // A UTF-8 byte-order mark is XML, and CoreFoundation skips it too
    // (encodingForXMLData); pugixml gets blanks, so that the prolog's
    // blanks are not mistaken for text.
    if (text_.starts_with("\xEF\xBB\xBF")) blank_.emplace_back(0, 3);
    if (!blank_.empty()) {
      blanked.assign(text_);
      for (const auto& [begin, end] : blank_) {
        for (std::size_t i = begin; i < end && i < blanked.size(); ++i) blanked[i] = ' ';
      }
    }
    return std::move(found_);
  }

 private:
  static constexpr std::string_view kQuotesHelp = "write straight quotes (\") instead of curly ones";

  // What comes before the first element: the XML declaration, the DOCTYPE,
  // comments, processing instructions and blanks.
  void prolog() {
    const std::size_t start = text_.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    std::size_t i = start;
    bool only_blanks_before = true;
    while (true) {
      while (i < text_.size() && is_xml_space(text_[i])) ++i;
      const std::string_view rest = text_.substr(i);
      if (rest.starts_with("<!--")) {
        const std::size_t close = text_.find("-->", i + 4);
        if (close == std::string_view::npos) return;
        i = close + 3;
      } else if (rest.starts_with("<?xml") && rest.size() > 5 && (is_xml_space(rest[5]) || rest[5] == '?')) {
        i = declaration(i, start, only_blanks_before);
      } else if (rest.starts_with("<?")) {
        const std::size_t close = text_.find("?>", i + 2);
        if (close == std::string_view::npos) return;
        i = close + 2;
      } else if (rest.starts_with("<!DOCTYPE")) {
        i = doctype(i);
      } else {
        return;
      }
      if (i == std::string_view::npos) return;
      only_blanks_before = false;
    }
  }

  // The XML declaration at `at`; returns one past it (npos: unterminated).
  std::size_t declaration(std::size_t at, std::size_t start, bool only_blanks_before) {
    const std::size_t close = text_.find("?>", at + 5);
    if (close == std::string_view::npos) return std::string_view::npos;
    const std::size_t end = close + 2;
    bool lenient = false;
    if (at != start) {
      found_.push_back(
          {at, end, "the XML declaration does not start the file",
           only_blanks_before
               ? "Apple's parser skips the blanks before it; XML parsers refuse the file: delete the "
                 "blanks before '<?xml'"
               : "Apple's parser skips what comes before it; XML parsers refuse the file: move '<?xml ...?>' "
                 "to the start of the file"});
      lenient = true;
    }
    const Attributes attributes = strict_attributes(text_, at + 5, "?>");
    const bool names_ok = !attributes.names.empty() && attributes.names[0] == "version" &&
                          attributes.names.size() <= 3 &&
                          (attributes.names.size() < 2 || attributes.names[1] == "encoding" ||
                           (attributes.names.size() == 2 && attributes.names[1] == "standalone")) &&
                          (attributes.names.size() < 3 || attributes.names[2] == "standalone");
    if (!attributes.well_formed || attributes.end != close || !names_ok) {
      const auto curly = first_curly_quote(text_, at, close);
      found_.push_back({curly ? *curly : (attributes.well_formed ? at : attributes.end), end,
                        curly ? "curly quotes in the XML declaration" : "malformed XML declaration",
                        fmt::format("Apple's parser skips the XML declaration without reading it; XML parsers refuse "
                                    "the file: {}, as in <?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                                    curly ? kQuotesHelp : "write its attributes")});
      lenient = true;
    }
    if (lenient) blank_.emplace_back(at, end);
    return end;
  }

  // The DOCTYPE at `at`; returns one past it (npos: unterminated).
  std::size_t doctype(std::size_t at) {
    // Where CoreFoundation's skipDTD ends it: the first '>', or after the
    // internal subset when a '[' comes first.
    std::size_t end = at + 9;
    while (end < text_.size() && text_[end] != '>' && text_[end] != '[') ++end;
    if (end < text_.size() && text_[end] == '[') {
      const std::size_t close = text_.find(']', end);
      end = close == std::string_view::npos ? close : text_.find('>', close);
    }
    if (end == std::string_view::npos || end >= text_.size()) return std::string_view::npos;
    ++end;
    if (const auto problem = strict_doctype_problem(at)) {
      const auto curly = first_curly_quote(text_, at, end);
      found_.push_back(
          {curly ? *curly : *problem, end, curly ? "curly quotes in the DOCTYPE" : "malformed DOCTYPE",
           fmt::format("Apple's parser skips the DOCTYPE without reading it; XML parsers refuse the file: {}, as in "
                       "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                       "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">",
                       curly ? kQuotesHelp : "write it")});
      blank_.emplace_back(at, end);
    }
    return end;
  }

  // XML 1.0's doctypedecl up to its internal subset: '<!DOCTYPE' S Name
  // (S ('SYSTEM' S lit | 'PUBLIC' S lit S lit))? S? ('[' | '>'). The offset
  // where it stops being one, or nullopt.
  std::optional<std::size_t> strict_doctype_problem(std::size_t at) const {
    std::size_t i = at + 9;
    const auto blanks = [&] {
      const std::size_t before = i;
      while (i < text_.size() && is_xml_space(text_[i])) ++i;
      return i > before;
    };
    if (!blanks()) return i;
    const std::size_t name = i;
    while (i < text_.size() && is_name_byte(text_, i)) ++i;
    if (i == name) return i;
    const bool blank = blanks();
    const std::string_view rest = text_.substr(i);
    if (blank && (rest.starts_with("SYSTEM") || rest.starts_with("PUBLIC"))) {
      const bool is_public = rest.starts_with("PUBLIC");
      i += 6;
      if (!blanks()) return i;
      auto next = strict_literal(text_, i);
      if (!next) return i;
      i = *next;
      if (is_public) {
        if (!blanks()) return i;
        next = strict_literal(text_, i);
        if (!next) return i;
        i = *next;
      }
      blanks();
    }
    if (i < text_.size() && (text_[i] == '>' || text_[i] == '[')) return std::nullopt;
    return i;
  }

  // Start tags whose attributes are not XML's: CoreFoundation ends the tag
  // at its first '>' and never reads what stands between the name and it.
  void start_tags() {
    std::size_t i = 0;
    std::size_t depth = 0;
    const auto skip_past = [&](std::string_view end, std::size_t from) {
      const std::size_t found = text_.find(end, from);
      i = found == std::string_view::npos ? text_.size() : found + end.size();
    };
    while ((i = text_.find('<', i)) != std::string_view::npos) {
      const std::string_view rest = text_.substr(i);
      bool closed_an_element = false;
      if (rest.starts_with("<!--")) {
        skip_past("-->", i + 4);
      } else if (rest.starts_with("<![CDATA[")) {
        skip_past("]]>", i + 9);
      } else if (rest.starts_with("<?")) {
        skip_past("?>", i + 2);
      } else if (rest.starts_with("<!DOCTYPE")) {
        i = doctype_end(i);
      } else if (rest.starts_with("</")) {
        skip_past(">", i + 2);
        closed_an_element = depth > 0;
        if (depth > 0) --depth;
      } else if (rest.starts_with("<!")) {
        skip_past(">", i + 2);
      } else {
        bool empty = false;
        i = start_tag(i, empty);
        if (empty) {
          closed_an_element = true;
        } else {
          ++depth;
        }
      }
      if (closed_an_element && depth == 0) {
        after_root(i);
        return;
      }
    }
  }

  // What follows the root element's end: CoreFoundation returns the root
  // value without looking further (parseXMLPropertyList: "a file that has
  // garbage after the first element will nonetheless successfully parse").
  // Blanks, comments and processing instructions are XML; anything else
  // is read with PC0024 and blanked out.
  void after_root(std::size_t i) {
    while (i < text_.size()) {
      while (i < text_.size() && is_xml_space(text_[i])) ++i;
      const std::string_view rest = text_.substr(i);
      std::size_t close = std::string_view::npos;
      if (rest.starts_with("<!--")) {
        close = text_.find("-->", i + 4);
        if (close != std::string_view::npos) close += 3;
      } else if (rest.starts_with("<?") && !rest.starts_with("<?xml")) {
        close = text_.find("?>", i + 2);
        if (close != std::string_view::npos) close += 2;
      } else if (rest.empty()) {
        return;
      }
      if (close == std::string_view::npos) {
        found_.push_back({i, text_.size(), "content after the root element",
                          "Apple's parser stops reading at the end of the root element; XML parsers refuse the file: "
                          "delete what follows it"});
        blank_.emplace_back(i, text_.size());
        return;
      }
      i = close;
    }
  }

  std::size_t doctype_end(std::size_t at) const {
    for (const auto& [begin, end] : blank_) {
      if (begin == at) return end;  // a lenient one: already measured
    }
    // A well-formed DOCTYPE: '>' outside quotes and outside [ ... ].
    int depth = 0;
    char quote = 0;
    for (std::size_t i = at + 9; i < text_.size(); ++i) {
      const char c = text_[i];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[' || c == ']') {
        depth += c == '[' ? 1 : -1;
      } else if (c == '>' && depth <= 0) {
        return i + 1;
      }
    }
    return text_.size();
  }

  // The start tag at `at`; returns one past it, and whether it ends in
  // "/>".
  std::size_t start_tag(std::size_t at, bool& empty) {
    std::size_t name_end = at + 1;
    while (name_end < text_.size() && !is_xml_space(text_[name_end]) && text_[name_end] != '>' &&
           text_[name_end] != '/') {
      ++name_end;
    }
    const Attributes attributes = strict_attributes(text_, name_end, ">");
    if (attributes.well_formed) return attributes.end + 1;
    const Attributes empty_element = strict_attributes(text_, name_end, "/>");
    if (empty_element.well_formed) {
      empty = true;
      return empty_element.end + 2;
    }
    const std::size_t close = text_.find('>', name_end);
    if (close == std::string_view::npos) return text_.size();  // unterminated: pugixml reports it
    empty = text_[close - 1] == '/';
    const std::size_t ignored_end = empty && close - 1 >= name_end ? close - 1 : close;
    const std::string_view name = text_.substr(at + 1, name_end - at - 1);
    const auto curly = first_curly_quote(text_, name_end, ignored_end);
    found_.push_back({curly ? *curly : std::max(attributes.end, empty_element.end), close + 1,
                      curly ? fmt::format("curly quotes in the attributes of <{}>", valid_utf8(name))
                            : fmt::format("malformed attributes in <{}>", valid_utf8(name)),
                      fmt::format("Apple's parser ignores the attributes of every element; XML parsers refuse the "
                                  "file: {}",
                                  curly ? std::string(kQuotesHelp) : std::string("write name=\"value\""))});
    blank_.emplace_back(name_end, ignored_end);
    return close + 1;
  }

  std::string_view text_;
  std::vector<LenientMarkup> found_;
  std::vector<std::pair<std::size_t, std::size_t>> blank_;
};

class Reader {
 public:
  Reader(std::string_view text, std::shared_ptr<const std::string> path, Diagnostics& diagnostics)
      : text_(text), path_(std::move(path)), positions_(text), diagnostics_(diagnostics) {}

  std::optional<ir::Value> read() {
    const std::size_t content_start = text_.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a UTF-8 byte-order mark
    if (text_.find_first_not_of(" \t\r\n", content_start) == std::string_view::npos) {
      fail(DiagnosticCode::PC0017, whole_file_span(path_), "the file is empty", "");
      return std::nullopt;
    }
    if (const auto nul = text_.find('\0'); nul != std::string_view::npos) {
      fail(DiagnosticCode::PC0017, span(nul, nul + 1), "the file holds a NUL byte, which XML does not allow",
           "the file is damaged or not a text property list");
      return std::nullopt;
    }
    if (const auto control = first_control_character(text_); control != std::string_view::npos) {
      fail(DiagnosticCode::PC0017, span(control, control + 1),
           fmt::format("the file holds the control character U+{:04X}, which XML does not allow",
                       static_cast<unsigned char>(text_[control])),
           "XML 1.0 allows no control characters but tab, line feed and carriage return; remove it");
      return std::nullopt;
    }
    const std::string_view start = text_.substr(text_.find_first_not_of(" \t\r\n", content_start));
    if (start.starts_with("&lt;")) {
      fail(DiagnosticCode::PC0017, span(text_.size() - start.size(), text_.size() - start.size() + 4),
           "the file holds HTML-escaped XML ('&lt;' where '<' belongs)",
           "it was copied from a web page or an API response: unescape it, or export the profile again");
      return std::nullopt;
    }
    if (!start.starts_with('<')) {
      fail(DiagnosticCode::PC0017, span(text_.size() - start.size(), text_.size() - start.size() + 1),
           "not a property list: the text does not start with '<'",
           "a .mobileconfig is an XML or binary property list, or one signed with CMS");
      return std::nullopt;
    }
    // CoreFoundation's leniencies in markup: warned about, then parsed as
    // CoreFoundation reads them (LenientMarkupScanner).
    std::string blanked;
    for (LenientMarkup& lenient : LenientMarkupScanner(text_).scan(blanked)) {
      diagnostics_.report(DiagnosticCode::PC0024, span(lenient.begin, lenient.end), std::move(lenient.message),
                          std::move(lenient.help));
    }
    const std::string_view parsed_text = blanked.empty() ? text_ : std::string_view(blanked);
    if (const auto problem = scan_markup(parsed_text, kMaxPlistDepth)) {
      const MarkupProblem& p = *problem;
      if (p.kind == MarkupProblem::Kind::kTooDeep) {
        fail(DiagnosticCode::PC0018, span(p.at, p.at + 1),
             fmt::format("elements nested more than {} levels deep", kMaxPlistDepth),
             fmt::format("profilec reads property lists nested up to {} levels; no profile needs more",
                         kMaxPlistDepth));
        return std::nullopt;
      }
      const SourcePosition opened = positions_.at(p.open_at);
      Diagnostic& d = p.kind == MarkupProblem::Kind::kMismatch
                          ? diagnostics_.report(DiagnosticCode::PC0017, span(p.at, p.at + p.name.size() + 3),
                                                fmt::format("end tag </{}> where </{}> belongs", printable(p.name),
                                                            printable(p.open_name)),
                                                fmt::format("<{}> opened at line {} is not closed before it",
                                                            printable(p.open_name), opened.line))
                          : diagnostics_.report(DiagnosticCode::PC0017, span(p.at, p.at),
                                                fmt::format("the file ends inside <{}>", printable(p.open_name)),
                                                "the file is truncated, or an end tag is missing");
      d.notes.push_back({span(p.open_at, p.open_at + p.open_name.size() + 1),
                         fmt::format("<{}> opened here", printable(p.open_name))});
      return std::nullopt;
    }
    // No escapes, no end-of-line normalisation: values are taken raw and
    // decoded here as CoreFoundation does (which keeps CR LF inside strings
    // and knows only the five XML entities).
    constexpr unsigned kOptions = pugi::parse_cdata | pugi::parse_comments | pugi::parse_pi | pugi::parse_ws_pcdata;
    const pugi::xml_parse_result parsed = document_.load_buffer(parsed_text.data(), parsed_text.size(), kOptions,
                                                                pugi::encoding_utf8);
    if (parsed.status == pugi::status_out_of_memory)
      throw std::bad_alloc();  // the run's memory limit: not the file's fault
    if (!parsed) {
      const auto at = static_cast<std::size_t>(parsed.offset);
      fail(DiagnosticCode::PC0017, span(at, at + 1),
           fmt::format("not well-formed XML: {}", pugi_problem(parsed.status)), "");
      return std::nullopt;
    }
    const auto root = only_element(document_, nullptr, "a second root element",
                                   "a property list has one root element, <plist>");
    if (!root) return std::nullopt;
    if (!*root) {
      fail(DiagnosticCode::PC0017, whole_file_span(path_), "no <plist> element", "");
      return std::nullopt;
    }
    if (std::strcmp(root->name(), "plist") != 0) return value(*root, 1);  // a bare value: CoreFoundation takes it too
    const auto only = only_element(*root, "plist", "<plist> holds more than one value",
                                   "a property list has one root value, usually a <dict>");
    if (!only) return std::nullopt;
    if (!*only) {
      fail(DiagnosticCode::PC0017, start_tag(*root), "<plist> holds no value", "");
      return std::nullopt;
    }
    return value(*only, 1);
  }

 private:
  // The one element among `parent`'s children (an empty node when there is
  // none); nullopt after reporting a second one, or content a `container`
  // may not hold (nullptr: the document, where anything else is skipped).
  std::optional<pugi::xml_node> only_element(const pugi::xml_node& parent, const char* container,
                                             std::string_view several, std::string_view help) {
    pugi::xml_node found;
    for (pugi::xml_node child : parent.children()) {
      if (container && !content_allowed(child, container)) return std::nullopt;
      if (child.type() != pugi::node_element) continue;
      if (found) {
        fail(DiagnosticCode::PC0017, start_tag(child), std::string(several), std::string(help));
        return std::nullopt;
      }
      found = child;
    }
    return found;
  }

  static bool is_blank(const char* text) {
    for (; *text; ++text) {
      if (!is_xml_space(*text)) return false;
    }
    return true;
  }

  SourceSpan span(std::size_t begin, std::size_t end) {
    SourceSpan s{path_, positions_.at(begin), {}};
    s.end = positions_.at(end);
    return s;
  }

  std::size_t start_of(const pugi::xml_node& element) const {
    const auto name = static_cast<std::size_t>(element.offset_debug());
    return name > 0 ? name - 1 : 0;  // the '<'
  }

  // One past the '>' of the element's start tag.
  std::size_t start_tag_end(const pugi::xml_node& element) const {
    const std::size_t close = text_.find('>', static_cast<std::size_t>(element.offset_debug()));
    return close == std::string_view::npos ? text_.size() : close + 1;
  }

  bool self_closing(const pugi::xml_node& element) const {
    const std::size_t end = start_tag_end(element);
    return end >= 2 && text_[end - 2] == '/';
  }

  // One past the end of a child node's text in the source.
  std::size_t node_end(const pugi::xml_node& node) const {
    const auto offset = static_cast<std::size_t>(node.offset_debug());
    switch (node.type()) {
      case pugi::node_pcdata: return offset + std::strlen(node.value());
      case pugi::node_cdata:    // ]]>
      case pugi::node_comment:  // -->
        return offset + std::strlen(node.value()) + 3;
      case pugi::node_pi:
        return text_.find("?>", offset) == std::string_view::npos ? text_.size() : text_.find("?>", offset) + 2;
      default: return offset;
    }
  }

  SourceSpan start_tag(const pugi::xml_node& element) { return span(start_of(element), start_tag_end(element)); }

  // A leaf element from its '<' to the end of its end tag.
  SourceSpan leaf_span(const pugi::xml_node& element) {
    const std::size_t begin = start_of(element);
    if (self_closing(element)) return span(begin, start_tag_end(element));
    std::size_t content_end = start_tag_end(element);
    if (pugi::xml_node last = element.last_child()) content_end = std::max(content_end, node_end(last));
    const std::size_t close = text_.find('>', content_end);
    return span(begin, close == std::string_view::npos ? text_.size() : close + 1);
  }

  void fail(DiagnosticCode code, SourceSpan where, std::string message, std::string help) {
    diagnostics_.report(code, std::move(where), std::move(message), std::move(help));
  }

  // Inside a container only elements, comments, processing instructions and
  // blanks may stand.
  bool content_allowed(const pugi::xml_node& child, std::string_view container) {
    switch (child.type()) {
      case pugi::node_element:
      case pugi::node_comment:
      case pugi::node_pi: return true;
      case pugi::node_pcdata: {
        if (is_blank(child.value())) return true;
        const auto at = static_cast<std::size_t>(child.offset_debug());
        std::string_view shown = child.value();
        shown = shown.substr(shown.find_first_not_of(" \t\r\n"));
        const std::size_t begin = at + (std::strlen(child.value()) - shown.size());
        fail(DiagnosticCode::PC0017, span(begin, begin + 1),
             fmt::format("text '{}' inside <{}>",
                         valid_utf8(shown.substr(0, 30), ControlCharacters::kReplaceExceptWhitespace), container),
             "only elements may stand here; a value belongs in <string>...</string>");
        return false;
      }
      default: {
        const auto at = static_cast<std::size_t>(child.offset_debug());
        fail(DiagnosticCode::PC0017, span(at, at + 1), fmt::format("unexpected content inside <{}>", container), "");
        return false;
      }
    }
  }

  std::optional<ir::Value> value(const pugi::xml_node& element, std::size_t depth) {
    const std::string_view name = element.name();
    if (depth > kMaxPlistDepth) {  // too_deep_at() has refused this already; kept for safety
      fail(DiagnosticCode::PC0018, start_tag(element),
           fmt::format("elements nested more than {} levels deep", kMaxPlistDepth), "");
      return std::nullopt;
    }
    if (name == "dict") return dict(element, depth);
    if (name == "array") return array(element, depth);
    if (name == "true" || name == "false") {
      const SourceSpan where = leaf_span(element);
      for (pugi::xml_node child : element.children()) {
        if (child.type() == pugi::node_pcdata && is_blank(child.value())) continue;
        fail(DiagnosticCode::PC0017, where, fmt::format("<{}> with content", name), fmt::format("write <{}/>", name));
        return std::nullopt;
      }
      return ir::make_boolean(name == "true", where);
    }
    if (name == "string" || name == "key") {
      if (name == "key") {
        diagnostics_.report(DiagnosticCode::PC0024, leaf_span(element), "<key> outside a <dict>",
                            "Apple's parser reads it as a <string>; other parsers refuse the file: write <string>");
      }
      auto text = string_content(element, true);
      if (!text) return std::nullopt;
      return ir::make_string(std::move(*text), leaf_span(element));
    }
    if (name == "integer") return integer(element);
    if (name == "real") return real(element);
    if (name == "date") return date(element);
    if (name == "data") return data(element);
    if (name == "plist") {
      fail(DiagnosticCode::PC0017, start_tag(element), "<plist> inside a value", "<plist> is only the root element");
      return std::nullopt;
    }
    fail(DiagnosticCode::PC0017, start_tag(element),
         fmt::format("unknown element <{}>", valid_utf8(name, ControlCharacters::kReplaceExceptWhitespace)),
         std::string(kElementsHelp));
    return std::nullopt;
  }

  // How many elements `element` holds: containers reserve their room once,
  // rather than growing (a 64 MiB array held 1.5 copies of itself at its
  // peak while its vector grew: issue 15).
  static std::size_t element_children(const pugi::xml_node& element) {
    std::size_t n = 0;
    for (pugi::xml_node child = element.first_child(); child; child = child.next_sibling()) {
      if (child.type() == pugi::node_element) ++n;
    }
    return n;
  }

  std::optional<ir::Value> array(const pugi::xml_node& element, std::size_t depth) {
    ir::Array items;
    items.reserve(element_children(element));
    for (pugi::xml_node child : element.children()) {
      if (!content_allowed(child, "array")) return std::nullopt;
      if (child.type() != pugi::node_element) continue;
      auto item = value(child, depth + 1);
      if (!item) return std::nullopt;
      items.push_back(std::move(*item));
    }
    return ir::make_array(std::move(items), start_tag(element));
  }

  std::optional<ir::Value> dict(const pugi::xml_node& element, std::size_t depth) {
    ir::Dict entries;
    entries.reserve(element_children(element) / 2);
    DictKeys keys;
    std::optional<ir::DictEntry> pending;  // a key waiting for its value
    for (pugi::xml_node child : element.children()) {
      if (!content_allowed(child, "dict")) return std::nullopt;
      if (child.type() != pugi::node_element) continue;
      const std::string_view name = child.name();
      if (!pending) {
        if (name != "key") {
          fail(DiagnosticCode::PC0017, start_tag(child), fmt::format("<{}> where a <key> belongs", name),
               "a <dict> alternates <key> and value");
          return std::nullopt;
        }
        auto key = string_content(child, false);
        if (!key) return std::nullopt;
        pending = ir::DictEntry{std::move(*key), leaf_span(child), {}};
        continue;
      }
      if (name == "key") {
        fail(DiagnosticCode::PC0017, pending->key_span, fmt::format("key '{}' has no value", printable(pending->key)),
             "a <dict> alternates <key> and value");
        return std::nullopt;
      }
      auto item = value(child, depth + 1);
      if (!item) return std::nullopt;
      pending->value = std::move(*item);
      add_entry(entries, keys, std::move(*pending));
      pending.reset();
    }
    if (pending) {
      fail(DiagnosticCode::PC0017, pending->key_span, fmt::format("key '{}' has no value", printable(pending->key)),
           "a <dict> alternates <key> and value");
      return std::nullopt;
    }
    keys.drop_replaced(entries);
    return ir::make_dict(std::move(entries), start_tag(element));
  }

  // The keys of one <dict> so far, so that a key set twice is found in
  // constant time (a dict of 500,000 keys took 20 minutes when each key was
  // compared with every earlier one: issue 15).
  struct DictKeys {
    std::unordered_map<std::string, std::size_t> index;  // key -> its entry
    std::vector<bool> replaced;                          // per entry: a later one has its key
    bool any_replaced = false;

    // Entries whose key was set again later, removed in one pass: the
    // dictionary keeps each key's last value, in the place of that value.
    void drop_replaced(ir::Dict& entries) const {
      if (!any_replaced) return;
      std::size_t kept = 0;
      for (std::size_t i = 0; i < entries.size(); ++i) {
        if (replaced[i]) continue;
        if (kept != i) entries[kept] = std::move(entries[i]);
        ++kept;
      }
      entries.resize(kept);
    }
  };

  // A key set twice: CoreFoundation keeps the last value.
  void add_entry(ir::Dict& entries, DictKeys& keys, ir::DictEntry entry) {
    const auto [it, inserted] = keys.index.try_emplace(entry.key, entries.size());
    if (!inserted) {
      const ir::DictEntry& first = entries[it->second];
      Diagnostic& d = diagnostics_.report(DiagnosticCode::PC0019, entry.key_span,
                                          fmt::format("key '{}' is set twice in one <dict>", printable(entry.key)),
                                          "devices keep the last value; delete the one that is not meant");
      d.notes.push_back({first.key_span, "first set here"});
      keys.replaced[it->second] = true;
      keys.any_replaced = true;
      it->second = entries.size();
    }
    keys.replaced.push_back(false);
    entries.push_back(std::move(entry));
  }

  static std::string printable(std::string_view text) {
    return valid_utf8(text, ControlCharacters::kReplaceExceptWhitespace);
  }

  // The text of a leaf: raw pieces, with entities decoded when `decode`.
  // Anything but text and CDATA inside is an error, as for CoreFoundation.
  std::optional<std::string> leaf_text(const pugi::xml_node& element, bool decode) {
    std::string out;
    for (pugi::xml_node child : element.children()) {
      const auto at = static_cast<std::size_t>(child.offset_debug());
      switch (child.type()) {
        case pugi::node_pcdata:
          if (decode) {
            if (!decode_entities(child.value(), at, out)) return std::nullopt;
          } else {
            out += child.value();
          }
          break;
        case pugi::node_cdata: out += child.value(); break;
        case pugi::node_comment:
          fail(DiagnosticCode::PC0017, span(at > 4 ? at - 4 : 0, node_end(child)),
               fmt::format("a comment inside <{}>", element.name()),
               "Apple's parser rejects comments inside values: move it before or after the element");
          return std::nullopt;
        default:
          fail(DiagnosticCode::PC0017, child.type() == pugi::node_element ? start_tag(child) : span(at, at + 1),
               fmt::format("markup inside <{}>", element.name()),
               "a value holds text only; write < as &lt; and & as &amp;");
          return std::nullopt;
      }
    }
    return out;
  }

  std::optional<std::string> string_content(const pugi::xml_node& element, bool /*is_value*/) {
    auto text = leaf_text(element, true);
    if (!text) return std::nullopt;
    if (first_invalid_utf8(*text)) {
      fail(DiagnosticCode::PC0017, leaf_span(element), fmt::format("<{}> is not valid UTF-8", element.name()),
           "save the file as UTF-8");
      return std::nullopt;
    }
    return text;
  }

  // XML's five entities and character references, nothing else.
  bool decode_entities(std::string_view raw, std::size_t offset, std::string& out) {
    std::size_t i = 0;
    while (i < raw.size()) {
      const std::size_t amp = raw.find('&', i);
      if (amp == std::string_view::npos) {
        out.append(raw.substr(i));
        break;
      }
      out.append(raw.substr(i, amp - i));
      const std::size_t semi = raw.find(';', amp);
      const std::string_view ref = semi == std::string_view::npos || semi - amp > 12
                                       ? std::string_view{}
                                       : raw.substr(amp + 1, semi - amp - 1);
      const auto where = [&](std::size_t length) { return span(offset + amp, offset + amp + length); };
      if (ref == "lt") out += '<';
      else if (ref == "gt") out += '>';
      else if (ref == "amp") out += '&';
      else if (ref == "apos") out += '\'';
      else if (ref == "quot") out += '"';
      else if (ref.starts_with('#')) {
        const bool hex = ref.size() > 1 && ref[1] == 'x';
        const std::string_view digits = ref.substr(hex ? 2 : 1);
        std::uint32_t code = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
        const bool valid = !digits.empty() && ec == std::errc{} && end == digits.data() + digits.size() && code != 0 &&
                           code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF);
        if (valid && is_forbidden_control(code)) {
          fail(DiagnosticCode::PC0017, where(ref.size() + 2),
               fmt::format("character reference '&{};' is the control character U+{:04X}, which XML does not allow",
                           printable(ref), code),
               "XML 1.0 allows no control characters but tab, line feed and carriage return, not even as references");
          return false;
        }
        if (!valid) {
          fail(DiagnosticCode::PC0017, where(ref.size() + 2),
               fmt::format("invalid character reference '&{};'", printable(ref)),
               "write a Unicode code point: &#233; or &#xE9;");
          return false;
        }
        append_utf8(code, out);
      } else if (ref.empty()) {
        fail(DiagnosticCode::PC0017, where(1), "'&' that starts no entity", "write a literal & as &amp;");
        return false;
      } else {
        fail(DiagnosticCode::PC0017, where(ref.size() + 2), fmt::format("unknown entity '&{};'", printable(ref)),
             "property lists know only &lt; &gt; &amp; &apos; &quot; and character references; entities a DOCTYPE "
             "declares are never expanded");
        return false;
      }
      i = semi + 1;
    }
    return true;
  }

  static void append_utf8(std::uint32_t code, std::string& out) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  // The text of a number or date element; nullopt (reported) when empty.
  std::optional<std::string> scalar_text(const pugi::xml_node& element, bool decode) {
    if (self_closing(element)) {
      fail(DiagnosticCode::PC0017, leaf_span(element), fmt::format("empty <{}>", element.name()),
           fmt::format("write a value between <{0}> and </{0}>", element.name()));
      return std::nullopt;
    }
    return leaf_text(element, decode);
  }

  // CoreFoundation: blanks, an optional sign, decimal digits or 0x and hex
  // digits, nothing after them. Beyond INT64_MAX up to UINT64_MAX the value
  // is unsigned.
  std::optional<ir::Value> integer(const pugi::xml_node& element) {
    auto raw = scalar_text(element, false);
    if (!raw) return std::nullopt;
    const SourceSpan where = leaf_span(element);
    std::string_view t = *raw;
    while (!t.empty() && static_cast<unsigned char>(t.front()) <= 0x20) t.remove_prefix(1);
    const std::string shown = printable(*raw);
    if (t.empty()) {
      fail(DiagnosticCode::PC0017, where, "empty <integer>", "write a whole number, e.g. <integer>1</integer>");
      return std::nullopt;
    }
    bool negative = false;
    if (t.front() == '-' || t.front() == '+') {
      negative = t.front() == '-';
      t.remove_prefix(1);
      while (!t.empty() && static_cast<unsigned char>(t.front()) <= 0x20) t.remove_prefix(1);
    }
    int base = 10;
    if (t.size() > 1 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
      base = 16;
      t.remove_prefix(2);
    }
    std::uint64_t magnitude = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), magnitude, base);
    if (t.empty() || end != t.data() + t.size() || ec == std::errc::invalid_argument) {
      fail(DiagnosticCode::PC0017, where, fmt::format("<integer> '{}' is not a whole number", shown),
           "write decimal digits with an optional sign, e.g. <integer>-5</integer> (0x and hex digits also work)");
      return std::nullopt;
    }
    constexpr std::uint64_t kMinMagnitude = static_cast<std::uint64_t>(INT64_MAX) + 1;
    if (ec == std::errc::result_out_of_range || (negative && magnitude > kMinMagnitude)) {
      fail(DiagnosticCode::PC0017, where, fmt::format("<integer> '{}' is out of range", shown),
           "property-list integers are 64-bit: -9223372036854775808 to 18446744073709551615");
      return std::nullopt;
    }
    if (negative) {
      const std::int64_t v = magnitude == kMinMagnitude ? INT64_MIN : -static_cast<std::int64_t>(magnitude);
      return ir::make_integer(v, where);
    }
    if (magnitude > static_cast<std::uint64_t>(INT64_MAX)) {
      ir::Value big;
      big.storage = ir::BigUnsigned{magnitude};
      big.span = where;
      return big;
    }
    return ir::make_integer(static_cast<std::int64_t>(magnitude), where);
  }

  // CoreFoundation: nan, inf, infinity (any case, signed), or a decimal
  // number with an optional fraction and exponent.
  std::optional<ir::Value> real(const pugi::xml_node& element) {
    auto raw = scalar_text(element, true);
    if (!raw) return std::nullopt;
    const SourceSpan where = leaf_span(element);
    std::string_view t = *raw;
    while (!t.empty() && is_xml_space(t.front())) t.remove_prefix(1);
    std::string lower(t);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "nan") return ir::make_real(std::nan(""), where);
    if (lower == "inf" || lower == "+inf" || lower == "infinity" || lower == "+infinity") {
      return ir::make_real(HUGE_VAL, where);
    }
    if (lower == "-inf" || lower == "-infinity") return ir::make_real(-HUGE_VAL, where);
    std::string_view number = t;
    if (number.starts_with('+')) number.remove_prefix(1);
    double v = 0;
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), v, std::chars_format::general);
    const bool plain = number.find_first_not_of("0123456789.eE+-") == std::string_view::npos;
    if (number.empty() || !plain || ec != std::errc{} || end != number.data() + number.size()) {
      fail(DiagnosticCode::PC0017, where, fmt::format("<real> '{}' is not a number", printable(*raw)),
           ec == std::errc::result_out_of_range ? "the number is too large for a 64-bit real"
                                                : "write a decimal number, e.g. <real>1.5</real>");
      return std::nullopt;
    }
    return ir::make_real(v, where);
  }

  std::optional<ir::Value> date(const pugi::xml_node& element) {
    auto raw = scalar_text(element, false);
    if (!raw) return std::nullopt;
    const SourceSpan where = leaf_span(element);
    const auto parsed = parse_plist_date(*raw);
    if (!parsed) {
      fail(DiagnosticCode::PC0017, where, fmt::format("<date> '{}' is not a date", printable(*raw)),
           "write YYYY-MM-DDTHH:MM:SSZ in UTC, e.g. <date>2026-06-30T00:00:00Z</date>");
      return std::nullopt;
    }
    return ir::make_date(*parsed, where);
  }

  // <data> as CoreFoundation decodes it (decode_base64_as_corefoundation):
  // the same bytes as any decoder for standard base64; for anything else
  // the bytes a device gets, with PC0024, since other parsers read other
  // bytes or refuse the file. A character outside ASCII is an error, as in
  // CoreFoundation ("Could not interpret <data>").
  std::optional<ir::Value> data(const pugi::xml_node& element) {
    if (self_closing(element)) {
      fail(DiagnosticCode::PC0017, leaf_span(element), "empty <data/>",
           "Apple's parser rejects <data/>; write <data></data> for no bytes");
      return std::nullopt;
    }
    for (pugi::xml_node child : element.children()) {
      if (child.type() != pugi::node_cdata) continue;
      const auto at = static_cast<std::size_t>(child.offset_debug());
      fail(DiagnosticCode::PC0017, span(at > 9 ? at - 9 : 0, node_end(child)), "CDATA inside <data>",
           "Apple's parser rejects CDATA inside <data>: write the base64 text directly");
      return std::nullopt;
    }
    auto raw = leaf_text(element, false);
    if (!raw) return std::nullopt;
    const SourceSpan where = leaf_span(element);
    const auto non_ascii = std::find_if(raw->begin(), raw->end(),
                                        [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    if (non_ascii != raw->end()) {
      std::size_t length = 1;
      while (non_ascii + static_cast<std::ptrdiff_t>(length) != raw->end() &&
             (static_cast<unsigned char>(non_ascii[static_cast<std::ptrdiff_t>(length)]) & 0xC0) == 0x80) {
        ++length;
      }
      fail(DiagnosticCode::PC0017, where,
           fmt::format("<data> holds '{}', which is not base64", printable(std::string_view(&*non_ascii, length))),
           "Apple's parser refuses <data> with characters outside ASCII: write standard base64");
      return std::nullopt;
    }
    if (auto strict = decode_base64(*raw)) return ir::make_data(std::move(*strict), where);
    CoreFoundationBase64 decoded = decode_base64_as_corefoundation(*raw);
    std::string message;
    std::string help;
    if (decoded.outside_alphabet) {
      message = fmt::format("<data> holds '{}', which is not base64",
                            printable(raw->substr(*decoded.outside_alphabet, 1)));
      help =
          "Apple's parser skips characters outside the base64 alphabet and reads the rest; other parsers refuse "
          "the file: write standard base64";
    } else if (decoded.dropped != 0) {
      message = "<data> ends in an incomplete base64 group";
      help = fmt::format(
          "Apple's parser drops its last {} character{} and reads {} byte{}; other parsers decode them or refuse the "
          "file: complete the group with '=' padding",
          decoded.dropped, decoded.dropped == 1 ? "" : "s", decoded.bytes.size(), decoded.bytes.size() == 1 ? "" : "s");
    } else {  // complete groups of the alphabet: '=' stands where strict base64 has none
      message = "<data> has '=' padding before its end";
      help =
          "Apple's parser reads each group of four on its own; other parsers stop at the padding or refuse the "
          "file: write the bytes as one base64 text";
    }
    diagnostics_.report(DiagnosticCode::PC0024, where, std::move(message), std::move(help));
    return ir::make_data(std::move(decoded.bytes), where);
  }

  std::string_view text_;
  std::shared_ptr<const std::string> path_;
  TextPositions positions_;
  Diagnostics& diagnostics_;
  pugi::xml_document document_;
};

}  // namespace

std::optional<ir::Value> read_xml_plist(std::string_view text, const std::shared_ptr<const std::string>& path,
                                        Diagnostics& diagnostics) {
  Reader reader(text, path, diagnostics);
  return reader.read();
}

}  // namespace profilec
