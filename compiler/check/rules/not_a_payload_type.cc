// PC1014 not-a-payload-type: a PayloadType that can be neither a payload
// type nor a preference domain: empty, a file name (com.apple.Safari.plist),
// a path, a template leftover ({{type}}, ${TYPE}, com_company_PLISTNAME),
// or text with white space.
//
// An error: iOS and the other platforms refuse a payload whose type they do
// not know, and macOS, which takes an unknown type for a preference domain,
// would file the settings under a domain no app reads, so they never apply.
// (A type that is merely unknown is PC1001's.)
#include <fmt/format.h>

#include "base/utf8.h"
#include "check/rules/payload_keys.h"
#include "check/rules/rules.h"

namespace profilec::check::rules {

namespace {

class NotAPayloadType final : public Rule {
 public:
  void check_payload(const PayloadVisit& visit, Diagnostics& diagnostics) const override {
    if (visit.schema) return;
    const ir::Value* type = visit.payload.content.find("PayloadType");
    if (!type || !type->is_string()) return;  // PC1012
    const std::string_view why = payload_keys::why_not_a_payload_type(type->string());
    if (why.empty()) return;
    const std::string shown = valid_utf8(type->string(), ControlCharacters::kReplaceExceptWhitespace);
    diagnostics.report(DiagnosticCode::PC1014, type->span,
                       fmt::format("PayloadType '{}' is not a payload type: {}", shown, why),
                       "write the payload's type (com.apple.wifi.managed) or, for custom settings on macOS, the "
                       "app's preference domain (com.example.app)");
  }
};

}  // namespace

const Rule& not_a_payload_type() {
  static const NotAPayloadType rule;
  return rule;
}

}  // namespace profilec::check::rules
