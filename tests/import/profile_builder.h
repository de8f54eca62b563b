// Profiles as the reader gives them, built by hand for the import tests.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ir/profile.h"

namespace profilec::testing {

using KeyValues = std::vector<std::pair<std::string, ir::Value>>;

inline ir::Value dict(KeyValues entries) {
  ir::Dict d;
  for (auto& [key, value] : entries) d.push_back(ir::DictEntry{key, {}, std::move(value)});
  return ir::make_dict(std::move(d));
}

inline ir::Value str(std::string text) { return ir::make_string(std::move(text)); }

// A payload of `type` with identity and the `keys` after it.
inline ir::Payload payload(const std::string& type, const std::string& identifier, KeyValues keys,
                           const std::string& uuid = "11111111-2222-3333-4444-555555555555") {
  KeyValues all = {{"PayloadType", str(type)},
                   {"PayloadIdentifier", str(identifier)},
                   {"PayloadUUID", str(uuid)},
                   {"PayloadVersion", ir::make_integer(1)}};
  for (auto& kv : keys) all.push_back(std::move(kv));
  ir::Payload p;
  p.type = type;
  p.content = dict(std::move(all));
  return p;
}

// A profile with the usual envelope, `extra` envelope keys and `payloads`.
inline ir::Profile profile(std::vector<ir::Payload> payloads, KeyValues extra = {}) {
  KeyValues envelope = {{"PayloadType", str("Configuration")},
                        {"PayloadVersion", ir::make_integer(1)},
                        {"PayloadIdentifier", str("com.example.imported")},
                        {"PayloadUUID", str("AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE")},
                        {"PayloadDisplayName", str("Imported")}};
  for (auto& kv : extra) {
    bool replaced = false;
    for (auto& existing : envelope) {
      if (existing.first == kv.first) {
        existing.second = kv.second;
        replaced = true;
      }
    }
    if (!replaced) envelope.push_back(std::move(kv));
  }
  ir::Profile p;
  p.source_path = "in.mobileconfig";
  p.envelope = dict(std::move(envelope));
  p.payloads = std::move(payloads);
  return p;
}

}  // namespace profilec::testing
