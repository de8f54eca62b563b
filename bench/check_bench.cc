// The schema and target checks (compiler/check) over every .mobileconfig of
// the real-world corpus beside the repository (../shared/corpus), read once
// up front: the walk, the rules and the target facts, without reading or
// rendering. With a target (iOS 14, macOS 12, tvOS, user enrollment) every
// value's platform facts are worked out; without one, the target rules stay
// silent. Skipped when the corpus is missing.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "base/file_system.h"
#include "check/check.h"
#include "diag/diagnostic.h"
#include "ir/profile.h"
#include "read/read_profile.h"
#include "schema/schema_set.h"

namespace profilec {
namespace {

const std::vector<ir::Profile>& corpus_profiles() {
  static const std::vector<ir::Profile> profiles = [] {
    std::vector<ir::Profile> out;
    const DiskFileSystem disk;
    auto files = disk.list_files(PROFILEC_SOURCE_DIR "/../shared/corpus");
    if (!files) return out;
    for (const std::string& path : *files) {
      if (!path.ends_with(".mobileconfig")) continue;
      auto bytes = disk.read_file(path);
      if (!bytes) continue;
      Diagnostics ignored;
      read::ReadResult r = read::read_profile(*bytes, path, ignored);
      if (r.profile) out.push_back(std::move(*r.profile));
    }
    return out;
  }();
  return profiles;
}

void check_corpus(benchmark::State& state, bool targeted) {
  std::vector<ir::Profile> profiles = corpus_profiles();
  if (profiles.empty()) {
    state.SkipWithError("no .mobileconfig files in ../shared/corpus");
    return;
  }
  for (ir::Profile& p : profiles) {
    if (!targeted) continue;
    p.target.platforms = {{"iOS", "14.0", {}}, {"macOS", "12.0", {}}, {"tvOS", "", {}}};
    p.target.enrollment = ir::Enrollment::kUser;
  }
  const schema::SchemaSet schemas = schema::SchemaSet::embedded();
  std::size_t findings = 0;
  for (auto _ : state) {
    for (const ir::Profile& p : profiles) {
      Diagnostics diagnostics;
      check::check_profile(p, schemas, diagnostics);
      findings += diagnostics.all().size();
    }
  }
  state.counters["profiles"] = static_cast<double>(profiles.size());
  benchmark::DoNotOptimize(findings);
}

void BM_CheckCorpus(benchmark::State& state) { check_corpus(state, false); }
BENCHMARK(BM_CheckCorpus)->Unit(benchmark::kMillisecond);

void BM_CheckCorpusTargeted(benchmark::State& state) { check_corpus(state, true); }
BENCHMARK(BM_CheckCorpusTargeted)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace profilec
