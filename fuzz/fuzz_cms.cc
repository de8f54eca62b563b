// libFuzzer target: opening CMS SignedData (sign/cms_open.h), then reading
// the whole file as `verify` and `check` do (read/read_profile.h).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "diag/diagnostic.h"
#include "read/read_profile.h"
#include "sign/cms_open.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)profilec::sign::open_signed(bytes);
  if (profilec::sign::looks_like_der(bytes)) {
    profilec::Diagnostics diagnostics;
    (void)profilec::read::read_profile(bytes, "fuzz.mobileconfig", diagnostics);
  }
  return 0;
}
