#include "check/schema_errata.h"

#include <cstddef>

namespace profilec::check::errata {
namespace {

struct KnownGoodKey {
  std::string_view payload_type, key, why;
};
constexpr KnownGoodKey kKnownGoodKeys[] = {
    // IOKit's kIOPMWakeOnLANKey is "Wake On LAN"; the data says "Wake on LAN".
    {"com.apple.MCX", "Wake On LAN", "the power-management key is spelled 'Wake On LAN'"},
};

struct RemovedKey {
  std::string_view payload_type, dict_path, key, note;
};
constexpr RemovedKey kRemovedKeys[] = {
    {"com.apple.wifi.managed", "EAPClientConfiguration", "OneTimePassword",
     "Apple removed OneTimePassword; devices ignore it: remove the key"},
};

struct KnownGoodValue {
  std::string_view payload_type, key, value, why;
};
constexpr KnownGoodValue kKnownGoodValues[] = {
    // Apple's documentation, its own profile example and Apple Configurator
    // write "Application"; the data's rangelist says "App".
    {"com.apple.homescreenlayout", "Type", "Application",
     "Home Screen items of type Application are what Apple documents and devices read"},
};

struct RemovedValue {
  std::string_view payload_type, key, value, note;
};
constexpr RemovedValue kRemovedValues[] = {
    {"com.apple.vpn.managed", "VPNType", "PPTP", "PPTP VPN was removed in iOS 10 and macOS 10.12"},
    {"com.apple.vpn.managed", "VPNSubType", "PPTP", "PPTP VPN was removed in iOS 10 and macOS 10.12"},
    {"com.apple.vpn.managed", "CertificateType", "Ed25519", "Ed25519 IKEv2 certificates are no longer supported"},
};

struct ItemIsTheMap {
  std::string_view payload_type, key_path, why;
};

constexpr ItemIsTheMap kItemIsTheMap[] = {
    {"TopLevel", "ConsentText",
     "ConsentText maps a language (\"default\", \"en\", ...) to its text; Apple's data nests an extra "
     "ConsentTextItem dictionary that no profile has"},
};

struct AvailableKey {
  std::string_view payload_type, key;
  schema::Platform platform;
  std::string_view why;
};
constexpr AvailableKey kAvailableKeys[] = {
    // The payload exists only on macOS (10.12 and later), yet the data marks
    // both of its working keys "n/a" there, which would make every System
    // Logging payload "unavailable" on a macOS target. Apple's own text
    // describes both (Enable-Private-Data; the subsystem logging levels of
    // "Customizing Logging Behavior While Debugging"). `Processes` stays
    // "n/a": the data says "Not to be used".
    {"com.apple.system.logging", "System", schema::Platform::kMacOS,
     "the System Logging payload exists only on macOS, where System enables private-data logging"},
    {"com.apple.system.logging", "Subsystems", schema::Platform::kMacOS,
     "the System Logging payload exists only on macOS, where Subsystems sets logging levels per subsystem"},
};

}  // namespace

const NotRequired kNotRequired[] = {
    {"com.apple.TCC.configuration-profile-policy", "Allowed", "Authorization",
     "since macOS 11 an entry may give Authorization instead of Allowed"},
    {"com.apple.screensaver", "moduleName", "",
     "profiles that only set the password prompt or idle time (CIS, NIST mSCP) omit it and work"},
    {"*", "PayloadVersion", "",
     "devices default a payload's PayloadVersion; working profiles (Kandji's CrowdStrike profile) leave it out: "
     "PC1012 reports its absence as a warning instead of PC1008's error"},
};
const std::size_t kNotRequiredCount = sizeof kNotRequired / sizeof kNotRequired[0];

std::string_view known_good_key(std::string_view payload_type, std::string_view key) {
  for (const KnownGoodKey& k : kKnownGoodKeys) {
    if (k.payload_type == payload_type && k.key == key) return k.why;
  }
  return {};
}

std::string_view removed_key(std::string_view payload_type, const KeyPath& dict_path, std::string_view key) {
  for (const RemovedKey& r : kRemovedKeys) {
    if (r.payload_type == payload_type && r.key == key && dict_path.spells(r.dict_path)) return r.note;
  }
  return {};
}

std::string_view available_despite_data(std::string_view payload_type, std::string_view key,
                                        schema::Platform platform) {
  for (const AvailableKey& a : kAvailableKeys) {
    if (a.payload_type == payload_type && a.key == key && a.platform == platform) return a.why;
  }
  return {};
}

std::string_view known_good_value(std::string_view payload_type, std::string_view key, std::string_view value) {
  for (const KnownGoodValue& k : kKnownGoodValues) {
    if (k.payload_type == payload_type && k.key == key && k.value == value) return k.why;
  }
  return {};
}

std::string_view removed_value(std::string_view payload_type, std::string_view key, std::string_view value) {
  for (const RemovedValue& r : kRemovedValues) {
    if (r.payload_type == payload_type && r.key == key && r.value == value) return r.note;
  }
  return {};
}

std::vector<std::string_view> values_beyond_data(std::string_view payload_type, std::string_view key) {
  std::vector<std::string_view> values;
  for (const KnownGoodValue& k : kKnownGoodValues) {
    if (k.payload_type == payload_type && k.key == key) values.push_back(k.value);
  }
  for (const RemovedValue& r : kRemovedValues) {
    if (r.payload_type == payload_type && r.key == key) values.push_back(r.value);
  }
  return values;
}

std::string_view item_is_the_map(std::string_view payload_type, const KeyPath& key_path) {
  for (const ItemIsTheMap& m : kItemIsTheMap) {
    if (m.payload_type == payload_type && key_path.spells(m.key_path)) return m.why;
  }
  return {};
}

}  // namespace profilec::check::errata
