// PC1010 payload-version-type: a PayloadVersion (of the profile or of a
// payload) that is not an integer.
//
// Apple documents PayloadVersion as an integer. A <real> is still a number
// to Apple's frameworks (warning, like PC1003's numeric stand-ins); a
// <string> (ProfileCreator's templates write one) or anything else is not
// (error). This rule owns PayloadVersion's type everywhere, also in payloads
// of unknown types, so PC1003 leaves the key alone.
#include <fmt/format.h>

#include "check/rules/payload_keys.h"
#include "check/rules/rules.h"
#include "diag/code_severities.h"

namespace profilec::check::rules {
namespace {

std::string with_article(ir::Value::Kind kind) {
  const std::string_view name = ir::kind_name(kind);
  if (kind == ir::Value::Kind::kData) return "data";
  if (kind == ir::Value::Kind::kArray) return "an array";
  return fmt::format("a {}", name);
}

void check_version(const ir::Value& dict, const std::string& where, Diagnostics& diagnostics) {
  const ir::Value* version = dict.find("PayloadVersion");
  if (!version || version->kind() == ir::Value::Kind::kInteger || version->kind() == ir::Value::Kind::kBigUnsigned) {
    return;
  }
  const bool real = version->kind() == ir::Value::Kind::kReal;
  Diagnostic& d = diagnostics.report(
      DiagnosticCode::PC1010, version->span,
      fmt::format("PayloadVersion of {} is {}, not an integer", where, with_article(version->kind())),
      real ? "Apple's frameworks read a real as a number, but not every parser does; write the integer 1"
           : "write the integer 1: <integer>1</integer> (in TOML, PayloadVersion = 1)");
  if (real) regrade(d, Severity::kWarning);
}

class PayloadVersionType final : public Rule {
 public:
  void check_profile(const ProfileVisit& visit, Diagnostics& diagnostics) const override {
    if (payload_keys::is_bare_payload(visit.profile)) return;
    check_version(visit.profile.envelope, payload_keys::envelope_label(), diagnostics);
  }
  void check_payload(const PayloadVisit& visit, Diagnostics& diagnostics) const override {
    check_version(visit.payload.content, payload_keys::payload_label(visit), diagnostics);
  }
};

}  // namespace

const Rule& payload_version_type() {
  static const PayloadVersionType rule;
  return rule;
}

}  // namespace profilec::check::rules
