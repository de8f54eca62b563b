#include "base/json_reader.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "base/text_positions.h"
#include "base/utf8.h"

namespace profilec {

const JsonValue* JsonValue::find(std::string_view name) const {
  if (kind != Kind::kObject) return nullptr;
  for (auto it = members.rbegin(); it != members.rend(); ++it) {
    if (it->name == name) return &it->value;
  }
  return nullptr;
}

std::string_view JsonValue::string_or(std::string_view name, std::string_view fallback) const {
  const JsonValue* v = find(name);
  return v && v->kind == Kind::kString ? std::string_view(v->string) : fallback;
}

std::int64_t JsonValue::integer_or(std::string_view name, std::int64_t fallback) const {
  const JsonValue* v = find(name);
  return v && v->kind == Kind::kInteger ? v->integer : fallback;
}

bool JsonValue::bool_or(std::string_view name, bool fallback) const {
  const JsonValue* v = find(name);
  return v && v->kind == Kind::kBool ? v->boolean : fallback;
}

namespace {

// What the error message shows of the character at the cursor.
std::string describe(std::string_view rest) {
  if (rest.empty()) return "the end of the text";
  const unsigned char c = static_cast<unsigned char>(rest.front());
  if (c < 0x20 || c == 0x7f) return fmt::format("byte 0x{:02x}", c);
  const std::size_t length = utf8_sequence_length(rest);
  if (length == 0) return fmt::format("invalid UTF-8 byte 0x{:02x}", c);
  return fmt::format("'{}'", rest.substr(0, length));
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Reader {
 public:
  Reader(std::string_view text, const JsonLimits& limits) : text_(text), limits_(limits), positions_(text) {}

  bool read_document(JsonValue& out) {
    skip_space();
    if (!read_value(out, 0)) return false;
    skip_space();
    if (at_ < text_.size()) return fail(fmt::format("expected the end of the text, found {}", here()));
    return true;
  }

  JsonError take_error() { return std::move(error_); }

 private:
  std::string here() const { return describe(text_.substr(at_)); }

  bool fail(std::string message) { return fail_at(at_, std::move(message)); }
  bool fail_at(std::size_t offset, std::string message) {
    if (!failed_) {
      failed_ = true;
      error_.offset = offset;
      // A fresh lookup: errors come after the last value's position.
      error_.position = TextPositions(text_).at(offset);
      error_.message = std::move(message);
    }
    return false;
  }

  void skip_space() {
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++at_;
    }
  }

  bool consume(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) return false;
    at_ += word.size();
    return true;
  }

  bool read_value(JsonValue& out, std::size_t depth) {
    if (depth >= limits_.max_depth) return fail(fmt::format("nested deeper than {} levels", limits_.max_depth));
    out.position = positions_.at(at_);
    if (at_ >= text_.size()) return fail("expected a value, found the end of the text");
    switch (text_[at_]) {
      case '{': return read_object(out, depth);
      case '[': return read_array(out, depth);
      case '"': out.kind = JsonValue::Kind::kString; return read_string(out.string);
      case 't':
      case 'f':
      case 'n':
        if (consume("true")) {
          out.kind = JsonValue::Kind::kBool;
          out.boolean = true;
          return true;
        }
        if (consume("false")) {
          out.kind = JsonValue::Kind::kBool;
          return true;
        }
        if (consume("null")) return true;
        break;
      default:
        if (text_[at_] == '-' || (text_[at_] >= '0' && text_[at_] <= '9')) return read_number(out);
        break;
    }
    return fail(fmt::format("expected a value, found {}", here()));
  }

  bool read_object(JsonValue& out, std::size_t depth) {
    out.kind = JsonValue::Kind::kObject;
    ++at_;  // {
    skip_space();
    if (consume("}")) return true;
    while (true) {
      if (at_ >= text_.size() || text_[at_] != '"')
        return fail(fmt::format("expected a member name in quotes, found {}", here()));
      const SourcePosition name_position = positions_.at(at_);
      std::string name;
      if (!read_string(name)) return false;
      skip_space();
      if (!consume(":")) return fail(fmt::format("expected ':' after a member name, found {}", here()));
      skip_space();
      out.members.push_back({std::move(name), JsonValue{}, name_position});
      if (!read_value(out.members.back().value, depth + 1)) return false;
      skip_space();
      if (consume("}")) return true;
      if (!consume(",")) return fail(fmt::format("expected ',' or '}}' after an object member, found {}", here()));
      skip_space();
    }
  }

  bool read_array(JsonValue& out, std::size_t depth) {
    out.kind = JsonValue::Kind::kArray;
    ++at_;  // [
    skip_space();
    if (consume("]")) return true;
    while (true) {
      out.items.emplace_back();
      if (!read_value(out.items.back(), depth + 1)) return false;
      skip_space();
      if (consume("]")) return true;
      if (!consume(",")) return fail(fmt::format("expected ',' or ']' after an array item, found {}", here()));
      skip_space();
    }
  }

  bool read_hex4(std::uint32_t& out) {
    out = 0;
    for (int i = 0; i < 4; ++i, ++at_) {
      if (at_ >= text_.size()) return fail("expected 4 hexadecimal digits after \\u, found the end of the text");
      const char c = text_[at_];
      std::uint32_t digit = 0;
      if (c >= '0' && c <= '9') digit = static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') digit = static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') digit = static_cast<std::uint32_t>(c - 'A' + 10);
      else return fail(fmt::format("expected 4 hexadecimal digits after \\u, found {}", here()));
      out = out * 16 + digit;
    }
    return true;
  }

  bool read_escape(std::string& out) {
    const std::size_t start = at_;
    ++at_;  // backslash
    if (at_ >= text_.size()) return fail("expected an escape after '\\', found the end of the text");
    const char c = text_[at_++];
    switch (c) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': break;
      default: --at_; return fail_at(start, fmt::format("unknown escape '\\' followed by {}", here()));
    }
    std::uint32_t unit = 0;
    if (!read_hex4(unit)) return false;
    if (unit >= 0xDC00 && unit <= 0xDFFF) return fail_at(start, "a low surrogate \\u escape without a high one");
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      std::uint32_t low = 0;
      if (!consume("\\u")) return fail_at(start, "a high surrogate \\u escape without a low one after it");
      if (!read_hex4(low)) return false;
      if (low < 0xDC00 || low > 0xDFFF) return fail_at(start, "a high surrogate \\u escape without a low one after it");
      unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(out, unit);
    return true;
  }

  bool read_string(std::string& out) {
    ++at_;  // opening quote
    while (true) {
      if (at_ >= text_.size()) return fail("a string without its closing quote");
      const char c = text_[at_];
      if (c == '"') {
        ++at_;
        return true;
      }
      if (c == '\\') {
        if (!read_escape(out)) return false;
        continue;
      }
      if (static_cast<unsigned char>(c) < 0x20)
        return fail(fmt::format("{} inside a string (control characters must be escaped)", here()));
      const std::size_t length = utf8_sequence_length(text_.substr(at_));
      if (length == 0) return fail(fmt::format("{} inside a string", here()));
      out.append(text_.substr(at_, length));
      at_ += length;
    }
  }

  static bool is_digit(char c) { return c >= '0' && c <= '9'; }

  bool read_number(JsonValue& out) {
    const std::size_t start = at_;
    bool integral = true;
    if (text_[at_] == '-') ++at_;
    if (at_ >= text_.size() || !is_digit(text_[at_]))
      return fail(fmt::format("expected a digit in a number, found {}", here()));
    if (text_[at_] == '0') {
      ++at_;
      if (at_ < text_.size() && is_digit(text_[at_])) return fail("a number with a leading zero");
    } else {
      while (at_ < text_.size() && is_digit(text_[at_])) ++at_;
    }
    if (at_ < text_.size() && text_[at_] == '.') {
      integral = false;
      ++at_;
      if (at_ >= text_.size() || !is_digit(text_[at_]))
        return fail(fmt::format("expected a digit after the decimal point, found {}", here()));
      while (at_ < text_.size() && is_digit(text_[at_])) ++at_;
    }
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      integral = false;
      ++at_;
      if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
      if (at_ >= text_.size() || !is_digit(text_[at_]))
        return fail(fmt::format("expected a digit in the exponent, found {}", here()));
      while (at_ < text_.size() && is_digit(text_[at_])) ++at_;
    }
    const std::string literal(text_.substr(start, at_ - start));
    if (integral) {
      std::int64_t value = 0;
      auto [end, ec] = std::from_chars(literal.data(), literal.data() + literal.size(), value);
      if (ec == std::errc() && end == literal.data() + literal.size()) {
        out.kind = JsonValue::Kind::kInteger;
        out.integer = value;
        out.number = static_cast<double>(value);
        return true;
      }
    }
    // The text is a valid JSON number here, so strtod reads all of it.
    out.kind = JsonValue::Kind::kDouble;
    out.number = std::strtod(literal.c_str(), nullptr);
    if (!std::isfinite(out.number)) return fail_at(start, fmt::format("the number {} is out of range", literal));
    return true;
  }

  std::string_view text_;
  const JsonLimits& limits_;
  TextPositions positions_;
  std::size_t at_ = 0;
  bool failed_ = false;
  JsonError error_;
};

}  // namespace

Expected<JsonValue, JsonError> read_json(std::string_view text, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return Unexpected(
        JsonError{0, {1, 1}, fmt::format("the text is {} bytes, over the limit of {}", text.size(), limits.max_bytes)});
  }
  Reader reader(text, limits);
  JsonValue value;
  if (!reader.read_document(value)) return Unexpected(reader.take_error());
  return value;
}

}  // namespace profilec
