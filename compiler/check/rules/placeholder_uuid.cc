// PC1011 placeholder-uuid: a PayloadUUID (of the profile or of a payload)
// that is empty, all zeros or a template placeholder (${uuid_1}, {{uuid}},
// GENERATED_UUID_01):
// every profile made from the same template gets the same UUID, so devices
// and MDMs take them for one another (warning). A UUID that is merely not in
// 8-4-4-4-12 hex form is a note: Apple requires only uniqueness ("the actual
// content is unimportant"), and Jamf Pro writes "<type>.<UUID>" there in
// profiles that install everywhere.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "base/utf8.h"
#include "check/rules/payload_keys.h"
#include "check/rules/rules.h"
#include "diag/code_severities.h"
#include "ir/uuid.h"

namespace profilec::check::rules {
namespace {

bool all_zero(std::string_view uuid) { return uuid.find_first_not_of("0-") == std::string_view::npos; }

bool holds_a_uuid(std::string_view text) {
  for (std::size_t i = 0; i + 36 <= text.size(); ++i) {
    if (ir::is_uuid_syntax(text.substr(i, 36))) return true;
  }
  return false;
}

// A template's stand-in for a UUID that has no MDM variable syntax:
// GENERATED_UUID_01, YOUR-UUID-HERE, PAYLOAD_GUID. (Jamf's
// "<type>.<UUID>" holds a real UUID and is not one.)
bool named_placeholder(std::string_view text) {
  if (holds_a_uuid(text)) return false;
  std::string upper;
  for (const char c : text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper.find("UUID") != std::string::npos || upper.find("GUID") != std::string::npos) return true;
  return text.find('_') != std::string_view::npos && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
         });
}

// `form`: also report a value merely not in UUID form (for policies,
// lowering already refuses a pinned UUID of the wrong form: PC0004).
// `where()` names the dictionary ("payload 'com.apple.wifi.managed'"): made,
// like the value as shown, only for a finding.
template <typename Label>
void check_uuid(const ir::Value& dict, const Label& where, bool form, Diagnostics& diagnostics) {
  const ir::Value* uuid = dict.find("PayloadUUID");
  if (!uuid || !uuid->is_string() || uuid->secret) return;  // absent or not a string: PC1012 / PC1003
  const std::string& text = uuid->string();
  const auto shown = [&] { return valid_utf8(text, ControlCharacters::kReplaceExceptWhitespace); };
  if (text.empty()) {
    diagnostics.report(DiagnosticCode::PC1011, uuid->span, fmt::format("PayloadUUID of {} is empty", where()),
                       "give it a UUID of its own: uuidgen prints one");
  } else if (has_mdm_variable(text) || (form && named_placeholder(text))) {
    diagnostics.report(DiagnosticCode::PC1011, uuid->span,
                       fmt::format("PayloadUUID of {} is the template placeholder '{}'", where(), shown()),
                       "fill in the template before the profile is installed: profiles made from it would share "
                       "this UUID");
  } else if (ir::is_uuid_syntax(text) && all_zero(text)) {
    diagnostics.report(DiagnosticCode::PC1011, uuid->span, fmt::format("PayloadUUID of {} is all zeros", where()),
                       "every profile that copied it has the same UUID: give it one of its own (uuidgen)");
  } else if (form && !ir::is_uuid_syntax(text)) {
    Diagnostic& d = diagnostics.report(
        DiagnosticCode::PC1011, uuid->span, fmt::format("PayloadUUID '{}' of {} is not in UUID form", shown(), where()),
        "Apple requires only that it is unique, but tools expect 8-4-4-4-12 hex digits (uuidgen)");
    regrade(d, Severity::kNote);
  }
}

class PlaceholderUuid final : public Rule {
 public:
  void check_profile(const ProfileVisit& visit, Diagnostics& diagnostics) const override {
    if (payload_keys::is_checked_as_payload(visit.profile)) return;  // check_payload sees it
    check_uuid(visit.profile.envelope, payload_keys::envelope_label, visit.profile.read_from_plist, diagnostics);
  }
  void check_payload(const PayloadVisit& visit, Diagnostics& diagnostics) const override {
    check_uuid(
        visit.payload.content, [&] { return payload_keys::payload_label(visit); }, visit.profile.read_from_plist,
        diagnostics);
  }
};

}  // namespace

const Rule& placeholder_uuid() {
  static const PlaceholderUuid rule;
  return rule;
}

}  // namespace profilec::check::rules
