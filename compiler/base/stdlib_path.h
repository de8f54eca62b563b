// Spans into the stdlib fragments embedded in the binary (lang/stdlib.h)
// carry the path "stdlib:NAME.toml": no file of the repository, so the
// renderers must not present it as one (docs/cli.md, "Output formats").
#pragma once

#include <string_view>

namespace profilec {

inline constexpr std::string_view kStdlibPathPrefix = "stdlib:";

inline bool is_stdlib_path(std::string_view path) { return path.starts_with(kStdlibPathPrefix); }

}  // namespace profilec
