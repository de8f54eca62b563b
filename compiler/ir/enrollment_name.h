// An enrollment as [target] writes it: "device", "user", "automated"
// (check's findings, `diff`, `report`).
#pragma once

#include <string_view>

#include "ir/profile.h"

namespace profilec::ir {

std::string_view enrollment_name(Enrollment enrollment);

}  // namespace profilec::ir
