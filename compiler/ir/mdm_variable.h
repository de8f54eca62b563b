// Text that an MDM or a template fills in at install or upload time
// ($EMAIL, {{mail}}, %ComputerName%, ${uuid_1}): its final value cannot be
// judged, or compared with another file's, before then.
#pragma once

#include <string_view>

namespace profilec::ir {

inline bool has_mdm_variable(std::string_view text) {
  return text.find('$') != std::string_view::npos || text.find("{{") != std::string_view::npos ||
         text.find('%') != std::string_view::npos;
}

}  // namespace profilec::ir
