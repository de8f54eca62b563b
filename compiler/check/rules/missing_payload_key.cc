// PC1012 missing-payload-key: the profile's envelope without
// PayloadIdentifier, PayloadUUID, PayloadType or PayloadVersion (or with one
// of the first three not a string), and the same for a payload whose type
// the schemas do not know. For payloads of known types the schema walk
// already says it (PC1008 missing-required-key, PC1003 wrong-type), so this
// rule stays quiet there, but for PayloadVersion, which this rule owns in
// every payload: its absence is a warning there, not an error, since
// devices default it (Kandji's CrowdStrike profile leaves it out of every
// payload and installs) while Apple's data marks it required, and tools that
// follow the data (MDM consoles, validators) may refuse the payload.
#include <fmt/format.h>

#include "check/rules/payload_keys.h"
#include "check/rules/rules.h"
#include "diag/code_severities.h"

namespace profilec::check::rules {
namespace {

enum class Version { kError, kWarning };

// `identity`: also PayloadIdentifier, PayloadUUID and PayloadType.
// `where()` names the dictionary, made only for a finding.
template <typename Label>
void check_keys(const ir::Value& dict, const SourceSpan& where_span, const Label& where, bool identity, Version version,
                Diagnostics& diagnostics) {
  for (const std::string_view key : {"PayloadIdentifier", "PayloadUUID", "PayloadType", "PayloadVersion"}) {
    const ir::Value* value = dict.find(key);
    if (key == "PayloadVersion") {
      if (value) continue;  // its type is PC1010's
      if (version == Version::kError) {
        diagnostics.report(DiagnosticCode::PC1012, where_span, fmt::format("{} has no PayloadVersion", where()),
                           "add PayloadVersion with the integer 1");
      } else {
        Diagnostic& d = diagnostics.report(
            DiagnosticCode::PC1012, where_span, fmt::format("{} has no PayloadVersion", where()),
            "Apple requires it; devices take 1 when it is absent, tools that follow Apple's data may refuse "
            "the payload: add PayloadVersion with the integer 1");
        regrade(d, Severity::kWarning);
      }
      continue;
    }
    if (!identity) continue;
    if (!value) {
      diagnostics.report(DiagnosticCode::PC1012, where_span, fmt::format("{} has no {}", where(), key),
                         key == "PayloadUUID" ? "add PayloadUUID with a UUID of its own (uuidgen prints one)"
                         : key == "PayloadType"
                             ? "add PayloadType: Configuration for the profile, the payload's type for a payload"
                             : "add PayloadIdentifier: a reverse-DNS name such as com.example.wifi");
    } else if (!value->is_string()) {
      diagnostics.report(DiagnosticCode::PC1012, value->span,
                         fmt::format("{} of {} is {}, not a string", key, where(), ir::kind_name(value->kind())),
                         fmt::format("write {} as a <string>", key));
    }
  }
}

class MissingPayloadKey final : public Rule {
 public:
  void check_profile(const ProfileVisit& visit, Diagnostics& diagnostics) const override {
    const ir::Value& envelope = visit.profile.envelope;
    if (!envelope.is_dict() || payload_keys::is_bare_payload(visit.profile)) return;
    check_keys(envelope, envelope.span, payload_keys::envelope_label, true, Version::kError, diagnostics);
  }
  void check_payload(const PayloadVisit& visit, Diagnostics& diagnostics) const override {
    if (!visit.payload.content.is_dict()) return;
    // Known types: PC1008 and PC1003 walk the other keys.
    check_keys(
        visit.payload.content, visit.payload.span, [&] { return payload_keys::payload_label(visit); }, !visit.schema,
        Version::kWarning, diagnostics);
  }
};

}  // namespace

const Rule& missing_payload_key() {
  static const MissingPayloadKey rule;
  return rule;
}

}  // namespace profilec::check::rules
