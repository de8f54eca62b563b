// What the Payload* rules (PC1010-PC1013) share: how they name the profile
// or a payload in messages, and where a finding about a missing key goes.
#pragma once

#include <string>

#include "check/rule.h"

namespace profilec::check::rules::payload_keys {

// "the profile" or "payload 'com.apple.wifi.managed'" ("payload 2" without a type).
std::string envelope_label();
std::string payload_label(const PayloadVisit& visit);

// True when the file's top-level dictionary is a bare payload (a string
// PayloadType other than Configuration): PC1013 reports it, and the other
// envelope rules stay quiet.
bool is_bare_payload(const ir::Profile& profile);

}  // namespace profilec::check::rules::payload_keys
