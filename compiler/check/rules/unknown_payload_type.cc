// PC1001 unknown-payload-type: a PayloadType the schemas do not know.
//
// In this order (the first that holds decides):
// - within two edits of a known type: a typo, and the device rejects the
//   payload (error). (Looser matching would call real preference domains
//   such as com.apple.Terminal typos: the real-world corpus has several.)
// - a third-party type (not com.apple.*), or an Apple preference domain of
//   data/check/known-names.toml: a custom preference domain, which macOS
//   applies as managed preferences: nothing to say when the profile may
//   reach a Mac, a warning when its targets leave macOS out, since no other
//   platform applies them.
// - an Apple declaration type (com.apple.configuration.passcode.settings):
//   declarations are not profile payloads (error).
// - com.apple.com.apple.X, a known type's name cut short
//   (com.apple.wifi for com.apple.wifi.managed) or com.apple. + a known
//   type's title (com.apple.restrictions for Restrictions): the type the
//   author meant is plain (error, did you mean).
// - any other com.apple.* type: not in Apple's data, not a domain we know.
//   Apple has more preference domains than any list, so this is a note
//   (a warning when the profile cannot reach a Mac), with the nearest known
//   type as a hint when one is near.
// Types that cannot be any domain (file names, placeholders) are PC1014's.
#include <fmt/format.h>

#include <cctype>

#include "base/spelling.h"
#include "check/known_names.h"
#include "check/rules/payload_keys.h"
#include "check/rules/rules.h"
#include "diag/code_severities.h"
#include "diag/fixes.h"

namespace profilec::check::rules {
namespace {

constexpr std::string_view kApplePrefix = "com.apple.";

bool may_reach_macos(const ir::Target& target) {
  if (target.platforms.empty()) return true;
  for (const auto& p : target.platforms) {
    if (p.platform == "macOS") return true;
  }
  return false;
}

// Lower-case letters and digits only: "Wi-Fi" -> "wifi".
std::string letters_and_digits(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// The one known type that `type` plainly stands for, or empty.
std::string meant_type(std::string_view type, const schema::SchemaSet& schemas, const std::vector<std::string>& known) {
  const std::string_view rest = type.substr(kApplePrefix.size());
  if (rest.starts_with(kApplePrefix)) {
    return std::string(rest);  // com.apple.com.apple.X: the prefix written twice
  }
  // Known types are distinct, so each counts once.
  std::string found;
  int matches = 0;
  const std::string wanted = letters_and_digits(rest);
  for (const std::string& candidate : known) {
    const bool longer = candidate.size() > type.size() && candidate.starts_with(type) && candidate[type.size()] == '.';
    const schema::PayloadSchema* schema = longer || wanted.empty() ? nullptr : schemas.find(candidate);
    if (longer || (schema && letters_and_digits(schema->title) == wanted)) {
      ++matches;
      found = candidate;
    }
  }
  return matches == 1 ? found : std::string();
}

// Within this distance of a known type, an unknown Apple type is a typo.
constexpr double kTypoDistance = 2.0;

class UnknownPayloadType final : public Rule {
 public:
  void check_payload(const PayloadVisit& visit, Diagnostics& diagnostics) const override {
    if (visit.schema || visit.payload.type.empty()) return;  // no PayloadType at all: PC1012
    const std::string& type = visit.payload.type;
    if (!payload_keys::why_not_a_payload_type(type).empty()) return;  // PC1014
    const SourceSpan& span = visit.payload.content.find("PayloadType") ? visit.payload.content.find("PayloadType")->span
                                                                       : visit.payload.span;
    const std::vector<std::string> known = visit.schemas.payload_types();
    const KnownNames& names = known_names();
    const bool listed_domain = names.preference_domain(type) != nullptr;
    const bool domain = !type.starts_with(kApplePrefix) || listed_domain;
    if (!listed_domain) {
      if (auto suggestion = closest_spelling_within(type, known, kTypoDistance)) {
        Diagnostic& d = diagnostics.report(DiagnosticCode::PC1001, span, fmt::format("unknown payload type '{}'", type),
                                           fmt::format("did you mean '{}'?", *suggestion));
        // The `type` string of a policy; a .mobileconfig is never rewritten.
        if (!visit.profile.read_from_plist) {
          if (auto certain = certain_spelling(type, known, kTypoDistance)) {
            attach(d, string_value_fix(span, type, *certain));
          }
        }
        return;
      }
    }
    if (domain) {
      if (may_reach_macos(visit.profile.target)) return;
      Diagnostic& d = diagnostics.report(
          DiagnosticCode::PC1001, span,
          fmt::format("unknown payload type '{}' is applied only by macOS, as custom preferences", type),
          "target macOS, or check the type: it is not in Apple's schema data");
      regrade(d, Severity::kWarning);
      return;
    }
    if (names.is_declaration_type(type)) {
      diagnostics.report(DiagnosticCode::PC1001, span,
                         fmt::format("'{}' is a declaration type, not a payload type", type),
                         "declarations reach devices through declarative device management, not in a profile: "
                         "send it from the MDM server, or use the profile payload for the setting");
      return;
    }
    if (const std::string meant = meant_type(type, visit.schemas, known); !meant.empty()) {
      diagnostics.report(DiagnosticCode::PC1001, span, fmt::format("unknown payload type '{}'", type),
                         fmt::format("did you mean '{}'?", meant));
      return;
    }
    std::string help =
        "not in Apple's schema data nor a preference domain profilec knows: if an Apple app reads this domain, "
        "macOS applies it as custom preferences; other platforms refuse the payload";
    // Compared after "com.apple.", which every candidate shares and which
    // would make any two Apple names look alike.
    std::vector<std::string> rests;
    for (const std::string& candidate : known) {
      if (candidate.starts_with(kApplePrefix)) rests.push_back(candidate.substr(kApplePrefix.size()));
    }
    if (auto hint = closest_spelling(std::string_view(type).substr(kApplePrefix.size()), rests)) {
      help = fmt::format("did you mean '{}{}'? if not, {}", kApplePrefix, *hint, help);
    }
    Diagnostic& d = diagnostics.report(DiagnosticCode::PC1001, span,
                                       fmt::format("unknown Apple payload type '{}'", type), std::move(help));
    // Where no Mac gets the profile, nothing applies it at all.
    regrade(d, may_reach_macos(visit.profile.target) ? Severity::kNote : Severity::kWarning);
  }
};

}  // namespace

const Rule& unknown_payload_type() {
  static const UnknownPayloadType rule;
  return rule;
}

}  // namespace profilec::check::rules
