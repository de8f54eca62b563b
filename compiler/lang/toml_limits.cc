#include "lang/toml_limits.h"

#include <memory>

#include "base/size_limit.h"

namespace profilec::lang {

void report_toml_too_large(const std::string& path, std::uint64_t size, Diagnostics& diagnostics) {
  // The whole file, like PC0018 for a profile: a span at 1:1 would make the
  // human report print the file's first line, which in such a file may be
  // megabytes long.
  diagnostics.report(DiagnosticCode::PC0001, whole_file_span(std::make_shared<const std::string>(path)),
                     "the file is " + over_size_limit_message(size, kMaxTomlBytes, "TOML files"),
                     "a policy, fragment or profilec.toml is a few KiB: check that this is the right file; "
                     "large data belongs in a { file = \"...\" } value");
}

}  // namespace profilec::lang
