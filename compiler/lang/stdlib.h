// The standard library of fragments: stdlib/**/*.toml in the source tree,
// embedded in the binary at build time (tools/embed-files), so
// `use = ["stdlib:passcode/baseline"]` needs no install path.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace profilec::lang {

// "passcode/baseline" -> the text of stdlib/passcode/baseline.toml.
std::optional<std::string_view> find_stdlib_fragment(std::string_view name);

// Every stdlib fragment's name ("passcode/baseline"), sorted.
std::vector<std::string> stdlib_fragment_names();

}  // namespace profilec::lang
