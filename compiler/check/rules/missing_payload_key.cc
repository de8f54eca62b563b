// PC1012 missing-payload-key: the profile's envelope without
// PayloadIdentifier, PayloadUUID, PayloadType or PayloadVersion (or with one
// of the first three not a string), and the same for a payload whose type
// the schemas do not know. For payloads of known types the schema walk
// already says it (PC1008 missing-required-key, PC1003 wrong-type), so this
// rule stays quiet there. A payload without PayloadVersion is not reported:
// devices default it, and working profiles (Kandji's, CrowdStrike's) leave
// it out (check/schema_errata.cc).
#include <fmt/format.h>

#include "check/rules/payload_keys.h"
#include "check/rules/rules.h"

namespace profilec::check::rules {
namespace {

void check_keys(const ir::Value& dict, const SourceSpan& where_span, const std::string& where, bool version,
                Diagnostics& diagnostics) {
  for (const std::string_view key : {"PayloadIdentifier", "PayloadUUID", "PayloadType", "PayloadVersion"}) {
    const ir::Value* value = dict.find(key);
    if (key == "PayloadVersion") {
      if (!value && version) {
        diagnostics.report(DiagnosticCode::PC1012, where_span, fmt::format("{} has no PayloadVersion", where),
                           "add PayloadVersion with the integer 1");
      }
      continue;  // its type is PC1010's
    }
    if (!value) {
      diagnostics.report(DiagnosticCode::PC1012, where_span, fmt::format("{} has no {}", where, key),
                         key == "PayloadUUID" ? "add PayloadUUID with a UUID of its own (uuidgen prints one)"
                         : key == "PayloadType" ? "add PayloadType: Configuration for the profile, the payload's type for a payload"
                                                : "add PayloadIdentifier: a reverse-DNS name such as com.example.wifi");
    } else if (!value->is_string()) {
      diagnostics.report(DiagnosticCode::PC1012, value->span,
                         fmt::format("{} of {} is {}, not a string", key, where, ir::kind_name(value->kind())),
                         fmt::format("write {} as a <string>", key));
    }
  }
}

class MissingPayloadKey final : public Rule {
 public:
  void check_profile(const ProfileVisit& visit, Diagnostics& diagnostics) const override {
    const ir::Value& envelope = visit.profile.envelope;
    if (!envelope.is_dict() || payload_keys::is_bare_payload(visit.profile)) return;
    check_keys(envelope, envelope.span, payload_keys::envelope_label(), true, diagnostics);
  }
  void check_payload(const PayloadVisit& visit, Diagnostics& diagnostics) const override {
    if (visit.schema) return;  // PC1008 and PC1003 walk its keys
    check_keys(visit.payload.content, visit.payload.span, payload_keys::payload_label(visit), false, diagnostics);
  }
};

}  // namespace

const Rule& missing_payload_key() {
  static const MissingPayloadKey rule;
  return rule;
}

}  // namespace profilec::check::rules
