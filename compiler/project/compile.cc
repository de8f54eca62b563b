#include "project/compile.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <utility>

#include "analyze/analyze.h"
#include "analyze/declarations.h"
#include "base/parallel.h"
#include "base/recorded_reads.h"
#include "base/sha256.h"
#include "cert/payload_certificates.h"
#include "check/check.h"
#include "check/declarations/check_declarations.h"
#include "diag/suppression.h"
#include "lang/parse_policy.h"
#include "lang/project_defaults.h"
#include "lang/resolve_uses.h"
#include "lang/toml_limits.h"
#include "lower/lower_declarations.h"
#include "plist/read_limits.h"
#include "plist/xml_writer.h"
#include "project/declaration_input.h"
#include "project/mobileconfig_input.h"
#include "project/project_config.h"
#include "project/result_reuse.h"
#include "project/sign_profile.h"
#include "read/read_profile.h"

namespace profilec {
namespace {

// ASCII letters lower-cased: output names that differ only in case are the
// same file on a case-insensitive file system (macOS, Windows).
std::string case_folded(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Each output file has exactly one source, on any file system.
void report_output_collisions(const std::vector<const CompiledProfile*>& profiles, Diagnostics& diagnostics) {
  std::map<std::string, const CompiledProfile*> first_by_output;
  for (const CompiledProfile* profile : profiles) {
    const CompiledProfile& compiled = *profile;
    auto [it, inserted] = first_by_output.emplace(case_folded(compiled.output_name), &compiled);
    if (inserted) continue;
    const std::string& first = it->second->output_name;
    Diagnostic& d = diagnostics.report(
        DiagnosticCode::PC0011, whole_file_span(std::make_shared<const std::string>(compiled.source_path)),
        first == compiled.output_name
            ? fmt::format("'{}.mobileconfig' would also be written from this policy", compiled.output_name)
            : fmt::format("'{}.mobileconfig' would be written from this policy and '{}.mobileconfig' from another; "
                          "on a case-insensitive file system (macOS, Windows) they are one file",
                          compiled.output_name, first),
        "rename one of the files, or build their folders separately");
    d.notes.push_back({whole_file_span(std::make_shared<const std::string>(it->second->source_path)),
                       "first written from here"});
  }
}

// `build` writes each output under a temporary name first: the file name
// with that suffix must fit in a file name (issue 15: 237-250 byte policy
// names passed check and failed build).
void report_long_output_names(const std::vector<CompiledProfile>& profiles, Diagnostics& diagnostics) {
  constexpr std::string_view kExtension = ".mobileconfig";
  for (const CompiledProfile& compiled : profiles) {
    const std::size_t slash = compiled.output_name.rfind('/');
    const std::string_view stem =
        std::string_view(compiled.output_name).substr(slash == std::string::npos ? 0 : slash + 1);
    const std::size_t bytes = stem.size() + kExtension.size();
    if (bytes <= kMaxWrittenFileNameBytes) continue;
    diagnostics.report(DiagnosticCode::PC0031,
                       whole_file_span(std::make_shared<const std::string>(compiled.source_path)),
                       fmt::format("the output file name would be {} bytes: with the suffix '{}' of the temporary "
                                   "file build writes first, that is over the {} bytes a file name may have",
                                   bytes, kTemporarySuffix, kMaxFileNameBytes),
                       fmt::format("shorten the policy's file name to at most {} bytes before '.toml'",
                                   kMaxWrittenFileNameBytes - kExtension.size()));
  }
}

// A file too large to read is reported as a policy when its name says so,
// else as a profile.
bool looks_like_policy_name(const std::string& path) { return path.ends_with(".toml"); }

// One input file on its way through the stages.
struct Unit {
  enum Kind {
    kProjectFile,
    kUnreadable,
    kTooLarge,
    kOutside,
    kMobileconfig,
    kDeclarationFile,
    kOtherJson,  // a .json file of a folder walk that is not a declaration: left alone
    kNotAPolicy,
    kFragment,
    kPolicy
  };
  Kind kind = kPolicy;
  std::optional<IoError> read_error;
  std::string text;
  // The heavy parts are boxed: a Unit is made for every input at once, and
  // most of a rebuild's units use none of them (kept results).
  std::unique_ptr<lang::ParseResult> parsed;
  const ProjectConfig* project = nullptr;
  Diagnostics project_diagnostics;  // from its project file, when it is that file's first input
  std::vector<IoError> project_io_errors;
  lang::UseResolution uses;
  Diagnostics diagnostics;
  SourceMap sources;  // this file's text, as its spans see it
  std::optional<CompiledProfile> compiled;
  std::unique_ptr<CompiledDeclarations> declarations;
  std::unique_ptr<ir::Profile> read_profile;
  std::unique_ptr<ir::Declaration> read_declaration;
  std::vector<UnusedSuppression> unused_suppressions;  // PC0025 candidates, until the analysis has run
  // The result cache (CompileInputs::kept_results): the source's digest,
  // the result used instead of compiling (its entry), the project key,
  // and what the next cache keeps of this policy.
  std::string source_sha256;
  std::unique_ptr<KeptResult> reused;
  const KeptEntry* reused_entry = nullptr;
  std::string project_key;
  std::optional<KeptEntry> keep;
};

// The lines of { env = } values: `check` sees an empty placeholder there,
// so a rule that `build` applies to the real value stays silent, and a
// suppression of it is not unused.
void collect_secret_lines(const ir::Value& value, std::set<std::uint32_t>& lines) {
  if (value.secret && value.span.begin.known()) lines.insert(value.span.begin.line);
  if (value.kind() == ir::Value::Kind::kArray) {
    for (const ir::Value& item : value.array()) collect_secret_lines(item, lines);
  } else if (value.kind() == ir::Value::Kind::kDict) {
    for (const ir::DictEntry& entry : value.dict()) {
      if (entry.value.secret && entry.key_span.begin.known()) lines.insert(entry.key_span.begin.line);
      collect_secret_lines(entry.value, lines);
    }
  }
}

void keep_unused_off_secret_lines(const ir::Profile& profile, std::vector<UnusedSuppression>& unused) {
  std::set<std::uint32_t> lines;
  collect_secret_lines(profile.envelope, lines);
  for (const ir::Payload& payload : profile.payloads) collect_secret_lines(payload.content, lines);
  std::erase_if(unused, [&](const UnusedSuppression& u) { return lines.contains(u.covered); });
}

// A .mobileconfig file: read as it is, checked and analysed, never written.
void check_read_profile(const PolicyInput& input, Unit& unit, const CompileInputs& inputs,
                        const schema::SchemaSet& schemas) {
  Diagnostics& diagnostics = unit.diagnostics;
  auto profile = check_mobileconfig(input.path, unit.text,
                                    mobileconfig_target(inputs.mobileconfig_target, unit.project, input.path), schemas,
                                    inputs.expiry, inputs.decrypt_with, diagnostics, unit.sources);
  if (profile) {
    cert::check_payload_certificates(*profile, inputs.expiry, diagnostics);
    if (inputs.apns_certificate)
      cert::check_apns_topic(*profile, *inputs.apns_certificate, inputs.apns_span, diagnostics);
  }
  unit.unused_suppressions = apply_suppressions(diagnostics, input.path, *unit.sources.text(input.path),
                                                profile ? ErrorSuppression::kAllowed : ErrorSuppression::kRefused,
                                                CommentSyntax::kXml);
  apply_project_rules(unit.project, diagnostics, profile.has_value());
  if (profile) unit.read_profile = std::make_unique<ir::Profile>(std::move(*profile));
}

// A declaration JSON file: read as it is, checked, never written. JSON has
// no comments, so only the project's [rules] apply to its findings.
void check_read_declaration(const PolicyInput& input, Unit& unit, const CompileInputs& inputs,
                            const schema::SchemaSet& schemas) {
  bool not_a_declaration = false;
  auto declaration = check_declaration_file(input, std::move(unit.text),
                                            mobileconfig_target(inputs.mobileconfig_target, unit.project, input.path),
                                            inputs.expiry.now, schemas, unit.diagnostics, unit.sources,
                                            not_a_declaration);
  if (declaration) unit.read_declaration = std::make_unique<ir::Declaration>(std::move(*declaration));
  if (not_a_declaration && !input.named_explicitly) {
    unit.kind = Unit::kOtherJson;
    return;
  }
  apply_project_rules(unit.project, unit.diagnostics, unit.read_declaration != nullptr);
}

// ir::profile_to_plist written as XML, with the payloads moved into the
// plist for the writing and back again: a copy held the profile twice at
// its peak (issue 15).
Expected<std::string, PlistWriteError> write_profile_xml(ir::Profile& profile) {
  std::vector<ir::Value> contents;
  contents.reserve(profile.payloads.size());
  for (ir::Payload& payload : profile.payloads) contents.push_back(std::exchange(payload.content, ir::Value{}));
  ir::Value plist = ir::profile_to_plist(profile);
  ir::Value* content = nullptr;
  if (!profile.payloads.empty()) {
    content = &plist.dict().back().value;  // PayloadContent, which profile_to_plist adds last
    for (std::size_t i = 0; i < contents.size(); ++i) content->array()[i] = std::move(contents[i]);
  }
  auto xml = write_xml_plist(plist);
  for (std::size_t i = 0; content && i < profile.payloads.size(); ++i) {
    profile.payloads[i].content = std::move(content->array()[i]);
  }
  return xml;
}

// A policy: lowered, checked and written as XML when nothing stops it.
void compile_unit(const PolicyInput& input, Unit& unit, const CompileInputs& inputs, const schema::SchemaSet& schemas,
                  const lang::FragmentLibrary& fragments) {
  Diagnostics& diagnostics = unit.diagnostics;
  std::optional<ir::Profile> profile;
  // With the result cache, every read of lowering is noted: a kept result
  // holds while each would answer the same (base/recorded_reads.h).
  const RecordingFileSystem recorded_files(inputs.files);
  const RecordingEnvironment recorded_environment(inputs.environment);
  const bool keeping = inputs.kept_results != nullptr && !unit.project_key.empty();
  // The trust boundary of this policy's repository (docs/security.md).
  const LowerInputs lower_inputs{keeping ? static_cast<const FileSystem&>(recorded_files) : inputs.files,
                                 keeping ? static_cast<const Environment&>(recorded_environment) : inputs.environment,
                                 inputs.secrets,
                                 repository_root(unit.project, input),
                                 secret_policy(unit.project, inputs.signing_secrets),
                                 unit.project && unit.project->profile_url
                                     ? std::optional<std::string>(unit.project->profile_url->value)
                                     : std::nullopt};
  std::vector<ir::Declaration> declarations;
  ir::Target declaration_target;
  const bool parsed = unit.parsed && unit.parsed->status == lang::ParseStatus::kParsed;
  if (parsed) {
    profile = lower_policy(unit.parsed->policy, lower_inputs, diagnostics);
    declarations = lower_declarations(unit.parsed->policy, input.output_name, lower_inputs, diagnostics);
    if (!declarations.empty()) declaration_target = lower_target(unit.parsed->policy.target);
  }
  const bool declares = parsed && !unit.parsed->policy.declarations.empty();
  unit.parsed.reset();
  // A source that crossed the trust boundary (docs/security.md) is never
  // compiled: neither [rules] nor a `# profilec: allow` comment lowers those
  // errors, so a policy cannot be built without the value it was refused.
  const bool crossed_boundary = std::any_of(diagnostics.all().begin(), diagnostics.all().end(),
                                            [](const Diagnostic& d) {
                                              return d.code == DiagnosticCode::PC0026 ||
                                                     d.code == DiagnosticCode::PC0027 ||
                                                     d.code == DiagnosticCode::PC0028;
                                            });
  const bool compilable = (profile || declares) && unit.uses.usable && !crossed_boundary;
  if (declares) {
    check::check_declarations(declarations, check::DeclarationCheckInputs{declaration_target, inputs.expiry.now},
                              schemas, diagnostics);
  }
  if (profile) {
    check::check_profile(*profile, schemas, diagnostics);
    cert::check_payload_certificates(*profile, inputs.expiry, diagnostics);
    if (inputs.apns_certificate)
      cert::check_apns_topic(*profile, *inputs.apns_certificate, inputs.apns_span, diagnostics);
  }
  lang::note_fragment_uses(lang::FragmentSites(unit.uses), diagnostics);
  unit.unused_suppressions = apply_suppressions(diagnostics, input.path, unit.text,
                                                compilable ? ErrorSuppression::kAllowed : ErrorSuppression::kRefused);
  if (profile && inputs.secrets == SecretMode::kPlaceholder)
    keep_unused_off_secret_lines(*profile, unit.unused_suppressions);
  apply_project_rules(unit.project, diagnostics, compilable);
  if (declares && !diagnostics.has_errors() && compilable) {
    CompiledDeclarations compiled{input.path,
                                  input.output_name,
                                  std::move(declarations),
                                  {},
                                  std::move(declaration_target)};
    for (const ir::Declaration& declaration : compiled.declarations)
      compiled.json.push_back(ir::declaration_to_json(declaration));
    unit.declarations = std::make_unique<CompiledDeclarations>(std::move(compiled));
  }
  if (!profile) return;
  auto xml = write_profile_xml(*profile);
  if (!xml) {
    diagnostics.report(DiagnosticCode::PC0009, xml.error().span, xml.error().message);
  } else if (!diagnostics.has_errors() && compilable) {
    unit.compiled = CompiledProfile{input.path, input.output_name, std::move(*profile), std::move(*xml), {}, {}, false,
                                    {}};
    if (inputs.signing.active() && inputs.signing.previous != nullptr) {
      const auto earlier = inputs.signing.previous->find(input.output_name + ".mobileconfig");
      // A profile holding a secret is always made again: its file's mode
      // (0600) is not checked, so an unchanged file is not trusted.
      unit.compiled->kept = earlier != inputs.signing.previous->end() && !ir::holds_secret(unit.compiled->profile) &&
                            earlier->second == build_input_digest(unit.compiled->xml, inputs.signing);
    }
    if (inputs.signing.active() && !unit.compiled->kept) {
      auto finished = sign_profile(unit.compiled->profile, unit.compiled->xml, inputs.signing);
      if (finished) unit.compiled->finished = std::move(*finished);
      else unit.compiled->signing_error = finished.error();
    }
    if (keeping && !declares && unit.compiled->signing_error.empty()) {
      std::vector<RecordedRead> reads = recorded_files.reads();
      reads.insert(reads.end(), recorded_environment.reads().begin(), recorded_environment.reads().end());
      const std::string context_root = use_context(unit.project).root;
      unit.keep = make_kept_entry(CompiledForKeeping{input, unit.source_sha256, unit.project_key, std::move(reads),
                                                     *unit.compiled, diagnostics, unit.unused_suppressions, unit.uses,
                                                     fragments.texts(), context_root},
                                  inputs);
    }
  }
}

// A policy whose kept result is used: what compile_unit would have made.
void use_kept_result(const PolicyInput& input, Unit& unit, const CompileInputs& inputs) {
  KeptResult& kept = *unit.reused;
  unit.diagnostics = std::move(kept.diagnostics);
  unit.unused_suppressions = std::move(kept.unused_suppressions);
  unit.uses = std::move(kept.uses);
  unit.compiled = CompiledProfile{input.path, input.output_name, std::move(kept.profile), {}, {}, {}, true, {}};
  unit.compiled->made_from = build_input_digest_of_unsigned(unit.reused_entry->inputs.unsigned_sha256, inputs.signing);
  unit.keep = *unit.reused_entry;
}

// Parses a policy's text (phase 1, or later when its kept result did not hold).
void parse_unit(const PolicyInput& input, Unit& unit) {
  lang::ParseOptions options;
  options.skip_non_policy = !input.named_explicitly;
  unit.parsed = std::make_unique<lang::ParseResult>(lang::parse_policy(unit.text, input.path, unit.diagnostics,
                                                                       options));
  switch (unit.parsed->status) {
    case lang::ParseStatus::kNotAPolicy: unit.kind = Unit::kNotAPolicy; break;
    case lang::ParseStatus::kFragment: unit.kind = Unit::kFragment; break;
    default: unit.kind = Unit::kPolicy; break;
  }
}

}  // namespace

std::string result_cache_run_key(std::string_view program_identity, const CompileInputs& inputs,
                                 const schema::SchemaSet& schemas) {
  std::string key = fmt::format("program {}\nschemas {}\nsecrets {}\nwarning days {}\n", program_identity,
                                schemas.fingerprint(), static_cast<int>(inputs.secrets), inputs.expiry.warning_days);
  if (inputs.apns_certificate != nullptr) {
    key += fmt::format("apns {} {}\n", inputs.apns_certificate->sha256_fingerprint, inputs.apns_span.path_or_empty());
  }
  for (const SigningSecret& secret : inputs.signing_secrets) {
    key += fmt::format("signing secret {} {} {}\n", static_cast<int>(secret.kind), secret.name, secret.origin);
  }
  return key;
}

CompileResult compile_policies(const std::vector<PolicyInput>& policies, const CompileInputs& inputs,
                               SourceMap& sources) {
  CompileResult result;
  static const schema::SchemaSet embedded = schema::SchemaSet::embedded();
  const schema::SchemaSet& schemas = inputs.schemas ? *inputs.schemas : embedded;
  // What a project file reports goes to the first input it applies to, so
  // the findings come out in the same order whatever the thread count, and
  // whoever loaded it first (the folder walk, the command's [signing]).
  std::optional<ProjectConfigs> own_projects;
  ProjectConfigs& projects = inputs.projects ? *inputs.projects : own_projects.emplace(inputs.files);
  // The run's own certificates come first: the signing identity's and the
  // APNs push certificate.
  if (inputs.signing.identity) check_signing_certificate(*inputs.signing.identity, inputs.expiry, result.diagnostics);
  if (inputs.apns_certificate) {
    cert::check_certificate(*inputs.apns_certificate, cert::CertificateRole::kPush, "APNs push certificate",
                            inputs.expiry, inputs.apns_span, result.diagnostics);
  }
  lang::FragmentLibrary fragments(inputs.files);
  std::vector<Unit> units(policies.size());
  // Each input's repository root, each folder looked up once.
  std::vector<std::string> roots;
  roots.reserve(policies.size());
  RepositoryRoots repository_roots(inputs.files);
  for (const PolicyInput& input : policies) roots.push_back(repository_roots.root(input));
  RecordedAnswers answers(inputs.files, inputs.environment);  // for the kept results

  // 1. In parallel: read and parse every file.
  parallel_for(policies.size(), inputs.jobs, [&](std::size_t i) {
    const PolicyInput& input = policies[i];
    Unit& unit = units[i];
    if (is_project_file(input.path)) {  // named on the command line (a pre-commit hook passes it along)
      unit.kind = Unit::kProjectFile;
      return;
    }
    // A .json file of a folder walk is only read if it is a declaration:
    // whatever keeps it from being read, it is left alone.
    const bool walk_json = is_json_in_walk(input);
    // A link out of the repository is not read at all (docs/security.md).
    Diagnostics outside;
    if (report_input_outside_repository(inputs.files, input.path, roots[i], walk_json ? outside : unit.diagnostics)) {
      unit.kind = walk_json ? Unit::kOtherJson : Unit::kOutside;
      return;
    }
    // A file larger than any profile is never read into memory.
    auto text = inputs.files.read_file_up_to(input.path, kMaxPlistBytes);
    if (!text && walk_json) {
      unit.kind = Unit::kOtherJson;
      return;
    }
    if (!text && text.error().too_large) {
      unit.kind = Unit::kTooLarge;
      if (looks_like_policy_name(input.path))
        lang::report_toml_too_large(input.path, *text.error().too_large, unit.diagnostics);
      else read::report_profile_too_large(input.path, *text.error().too_large, unit.diagnostics);
      return;
    }
    if (!text) {
      unit.kind = Unit::kUnreadable;
      unit.read_error = IoError{input.path, text.error().message};
      return;
    }
    unit.text = std::move(*text);
    if (is_declaration_input(input, unit.text)) {  // read as it is: checked, never written
      unit.kind = Unit::kDeclarationFile;
      return;
    }
    if (walk_json) {
      unit.kind = Unit::kOtherJson;
      unit.text.clear();
      return;
    }
    if (is_mobileconfig_input(input, unit.text)) {  // read as it is: checked and analysed, never written
      unit.kind = Unit::kMobileconfig;
      return;
    }
    if (inputs.kept_results != nullptr) {
      unit.source_sha256 = sha256_hex(unit.text);
      if (const KeptEntry* entry = inputs.kept_results->find(input.path)) {
        auto reused = reuse_kept_result(*entry, input, unit.source_sha256, inputs, answers, unit.sources);
        if (reused) {
          unit.reused = std::make_unique<KeptResult>(std::move(*reused));
          unit.reused_entry = entry;
          unit.kind = Unit::kPolicy;
          return;
        }
      }
    }
    parse_unit(input, unit);
  });

  // 2. In input order, on this thread: what is shared between files, the
  // project files and the fragments (each read once and its problems
  // reported at its first user, in input order).
  std::vector<std::size_t> not_reused;  // kept results whose project file changed
  // project_key hashes the project file's text: once per project and root.
  std::map<std::pair<const ProjectConfig*, std::string>, std::string> project_keys;
  for (std::size_t i = 0; i < policies.size(); ++i) {
    const PolicyInput& input = policies[i];
    Unit& unit = units[i];
    ProjectFindings first_report;
    if (unit.kind == Unit::kProjectFile) projects.load(input.path, &first_report);
    if (unit.kind != Unit::kProjectFile && unit.kind != Unit::kUnreadable && unit.kind != Unit::kTooLarge &&
        unit.kind != Unit::kOutside && unit.kind != Unit::kOtherJson) {
      unit.project = projects.for_file(input.path, &first_report);
    }
    unit.project_diagnostics = std::move(first_report.diagnostics);
    unit.project_io_errors = std::move(first_report.io_errors);
    if (inputs.kept_results != nullptr && unit.kind == Unit::kPolicy) {
      auto [key, inserted] = project_keys.try_emplace({unit.project, repository_root(unit.project, input)});
      if (inserted) key->second = project_key(unit.project, input, projects).value_or("");
      unit.project_key = key->second;
      if (unit.reused && unit.reused_entry->inputs.project_key != unit.project_key) {
        unit.reused.reset();
        unit.reused_entry = nullptr;
        unit.sources = {};
        not_reused.push_back(i);
      }
    }
  }
  parallel_for(not_reused.size(), inputs.jobs,
               [&](std::size_t n) { parse_unit(policies[not_reused[n]], units[not_reused[n]]); });
  for (std::size_t i = 0; i < policies.size(); ++i) {
    const PolicyInput& input = policies[i];
    Unit& unit = units[i];
    if (unit.reused) continue;
    if (unit.kind == Unit::kFragment) {
      fragments.check_fragment_file(input.path, use_context(unit.project), unit.diagnostics);
      apply_project_rules(unit.project, unit.diagnostics, /*compiled=*/true);
    } else if (unit.kind == Unit::kPolicy && unit.parsed && unit.parsed->status == lang::ParseStatus::kParsed) {
      lang::apply_project_defaults(unit.parsed->policy, unit.project ? unit.project->defaults : lang::ProjectDefaults{},
                                   unit.diagnostics);
      unit.uses = fragments.resolve_uses(unit.parsed->policy, use_context(unit.project), unit.diagnostics);
    }
  }

  sources.take(SourceMap(projects.sources()));

  // 3. In parallel: lower, check, write and sign each profile.
  parallel_for(policies.size(), inputs.jobs, [&](std::size_t i) {
    Unit& unit = units[i];
    if (unit.kind == Unit::kMobileconfig) {
      check_read_profile(policies[i], unit, inputs, schemas);
    } else if (unit.kind == Unit::kDeclarationFile) {
      check_read_declaration(policies[i], unit, inputs, schemas);
    } else if (unit.kind == Unit::kPolicy && unit.reused) {
      use_kept_result(policies[i], unit, inputs);
    } else if (unit.kind == Unit::kPolicy) {
      compile_unit(policies[i], unit, inputs, schemas, fragments);
    }
    // The text its spans point into (a .mobileconfig or declaration file's was added as read).
    const bool has_text = unit.kind == Unit::kNotAPolicy || unit.kind == Unit::kFragment || unit.kind == Unit::kPolicy;
    if (has_text) unit.sources.add(policies[i].path, std::move(unit.text));
  });

  // 4. Together, in input order.
  std::vector<UnusedSuppression>& unused = result.unused_suppressions;
  result.profiles.reserve(units.size());
  if (inputs.kept_results != nullptr) {
    result.kept.reserve(units.size());
    std::vector<const Diagnostics*> findings;
    for (Unit& unit : units) {
      findings.push_back(&unit.diagnostics);
      if (unit.reused) ++result.reused;
      if (unit.keep) result.kept.push_back(std::move(*unit.keep));
    }
    drop_entries_with_reported_fragments(result.kept, findings);
  }
  for (std::size_t i = 0; i < policies.size(); ++i) {
    Unit& unit = units[i];
    result.fragment_sites.add(unit.uses);
    if (unit.read_error) result.io_errors.push_back(std::move(*unit.read_error));
    for (IoError& error : unit.project_io_errors) result.io_errors.push_back(std::move(error));
    result.diagnostics.append(unit.project_diagnostics);
    if (unit.kind == Unit::kNotAPolicy) ++result.skipped_non_policies;
    result.diagnostics.append(unit.diagnostics);
    if (unit.compiled) result.profiles.push_back(std::move(*unit.compiled));
    if (unit.declarations) result.declarations.push_back(std::move(*unit.declarations));
    if (unit.read_profile) result.read_profiles.push_back(std::move(*unit.read_profile));
    if (unit.read_declaration) result.read_declarations.push_back(std::move(*unit.read_declaration));
    sources.take(std::move(unit.sources));
    unused.insert(unused.end(), unit.unused_suppressions.begin(), unit.unused_suppressions.end());
  }
  units.clear();
  for (const auto& [path, text] : fragments.texts()) sources.add(path, text);
  report_long_output_names(result.profiles, result.diagnostics);
  if (inputs.across_files) {
    AcrossFiles across;
    for (const CompiledProfile& c : result.profiles) across.profiles.push_back(&c);
    for (const ir::Profile& p : result.read_profiles) across.read_profiles.push_back(&p);
    for (const CompiledDeclarations& d : result.declarations) across.declarations.push_back(&d);
    across.fragment_sites.push_back(&result.fragment_sites);
    across.unused_suppressions = std::move(result.unused_suppressions);
    result.unused_suppressions.clear();
    result.diagnostics.append(report_across_files(across, schemas, sources, projects));
  }
  sources.take(SourceMap(projects.sources()));  // and those the lookups above loaded
  return result;
}

Diagnostics report_across_files(AcrossFiles& inputs, const schema::SchemaSet& schemas, const SourceMap& sources,
                                ProjectConfigs& projects) {
  Diagnostics result;
  report_output_collisions(inputs.profiles, result);
  // Across files: what the devices that receive several profiles see.
  std::vector<const ir::Profile*> compiled;
  compiled.reserve(inputs.profiles.size() + inputs.read_profiles.size());
  for (const CompiledProfile* c : inputs.profiles) compiled.push_back(&c->profile);
  compiled.insert(compiled.end(), inputs.read_profiles.begin(), inputs.read_profiles.end());
  Diagnostics across;
  analyze::analyze_profiles(compiled, schemas, across);
  std::vector<analyze::PolicyDeclarations> declarations;
  for (const CompiledDeclarations* c : inputs.declarations) declarations.push_back({&c->target, &c->declarations});
  analyze::check_single_declarations_across(declarations, schemas, across);
  for (const lang::FragmentSites* sites : inputs.fragment_sites) lang::note_fragment_uses(*sites, across);
  // `# profilec: allow` comments and the [rules] of the project of the file
  // each finding is located in.
  apply_suppressions(across, sources, &inputs.unused_suppressions);
  // What is left silenced nothing in this run (PC0025).
  report_unused_suppressions(inputs.unused_suppressions, across);
  for (const Diagnostic& d : across.all()) {
    Diagnostics one;
    one.mutable_all().push_back(d);
    apply_project_rules(d.span.known() ? projects.for_file(*d.span.path) : nullptr, one, /*compiled=*/true);
    result.append(one);
  }
  return result;
}

}  // namespace profilec
