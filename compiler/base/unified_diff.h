// A unified diff of two texts (`check --diff`), as `diff -u` prints it:
// "--- PATH" / "+++ PATH" headers, hunks with three lines of context.
#pragma once

#include <string>
#include <string_view>

namespace profilec {

// Empty when the texts are equal. Both headers name `path`. A last line
// without a line break is followed by "\ No newline at end of file".
std::string unified_diff(const std::string& path, std::string_view before, std::string_view after);

}  // namespace profilec
