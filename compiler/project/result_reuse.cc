#include "project/result_reuse.h"

#include <fmt/format.h>

#include <set>
#include <stdexcept>

#include "base/sha256.h"
#include "base/stdlib_path.h"
#include "lang/stdlib.h"
#include "lang/toml_limits.h"
#include "project/sign_profile.h"

namespace profilec {

std::optional<std::string> project_key(const ProjectConfig* project, const PolicyInput& input,
                                       const ProjectConfigs& projects) {
  const std::string* text = project ? projects.sources().text(project->path) : nullptr;
  if (project && !text) return std::nullopt;
  return sha256_hex(fmt::format("{}\n{}\n{}", project ? project->path : "", repository_root(project, input),
                                text ? *text : ""));
}

std::optional<KeptResult> reuse_kept_result(const KeptEntry& entry, const PolicyInput& input,
                                            std::string_view source_sha256, const CompileInputs& inputs,
                                            RecordedAnswers& answers, SourceMap& fragment_texts) {
  const KeptInputs& kept = entry.inputs;
  if (inputs.signing.previous == nullptr || kept.output_name != input.output_name ||
      kept.source_sha256 != source_sha256 || !kept.clock.contains(inputs.expiry.now)) {
    return std::nullopt;
  }
  // Its profile is in the folder as made from this result (and signed,
  // encrypted as this run asks).
  const auto earlier = inputs.signing.previous->find(input.output_name + ".mobileconfig");
  if (earlier == inputs.signing.previous->end() ||
      earlier->second != build_input_digest_of_unsigned(kept.unsigned_sha256, inputs.signing)) {
    return std::nullopt;
  }
  if (!reads_unchanged(kept.reads, answers)) return std::nullopt;
  SourceMap texts;
  for (const KeptFragment& fragment : kept.fragments) {
    if (fragment.stdlib) {
      const auto text = lang::find_stdlib_fragment(std::string_view(fragment.name)
                                                       .substr(fragment.name.starts_with(kStdlibPathPrefix)
                                                                   ? kStdlibPathPrefix.size()
                                                                   : 0));
      if (!text) return std::nullopt;
      texts.add(fragment.path, std::string(*text));
      continue;
    }
    auto text = inputs.files.read_file_up_to(fragment.path, lang::kMaxTomlBytes);
    if (!text || read_file_answer(*text) != fragment.answer) return std::nullopt;
    texts.add(fragment.path, std::move(*text));
  }
  try {
    KeptResult result = decode_kept_result(entry.result);
    fragment_texts.take(std::move(texts));
    return result;
  } catch (const std::runtime_error&) {
    return std::nullopt;  // as if there were no entry: the policy is compiled
  }
}

std::optional<KeptEntry> make_kept_entry(CompiledForKeeping unit, const CompileInputs& inputs) {
  const ir::Profile& profile = unit.compiled.profile;
  // A profile holding a secret is written by every build (0600), so the
  // bytes must be made; a declaration is written by every build too.
  if (ir::holds_secret(profile)) return std::nullopt;
  KeptInputs kept;
  kept.source_path = unit.input.path;
  kept.output_name = unit.input.output_name;
  kept.source_sha256 = std::string(unit.source_sha256);
  kept.project_key = unit.project_key;
  kept.reads = std::move(unit.reads);
  std::set<std::string> seen;
  for (const lang::FragmentSite& site : unit.uses.sites) {
    if (!site.path || !seen.insert(*site.path).second) continue;
    KeptFragment fragment{*site.path, site.stdlib, site.name, {}};
    if (!site.stdlib) {
      const auto text = unit.fragment_texts.find(*site.path);
      if (text == unit.fragment_texts.end()) return std::nullopt;
      fragment.answer = read_file_answer(text->second);
      // Where its path and the root lead: the fragment library reads a
      // fragment only inside the repository (docs/security.md).
      for (const std::string* path : {&*site.path, &unit.context_root}) {
        RecordedRead resolve{RecordedRead::kResolve, *path, 0, {}};
        resolve.answer = answer_now(resolve, inputs.files, inputs.environment);
        kept.reads.push_back(std::move(resolve));
      }
    }
    kept.fragments.push_back(std::move(fragment));
  }
  kept.clock = cert::payload_certificates_clock_window(profile, inputs.expiry);
  kept.unsigned_sha256 = sha256_hex(unit.compiled.xml);
  auto owner = std::make_shared<const std::string>(encode_kept_result(profile, unit.diagnostics,
                                                                      unit.unused_suppressions, unit.uses));
  const std::string_view result = *owner;
  return KeptEntry{std::move(kept), std::move(owner), result, false, false, {}};
}

void drop_entries_with_reported_fragments(std::vector<KeptEntry>& entries,
                                          const std::vector<const Diagnostics*>& diagnostics) {
  std::set<std::string, std::less<>> reported;
  for (const Diagnostics* each : diagnostics) {
    for (const Diagnostic& d : each->all()) {
      if (d.span.path) reported.insert(*d.span.path);
      for (const DiagnosticNote& note : d.notes) {
        if (note.span.path) reported.insert(*note.span.path);
      }
    }
  }
  if (reported.empty()) return;
  std::erase_if(entries, [&](const KeptEntry& entry) {
    for (const KeptFragment& fragment : entry.inputs.fragments) {
      if (reported.contains(fragment.path)) return true;
    }
    return false;
  });
}

}  // namespace profilec
