// Loading and indexing the embedded schemas: part of every `check`.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "schema/load_schema.h"
#include "schema/schema_set.h"

namespace {

using profilec::schema::SchemaSet;

// What every run pays up front: indexing the embedded files (no parsing).
void BM_IndexEmbeddedSchemas(benchmark::State& state) {
  for (auto _ : state) {
    SchemaSet set = SchemaSet::embedded();
    benchmark::DoNotOptimize(set);
  }
}
BENCHMARK(BM_IndexEmbeddedSchemas)->Unit(benchmark::kMicrosecond);

// A typical pre-commit check: index, then the types one policy repository
// uses (restrictions is the largest schema).
void BM_IndexAndLoadTypicalTypes(benchmark::State& state) {
  for (auto _ : state) {
    SchemaSet set = SchemaSet::embedded();
    for (const char* type : {"com.apple.applicationaccess", "com.apple.mobiledevice.passwordpolicy",
                             "com.apple.wifi.managed", "com.apple.security.root"}) {
      benchmark::DoNotOptimize(set.find(type));
    }
  }
}
BENCHMARK(BM_IndexAndLoadTypicalTypes)->Unit(benchmark::kMicrosecond);

// Everything (schema list, or a repository using every payload type).
void BM_LoadAllSchemas(benchmark::State& state) {
  for (auto _ : state) {
    SchemaSet set = SchemaSet::embedded();
    benchmark::DoNotOptimize(set.load_all());
  }
}
BENCHMARK(BM_LoadAllSchemas)->Unit(benchmark::kMillisecond);

// The baseline the compiled form replaced: parsing every schemas/*.toml
// with toml++ (files already in memory).
void BM_ParseAllSchemasFromToml(benchmark::State& state) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(PROFILEC_SOURCE_DIR) + "/schemas/payloads")) {
    std::ifstream in(e.path());
    std::stringstream text;
    text << in.rdbuf();
    files.emplace_back(e.path().string(), text.str());
  }
  for (auto _ : state) {
    for (const auto& [path, text] : files) benchmark::DoNotOptimize(profilec::schema::load_schema(text, path));
  }
}
BENCHMARK(BM_ParseAllSchemasFromToml)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
