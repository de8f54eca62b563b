// The strict reader of the data files the checks embed
// (data/network/apple-hosts.toml, data/check/known-names.toml): every
// problem is an error naming path:line:column, reported by the parse
// functions as an Expected, never thrown past them.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "base/expected.h"

namespace profilec::check::data {

struct LoadError {
  std::string message;
};

class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const toml::node& node, const std::string& message) const {
    throw LoadError{fmt::format("{}:{}:{}: {}", path_, node.source().begin.line, node.source().begin.column, message)};
  }

  void only_keys(const toml::table& table, std::initializer_list<std::string_view> allowed) const {
    for (const auto& [key, node] : table) {
      if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end()) {
        fail(node, fmt::format("unknown key '{}'", key.str()));
      }
    }
  }

  const toml::node& required(const toml::table& table, std::string_view key) const {
    const toml::node* node = table.get(key);
    if (!node) fail(table, fmt::format("missing key '{}'", key));
    return *node;
  }

  std::string string(const toml::node& node, std::string_view what) const {
    const auto* value = node.as_string();
    if (!value || value->get().empty()) fail(node, fmt::format("'{}' must be a non-empty string", what));
    return value->get();
  }

  std::string string(const toml::table& table, std::string_view key) const { return string(required(table, key), key); }

  std::vector<std::string> strings(const toml::node& node, std::string_view what) const {
    const auto* array = node.as_array();
    if (!array || array->empty()) fail(node, fmt::format("'{}' must be a non-empty array of strings", what));
    std::vector<std::string> out;
    for (const toml::node& item : *array) out.push_back(string(item, what));
    return out;
  }

  const toml::array& array(const toml::table& table, std::string_view key) const {
    const toml::node& node = required(table, key);
    const auto* value = node.as_array();
    if (!value) fail(node, fmt::format("'{}' must be an array", key));
    return *value;
  }

  // Each entry of the array of tables `key` (none when absent).
  template <typename Read>
  void each_table(const toml::table& root, std::string_view key, Read&& read) const {
    const toml::node* node = root.get(key);
    if (!node) return;
    const auto* array = node->as_array();
    if (!array || !array->is_array_of_tables()) fail(*node, fmt::format("'{}' must be an array of tables", key));
    for (const toml::node& item : *array) read(*item.as_table());
  }

 private:
  std::string path_;
};

// Parses `text` as TOML and hands the root to `read(reader, root)`; a
// syntax error or a LoadError thrown by `read` becomes the error value.
template <typename T, typename Read>
Expected<T, std::string> parse_file(std::string_view text, const std::string& path, Read&& read) {
  try {
    toml::table root;
    try {
      root = toml::parse(text, path);
    } catch (const toml::parse_error& error) {
      throw LoadError{fmt::format("{}:{}:{}: {}", path, error.source().begin.line, error.source().begin.column,
                                  error.description())};
    }
    return read(Reader(path), root);
  } catch (const LoadError& error) {
    return Unexpected{error.message};
  }
}

}  // namespace profilec::check::data
