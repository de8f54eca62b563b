#include "report/report_model.h"
#include "ir/enrollment_name.h"

#include <fmt/format.h>

#include <string_view>

#include "analyze/targets.h"
#include "analyze/value_compare.h"
#include "cert/payload_certificates.h"

namespace profilec::report {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

std::string string_or_empty(const ir::Value& dict, const char* key) {
  const ir::Value* value = dict.find(key);
  return value != nullptr && value->is_string() ? value->string() : std::string();
}

std::string describe_target(const ir::Target& target) {
  std::string out;
  if (!target.stated()) {
    out = "no stated platforms (what its payloads allow)";
  } else {
    for (const ir::PlatformTarget& p : target.platforms) {
      if (!out.empty()) out += ", ";
      out += p.min_version.empty() ? p.platform : fmt::format("{} {}", p.platform, p.min_version);
    }
  }
  if (target.supervised) out += "; supervised";
  out += fmt::format("; {} enrollment", enrollment_name(target.enrollment));
  if (target.shared_ipad) out += "; Shared iPad";
  return out;
}

ProfileRow profile_row(const ir::Profile& profile) {
  return ProfileRow{profile.source_path, string_or_empty(profile.envelope, "PayloadIdentifier"),
                    string_or_empty(profile.envelope, "PayloadDisplayName"), profile.payloads.size(),
                    describe_target(profile.target)};
}

bool same_profiles(const analyze::EffectivePolicy& a, const analyze::EffectivePolicy& b) {
  return a.profiles == b.profiles;
}

// The device classes: every platform x enrollment x supervision that
// receives a profile (a user-enrolled device is never supervised), those of
// one platform that receive the same profiles merged into one.
std::vector<DeviceClass> device_classes(const ReportInputs& inputs) {
  std::vector<DeviceClass> classes;
  for (std::size_t kind_index = 0; kind_index < analyze::kDeviceKindCount; ++kind_index) {
    const analyze::DeviceKind kind = analyze::device_kind(kind_index);  // by platform, then enrollment
    for (const bool supervised : {false, true}) {
      if (supervised && kind.enrollment == ir::Enrollment::kUser) continue;
      const analyze::Device device{kind.platform, supervised, kind.enrollment};
      analyze::EffectivePolicy policy = analyze::effective_policy(inputs.profiles, *inputs.schemas, device);
      if (policy.profiles.empty()) continue;
      bool merged = false;
      for (DeviceClass& existing : classes) {
        if (existing.platform == kind.platform && same_profiles(existing.policy, policy)) {
          existing.variants.push_back({kind.enrollment, supervised});
          merged = true;
          break;
        }
      }
      if (merged) continue;
      DeviceClass c;
      c.platform = kind.platform;
      c.variants.push_back({kind.enrollment, supervised});
      c.policy = std::move(policy);
      classes.push_back(std::move(c));
    }
  }
  return classes;
}

bool baseline_for(const Baseline& baseline, schema::Platform platform) {
  if (baseline.platforms.empty()) return true;
  for (const schema::Platform p : baseline.platforms) {
    if (p == platform) return true;
  }
  return false;
}

// The setting of the baseline's type and key: the merged one, else (a type
// each payload of which stands alone, "type (identifier)") the first.
const analyze::EffectiveSetting* find_setting(const analyze::EffectivePolicy& policy, std::string_view type,
                                              std::string_view key) {
  const std::string standalone = fmt::format("{} (", type);
  for (const analyze::EffectiveSetting& s : policy.settings) {
    if (s.key != key) continue;
    if (s.payload == type || std::string_view(s.payload).substr(0, standalone.size()) == standalone) return &s;
  }
  return nullptr;
}

void compare_with_baseline(const Baseline& baseline, DeviceClass& device_class) {
  device_class.baseline_applies = baseline_for(baseline, device_class.platform);
  if (!device_class.baseline_applies) return;
  for (const BaselineSetting& setting : baseline.settings) {
    BaselineRow row{&setting, BaselineStatus::kMisses, nullptr};
    row.actual = find_setting(device_class.policy, baseline.payload_type, setting.key);
    if (row.actual != nullptr) {
      row.status = analyze::same_value(row.actual->value, setting.value) ? BaselineStatus::kMeets
                                                                         : BaselineStatus::kOverrides;
    }
    device_class.baseline.push_back(row);
  }
}

void judge(CertificateRow& row, std::int64_t as_of, int warning_days) {
  if (!row.info) {
    row.status = CertificateStatus::kUnreadable;
    return;
  }
  if (as_of == 0) return;
  if (as_of < row.info->not_before) {
    row.status = CertificateStatus::kNotYetValid;
  } else if (as_of > row.info->not_after) {
    row.status = CertificateStatus::kExpired;
  } else {
    row.days_left = (row.info->not_after - as_of) / kSecondsPerDay;
    row.status = row.days_left < warning_days ? CertificateStatus::kExpiring : CertificateStatus::kValid;
  }
}

std::vector<CertificateRow> certificates(const ReportInputs& inputs) {
  std::vector<CertificateRow> rows;
  for (const ir::Profile* profile : inputs.profiles) {
    for (const ir::Payload& payload : profile->payloads) {
      if (!cert::ships_certificate(payload.type)) continue;
      const ir::Value* content = payload.content.find("PayloadContent");
      // A missing or mistyped PayloadContent is the checks' to report.
      if (content == nullptr || content->kind() != ir::Value::Kind::kData) continue;
      CertificateRow row;
      row.profile = profile->source_path;
      row.payload = payload.name.empty() ? string_or_empty(payload.content, "PayloadIdentifier") : payload.name;
      row.payload_type = payload.type;
      row.span = content->span.known() ? content->span : payload.span;
      auto info = cert::read_certificate(content->data().bytes);
      if (info) row.info = std::move(*info);
      else row.error = info.error();
      judge(row, inputs.as_of, inputs.warning_days);
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

}  // namespace

std::string describe_device_class(const DeviceClass& device_class) {
  // The enrollments seen unsupervised and supervised, each in enumeration order.
  std::vector<std::string_view> plain;
  std::vector<std::string_view> supervised;
  for (const DeviceVariant& v : device_class.variants) {
    (v.supervised ? supervised : plain).push_back(enrollment_name(v.enrollment));
  }
  const auto enrollments = [](const std::vector<std::string_view>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
      out += names[i];
    }
    return out + " enrollment";
  };
  std::string text;
  if (plain == supervised) text = fmt::format("{}, supervised or not", enrollments(plain));
  else if (supervised.empty()) text = fmt::format("{}, unsupervised", enrollments(plain));
  else if (plain.empty()) text = fmt::format("{}, supervised", enrollments(supervised));
  else text = fmt::format("{}, unsupervised; {}, supervised", enrollments(plain), enrollments(supervised));
  return fmt::format("{}: {}", schema::platform_name(device_class.platform), text);
}

ReportModel build_report_model(const ReportInputs& inputs) {
  ReportModel model;
  model.title = inputs.title;
  model.as_of = inputs.as_of;
  model.warning_days = inputs.warning_days;
  model.baseline = inputs.baseline;
  for (const ir::Profile* profile : inputs.profiles) model.profiles.push_back(profile_row(*profile));
  model.device_classes = device_classes(inputs);
  for (DeviceClass& c : model.device_classes) {
    for (std::size_t i = 0; i < c.policy.settings.size(); ++i) {
      const analyze::EffectiveSetting& s = c.policy.settings[i];
      if (s.resolution != analyze::Resolution::kSingle || !s.overridden.empty()) c.conflicts.push_back(i);
    }
    if (inputs.baseline != nullptr) compare_with_baseline(*inputs.baseline, c);
  }
  model.certificates = certificates(inputs);
  return model;
}

}  // namespace profilec::report
