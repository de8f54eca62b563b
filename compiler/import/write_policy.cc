#include "import/write_policy.h"

#include "import/build_policy_model.h"
#include "import/print_policy.h"

namespace profilec::import {

std::optional<PolicySource> write_policy(const ir::Profile& profile, const std::string& name,
                                         const std::string& source_name, const schema::SchemaSet& schemas,
                                         const ImportOptions& options, RunNames& names, Diagnostics& diagnostics) {
  std::optional<BuiltPolicy> built = build_policy_model(profile, name, source_name, schemas, options, names,
                                                        diagnostics);
  if (!built) return std::nullopt;
  return PolicySource{name, print_policy(built->model), std::move(built->files), std::move(built->secrets),
                      std::move(built->kept_secrets)};
}

ir::Value original_plist(const ir::Profile& profile) {
  if (is_bare(profile) || profile.envelope.find("PayloadContent")) return profile.envelope;
  return ir::profile_to_plist(profile);
}

}  // namespace profilec::import
