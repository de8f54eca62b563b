#include "analyze/targets.h"

#include <fmt/format.h>

#include "schema/resolve_facts.h"

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

KindMask payload_kinds(const ir::Profile& profile, const schema::SchemaSet& schemas) {
  KindMask mask = 0;
  for (std::size_t p = 0; p < schema::kPlatformCount; ++p) {
    const schema::Platform platform = schema::kAllPlatforms[p];
    bool accepted = true;
    for (const ir::Payload& payload : profile.payloads) {
      const schema::PayloadSchema* schema = schemas.find(payload.type);
      if (!schema) {
        accepted = platform == schema::Platform::kMacOS;  // a preference domain
      } else {
        const auto facts = schema::payload_facts(*schema, platform);
        accepted = facts && facts->supported();
      }
      if (!accepted) break;
    }
    if (accepted) mask |= KindMask{0b111} << (p * 3);
  }
  return mask;
}

KindMask profile_kinds(const ir::Profile& profile, const schema::SchemaSet& schemas) {
  const KindMask target = reached_kinds(profile.target);
  const KindMask narrowed = target & payload_kinds(profile, schemas);
  return narrowed != 0 ? narrowed : target;
}

std::string platform_list(KindMask mask) {
  std::vector<std::string_view> names;
  for (std::size_t p = 0; p < schema::kPlatformCount; ++p) {
    if (mask & (KindMask{0b111} << (p * 3))) names.push_back(schema::platform_name(schema::kAllPlatforms[p]));
  }
  if (names.empty()) return "no platform";
  std::string out(names.front());
  for (std::size_t i = 1; i < names.size(); ++i) {
    out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace profilec::analyze
