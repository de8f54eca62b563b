// PC1001 unknown-payload-type: a PayloadType the schemas do not know.
//
// A type within two edits of a known one is a typo: the device rejects the
// payload (error). (Looser matching would call real preference domains such
// as com.apple.Terminal typos: the real-world corpus has several.) A type with no close match may be a custom preference domain
// (com.google.Chrome, com.microsoft.wdav), which macOS applies as managed
// preferences: nothing to say when the profile may reach a Mac, a warning
// when its targets leave macOS out, since no other platform applies them.
#include <fmt/format.h>

#include "base/spelling.h"
#include "check/rules/rules.h"

namespace profilec::check::rules {
namespace {

bool may_reach_macos(const ir::Target& target) {
  if (target.platforms.empty()) return true;
  for (const auto& p : target.platforms) {
    if (p.platform == "macOS") return true;
  }
  return false;
}

class UnknownPayloadType final : public Rule {
 public:
  void check_payload(const PayloadVisit& visit, Diagnostics& diagnostics) const override {
    if (visit.schema || visit.payload.type.empty()) return;  // no PayloadType at all: PC1012
    const std::string& type = visit.payload.type;
    const SourceSpan& span = visit.payload.content.find("PayloadType")
                                 ? visit.payload.content.find("PayloadType")->span
                                 : visit.payload.span;
    if (auto suggestion = closest_spelling_within(type, visit.schemas.payload_types(), 2.0)) {
      diagnostics.report(DiagnosticCode::PC1001, span, fmt::format("unknown payload type '{}'", type),
                         fmt::format("did you mean '{}'?", *suggestion));
      return;
    }
    if (may_reach_macos(visit.profile.target)) return;
    Diagnostic& d = diagnostics.report(
        DiagnosticCode::PC1001, span,
        fmt::format("unknown payload type '{}' is applied only by macOS, as custom preferences", type),
        "target macOS, or check the type: it is not in Apple's schema data");
    d.severity = Severity::kWarning;
  }
};

}  // namespace

const Rule& unknown_payload_type() {
  static const UnknownPayloadType rule;
  return rule;
}

}  // namespace profilec::check::rules
