// PC1013 top-level-payload-type: a file whose top-level PayloadType is not
// "Configuration". Devices and MDMs install configuration profiles only; a
// file whose top level is a payload (com.apple.TCC.configuration-profile-policy,
// as some tools export) is refused as it is. Written from policy source,
// the envelope is always right; this is for .mobileconfig files read as
// they are. The walker still checks such a dictionary as the payload it is
// (payload_keys::is_checked_as_payload), so that this one error does not
// hide the rest of the file's findings.
#include <fmt/format.h>

#include "base/utf8.h"
#include "check/rules/payload_keys.h"
#include "check/rules/rules.h"

namespace profilec::check::rules {
namespace {

class TopLevelPayloadType final : public Rule {
 public:
  void check_profile(const ProfileVisit& visit, Diagnostics& diagnostics) const override {
    if (!payload_keys::is_bare_payload(visit.profile)) return;
    const ir::Value& type = *visit.profile.envelope.find("PayloadType");
    const std::string shown = valid_utf8(type.string(), ControlCharacters::kReplaceExceptWhitespace);
    const bool case_only = type.string().size() == 13 &&
                           std::equal(type.string().begin(), type.string().end(),
                                      std::string_view("Configuration").begin(), [](char a, char b) {
                                        return std::tolower(static_cast<unsigned char>(a)) ==
                                               std::tolower(static_cast<unsigned char>(b));
                                      });
    diagnostics.report(
        DiagnosticCode::PC1013, type.span, fmt::format("the top-level PayloadType is '{}', not 'Configuration'", shown),
        case_only ? "write 'Configuration' exactly: PayloadType is case-sensitive"
                  : "this is a bare payload, which devices do not install: put it in the PayloadContent array of a "
                    "profile whose PayloadType is Configuration");
  }
};

}  // namespace

const Rule& top_level_payload_type() {
  static const TopLevelPayloadType rule;
  return rule;
}

}  // namespace profilec::check::rules
