// PC5009 filter-denies-apple-host: the built-in web content filter
// (com.apple.webcontent-filter, FilterType BuiltIn, the default) with a
// DenyListURLs or BlacklistedURLs entry that blocks a host Apple asks
// networks to leave reachable for managed devices (check/apple_network.h).
//
// Matching is Apple's, as the WebContentFilter documentation describes it:
// an entry blocks a URL when the entry's text appears in the URL, after a
// leading "www." of the entry's host is discarded. So "apple.com" blocks
// https://albert.apple.com/, but "https://apple.com" does not, and
// "https://www.apple.com/shop" blocks only URLs with that path. A deny entry
// is an explicit block; allow lists are left alone (docs/apple-network.md
// says why).
#include <fmt/format.h>

#include "base/utf8.h"
#include "check/apple_network.h"
#include "check/rules/rules.h"

namespace profilec::check::rules {
namespace {

// The entry as the filter matches it: lower case, "www." dropped from the
// start of its host.
std::string match_text(std::string_view entry) {
  std::string text;
  for (const char c : entry) text += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  const std::size_t scheme = text.find("://");
  const std::size_t host = scheme == std::string::npos ? 0 : scheme + 3;
  if (text.compare(host, 4, "www.") == 0) text.erase(host, 4);
  return text;
}

bool blocks_host(const std::string& text, std::string_view host) {
  for (const char* scheme : {"https://", "http://"}) {
    if (fmt::format("{}{}/", scheme, host).find(text) != std::string::npos) return true;
  }
  return false;
}

// Whether the entry blocks some host the pattern ("gs.apple.com",
// "*.push.apple.com") stands for.
bool blocks_pattern(const std::string& text, std::string_view pattern) {
  if (!pattern.starts_with("*.")) return blocks_host(text, pattern);
  // Any host below: one whose first label the entry cannot contain...
  if (blocks_host(text, fmt::format("\x01{}", pattern.substr(1)))) return true;
  // ...or the one host the entry names ("1-courier.push.apple.com").
  const std::string host = host_of_url(text);
  return !host.empty() && host_matches(pattern, host) && blocks_host(text, host);
}

std::vector<AppleHostRef> blocked_hosts(const std::string& entry) {
  const std::string text = match_text(entry);
  std::vector<AppleHostRef> out;
  if (text.find('.') == std::string::npos) return out;  // "com", "/": not about Apple's hosts
  // Candidates: the Apple hosts within the domain the entry names.
  for (const AppleHostRef& ref : apple_hosts_within(host_of_url(text))) {
    if (blocks_pattern(text, ref.host)) out.push_back(ref);
  }
  return out;
}

class FilterDeniesAppleHost final : public Rule {
 public:
  void check_payload(const PayloadVisit& visit, Diagnostics& diagnostics) const override {
    if (visit.payload.type != "com.apple.webcontent-filter") return;
    const ir::Value& content = visit.payload.content;
    const ir::Value* type = content.find("FilterType");
    if (type && (!type->is_string() || type->string() != "BuiltIn")) return;  // a plug-in decides for itself
    for (const char* key : {"DenyListURLs", "BlacklistedURLs"}) {
      const ir::Value* list = content.find(key);
      if (!list || !list->is_array()) continue;
      for (const ir::Value& item : list->array()) {
        if (!item.is_string() || item.secret || has_mdm_variable(item.string())) continue;
        const std::vector<AppleHostRef> hosts = blocked_hosts(item.string());
        if (hosts.empty()) continue;
        const std::string shown = valid_utf8(item.string(), ControlCharacters::kReplaceExceptWhitespace);
        diagnostics.report(
            DiagnosticCode::PC5009, item.span,
            fmt::format("{} entry '{}' blocks Apple hosts that managed devices need: {}", key, shown,
                        describe_apple_hosts(hosts)),
            "the built-in filter blocks every URL that contains the entry's text, in Safari and web views; "
            "remove the entry or name only the pages you mean to block (see docs/apple-network.md)");
      }
    }
  }
};

}  // namespace

const Rule& filter_denies_apple_host() {
  static const FilterDeniesAppleHost rule;
  return rule;
}

}  // namespace profilec::check::rules
