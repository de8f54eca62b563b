// PC1007 value-type-mismatch: a string that is not the URL, host name or
// e-mail address its key's schema subtype says it is.
//
// Deliberately lenient: it catches what cannot work (a URL without a scheme,
// a host name with spaces or a scheme, an address without '@'), and leaves
// alone values an MDM substitutes at install time ($EMAIL, {{mail}},
// %ComputerName%).
#include <fmt/format.h>

#include <regex>

#include "check/rules/rules.h"

namespace profilec::check::rules {
namespace {

bool is_url(const std::string& text) {
  static const std::regex re(R"(^[A-Za-z][A-Za-z0-9+.-]*:(//)?[^\s]+$)");
  return std::regex_match(text, re);
}

bool is_hostname(const std::string& text) {
  // Labels of letters, digits, '-' and '_' (and a leading "*." wildcard), an
  // optional port; or an IPv4/IPv6 literal.
  static const std::regex name(
      R"(^(\*\.)?[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\.?(:[0-9]{1,5})?$)");
  static const std::regex ipv6(R"(^\[?[0-9A-Fa-f:.]+\]?(:[0-9]{1,5})?$)");
  return text.size() <= 253 + 6 && (std::regex_match(text, name) || std::regex_match(text, ipv6));
}

bool is_email(const std::string& text) {
  static const std::regex re(R"(^[^@\s]+@[^@\s]+$)");
  return std::regex_match(text, re);
}

class ValueTypeMismatch final : public Rule {
 public:
  void check_value(const ValueVisit& visit, Diagnostics& diagnostics) const override {
    const std::string& subtype = visit.key.subtype;
    if (subtype.empty() || !visit.value.is_string() || visit.unknown_secret()) return;
    const std::string& text = visit.value.string();
    if (text.empty() || has_mdm_variable(text)) return;
    std::string_view help;
    if (subtype == "url" && !is_url(text))
      help = "write a full URL with its scheme, e.g. https://host.example.com/path";
    else if (subtype == "hostname" && !is_hostname(text))
      help = "write a bare host name such as host.example.com, without a scheme or path";
    else if (subtype == "email" && !is_email(text)) help = "write an address such as name@example.com";
    if (help.empty()) return;
    diagnostics.report(DiagnosticCode::PC1007, visit.value.span,
                       fmt::format("'{}' is not a valid {}", visit.path,
                                   subtype == "url"     ? "URL"
                                   : subtype == "email" ? "e-mail address"
                                                        : "host name"),
                       std::string(help));
  }
};

}  // namespace

const Rule& value_type_mismatch() {
  static const ValueTypeMismatch rule;
  return rule;
}

}  // namespace profilec::check::rules
