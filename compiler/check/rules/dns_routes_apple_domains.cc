// PC5010 dns-routes-apple-domains: encrypted DNS settings
// (com.apple.dnsSettings.managed) whose SupplementalMatchDomains name an
// Apple domain (or one of Apple's hosts, check/apple_network.h): lookups for
// it go only to the configured resolver. Such lists normally hold the
// organisation's internal domains, resolved by an internal resolver that
// may not answer for public names; if it does not, devices lose APNs, and
// with it MDM commands. A settings payload without match domains (every
// lookup to a public resolver) is not reported.
#include <fmt/format.h>

#include "base/utf8.h"
#include "check/apple_network.h"
#include "check/rules/rules.h"

namespace profilec::check::rules {
namespace {

// The resolver as the admin named it, for the message.
std::string resolver_of(const ir::Value& settings) {
  for (const char* key : {"ServerURL", "ServerName"}) {
    const ir::Value* value = settings.find(key);
    if (value && value->is_string() && !value->secret && !value->string().empty()) {
      return valid_utf8(value->string(), ControlCharacters::kReplaceExceptWhitespace);
    }
  }
  const ir::Value* addresses = settings.find("ServerAddresses");
  if (addresses && addresses->is_array() && !addresses->array().empty() && addresses->array()[0].is_string()) {
    return valid_utf8(addresses->array()[0].string(), ControlCharacters::kReplaceExceptWhitespace);
  }
  return "the configured resolver";
}

class DnsRoutesAppleDomains final : public Rule {
 public:
  void check_payload(const PayloadVisit& visit, Diagnostics& diagnostics) const override {
    if (visit.payload.type != "com.apple.dnsSettings.managed") return;
    const ir::Value* settings = visit.payload.content.find("DNSSettings");
    if (!settings || !settings->is_dict()) return;
    const ir::Value* domains = settings->find("SupplementalMatchDomains");
    if (!domains || !domains->is_array()) return;
    for (const ir::Value& item : domains->array()) {
      if (!item.is_string() || item.secret || has_mdm_variable(item.string())) continue;
      const std::vector<AppleHostRef> hosts = apple_hosts_within(item.string());
      if (hosts.empty()) continue;
      bool mdm = false;
      for (const AppleHostRef& host : hosts) mdm = mdm || host.service->mdm;
      const std::string shown = valid_utf8(item.string(), ControlCharacters::kReplaceExceptWhitespace);
      diagnostics.report(
          DiagnosticCode::PC5010, item.span,
          fmt::format("SupplementalMatchDomains entry '{}' sends lookups of Apple hosts that managed devices need "
                      "only to {}: {}",
                      shown, resolver_of(*settings), describe_apple_hosts(hosts)),
          mdm ? "if that resolver does not answer for Apple's public names, devices lose APNs and MDM; remove the "
                "entry unless it does (see docs/apple-network.md)"
              : "if that resolver does not answer for Apple's public names, devices cannot reach these services; "
                "remove the entry unless it does (see docs/apple-network.md)");
    }
  }
};

}  // namespace

const Rule& dns_routes_apple_domains() {
  static const DnsRoutesAppleDomains rule;
  return rule;
}

}  // namespace profilec::check::rules
