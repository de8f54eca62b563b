// The analysis across profiles (compiler/analyze) over a generated
// repository held in memory: N profiles, each with a Restrictions payload of
// 12 keys and a Passcode payload of 4, targets spread over iOS and macOS and
// the three enrollments. Grouping is by (payload type, key) and device kind,
// so the time should grow linearly with N (the Complexity line says so).
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include <memory>
#include <vector>

#include "analyze/analyze.h"
#include "analyze/effective_policy.h"
#include "diag/diagnostic.h"
#include "ir/profile.h"
#include "schema/schema_set.h"

namespace profilec {
namespace {

constexpr const char* kRestrictionKeys[] = {"allowCamera",          "allowAirDrop",          "allowScreenShot",
                                            "allowAssistant",       "allowSafari",           "allowGameCenter",
                                            "forceEncryptedBackup", "forceAirDropUnmanaged", "allowiTunes",
                                            "allowExplicitContent", "allowInAppPurchases",   "allowCloudBackup"};

// NOLINTNEXTLINE(performance-unnecessary-value-param): the values are moved out below; a const& would copy them
ir::Value dict(std::vector<std::pair<std::string, ir::Value>> entries, const SourceSpan& span) {
  ir::Dict d;
  for (auto& [key, value] : entries) d.push_back(ir::DictEntry{key, span, std::move(value)});
  return ir::make_dict(std::move(d), span);
}

// `conflicting`: profiles disagree on some values (a finding per disagreement);
// otherwise every profile sets the same values (no findings).
std::vector<ir::Profile> generate(int count, bool conflicting) {
  std::vector<ir::Profile> profiles;
  profiles.reserve(count);
  for (int i = 0; i < count; ++i) {
    auto path = std::make_shared<const std::string>(fmt::format("policies/tenant-{}/p{}.toml", i / 100, i));
    const SourceSpan span{path, {1, 1}, {1, 2}};
    ir::Profile p;
    p.source_path = *path;
    const std::string id = fmt::format("com.example.tenant{}.profile{}", i / 100, i);
    p.envelope = dict({{"PayloadIdentifier", ir::make_string(id, span)},
                       {"PayloadUUID", ir::make_string(fmt::format("00000000-0000-4000-8000-{:012}", i), span)}},
                      span);
    p.target.platforms = {{i % 2 ? "macOS" : "iOS", "14.0", span}};
    p.target.enrollment = static_cast<ir::Enrollment>(i % 3);
    std::vector<std::pair<std::string, ir::Value>> keys;
    keys.emplace_back("PayloadIdentifier", ir::make_string(id + ".restrictions", span));
    keys.emplace_back("PayloadUUID", ir::make_string(fmt::format("00000000-0000-4000-9000-{:012}", i), span));
    for (int k = 0; k < 12; ++k) {
      keys.emplace_back(kRestrictionKeys[k], ir::make_boolean(conflicting ? (i + k) % 7 != 0 : false, span));
    }
    p.payloads.push_back(ir::Payload{"restrictions", "com.apple.applicationaccess", span, dict(std::move(keys), span)});
    p.payloads.push_back(ir::Payload{"passcode", "com.apple.mobiledevice.passwordpolicy", span,
                                     dict({{"PayloadIdentifier", ir::make_string(id + ".passcode", span)},
                                           {"PayloadUUID",
                                            ir::make_string(fmt::format("00000000-0000-4000-a000-{:012}", i), span)},
                                           {"minLength", ir::make_integer(conflicting ? 4 + i % 5 : 6, span)},
                                           {"maxPINAgeInDays", ir::make_integer(365, span)}},
                                          span)});
    profiles.push_back(std::move(p));
  }
  return profiles;
}

void run_analysis(benchmark::State& state, bool conflicting) {
  const auto schemas = schema::SchemaSet::embedded();
  const auto profiles = generate(static_cast<int>(state.range(0)), conflicting);
  std::vector<const ir::Profile*> pointers;
  pointers.reserve(profiles.size());
  for (const ir::Profile& p : profiles) pointers.push_back(&p);
  std::size_t findings = 0;
  for (auto _ : state) {
    Diagnostics diagnostics;
    analyze::analyze_profiles(pointers, schemas, diagnostics);
    findings = diagnostics.all().size();
    benchmark::DoNotOptimize(findings);
  }
  state.counters["findings"] = static_cast<double>(findings);
  state.SetComplexityN(state.range(0));
}

void BM_AnalyzeConsistentRepository(benchmark::State& state) { run_analysis(state, false); }
void BM_AnalyzeConflictingRepository(benchmark::State& state) { run_analysis(state, true); }
BENCHMARK(BM_AnalyzeConsistentRepository)
    ->RangeMultiplier(10)
    ->Range(100, 10000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);
BENCHMARK(BM_AnalyzeConflictingRepository)
    ->RangeMultiplier(10)
    ->Range(100, 10000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);

void BM_EffectivePolicy(benchmark::State& state) {
  const auto schemas = schema::SchemaSet::embedded();
  const auto profiles = generate(static_cast<int>(state.range(0)), true);
  std::vector<const ir::Profile*> pointers;
  pointers.reserve(profiles.size());
  for (const ir::Profile& p : profiles) pointers.push_back(&p);
  for (auto _ : state) {
    auto policy = analyze::effective_policy(pointers, schemas, analyze::Device{});
    benchmark::DoNotOptimize(policy);
  }
}
BENCHMARK(BM_EffectivePolicy)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace profilec
