// What the Payload* rules (PC1010-PC1013) share: how they name the profile
// or a payload in messages, and where a finding about a missing key goes.
#pragma once

#include <string>
#include <string_view>

#include "check/rule.h"

namespace profilec::check::rules::payload_keys {

// "the profile" or "payload 'com.apple.wifi.managed'" ("payload 2" without a type).
std::string envelope_label();
std::string payload_label(const PayloadVisit& visit);

// True when the file's top-level dictionary is a bare payload (a string
// PayloadType other than Configuration): PC1013 reports it, and the other
// envelope rules stay quiet.
bool is_bare_payload(const ir::Profile& profile);

// True for a bare payload whose PayloadType is not a misspelling of
// Configuration (com.apple.TCC.configuration-profile-policy, not
// "configuration"): the walker checks its dictionary as the payload it is,
// so that PC1013 does not hide its other findings.
bool is_checked_as_payload(const ir::Profile& profile);

// Why a PayloadType cannot name a payload type or a preference domain
// ("it is empty", "it is a file name"), or empty when it can (PC1014).
std::string_view why_not_a_payload_type(std::string_view type);

}  // namespace profilec::check::rules::payload_keys
