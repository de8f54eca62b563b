// PC2012 wrong-channel: on macOS, a payload or key that cannot be installed
// on the channel the profile's PayloadScope puts it on: scope "User" is the
// user channel, "System" (or no scope) the device channel.
//
// The Mac refuses such a payload (error) and ignores such a key (warning).
#include <fmt/format.h>

#include "check/rules/rules.h"
#include "check/rules/target_facts.h"
#include "diag/code_severities.h"

namespace profilec::check::rules {
namespace {

using targets::TargetedPlatform;

struct Channel {
  bool user = false;
  const ir::Value* scope = nullptr;  // the envelope's PayloadScope, if any

  explicit Channel(const ir::Profile& profile) : scope(profile.envelope.find("PayloadScope")) {
    user = scope && scope->is_string() && scope->string() == "User";
  }
  std::string_view name() const { return user ? "user" : "device"; }
  std::string scope_text() const {
    if (!scope) return "the profile has no scope, so it is installed as System";
    return fmt::format("the profile's scope is {}", user ? "User" : "System");
  }
  std::string_view other_scope() const { return user ? "scope = \"system\"" : "scope = \"user\""; }
  targets::Holds refuses() const {
    return [user = user](const TargetedPlatform& p, const schema::PlatformFacts& facts) {
      if (p.platform != schema::Platform::kMacOS) return false;
      return user ? facts.userchannel == false : facts.devicechannel == false;
    };
  }
};

class WrongChannel final : public Rule {
 public:
  void check_payload(const PayloadVisit& visit, Diagnostics& diagnostics) const override {
    const Channel channel(visit.profile);
    const auto& platforms = targets::targeted_platforms(visit);
    if (targets::payload_platforms_where(visit, platforms, channel.refuses()).empty()) return;
    Diagnostic& d = diagnostics.report(
        DiagnosticCode::PC2012, targets::payload_span(visit),
        fmt::format("{} cannot be installed on the {} channel on macOS; {}", targets::payload_label(visit),
                    channel.name(), channel.scope_text()),
        fmt::format("set {} in [profile], or move the payload to a profile with that scope", channel.other_scope()));
    if (channel.scope && channel.scope->span.known()) d.notes.push_back({channel.scope->span, "scope set here"});
  }

  void check_value(const ValueVisit& visit, Diagnostics& diagnostics) const override {
    const Channel channel(visit.payload.profile);
    const auto& platforms = targets::targeted_platforms(visit.payload);
    if (targets::key_platforms_where(visit, platforms, channel.refuses()).empty()) return;
    Diagnostic* d = targets::report_key(diagnostics, DiagnosticCode::PC2012, visit,
                                        fmt::format("{} is ignored on the {} channel on macOS; {}",
                                                    targets::key_label(visit), channel.name(), channel.scope_text()),
                                        fmt::format("set {} in [profile], or move the key to a profile with that scope",
                                                    channel.other_scope()));
    if (d) regrade(*d, Severity::kWarning);
  }
};

}  // namespace

const Rule& wrong_channel() {
  static const WrongChannel rule;
  return rule;
}

}  // namespace profilec::check::rules
