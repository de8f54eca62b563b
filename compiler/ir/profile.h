// The profile IR: one configuration profile as a device would receive it,
// plus the target it is meant for. Produced by lowering (from policy source)
// and, later, by the plist reader (from existing .mobileconfig files).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/source_span.h"
#include "ir/value.h"

namespace profilec::ir {

struct PlatformTarget {
  std::string platform;     // iOS | macOS | tvOS | visionOS | watchOS
  std::string min_version;  // "17.0"
  SourceSpan span;
};

enum class Enrollment { kDevice, kUser, kAutomated };
enum class InstallMethod { kMdm, kManual };

struct Target {
  std::vector<PlatformTarget> platforms;  // empty: every platform
  bool supervised = false;
  Enrollment enrollment = Enrollment::kDevice;
  bool shared_ipad = false;
  InstallMethod install = InstallMethod::kMdm;
  SourceSpan span;
  // A target that names no platforms (a policy without `platforms`, an
  // existing .mobileconfig that no flag or profilec.toml gives a target)
  // states nothing about the devices that receive it: the analysis across
  // files then works from what its payloads prove (analyze/targets.h), and
  // a finding that rests on that assumption is never an error.
  bool stated() const { return !platforms.empty(); }
};

struct Payload {
  std::string name;  // the policy table name ("restrictions"); empty when read from a plist
  std::string type;  // PayloadType
  SourceSpan span;
  Value content;  // the payload dictionary, Payload* keys included
};

struct Profile {
  std::string source_path;
  Value envelope;  // top-level dictionary, without PayloadContent
  std::vector<Payload> payloads;
  Target target;
  // False for a plist with no PayloadContent at all (not even an empty
  // array): read that way, or lowered with omit = ["PayloadContent"].
  bool has_payload_content = true;
  // True when read from an existing .mobileconfig (compiler/read/) rather
  // than compiled from policy source: the checks that lowering already
  // makes on policies (pinned UUID syntax) apply only then.
  bool read_from_plist = false;
};

}  // namespace profilec::ir

namespace profilec::ir {

// The whole profile as one plist dictionary: the envelope plus
// PayloadContent, an array of the payload dictionaries in source order
// (left out when the profile has none and !has_payload_content).
Value profile_to_plist(const Profile& profile);

// True when a value of the profile came from an { env = } secret: `build`
// writes such a profile owner-only (0600).
bool holds_secret(const Profile& profile);
bool holds_secret(const Value& value);

}  // namespace profilec::ir
