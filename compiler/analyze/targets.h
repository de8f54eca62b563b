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
//
// What the payloads prove narrows that (profile_kinds): a device refuses a
// profile holding a payload type its OS does not support, so a profile
// with a privacy-preferences (TCC) payload never reaches an iPhone, whatever
// its target says. A payload type the schemas do not know is a preference
// domain (custom settings), which only macOS applies. This is how an
// existing .mobileconfig without a stated target is analysed (ir::Target::
// stated): on every device kind its payloads can reach, an assumption that
// findings name and that never makes an error.
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
#include "schema/schema_set.h"

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

// The kinds of the platforms that accept every payload of the profile (a
// profile without payloads: every kind). 0 when no platform accepts them
// all: the profile is refused everywhere (PC2001 says so where a target is
// stated), and the analysis then falls back to its target alone.
KindMask payload_kinds(const ir::Profile& profile, const schema::SchemaSet& schemas);

// What the analysis compares: the target's kinds, narrowed to payload_kinds
// unless that leaves none.
KindMask profile_kinds(const ir::Profile& profile, const schema::SchemaSet& schemas);

// "iOS and macOS": the platforms of the kinds in `mask`, in schema order.
std::string platform_list(KindMask mask);

inline bool reach_same_devices(const ir::Target& a, const ir::Target& b) {
  return (reached_kinds(a) & reached_kinds(b)) != 0;
}

}  // namespace profilec::analyze
