#include "project/mobileconfig_input.h"

#include <memory>

#include "check/check.h"
#include "diag/code_severities.h"
#include "lower/lower_policy.h"
#include "read/read_profile.h"

namespace profilec {

bool is_mobileconfig_input(const PolicyInput& input, std::string_view bytes) {
  if (input.path.ends_with(".mobileconfig")) return true;
  return input.named_explicitly && read::looks_like_plist(bytes);
}

ir::Target mobileconfig_target(const std::optional<ir::Target>& given, const ProjectConfig* project,
                               const std::string& path) {
  if (given) return *given;
  if (project) {
    if (const RawTarget* raw = raw_target_for(*project, path)) return lower_target(raw->target);
    const lang::TargetSection& target = project->defaults.target;
    const bool written = target.span.known() || !target.platforms.empty() || target.supervised || target.enrollment ||
                         target.shared_ipad || target.install;
    if (written) return lower_target(target);
  }
  return {};
}

std::optional<ir::Profile> check_mobileconfig(const std::string& path, std::string_view bytes, const ir::Target& target,
                                              const schema::SchemaSet& schemas, const cert::ExpiryPolicy& expiry,
                                              const sign::SigningIdentity* decrypt_with, Diagnostics& diagnostics,
                                              SourceMap& sources) {
  read::ReadOptions options;
  options.decrypt_with = decrypt_with;
  read::ReadResult read = read::read_profile(bytes, path, diagnostics, options);
  // A signature that does not match is PC0020's; a valid one is only as
  // good as its signer's certificate.
  if (read.signature && read.signature->signer && read.signature->state == sign::SignatureState::kValid &&
      expiry.now != 0) {
    Diagnostics signer;
    cert::check_certificate(*read.signature->signer, cert::CertificateRole::kSigning, "signer's certificate", expiry,
                            whole_file_span(std::make_shared<const std::string>(path)), signer);
    // Devices still install a profile whose signer's certificate is out of
    // its dates: they show it as not verified. Where profilec signs (`build
    // --sign`, cert/) the same dates are errors; in an existing file they
    // are what the device makes of them.
    for (Diagnostic& d : signer.mutable_all()) {
      if (d.code != DiagnosticCode::PC5001 && d.code != DiagnosticCode::PC5002) continue;
      regrade(d, Severity::kWarning);
      d.help =
          "devices still install this profile but show it as not verified; sign it again with a valid "
          "certificate (profilec sign, or build --sign from policy source)";
    }
    diagnostics.append(signer);
  }
  sources.add(path, std::move(read.text));
  if (!read.profile) return std::nullopt;
  read.profile->target = target;
  check::check_profile(*read.profile, schemas, diagnostics);
  return std::move(read.profile);
}

}  // namespace profilec
