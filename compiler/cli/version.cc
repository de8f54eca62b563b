#include "cli/version.h"

#include <fmt/format.h>

#include "schema/compiled_schemas.h"

#ifndef PROFILEC_VERSION
#define PROFILEC_VERSION "0.0.0"
#endif

namespace profilec::cli {

std::string version_text() {
  const schema::UpstreamRelease data = schema::upstream_release();
  return fmt::format("profilec {} (Apple device-management data {}, {})", PROFILEC_VERSION, data.release,
                     data.commit.substr(0, 7));
}

}  // namespace profilec::cli
