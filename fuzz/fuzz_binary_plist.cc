// libFuzzer target: the binary property list reader (plist/binary_reader.h),
// its structure checks and libplist behind them.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "diag/diagnostic.h"
#include "plist/binary_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto path = std::make_shared<const std::string>("fuzz.plist");
  profilec::Diagnostics diagnostics;
  (void)profilec::read_binary_plist(std::string_view(reinterpret_cast<const char*>(data), size), path, diagnostics);
  return 0;
}
