// A file compiled into the binary at build time (tools/embed-files).
#pragma once

#include <string_view>

namespace profilec {

struct EmbeddedFile {
  std::string_view path;  // relative to the embedded folder: "payloads/com.apple.wifi.managed.toml"
  std::string_view text;
};

}  // namespace profilec
