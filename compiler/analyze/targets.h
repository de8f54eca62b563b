// Which devices a profile reaches, and when two profiles reach the same ones.
//
// A device kind is what decides whether a profile is meant for a device: its
// platform and how it is enrolled (supervision never separates two targets,
// see below). There are only 5 x 3 kinds, so the analysis compares profiles
// through the kinds they reach, in linear time.
//
// A profile's target admits a device kind when:
// - platform: the kind's platform is one of `[target].platforms` (an empty
//   list means every platform);
// - enrollment: `user` admits only User Enrollment; `automated` admits only
//   Automated Device Enrollment; `device` admits Device Enrollment and
//   Automated Device Enrollment (an ADE device is device-enrolled too, and
//   receives what is written for device enrollment);
// - supervision: `supervised = true` admits supervised devices only,
//   `supervised = false` every device. Every kind has supervised devices, so
//   supervision alone never keeps two profiles apart.
// Two profiles reach the same devices when some kind is admitted by both.
// Shared iPad and the install method (MDM or by hand) do not separate
// targets either: a profile for Shared iPad is still an iPad profile, and
// either install method can put two profiles on one device. Erring this
// way reports a conflict that a careful MDM scoping might avoid, never
// hides one.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "ir/profile.h"
#include "schema/schema.h"

namespace profilec::analyze {

struct DeviceKind {
  schema::Platform platform;
  ir::Enrollment enrollment;
};

inline constexpr std::size_t kDeviceKindCount = schema::kPlatformCount * 3;

// Kind i: platform kAllPlatforms[i / 3], enrollment device, user, automated.
DeviceKind device_kind(std::size_t index);
std::string describe(const DeviceKind& kind);  // "iOS, user enrollment"

// A bit per device kind the target admits.
using KindMask = std::uint32_t;
KindMask reached_kinds(const ir::Target& target);

// The device a user asks about (`profilec effective`): does the target reach it?
bool admits(const ir::Target& target, schema::Platform platform, bool supervised, ir::Enrollment enrollment);

inline bool reach_same_devices(const ir::Target& a, const ir::Target& b) {
  return (reached_kinds(a) & reached_kinds(b)) != 0;
}

}  // namespace profilec::analyze
