// How wide the terminal is, for output laid out to its width (`effective`):
// COLUMNS when it holds a whole number of at least 20 columns (shells export
// it; a narrower or garbled value is ignored), else 80. Standard output is
// not asked (no ioctl): the same environment gives the same bytes, on a
// terminal or in a pipe.
#pragma once

#include <cstddef>

#include "base/environment.h"

namespace profilec::cli {

inline constexpr std::size_t kDefaultTerminalWidth = 80;
inline constexpr std::size_t kNarrowestTerminalWidth = 20;

std::size_t terminal_width(const Environment& environment);

}  // namespace profilec::cli
