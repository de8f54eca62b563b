#include "plist/xml_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>

#include "base/base64.h"

namespace profilec {
namespace {

constexpr std::size_t kBase64LineLength = 68;

// The bytes of a key or a string that are not copied as they are: XML's
// markup characters, the control characters (an error, but for tab and line
// feed) and 0xEF, the first byte of the noncharacters U+FFFE and U+FFFF.
constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = c != '\t' && c != '\n';
  for (const unsigned char c : {'&', '<', '>'}) table[c] = true;
  table[0xEF] = true;
  return table;
}();

class XmlWriter {
 public:
  explicit XmlWriter(std::string_view header) {
    out_.reserve(4096);  // a typical profile: one allocation
    out_ = header;
  }

  std::optional<PlistWriteError> write(const ir::Value& value, int depth) {
    switch (value.kind()) {
      case ir::Value::Kind::kBoolean: line(depth, value.boolean() ? "<true/>" : "<false/>"); return std::nullopt;
      case ir::Value::Kind::kInteger: {
        const fmt::format_int digits(value.integer());
        element(depth, "integer", std::string_view(digits.data(), digits.size()));
        return std::nullopt;
      }
      case ir::Value::Kind::kBigUnsigned:
        line(depth, fmt::format("<integer>{}</integer>", std::get<ir::BigUnsigned>(value.storage).value));
        return std::nullopt;
      case ir::Value::Kind::kReal: return write_real(value, depth);
      case ir::Value::Kind::kString: return write_text_element(value, "string", value.string(), depth);
      case ir::Value::Kind::kDate: {
        line(depth, fmt::format("<date>{}</date>", ir::format_date(value.date())));
        return std::nullopt;
      }
      case ir::Value::Kind::kData: write_data(value.data().bytes, depth); return std::nullopt;
      case ir::Value::Kind::kArray: return write_array(value, depth);
      case ir::Value::Kind::kDict: return write_dict(value, depth);
    }
    return std::nullopt;
  }

  std::string take() { return std::move(out_); }

 private:
  void line(int depth, std::string_view text) {
    out_.append(static_cast<std::size_t>(depth), '\t');
    out_ += text;
    out_ += '\n';
  }

  // `<tag>text</tag>` on a line of its own.
  void element(int depth, std::string_view tag, std::string_view text) {
    out_.append(static_cast<std::size_t>(depth), '\t');
    out_ += '<';
    out_ += tag;
    out_ += '>';
    out_ += text;
    out_ += "</";
    out_ += tag;
    out_ += ">\n";
  }

  // The same with `text` escaped, written straight into the output (a
  // string or a key each: no copy of its own); on an error the output is
  // dropped whole.
  std::optional<PlistWriteError> write_text_element(const ir::Value& value, std::string_view tag, std::string_view text,
                                                    int depth) {
    return escaped_element(depth, tag, text, value.span, tag == "key" ? "key" : "string");
  }

  // Text is copied in runs between the bytes that need a look of their own
  // (kSpecial): a key or a string is mostly one append.
  std::optional<PlistWriteError> escaped_element(int depth, std::string_view tag, std::string_view text,
                                                 const SourceSpan& span, std::string_view what) {
    out_.append(static_cast<std::size_t>(depth), '\t');
    out_ += '<';
    out_ += tag;
    out_ += '>';
    std::size_t run = 0;  // start of the bytes not yet copied
    for (std::size_t i = 0; i < text.size(); ++i) {
      const auto u = static_cast<unsigned char>(text[i]);
      if (!kSpecial[u]) continue;
      std::string_view replacement;
      switch (text[i]) {
        case '&': replacement = "&amp;"; break;
        case '<': replacement = "&lt;"; break;
        case '>': replacement = "&gt;"; break;
        case '\r': replacement = "&#13;"; break;  // a raw CR would be normalised away by every XML parser
        default:
          if (u == 0xEF) {
            if (is_noncharacter(text, i)) return noncharacter_error(text, span, what);
            continue;  // another character: copied with its run
          }
          // A control character; a noncharacter anywhere in the text is reported first.
          if (auto error = noncharacter_error(text, span, what)) return error;
          return PlistWriteError{span, fmt::format("{} contains the control character U+{:04X}", what, u)};
      }
      out_.append(text.data() + run, i - run);
      out_ += replacement;
      run = i + 1;
    }
    out_.append(text.data() + run, text.size() - run);
    out_ += "</";
    out_ += tag;
    out_ += ">\n";
    return std::nullopt;
  }

  // U+FFFE and U+FFFF (EF BF BE, EF BF BF), which XML does not allow, at `i`.
  static bool is_noncharacter(std::string_view text, std::size_t i) {
    return i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
           (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xBE;
  }

  // The finding for the first noncharacter of `text`, if it holds one.
  static std::optional<PlistWriteError> noncharacter_error(std::string_view text, const SourceSpan& span,
                                                           std::string_view what) {
    for (std::size_t i = 0; i + 2 < text.size(); ++i) {
      if (static_cast<unsigned char>(text[i]) == 0xEF && is_noncharacter(text, i)) {
        return PlistWriteError{span, fmt::format("{} contains the noncharacter U+FFF{}", what,
                                                 text[i + 2] == '\xBE' ? 'E' : 'F')};
      }
    }
    return std::nullopt;
  }

  std::optional<PlistWriteError> write_real(const ir::Value& value, int depth) {
    const double real = value.real();
    if (!std::isfinite(real)) return PlistWriteError{value.span, "a real that is not finite"};
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, real);
    line(depth,
         fmt::format("<real>{}</real>", std::string_view(buffer, static_cast<std::size_t>(result.ptr - buffer))));
    return std::nullopt;
  }

  void write_data(const std::string& bytes, int depth) {
    if (bytes.empty()) {
      line(depth, "<data></data>");
      return;
    }
    const std::string encoded = encode_base64(bytes);
    line(depth, "<data>");
    for (std::size_t i = 0; i < encoded.size(); i += kBase64LineLength) {
      line(depth, std::string_view(encoded).substr(i, kBase64LineLength));
    }
    line(depth, "</data>");
  }

  std::optional<PlistWriteError> write_array(const ir::Value& value, int depth) {
    if (value.array().empty()) {
      line(depth, "<array/>");
      return std::nullopt;
    }
    line(depth, "<array>");
    for (const ir::Value& item : value.array()) {
      if (auto error = write(item, depth + 1)) return error;
    }
    line(depth, "</array>");
    return std::nullopt;
  }

  std::optional<PlistWriteError> write_dict(const ir::Value& value, int depth) {
    const ir::Dict& dict = value.dict();
    if (dict.empty()) {
      line(depth, "<dict/>");
      return std::nullopt;
    }
    std::vector<const ir::DictEntry*> sorted;
    sorted.reserve(dict.size());
    for (const ir::DictEntry& entry : dict) sorted.push_back(&entry);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const ir::DictEntry* a, const ir::DictEntry* b) { return a->key < b->key; });
    line(depth, "<dict>");
    for (const ir::DictEntry* entry : sorted) {
      if (auto error = escaped_element(depth + 1, "key", entry->key, entry->key_span, "key")) return error;
      if (auto error = write(entry->value, depth + 1)) return error;
    }
    line(depth, "</dict>");
    return std::nullopt;
  }

  std::string out_;
};

}  // namespace

Expected<std::string, PlistWriteError> write_xml_plist(const ir::Value& root) {
  XmlWriter writer(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
      "<plist version=\"1.0\">\n");
  if (auto error = writer.write(root, 0)) return Unexpected(std::move(*error));
  return writer.take() + "</plist>\n";
}

}  // namespace profilec
