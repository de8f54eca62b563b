// One rule per file in this folder; each file defines one of these.
#pragma once

#include "check/rule.h"

namespace profilec::check::rules {

// PC1xxx: schema
const Rule& unknown_payload_type();
const Rule& unknown_key();
const Rule& wrong_type();
const Rule& not_allowed_value();
const Rule& out_of_range();
const Rule& format_mismatch();
const Rule& value_type_mismatch();
const Rule& missing_required_key();
const Rule& array_length();

// PC101x: the Payload* keys, envelope included (payload_*.cc, top_level_*.cc)
const Rule& payload_version_type();    // PC1010
const Rule& placeholder_uuid();        // PC1011
const Rule& missing_payload_key();     // PC1012
const Rule& top_level_payload_type();  // PC1013
const Rule& not_a_payload_type();      // PC1014
const Rule& legacy_key();              // PC1015

// PC2xxx: targets (target_*.cc; shared logic in target_facts.h)
const Rule& platform_availability();  // PC2001, PC2002
const Rule& too_new();                // PC2003, PC2004
const Rule& deprecated();             // PC2005
const Rule& removed();                // PC2006
const Rule& supervision();            // PC2007, PC2008
const Rule& user_enrollment();        // PC2009, PC2010
const Rule& shared_ipad();            // PC2011
const Rule& wrong_channel();          // PC2012
const Rule& manual_install();         // PC2013
const Rule& automated_enrollment();   // PC2014

// PC5009-PC5010: payloads that would cut devices off from Apple's hosts
// (check/apple_network.h)
const Rule& filter_denies_apple_host();  // PC5009
const Rule& dns_routes_apple_domains();  // PC5010

}  // namespace profilec::check::rules

namespace profilec::check::rules {
// For tests: whether the format rule can use a schema pattern.
bool format_pattern_compiles(const std::string& pattern);
}  // namespace profilec::check::rules
