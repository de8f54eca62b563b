#include "check/rule.h"
#include "check/rules/rules.h"

namespace profilec::check {

const std::vector<const Rule*>& all_rules() {
  static const std::vector<const Rule*> rules = {
      // schema
      &rules::unknown_payload_type(),
      &rules::unknown_key(),
      &rules::wrong_type(),
      &rules::not_allowed_value(),
      &rules::out_of_range(),
      &rules::format_mismatch(),
      &rules::value_type_mismatch(),
      &rules::missing_required_key(),
      &rules::array_length(),
      &rules::payload_version_type(),
      &rules::placeholder_uuid(),
      &rules::missing_payload_key(),
      &rules::top_level_payload_type(),
      &rules::not_a_payload_type(),
      &rules::legacy_key(),
      // targets
      &rules::platform_availability(),
      &rules::too_new(),
      &rules::deprecated(),
      &rules::removed(),
      &rules::supervision(),
      &rules::user_enrollment(),
      &rules::shared_ipad(),
      &rules::wrong_channel(),
      &rules::manual_install(),
      &rules::automated_enrollment(),
      // security: Apple's hosts
      &rules::filter_denies_apple_host(),
      &rules::dns_routes_apple_domains(),
  };
  return rules;
}

}  // namespace profilec::check
