#include "project/compile.h"

#include <fmt/format.h>

#include <map>

#include "analyze/analyze.h"
#include "cert/payload_certificates.h"
#include "check/check.h"
#include "diag/suppression.h"
#include "lang/parse_policy.h"
#include "lang/project_defaults.h"
#include "lang/resolve_uses.h"
#include "plist/xml_writer.h"
#include "project/mobileconfig_input.h"
#include "project/project_config.h"

namespace profilec {
namespace {

// Each output file has exactly one source.
void report_output_collisions(const std::vector<CompiledProfile>& profiles, Diagnostics& diagnostics) {
  std::map<std::string, const CompiledProfile*> first_by_output;
  for (const CompiledProfile& compiled : profiles) {
    auto [it, inserted] = first_by_output.emplace(compiled.output_name, &compiled);
    if (inserted) continue;
    Diagnostic& d = diagnostics.report(
        DiagnosticCode::PC0011, whole_file_span(std::make_shared<const std::string>(compiled.source_path)),
        fmt::format("'{}.mobileconfig' would also be written from this policy", compiled.output_name),
        "rename one of the files, or build their folders separately");
    d.notes.push_back({whole_file_span(std::make_shared<const std::string>(it->second->source_path)),
                       "first written from here"});
  }
}

}  // namespace

CompileResult compile_policies(const std::vector<PolicyInput>& policies, const CompileInputs& inputs,
                               SourceMap& sources) {
  CompileResult result;
  const LowerInputs lower_inputs{inputs.files, inputs.environment, inputs.secrets};
  static const schema::SchemaSet embedded = schema::SchemaSet::embedded();
  const schema::SchemaSet& schemas = inputs.schemas ? *inputs.schemas : embedded;
  ProjectConfigs projects(inputs.files, result.diagnostics, sources, result.io_errors);
  lang::FragmentLibrary fragments(inputs.files);
  for (const PolicyInput& input : policies) {
    if (is_project_file(input.path)) {  // named on the command line (a pre-commit hook passes it along)
      projects.load(input.path);
      continue;
    }
    auto text = inputs.files.read_file(input.path);
    if (!text) {
      result.io_errors.push_back(IoError{input.path, text.error().message});
      continue;
    }
    sources.add(input.path, *text);
    const ProjectConfig* project = projects.for_file(input.path);
    if (is_mobileconfig_input(input, *text)) {  // read as it is: checked and analysed, never written
      Diagnostics diagnostics;
      auto profile = check_mobileconfig(input.path, *text, mobileconfig_target(inputs.mobileconfig_target, project),
                                        schemas, inputs.expiry, inputs.decrypt_with, diagnostics, sources);
      if (profile) {
        cert::check_payload_certificates(*profile, inputs.expiry, diagnostics);
        if (inputs.apns_certificate) cert::check_apns_topic(*profile, *inputs.apns_certificate, inputs.apns_span, diagnostics);
      }
      apply_suppressions(diagnostics, input.path, *sources.text(input.path),
                         profile ? ErrorSuppression::kAllowed : ErrorSuppression::kRefused, CommentSyntax::kXml);
      apply_project_rules(project, diagnostics, profile.has_value());
      if (profile) result.read_profiles.push_back(std::move(*profile));
      result.diagnostics.append(diagnostics);
      continue;
    }

    Diagnostics diagnostics;
    lang::ParseOptions options;
    options.skip_non_policy = !input.named_explicitly;
    lang::ParseResult parsed = lang::parse_policy(*text, input.path, diagnostics, options);
    if (parsed.status == lang::ParseStatus::kNotAPolicy) {
      ++result.skipped_non_policies;
      continue;
    }
    if (parsed.status == lang::ParseStatus::kFragment) {
      fragments.check_fragment_file(input.path, use_context(project), diagnostics);
      apply_project_rules(project, diagnostics, /*compiled=*/true);
      result.diagnostics.append(diagnostics);
      continue;
    }
    std::optional<ir::Profile> profile;
    lang::UseResolution uses;
    if (parsed.status == lang::ParseStatus::kParsed) {
      lang::apply_project_defaults(parsed.policy, project ? project->defaults : lang::ProjectDefaults{}, diagnostics);
      uses = fragments.resolve_uses(parsed.policy, use_context(project), diagnostics);
      profile = lower_policy(parsed.policy, lower_inputs, diagnostics);
    }
    if (profile) {
      check::check_profile(*profile, schemas, diagnostics);
      cert::check_payload_certificates(*profile, inputs.expiry, diagnostics);
      if (inputs.apns_certificate) cert::check_apns_topic(*profile, *inputs.apns_certificate, inputs.apns_span, diagnostics);
    }
    lang::note_fragment_uses(uses, diagnostics);
    apply_suppressions(diagnostics, input.path, *text,
                       profile && uses.usable ? ErrorSuppression::kAllowed : ErrorSuppression::kRefused);
    apply_project_rules(project, diagnostics, profile.has_value() && uses.usable);
    if (profile) {
      auto xml = write_xml_plist(ir::profile_to_plist(*profile));
      if (!xml) {
        diagnostics.report(DiagnosticCode::PC0009, xml.error().span, xml.error().message);
      } else if (!diagnostics.has_errors() && uses.usable) {
        result.profiles.push_back(CompiledProfile{input.path, input.output_name, std::move(*profile), std::move(*xml)});
      }
    }
    result.diagnostics.append(diagnostics);
  }
  for (const auto& [path, text] : fragments.texts()) sources.add(path, text);
  report_output_collisions(result.profiles, result.diagnostics);
  // Across files: what the devices that receive several profiles see.
  std::vector<const ir::Profile*> compiled;
  compiled.reserve(result.profiles.size());
  for (const CompiledProfile& c : result.profiles) compiled.push_back(&c.profile);
  for (const ir::Profile& p : result.read_profiles) compiled.push_back(&p);
  Diagnostics across;
  analyze::analyze_profiles(compiled, schemas, across);
  // `# profilec: allow` comments and the [rules] of the project of the file
  // each finding is located in.
  apply_suppressions(across, sources);
  for (const Diagnostic& d : across.all()) {
    Diagnostics one;
    one.mutable_all().push_back(d);
    apply_project_rules(d.span.known() ? projects.for_file(*d.span.path) : nullptr, one, /*compiled=*/true);
    result.diagnostics.append(one);
  }
  return result;
}

}  // namespace profilec
