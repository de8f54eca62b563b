// How compile_policies uses and fills the result cache (project/result_cache.h):
// whether a policy's kept result still holds, and what to keep of a policy
// it compiled.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/recorded_reads.h"
#include "diag/source_map.h"
#include "project/compile.h"
#include "project/project_config.h"
#include "project/result_cache.h"

namespace profilec {

// The profilec.toml that applies to `input` (its path and bytes) and the
// repository root lowering is given, as one digest; nullopt when the
// project file's text is not at hand (nothing is then kept or reused).
std::optional<std::string> project_key(const ProjectConfig* project, const PolicyInput& input,
                                       const ProjectConfigs& projects);

// The kept result of the policy `input` (whose bytes have the SHA-256
// `source_sha256`) when `entry` still holds: the same output name, source,
// reads and fragments, a clock inside its window, and its profile in the
// output folder as made from it (inputs.signing.previous). The project file
// is compared later (project_key). The fragments' texts go to
// `fragment_texts`, for the renderers and the suppressions across files.
// `answers`: the run's answers to the reads (each asked once).
std::optional<KeptResult> reuse_kept_result(const KeptEntry& entry, const PolicyInput& input,
                                            std::string_view source_sha256, const CompileInputs& inputs,
                                            RecordedAnswers& answers, SourceMap& fragment_texts);

// What a policy compiled in this run gives the next cache, or nullopt when
// its result may not be kept (a secret, declarations, a fragment whose text
// is not at hand). `reads`: what lowering read; `fragment_texts`: the
// fragment library's texts; `context_root`: where its uses resolve.
struct CompiledForKeeping {
  const PolicyInput& input;
  std::string_view source_sha256;
  const std::string& project_key;
  std::vector<RecordedRead> reads;
  const CompiledProfile& compiled;
  const Diagnostics& diagnostics;
  const std::vector<UnusedSuppression>& unused_suppressions;
  const lang::UseResolution& uses;
  const std::map<std::string, std::string>& fragment_texts;
  const std::string& context_root;
};
std::optional<KeptEntry> make_kept_entry(CompiledForKeeping unit, const CompileInputs& inputs);

// Drops the entries that used a fragment with a finding anywhere in this
// run (`diagnostics`, each unit's): a fragment's own problems are reported
// at its first user only, so a later user's result depends on who came
// first.
void drop_entries_with_reported_fragments(std::vector<KeptEntry>& entries,
                                          const std::vector<const Diagnostics*>& diagnostics);

}  // namespace profilec
