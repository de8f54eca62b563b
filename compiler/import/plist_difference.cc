#include "import/plist_difference.h"

#include <fmt/format.h>

#include <cmath>

#include "analyze/value_compare.h"

namespace profilec::import {
namespace {

std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

// same_value() takes 0.0 and -0.0 for the same real; a round trip must not.
bool same_signs(const ir::Value& a, const ir::Value& b) {
  if (a.kind() == ir::Value::Kind::kReal) return std::signbit(a.real()) == std::signbit(b.real());
  if (a.is_array()) {
    for (std::size_t i = 0; i < a.array().size(); ++i) {
      if (!same_signs(a.array()[i], b.array()[i])) return false;
    }
  }
  if (a.is_dict()) {
    for (const ir::DictEntry& entry : a.dict()) {
      if (!same_signs(entry.value, *b.find(entry.key))) return false;
    }
  }
  return true;
}

std::optional<std::string> difference(const ir::Value& a, const ir::Value& b, const std::string& path) {
  if (analyze::same_value(a, b) && same_signs(a, b)) return std::nullopt;
  if (a.is_dict() && b.is_dict()) {
    for (const ir::DictEntry& entry : a.dict()) {
      const ir::Value* other = b.find(entry.key);
      if (!other) return join(path, entry.key) + " (missing)";
      if (auto d = difference(entry.value, *other, join(path, entry.key))) return d;
    }
    for (const ir::DictEntry& entry : b.dict()) {
      if (!a.find(entry.key)) return join(path, entry.key) + " (added)";
    }
  }
  if (a.is_array() && b.is_array() && a.array().size() == b.array().size()) {
    for (std::size_t i = 0; i < a.array().size(); ++i) {
      if (auto d = difference(a.array()[i], b.array()[i], fmt::format("{}[{}]", path, i))) return d;
    }
  }
  return path;
}

}  // namespace

std::optional<std::string> plist_difference(const ir::Value& original, const ir::Value& rebuilt) {
  return difference(original, rebuilt, "");
}

}  // namespace profilec::import
