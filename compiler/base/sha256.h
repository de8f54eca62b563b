// SHA-256 of bytes, as lower-case hex: how build's manifest
// (project/build_manifest.h) recognises the files it wrote.
#pragma once

#include <string>
#include <string_view>

namespace profilec {

// 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace profilec
