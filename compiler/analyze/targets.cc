#include "analyze/targets.h"

#include <fmt/format.h>

namespace profilec::analyze {
namespace {

constexpr std::array<ir::Enrollment, 3> kEnrollments = {ir::Enrollment::kDevice, ir::Enrollment::kUser,
                                                        ir::Enrollment::kAutomated};

bool platform_admitted(const ir::Target& target, schema::Platform platform) {
  if (target.platforms.empty()) return true;
  for (const ir::PlatformTarget& p : target.platforms) {
    if (schema::platform_from_name(p.platform) == platform) return true;
  }
  return false;
}

bool enrollment_admitted(ir::Enrollment profile, ir::Enrollment device) {
  switch (profile) {
    case ir::Enrollment::kUser: return device == ir::Enrollment::kUser;
    case ir::Enrollment::kAutomated: return device == ir::Enrollment::kAutomated;
    case ir::Enrollment::kDevice: return device != ir::Enrollment::kUser;
  }
  return false;
}

}  // namespace

DeviceKind device_kind(std::size_t index) {
  return DeviceKind{schema::kAllPlatforms[index / 3], kEnrollments[index % 3]};
}

std::string describe(const DeviceKind& kind) {
  std::string_view enrollment = kind.enrollment == ir::Enrollment::kUser        ? "user enrollment"
                                : kind.enrollment == ir::Enrollment::kAutomated ? "automated enrollment"
                                                                                : "device enrollment";
  return fmt::format("{}, {}", schema::platform_name(kind.platform), enrollment);
}

KindMask reached_kinds(const ir::Target& target) {
  KindMask mask = 0;
  for (std::size_t i = 0; i < kDeviceKindCount; ++i) {
    const DeviceKind kind = device_kind(i);
    if (platform_admitted(target, kind.platform) && enrollment_admitted(target.enrollment, kind.enrollment)) {
      mask |= KindMask{1} << i;
    }
  }
  return mask;
}

bool admits(const ir::Target& target, schema::Platform platform, bool supervised, ir::Enrollment enrollment) {
  if (target.supervised && !supervised) return false;
  return platform_admitted(target, platform) && enrollment_admitted(target.enrollment, enrollment);
}

}  // namespace profilec::analyze
