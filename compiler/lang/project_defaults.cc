#include "lang/project_defaults.h"

#include <fmt/format.h>

namespace profilec::lang {
namespace {

template <typename T>
void take_default(std::optional<T>& field, const std::optional<T>& fallback) {
  if (!field && fallback) field = fallback;
}

void apply_target_defaults(TargetSection& target, const TargetSection& defaults) {
  if (!target.span.known()) target.span = defaults.span;
  if (!target.platforms_span.known()) {
    target.platforms = defaults.platforms;
    target.platforms_span = defaults.platforms_span;
  }
  take_default(target.supervised, defaults.supervised);
  take_default(target.enrollment, defaults.enrollment);
  take_default(target.shared_ipad, defaults.shared_ipad);
  take_default(target.install, defaults.install);
}

// ".restrictions" -> "<id_prefix>.restrictions". An id without the leading
// dot is complete as written.
void complete_relative_id(Field<std::string>& id, const ProjectDefaults& defaults, Diagnostics& diagnostics) {
  if (id.value.empty() || id.value[0] != '.') return;
  const std::string rest = id.value.substr(1);
  if (rest.empty() || rest[0] == '.' || rest.back() == '.' || rest.find("..") != std::string::npos) {
    diagnostics.report(DiagnosticCode::PC0004, id.span,
                       fmt::format("profile.id '{}' is not a usable relative id", id.value),
                       "write the part after id_prefix, such as \".restrictions\"");
    return;
  }
  if (!defaults.id_prefix) {
    diagnostics.report(
        DiagnosticCode::PC0004, id.span,
        fmt::format("relative profile.id '{}' has no id_prefix to complete it", id.value),
        defaults.project_file.empty()
            ? "write the full id (\"com.example.restrictions\"), or create profilec.toml at the repository root "
              "with id_prefix in its [profile] table"
            : fmt::format("write the full id, or set id_prefix in the [profile] table of '{}'", defaults.project_file));
    return;
  }
  id.value = defaults.id_prefix->value + id.value;
}

// The policy writes PayloadOrganization as Apple's key, or omits it: the
// project's organization would contradict it.
bool handles_organization_itself(const ProfileSection& profile) {
  for (const Entry& entry : profile.apple_keys) {
    if (entry.key == "PayloadOrganization") return true;
  }
  for (const Field<std::string>& omitted : profile.omit) {
    if (omitted.value == "PayloadOrganization") return true;
  }
  return false;
}

}  // namespace

void apply_project_defaults(PolicyFile& policy, const ProjectDefaults& defaults, Diagnostics& diagnostics) {
  if (policy.profile) {
    if (!handles_organization_itself(*policy.profile)) {
      take_default(policy.profile->organization, defaults.organization);
    }
    if (policy.profile->id) complete_relative_id(*policy.profile->id, defaults, diagnostics);
  }
  apply_target_defaults(policy.target, defaults.target);
}

}  // namespace profilec::lang
