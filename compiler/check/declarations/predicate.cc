#include "check/declarations/predicate.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace profilec::check {
namespace {

// Deeper nesting than any real predicate; keeps recursion bounded.
constexpr int kMaxPredicateDepth = 64;

enum class Tok {
  kEnd,
  kString,
  kNumber,
  kWord,       // a key path or a keyword (AND, IN, TRUE, ...)
  kVariable,   // $name
  kReference,  // @status(...) or @property(...)
  kCompare,    // == = != <> < <= =< > >= =>
  kAnd,        // &&
  kOr,         // ||
  kNot,        // !
  kLParen,
  kRParen,
  kLBrace,
  kRBrace,
  kLBracket,
  kRBracket,
  kComma,
  kArithmetic,  // + - * /
};

struct Token {
  Tok kind = Tok::kEnd;
  std::size_t offset = 0;
  std::string_view text;
};

bool is_word_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string upper_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

// Words the grammar gives a meaning; none of them is a key path.
constexpr std::array<std::string_view, 22> kReservedWords =
    {"AND",        "OR",       "NOT",      "TRUEPREDICATE", "FALSEPREDICATE",
     "BEGINSWITH", "ENDSWITH", "CONTAINS", "LIKE",          "MATCHES",
     "IN",         "BETWEEN",  "ANY",      "ALL",           "NONE",
     "SOME",       "TRUE",     "FALSE",    "YES",           "NO",
     "NULL",       "NIL"};

bool is_reserved(std::string_view word) {
  const std::string u = upper_ascii(word);
  return std::find(kReservedWords.begin(), kReservedWords.end(), u) != kReservedWords.end();
}

// A character for a message: printable ASCII quoted, anything else by its
// byte value (the input may hold any bytes).
std::string describe_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x80) return fmt::format("non-ASCII byte 0x{:02x} outside a string", static_cast<unsigned>(byte));
  if (byte < 0x20 || byte == 0x7f) return fmt::format("control character 0x{:02x}", static_cast<unsigned>(byte));
  return fmt::format("character '{}'", c);
}

struct Stop {};  // unwinds to parse_predicate once the first error is recorded

class PredicateParser {
 public:
  explicit PredicateParser(std::string_view text) : text_(text) {}

  ParsedPredicate run() {
    try {
      advance();
      if (current_.kind == Tok::kEnd) fail(0, "the predicate is empty");
      parse_or();
      if (current_.kind != Tok::kEnd) fail(current_.offset, fmt::format("unexpected {} after the predicate", shown()));
    } catch (const Stop&) {
    }
    return std::move(result_);
  }

 private:
  [[noreturn]] void fail(std::size_t offset, std::string message) {
    result_.error = PredicateError{offset, std::move(message)};
    throw Stop{};
  }

  std::string shown() const {
    if (current_.kind == Tok::kEnd) return "the end of the predicate";
    return fmt::format("'{}'", current_.text);
  }

  // ---- lexer

  void advance() { current_ = lex(); }

  Token lex() {
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
    const std::size_t start = pos_;
    if (pos_ >= text_.size()) return Token{Tok::kEnd, start, {}};
    const char c = text_[pos_];
    const auto token = [&](Tok kind, std::size_t length) {
      pos_ = start + length;
      return Token{kind, start, text_.substr(start, length)};
    };
    const auto next_is = [&](char n) { return start + 1 < text_.size() && text_[start + 1] == n; };
    if (c == '"' || c == '\'') return lex_string(start, c);
    if (is_digit(c) || (c == '.' && start + 1 < text_.size() && is_digit(text_[start + 1]))) return lex_number(start);
    if (is_word_start(c)) return token(Tok::kWord, key_path_end(start) - start);
    if (c == '$') {
      if (start + 1 >= text_.size() || !is_word_start(text_[start + 1])) fail(start, "'$' without a variable name");
      return token(Tok::kVariable, key_path_end(start + 1) - start);
    }
    if (c == '@') return lex_reference(start);
    if (c == '%') fail(start, "a format argument ('%') is never substituted in a declaration: write the value");
    switch (c) {
      case '=': return token(Tok::kCompare, next_is('=') || next_is('<') || next_is('>') ? 2 : 1);
      case '!':
        if (next_is('=')) return token(Tok::kCompare, 2);
        return token(Tok::kNot, 1);
      case '<': return token(Tok::kCompare, next_is('=') || next_is('>') ? 2 : 1);
      case '>': return token(Tok::kCompare, next_is('=') ? 2 : 1);
      case '&':
        if (next_is('&')) return token(Tok::kAnd, 2);
        break;
      case '|':
        if (next_is('|')) return token(Tok::kOr, 2);
        break;
      case '(': return token(Tok::kLParen, 1);
      case ')': return token(Tok::kRParen, 1);
      case '{': return token(Tok::kLBrace, 1);
      case '}': return token(Tok::kRBrace, 1);
      case '[': return token(Tok::kLBracket, 1);
      case ']': return token(Tok::kRBracket, 1);
      case ',': return token(Tok::kComma, 1);
      case '+':
      case '-':
      case '*':
      case '/': return token(Tok::kArithmetic, 1);
      default: break;
    }
    fail(start, fmt::format("unexpected {}", describe_char(c)));
  }

  // A key path: word(.word)*, where a segment may be a key-path operator
  // (@count, @sum, ...).
  std::size_t key_path_end(std::size_t from) const {
    std::size_t end = from;
    while (end < text_.size() && is_word_char(text_[end])) ++end;
    return segments_end(end);
  }

  // The end of the .word segments that start at `dot` (`dot` itself when none does).
  std::size_t segments_end(std::size_t dot) const {
    std::size_t end = dot;
    while (end + 1 < text_.size() && text_[end] == '.' &&
           (is_word_start(text_[end + 1]) ||
            (text_[end + 1] == '@' && end + 2 < text_.size() && is_word_start(text_[end + 2])))) {
      end += text_[end + 1] == '@' ? 2 : 1;
      while (end < text_.size() && is_word_char(text_[end])) ++end;
    }
    return end;
  }

  Token lex_string(std::size_t start, char quote) {
    std::size_t i = start + 1;
    while (i < text_.size() && text_[i] != quote) i += text_[i] == '\\' ? 2 : 1;
    if (i >= text_.size()) fail(start, "unterminated string: add the closing quote");
    pos_ = i + 1;
    return Token{Tok::kString, start, text_.substr(start, pos_ - start)};
  }

  Token lex_number(std::size_t start) {
    std::size_t i = start;
    if (text_.substr(i, 2) == "0x" || text_.substr(i, 2) == "0X") {
      i += 2;
      while (i < text_.size() && std::isxdigit(static_cast<unsigned char>(text_[i])) != 0) ++i;
    } else {
      while (i < text_.size() && is_digit(text_[i])) ++i;
      if (i < text_.size() && text_[i] == '.') {
        ++i;
        while (i < text_.size() && is_digit(text_[i])) ++i;
      }
      if (i < text_.size() && (text_[i] == 'e' || text_[i] == 'E')) {
        std::size_t j = i + 1;
        if (j < text_.size() && (text_[j] == '+' || text_[j] == '-')) ++j;
        if (j < text_.size() && is_digit(text_[j])) {
          i = j;
          while (i < text_.size() && is_digit(text_[i])) ++i;
        }
      }
    }
    if (i < text_.size() && (is_word_char(text_[i]) || text_[i] == '.')) {
      std::size_t end = i;
      while (end < text_.size() && !is_space(text_[end]) && text_[end] != ')' && text_[end] != ',') ++end;
      fail(start,
           fmt::format("malformed number '{}': quote a version or other text", text_.substr(start, end - start)));
    }
    pos_ = i;
    return Token{Tok::kNumber, start, text_.substr(start, i - start)};
  }

  // @status(name) and @property(name); the name runs to the closing
  // parenthesis (status item names hold '-' and '.').
  Token lex_reference(std::size_t start) {
    std::size_t i = start + 1;
    while (i < text_.size() && is_word_char(text_[i])) ++i;
    const std::string_view function = text_.substr(start + 1, i - start - 1);
    PredicateReference reference;
    if (function == "status") reference.kind = PredicateReference::Kind::kStatusItem;
    else if (function == "property") reference.kind = PredicateReference::Kind::kProperty;
    else fail(start, fmt::format("unknown '@{}': a declaration reads @status(...) or @property(...)", function));
    while (i < text_.size() && is_space(text_[i])) ++i;
    if (i >= text_.size() || text_[i] != '(') fail(i, fmt::format("expected '(' after '@{}'", function));
    const std::size_t open = i;
    const std::size_t close = text_.find(')', open);
    if (close == std::string_view::npos) fail(open, fmt::format("missing ')' after '@{}('", function));
    std::size_t name_begin = open + 1;
    std::size_t name_end = close;
    while (name_begin < name_end && is_space(text_[name_begin])) ++name_begin;
    while (name_end > name_begin && is_space(text_[name_end - 1])) --name_end;
    if (name_begin == name_end) fail(open, fmt::format("'@{}()' names nothing", function));
    for (std::size_t k = name_begin; k < name_end; ++k) {
      const char n = text_[k];
      if (!is_word_char(n) && n != '.' && n != '-') {
        fail(k, fmt::format("unexpected {} in the name of '@{}(...)'", describe_char(n), function));
      }
    }
    reference.name = std::string(text_.substr(name_begin, name_end - name_begin));
    reference.offset = name_begin;
    reference.length = name_end - name_begin;
    result_.references.push_back(std::move(reference));
    // A key path into the item's value: @status(x).@count
    pos_ = close + 1;
    if (pos_ < text_.size() && text_[pos_] == '.') {
      const std::size_t end = segments_end(pos_);
      if (end == pos_) fail(pos_, "expected a key after '.'");
      pos_ = end;
    }
    return Token{Tok::kReference, start, text_.substr(start, pos_ - start)};
  }

  // ---- parser

  bool at_word(std::string_view keyword) const {
    return current_.kind == Tok::kWord && upper_ascii(current_.text) == keyword;
  }

  // One level of nesting (a parenthesis, a list, NOT, a sign, an index)
  // while it lives.
  class Nest {
   public:
    explicit Nest(PredicateParser& parser) : parser_(parser) {
      if (++parser_.depth_ > kMaxPredicateDepth) {
        parser_.fail(parser_.current_.offset, fmt::format("nested deeper than {} levels", kMaxPredicateDepth));
      }
    }
    ~Nest() { --parser_.depth_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;

   private:
    PredicateParser& parser_;
  };

  void parse_or() {
    parse_and();
    while (current_.kind == Tok::kOr || at_word("OR")) {
      advance();
      parse_and();
    }
  }

  void parse_and() {
    parse_not();
    while (current_.kind == Tok::kAnd || at_word("AND")) {
      advance();
      parse_not();
    }
  }

  void parse_not() {
    if (current_.kind == Tok::kNot || at_word("NOT")) {
      const Nest nest(*this);
      advance();
      parse_not();
      return;
    }
    if (current_.kind == Tok::kLParen) {
      const Nest nest(*this);
      const std::size_t open = current_.offset;
      advance();
      parse_or();
      if (current_.kind != Tok::kRParen) {
        fail(current_.offset, fmt::format("expected ')' to close the '(' at offset {}, found {}", open, shown()));
      }
      advance();
      return;
    }
    if (at_word("TRUEPREDICATE") || at_word("FALSEPREDICATE")) {
      advance();
      return;
    }
    parse_comparison();
  }

  bool at_comparison_operator() const {
    if (current_.kind == Tok::kCompare) return true;
    for (std::string_view word : {"BEGINSWITH", "ENDSWITH", "CONTAINS", "LIKE", "MATCHES", "IN"}) {
      if (at_word(word)) return true;
    }
    return false;
  }

  void parse_comparison() {
    if (at_word("ANY") || at_word("ALL") || at_word("NONE") || at_word("SOME")) advance();
    const std::size_t left = current_.offset;
    parse_expression();
    if (at_word("BETWEEN")) {
      advance();
      parse_expression();
      return;
    }
    if (!at_comparison_operator()) {
      fail(current_.kind == Tok::kEnd ? text_.size() : current_.offset,
           fmt::format("expected a comparison (==, !=, <, >, IN, BEGINSWITH, CONTAINS, LIKE, MATCHES, ...) after "
                       "'{}', found {}",
                       trimmed(left, current_.kind == Tok::kEnd ? text_.size() : current_.offset), shown()));
    }
    advance();
    if (current_.kind == Tok::kLBracket) parse_modifier();
    parse_expression();
  }

  std::string_view trimmed(std::size_t from, std::size_t to) const {
    std::string_view s = text_.substr(from, to - from);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
  }

  // [c], [d], [cd], [n] after a string comparison.
  void parse_modifier() {
    const std::size_t open = current_.offset;
    advance();
    if (current_.kind != Tok::kWord || current_.text.find_first_not_of("cdnCDN") != std::string_view::npos) {
      fail(current_.offset, "expected an option of c, d or n in '[...]' after the comparison");
    }
    advance();
    if (current_.kind != Tok::kRBracket) fail(open, "missing ']' after the comparison's options");
    advance();
  }

  void parse_expression() {
    parse_term();
    while (current_.kind == Tok::kArithmetic && (current_.text == "+" || current_.text == "-")) {
      advance();
      parse_term();
    }
  }

  void parse_term() {
    parse_unary();
    while (current_.kind == Tok::kArithmetic && (current_.text == "*" || current_.text == "/")) {
      advance();
      parse_unary();
    }
  }

  void parse_unary() {
    if (current_.kind == Tok::kArithmetic && current_.text == "-") {
      const Nest nest(*this);
      advance();
      parse_unary();
      return;
    }
    parse_primary();
    while (current_.kind == Tok::kLBracket) {  // an index: [0], [FIRST], [LAST], [SIZE]
      const Nest nest(*this);
      const std::size_t open = current_.offset;
      advance();
      if (at_word("FIRST") || at_word("LAST") || at_word("SIZE")) advance();
      else parse_expression();
      if (current_.kind != Tok::kRBracket) fail(open, "missing ']' after the index");
      advance();
    }
  }

  void parse_primary() {
    switch (current_.kind) {
      case Tok::kString:
      case Tok::kNumber:
      case Tok::kVariable:
      case Tok::kReference: advance(); return;
      case Tok::kWord: {
        const std::string u = upper_ascii(current_.text);
        const bool literal = u == "TRUE" || u == "FALSE" || u == "YES" || u == "NO" || u == "NULL" || u == "NIL";
        if (!literal && is_reserved(current_.text)) {
          fail(current_.offset, fmt::format("expected a value, found the keyword '{}'", current_.text));
        }
        advance();
        return;
      }
      case Tok::kLBrace: {
        const Nest nest(*this);
        const std::size_t open = current_.offset;
        advance();
        if (current_.kind != Tok::kRBrace) {
          parse_expression();
          while (current_.kind == Tok::kComma) {
            advance();
            parse_expression();
          }
        }
        if (current_.kind != Tok::kRBrace) {
          fail(current_.kind == Tok::kEnd ? open : current_.offset,
               current_.kind == Tok::kEnd ? "missing '}' to close the list"
                                          : fmt::format("expected ',' or '}}' in the list, found {}", shown()));
        }
        advance();
        return;
      }
      case Tok::kLParen: {
        const Nest nest(*this);
        const std::size_t open = current_.offset;
        advance();
        parse_expression();
        if (current_.kind != Tok::kRParen) fail(open, "missing ')'");
        advance();
        return;
      }
      default: break;
    }
    fail(current_.kind == Tok::kEnd ? text_.size() : current_.offset,
         fmt::format("expected a value (a string, a number, @status(...), a list), found {}", shown()));
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  Token current_;
  ParsedPredicate result_;
  int depth_ = 0;
};

}  // namespace

ParsedPredicate parse_predicate(std::string_view text) { return PredicateParser(text).run(); }

}  // namespace profilec::check
