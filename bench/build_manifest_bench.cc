// Writing and reading `build`'s manifest (project/build_manifest.h): a
// rebuild into a folder of 10,000 profiles reads it once and writes it up
// to twice (docs/performance.md, "Incremental builds (issue 21)").
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include "base/sha256.h"
#include "project/build_manifest.h"

namespace {

using profilec::BuildManifest;

// As `build` of bench/gen_repo.py's repository records it: one folder,
// every entry with its stamp.
BuildManifest bench_manifest(std::size_t count) {
  BuildManifest manifest;
  for (std::size_t i = 0; i < count; ++i) {
    const auto n = static_cast<std::int64_t>(i);
    manifest.files.push_back({fmt::format("p{:05}.mobileconfig", i), profilec::sha256_hex(fmt::format("bytes {}", i)),
                              profilec::sha256_hex(fmt::format("source {}", i)),
                              profilec::FileStamp{.size = static_cast<std::uint64_t>(1000 + n % 1500),
                                                  .modified_ns = 1796457600123456789 + n * 1000,
                                                  .changed_ns = 1796457600123456789 + n * 1000,
                                                  .inode = static_cast<std::uint64_t>(1835021 + n)}});
  }
  return manifest;
}

void BM_WriteBuildManifest(benchmark::State& state) {
  const BuildManifest manifest = bench_manifest(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(profilec::write_build_manifest(manifest));
}
BENCHMARK(BM_WriteBuildManifest)->Arg(10000)->Unit(benchmark::kMillisecond);

using Reader = profilec::Expected<BuildManifest, std::string> (*)(std::string_view);

// `read`: read_build_manifest (the layout write_build_manifest makes, read
// without a JSON tree), or the generic JSON reader behind it (any other
// layout, and every manifest before the written layout had its own reader).
void BM_ReadBuildManifest(benchmark::State& state, Reader read) {
  const std::string text = profilec::write_build_manifest(bench_manifest(static_cast<std::size_t>(state.range(0))));
  for (auto _ : state) {
    auto manifest = read(text);
    if (!manifest) state.SkipWithError("not read");
    benchmark::DoNotOptimize(manifest);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK_CAPTURE(BM_ReadBuildManifest, AsWritten, &profilec::read_build_manifest)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadBuildManifest, AsJson, &profilec::read_build_manifest_as_json)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);

}  // namespace
