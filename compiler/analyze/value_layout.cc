#include "analyze/value_layout.h"

#include <fmt/format.h>

#include "analyze/value_compare.h"

namespace profilec::analyze {
namespace {

constexpr std::size_t kIndentStep = 2;

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

bool is_container(const ir::Value& value) {
  return !value.secret && (value.kind() == ir::Value::Kind::kArray || value.kind() == ir::Value::Kind::kDict);
}

std::string scalar(const ir::Value& value) {
  if (!value.secret && value.kind() == ir::Value::Kind::kString) return quoted(value.string());
  return describe_value(value);
}

}  // namespace

std::string inline_value(const ir::Value& value) {
  if (!is_container(value)) return scalar(value);
  std::string out;
  if (value.kind() == ir::Value::Kind::kArray) {
    out = "[";
    bool first = true;
    for (const ir::Value& item : value.array()) {
      if (!first) out += ", ";
      first = false;
      out += inline_value(item);
    }
    return out + "]";
  }
  if (value.dict().empty()) return "{}";
  out = "{ ";
  bool first = true;
  for (const ir::DictEntry& entry : value.dict()) {
    if (!first) out += ", ";
    first = false;
    out += fmt::format("{} = {}", entry.key, inline_value(entry.value));
  }
  return out + " }";
}

std::string layout_value(const ir::Value& value, std::size_t width, std::size_t indent, std::size_t used,
                         std::size_t reserve) {
  std::string one_line = inline_value(value);
  if (!is_container(value) || used + one_line.size() + reserve <= width) return one_line;
  const bool array = value.kind() == ir::Value::Kind::kArray;
  if (array ? value.array().empty() : value.dict().empty()) return one_line;
  const std::string inner(indent + kIndentStep, ' ');
  std::string out = array ? "[\n" : "{\n";
  if (array) {
    for (const ir::Value& item : value.array()) {
      // Each item ends with a comma, which its last line must leave room for.
      out += fmt::format("{}{},\n", inner, layout_value(item, width, inner.size(), inner.size(), 1));
    }
  } else {
    for (const ir::DictEntry& entry : value.dict()) {
      const std::size_t start = inner.size() + entry.key.size() + 3;  // "Key = "
      out += fmt::format("{}{} = {}\n", inner, entry.key, layout_value(entry.value, width, inner.size(), start));
    }
  }
  return out + std::string(indent, ' ') + (array ? "]" : "}");
}

}  // namespace profilec::analyze
