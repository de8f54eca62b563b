// libFuzzer target: `import` in memory: read a .mobileconfig (XML, binary or
// signed), then write policy source for it and build that source back
// (import/import_profile.h) on a MemoryFileSystem.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/file_system.h"
#include "diag/diagnostic.h"
#include "import/import_profile.h"
#include "read/read_profile.h"
#include "schema/schema_set.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const profilec::schema::SchemaSet schemas = profilec::schema::SchemaSet::embedded();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  profilec::Diagnostics diagnostics;
  profilec::read::ReadResult read = profilec::read::read_profile(bytes, "fuzz.mobileconfig", diagnostics);
  if (!read.profile || diagnostics.has_errors()) return 0;
  profilec::MemoryFileSystem files;
  profilec::cert::ExpiryPolicy expiry;
  expiry.now = 1767225600;  // a fixed clock: 2026-01-01T00:00:00Z
  profilec::import::ImportContext context{files, schemas, expiry, false, {}};
  (void)profilec::import::import_profile(*read.profile, "out", "fuzz", "fuzz.mobileconfig", context, diagnostics);
  return 0;
}
