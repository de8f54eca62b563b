#include "ir/enrollment_name.h"

namespace profilec::ir {

std::string_view enrollment_name(Enrollment enrollment) {
  switch (enrollment) {
    case Enrollment::kDevice: return "device";
    case Enrollment::kUser: return "user";
    case Enrollment::kAutomated: return "automated";
  }
  return "device";
}

}  // namespace profilec::ir
