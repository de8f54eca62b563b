#include "support/manifest_data.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace profilec::testing {

std::string read_manifest_data(const std::string& name) {
  const std::string path = std::string(PROFILEC_SOURCE_DIR) + "/tests/manifest/data/" + name;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "missing test input " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const schema::Key* find_key(const std::vector<schema::Key>& keys, std::string_view name) {
  for (const schema::Key& key : keys) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

std::string listed_findings(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics.all()) {
    out += fmt::format("{}:{}:{}: {} {}\n", d.span.path_or_empty(), d.span.begin.line, d.span.begin.column,
                       info(d.code).id, d.message);
  }
  return out;
}

}  // namespace profilec::testing
