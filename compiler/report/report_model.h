// What `profilec report` shows, as data (the HTML is render_html.h's): the
// effective policy of every kind of device the repository reaches, where
// each value comes from, the conflicts and how they resolve, the
// certificates the profiles ship and their validity, and, given a baseline
// (a fragment: baseline.h), which of its settings each kind of device meets,
// misses or gets with another value. Built from the compiled profiles only:
// the same profiles, baseline and date give the same model.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyze/effective_policy.h"
#include "cert/certificate_info.h"
#include "ir/profile.h"
#include "schema/schema_set.h"

namespace profilec::report {

// A baseline: the keys a fragment sets for one payload type.
struct BaselineSetting {
  std::string key;
  ir::Value value;
  SourceSpan span;  // where the fragment sets it
};

struct Baseline {
  std::string name;  // "stdlib:passcode/baseline", or the fragment's path
  std::string description;
  std::string payload_type;
  std::vector<schema::Platform> platforms;  // the fragment's `platforms`; empty: every platform
  std::vector<BaselineSetting> settings;    // in the fragment's key order
};

enum class BaselineStatus {
  kMeets,      // the device gets the baseline's value
  kOverrides,  // the device gets another value
  kMisses,     // nothing the device receives sets the key
};

struct BaselineRow {
  const BaselineSetting* setting = nullptr;
  BaselineStatus status = BaselineStatus::kMisses;
  const analyze::EffectiveSetting* actual = nullptr;  // kMeets, kOverrides
};

// One kind of device: a platform and the enrollments and supervision that
// receive exactly the same profiles (and so the same policy), merged.
struct DeviceVariant {
  ir::Enrollment enrollment = ir::Enrollment::kDevice;
  bool supervised = false;
};

struct DeviceClass {
  schema::Platform platform = schema::Platform::kIOS;
  std::vector<DeviceVariant> variants;  // device, user, automated enrollment; each unsupervised, then supervised
  analyze::EffectivePolicy policy;
  std::vector<std::size_t> conflicts;  // indices into policy.settings set to more than one value
  bool baseline_applies = false;       // a baseline was given and is meant for this platform
  std::vector<BaselineRow> baseline;   // when it applies, one row per baseline setting
};

enum class CertificateStatus {
  kUndated,  // no date was given to judge it against
  kValid,
  kExpiring,  // expires within the warning window
  kExpired,
  kNotYetValid,
  kUnreadable,  // PayloadContent is not a certificate
};

struct CertificateRow {
  std::string profile;       // the source path
  std::string payload;       // the payload's name, else its PayloadIdentifier
  std::string payload_type;  // com.apple.security.root, .pkcs1, .pem
  SourceSpan span;           // its PayloadContent
  std::optional<cert::CertificateInfo> info;
  std::string error;  // kUnreadable: why
  CertificateStatus status = CertificateStatus::kUndated;
  std::int64_t days_left = 0;  // kValid, kExpiring: whole days until notAfter
};

struct ProfileRow {
  std::string path;
  std::string identifier;  // PayloadIdentifier
  std::string display_name;
  std::size_t payloads = 0;
  std::string target;  // "iOS 17.0, macOS 14.0; supervised; device enrollment"
};

struct ReportInputs {
  std::vector<const ir::Profile*> profiles;  // policies, then .mobileconfig files, in input order
  const schema::SchemaSet* schemas = nullptr;
  const Baseline* baseline = nullptr;
  // The date certificates are judged against (seconds since the epoch,
  // UTC); 0: none, the report shows their dates only.
  std::int64_t as_of = 0;
  int warning_days = 30;
  std::string title = "Configuration profiles";
};

struct ReportModel {
  std::string title;
  std::int64_t as_of = 0;
  int warning_days = 30;
  std::vector<ProfileRow> profiles;
  std::vector<DeviceClass> device_classes;  // by platform, then first variant
  std::vector<CertificateRow> certificates;
  const Baseline* baseline = nullptr;
};

ReportModel build_report_model(const ReportInputs& inputs);

// "iOS: device or automated enrollment, supervised or not"
std::string describe_device_class(const DeviceClass& device_class);

}  // namespace profilec::report
