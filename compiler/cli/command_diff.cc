// `profilec diff OLD NEW`: what a change does to devices (docs/diff.md).
// Each side is a folder or a git revision of the current repository (read
// into memory through git: review/git_revision.h); both are compiled alike,
// without secrets, and compared by compiler/review/. The diff goes to
// standard output; errors to standard error. Exit 0 whatever changed, 2 for
// a usage error, a revision or folder that cannot be read.
#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include "base/environment.h"
#include "base/process.h"
#include "cli/commands.h"
#include "cli/completion_hint.h"
#include "cli/exit_codes.h"
#include "cli/load_schemas.h"
#include "cli/target_options.h"
#include "project/compile.h"
#include "project/project_config.h"
#include "review/git_revision.h"
#include "review/render_diff.h"
#include "review/snapshot_diff.h"

namespace profilec::cli {
namespace {

// Where a revision's files live in its in-memory file system.
constexpr std::string_view kRevisionRoot = "revision";

struct Side {
  std::string label;
  std::unique_ptr<MemoryFileSystem> memory;  // a revision's files
  std::string root;                          // the folder compiled
  CompileResult result;
  review::Snapshot snapshot;
};

// A secret compiles to the same placeholder whatever it names (secrets are
// never read here), so it is compared by its source instead: the line that
// sets it ({ env = "NAME" }). The text stays in the value, which is marked
// secret and never printed.
void identify_secrets(ir::Value& value, const SourceMap& sources) {
  if (value.secret && value.span.known()) {
    const auto line = sources.line(value.span.path_or_empty(), value.span.begin.line);
    if (line) value.storage = std::string(*line);
    return;
  }
  if (value.is_dict()) {
    for (ir::DictEntry& e : value.dict()) identify_secrets(e.value, sources);
  } else if (value.kind() == ir::Value::Kind::kArray) {
    for (ir::Value& item : value.array()) identify_secrets(item, sources);
  }
}

// Reads one side: a folder is read as it is compiled, a revision through
// git into memory. An error message, or "" on success.
std::string read_side(const std::string& argument, const FileSystem& disk, Side& side) {
  side.label = argument;
  if (disk.kind(argument) == PathKind::kDirectory) {
    side.root = normal_path(argument);
    return "";
  }
  side.memory = std::make_unique<MemoryFileSystem>();
  const PosixProcessRunner processes;
  auto read = review::read_git_revision(processes, argument, std::string(kRevisionRoot), *side.memory);
  if (!read) return read.error().message;
  side.root = std::string(kRevisionRoot);
  return "";
}

// Compiles a side read_side read. An error message, or "" on success.
std::string compile_side(const std::string& argument, const std::vector<std::string>& exclude,
                         const schema::SchemaSet& schemas, const FileSystem& disk, Side& side) {
  const FileSystem* files = side.memory ? side.memory.get() : &disk;
  const ProcessEnvironment environment;
  ProjectConfigs projects(*files);
  auto discovered = discover_policies(*files, {side.root}, exclude, &projects);
  if (!discovered) return fmt::format("{}: {}", discovered.error().path, discovered.error().message);
  CompileInputs inputs{*files, environment, SecretMode::kPlaceholder, &schemas};
  inputs.projects = &projects;
  inputs.across_files = false;  // the diff reports no findings: the files' own checks decide what compiles
  SourceMap sources;
  side.result = compile_policies(*discovered, inputs, sources);
  if (!side.result.io_errors.empty()) {
    const IoError& error = side.result.io_errors.front();
    return fmt::format("{}: {}", error.path, error.message);
  }
  for (CompiledProfile& c : side.result.profiles) {
    for (ir::Payload& payload : c.profile.payloads) identify_secrets(payload.content, sources);
  }
  side.snapshot.label = argument;
  side.snapshot.root = side.root == "." ? "" : side.root;
  for (const CompiledProfile& c : side.result.profiles) side.snapshot.profiles.push_back(&c.profile);
  for (const ir::Profile& p : side.result.read_profiles) side.snapshot.profiles.push_back(&p);
  std::set<std::string> failed;
  const std::string prefix = side.snapshot.root.empty() ? "" : side.snapshot.root + "/";
  for (const Diagnostic& d : side.result.diagnostics.all()) {
    if (d.severity < Severity::kError || !d.span.known()) continue;
    std::string path = d.span.path_or_empty();
    if (!prefix.empty() && path.compare(0, prefix.size(), prefix) == 0) path.erase(0, prefix.size());
    failed.insert(std::move(path));
  }
  side.snapshot.failed_files.assign(failed.begin(), failed.end());
  return "";
}

}  // namespace

std::function<int()> setup_diff(CLI::App* sub, const GlobalOptions& globals) {
  struct Options {
    std::string old_side;
    std::string new_side;
    std::string format = "human";
    std::size_t markdown_limit = review::kDefaultMarkdownLimit;
    std::vector<std::string> exclude;
  };
  auto options = std::make_shared<Options>();
  sub->add_option("old", options->old_side, "The old side: a folder, or a git revision of the current repository")
      ->required()
      ->check(completes(ValueHint::kFolder));
  sub->add_option("new", options->new_side, "The new side: a folder, or a git revision of the current repository")
      ->required()
      ->check(completes(ValueHint::kFolder));
  sub->add_option("--format", options->format, "The diff as: human, markdown, json, html (default: human)")
      ->check(CLI::IsMember({"human", "markdown", "json", "html"}));
  sub->add_option("--markdown-limit", options->markdown_limit,
                  fmt::format("Cut the Markdown at this many bytes, with a marker; 0 for no limit (default {})",
                              review::kDefaultMarkdownLimit))
      ->check(completes(ValueHint::kText));
  add_repeatable_option(*sub, "--exclude", options->exclude,
                        "Skip this folder in folder walks (repeatable), e.g. a build output")
      ->check(completes(ValueHint::kFolder));
  return [options, &globals] {
    auto schemas = load_schemas(globals);
    if (!schemas) return static_cast<int>(kExitUsage);
    const DiskFileSystem disk;
    Side old_side;
    Side new_side;
    // The old side compiles while git reads the new one and the new one
    // compiles: each compile's steps that run on one thread (project files,
    // fragments, collecting the results) overlap the other's. The two git
    // reads never run at once (the process runner sets SIGPIPE's handler
    // for the time of a run). The first error is the old side's, as when
    // the sides ran one after the other.
    std::string old_error = read_side(options->old_side, disk, old_side);
    std::string new_error;
    if (old_error.empty()) {
      std::exception_ptr old_failure;  // what the thread threw, thrown again here (cli/app.cc reports it)
      std::thread old_compile([&] {
        try {
          old_error = compile_side(options->old_side, options->exclude, *schemas, disk, old_side);
        } catch (...) {
          old_failure = std::current_exception();
        }
      });
      try {
        new_error = read_side(options->new_side, disk, new_side);
        if (new_error.empty()) new_error = compile_side(options->new_side, options->exclude, *schemas, disk, new_side);
      } catch (...) {
        old_compile.join();
        throw;
      }
      old_compile.join();
      if (old_failure) std::rethrow_exception(old_failure);
    }
    for (const std::string* error : {&old_error, &new_error}) {
      if (error->empty()) continue;
      fmt::print(stderr, "profilec: error: {}\n", *error);
      return static_cast<int>(kExitUsage);
    }
    const review::SnapshotDiff diff = review::diff_snapshots(old_side.snapshot, new_side.snapshot, *schemas);
    std::string text;
    if (options->format == "markdown") text = review::render_diff_markdown(diff, options->markdown_limit);
    else if (options->format == "json") text = review::render_diff_json(diff);
    else if (options->format == "html") text = review::render_diff_html(diff);
    else text = review::render_diff_human(diff);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return static_cast<int>(kExitClean);
  };
}

}  // namespace profilec::cli
