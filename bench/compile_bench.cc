// The compile of one policy as `import` writes it from an ordinary profile
// (issue 22): a Restrictions payload with 20 keys and a Passcode payload,
// PayloadIdentifier and PayloadUUID pinned, no [target] (the text of
// bench/gen_imported.py's policies). Parse, lower, check and write the XML,
// in memory on one thread (-j 1), over 1,000 such policies a run, with the
// analysis across files left out: the per-policy work of `check` and `build`
// without reading files or signing. The figure to read is the CPU time of
// one policy (docs/performance.md; target: 60 us).
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include <string>
#include <vector>

#include "base/environment.h"
#include "base/file_system.h"
#include "diag/source_map.h"
#include "project/compile.h"
#include "project/discover.h"

namespace profilec {
namespace {

constexpr const char* kRestrictionKeys[] = {
    "allowAccountModification",
    "allowAddingGameCenterFriends",
    "allowAirDrop",
    "allowAppCellularDataModification",
    "allowAppInstallation",
    "allowAppRemoval",
    "allowAssistant",
    "allowAssistantWhileLocked",
    "allowBluetoothModification",
    "allowBookstore",
    "allowCamera",
    "allowCloudBackup",
    "allowCloudDocumentSync",
    "allowCloudPhotoLibrary",
    "allowDiagnosticSubmission",
    "allowEnterpriseAppTrust",
    "allowEraseContentAndSettings",
    "allowExplicitContent",
    "allowFingerprintForUnlock",
    "allowGameCenter",
};

// A UUID of its own for each policy and payload, as a real profile has.
std::string pinned_uuid(int policy, int payload) {
  return fmt::format("{:08X}-D3EB-406C-8257-{:012X}", policy, payload);
}

std::string imported_policy(int i) {
  std::string text = fmt::format(
      "# Imported by `profilec import` from p{0:05}.mobileconfig.\n\n"
      "[profile]\nid = \"com.example.imported.p{0}\"\nuuid = \"{1}\"\nname = \"Imported policy {0}\"\n"
      "organization = \"Example Corp\"\nremoval = \"disallowed\"\nscope = \"system\"\n\n"
      "[payload.restrictions]\ntype = \"com.apple.applicationaccess\"\n"
      "PayloadIdentifier = \"com.example.imported.p{0}.restrictions\"\nPayloadUUID = \"{2}\"\n"
      "PayloadDisplayName = \"Restrictions\"\n",
      i, pinned_uuid(i, 0), pinned_uuid(i, 1));
  int n = 0;
  for (const char* key : kRestrictionKeys) text += fmt::format("{} = {}\n", key, n++ % 3 ? "false" : "true");
  text += fmt::format(
      "\n[payload.passcode]\ntype = \"com.apple.mobiledevice.passwordpolicy\"\n"
      "PayloadIdentifier = \"com.example.imported.p{0}.passcode\"\nPayloadUUID = \"{1}\"\n"
      "PayloadDisplayName = \"Passcode\"\nforcePIN = true\nmaxFailedAttempts = 10\nmaxInactivity = 5\n"
      "maxPINAgeInDays = 90\nminLength = 8\nrequireAlphanumeric = true\n",
      i, pinned_uuid(i, 2));
  return text;
}

void BM_CompileImportedPolicy(benchmark::State& state) {
  constexpr int kPolicies = 1000;
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", "");
  std::vector<PolicyInput> inputs;
  for (int i = 0; i < kPolicies; ++i) {
    const std::string name = fmt::format("p{:05}", i);
    files.add_file(fmt::format("repo/policies/{}.toml", name), imported_policy(i));
    inputs.push_back(PolicyInput{fmt::format("repo/policies/{}.toml", name), name, true});
  }
  const MapEnvironment environment;
  CompileInputs compile{files, environment};
  compile.jobs = 1;
  compile.across_files = false;
  std::size_t written = 0;
  for (auto _ : state) {
    SourceMap sources;
    CompileResult result = compile_policies(inputs, compile, sources);
    if (result.profiles.size() != kPolicies || result.diagnostics.count(Severity::kError) != 0) {
      state.SkipWithError("an imported policy did not compile cleanly");
      return;
    }
    for (const CompiledProfile& p : result.profiles) written += p.xml.size();
  }
  benchmark::DoNotOptimize(written);
  // Per policy: the time of a run divided by kPolicies.
  state.SetItemsProcessed(state.iterations() * kPolicies);
  state.counters["policy"] = benchmark::Counter(static_cast<double>(state.iterations() * kPolicies),
                                                benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_CompileImportedPolicy)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace profilec
