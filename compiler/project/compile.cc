#include "project/compile.h"

#include <fmt/format.h>

#include <map>

#include "check/check.h"
#include "lang/parse_policy.h"
#include "plist/xml_writer.h"

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
  for (const PolicyInput& input : policies) {
    auto text = inputs.files.read_file(input.path);
    if (!text) {
      result.io_errors.push_back(IoError{input.path, text.error().message});
      continue;
    }
    sources.add(input.path, *text);

    Diagnostics diagnostics;
    lang::ParseOptions options;
    options.skip_non_policy = !input.named_explicitly;
    lang::ParseResult parsed = lang::parse_policy(*text, input.path, diagnostics, options);
    if (parsed.status == lang::ParseStatus::kNotAPolicy) {
      ++result.skipped_non_policies;
      continue;
    }
    std::optional<ir::Profile> profile;
    if (parsed.status == lang::ParseStatus::kParsed) profile = lower_policy(parsed.policy, lower_inputs, diagnostics);
    if (profile) check::check_profile(*profile, schemas, diagnostics);
    if (profile) {
      auto xml = write_xml_plist(ir::profile_to_plist(*profile));
      if (!xml) {
        diagnostics.report(DiagnosticCode::PC0009, xml.error().span, xml.error().message);
      } else if (!diagnostics.has_errors()) {
        result.profiles.push_back(CompiledProfile{input.path, input.output_name, std::move(*profile), std::move(*xml)});
      }
    }
    result.diagnostics.append(diagnostics);
  }
  report_output_collisions(result.profiles, result.diagnostics);
  return result;
}

}  // namespace profilec
