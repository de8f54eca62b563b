// Reading a profile named on the command line of sign, unsign and verify.
#pragma once

#include <optional>
#include <string>

#include "base/file_system.h"

namespace profilec::cli {

// The bytes of `path`; nullopt, with the reason printed, when it cannot be
// read or is larger than kMaxPlistBytes (refused before it is read).
std::optional<std::string> read_input_profile(const FileSystem& files, const std::string& path);

}  // namespace profilec::cli
