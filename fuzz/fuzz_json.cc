// libFuzzer target: the JSON reader (base/json_reader.h), which reads what
// language server clients send and, later, declaration files.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/json_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)profilec::read_json(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
