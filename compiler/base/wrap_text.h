// Prose for a terminal: Apple's key descriptions and the stdlib fragments'
// descriptions in `schema show` and `stdlib list/show`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace profilec {

// `text` with each paragraph ('\n' ends one) filled to at most `width`
// columns, every line starting with `indent` and ending with '\n'. A word
// longer than the line stands alone on its line, never cut; runs of spaces
// collapse to one; empty paragraphs are dropped. Columns are counted in
// bytes, which overcounts only non-ASCII text (the line comes out shorter).
std::string wrap_text(std::string_view text, std::size_t width, std::string_view indent = "");

}  // namespace profilec
