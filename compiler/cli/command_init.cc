// profilec init [DIR] [--force] [--organization NAME] [--id-prefix PREFIX]:
// scaffolds a policy repository (compiler/scaffold/, docs/gitops.md).
//
// All or nothing: no file is written when one already exists (unless
// --force), and the files are written with write_files_atomically.
#include <fmt/format.h>

#include <memory>

#include "base/file_system.h"
#include "cli/commands.h"
#include "cli/completion_hint.h"
#include "cli/exit_codes.h"
#include "scaffold/scaffold.h"

namespace profilec::cli {

std::function<int()> setup_init(CLI::App* sub, const GlobalOptions& globals) {
  struct Options {
    std::string dir = ".";
    bool force = false;
    scaffold::ScaffoldOptions scaffold;
  };
  auto options = std::make_shared<Options>();
  sub->add_option("dir", options->dir, "The folder to create the repository in (default: the current folder)")
      ->check(completes(ValueHint::kFolder));
  sub->add_flag("--force", options->force, "Replace files that already exist");
  sub->add_option("--organization", options->scaffold.organization,
                  "PayloadOrganization for every profile (default: Example Organization)")
      ->check(completes(ValueHint::kText));
  sub->add_option("--id-prefix", options->scaffold.id_prefix,
                  "The reverse-DNS prefix of every profile identifier (default: com.example)")
      ->check(completes(ValueHint::kText));
  return [options, &globals] {
    auto templates = scaffold::scaffold_files(options->scaffold);
    if (!templates) {
      fmt::print(stderr, "profilec: error: {}\n", templates.error());
      return static_cast<int>(kExitUsage);
    }
    DiskFileSystem files;
    if (files.kind(options->dir) != PathKind::kMissing && files.kind(options->dir) != PathKind::kDirectory) {
      fmt::print(stderr, "profilec: error: '{}' exists and is not a folder\n", options->dir);
      return static_cast<int>(kExitUsage);
    }
    std::vector<std::pair<std::string, std::string>> writes;
    std::vector<std::string> existing;
    for (auto& [path, text] : *templates) {
      writes.emplace_back(join_path(options->dir, path), std::move(text));
      if (files.kind(writes.back().first) != PathKind::kMissing) existing.push_back(writes.back().first);
    }
    if (!existing.empty() && !options->force) {
      for (const std::string& path : existing) fmt::print(stderr, "profilec: error: '{}' already exists\n", path);
      fmt::print(stderr, "profilec: nothing written: pass --force to replace {}\n",
                 existing.size() == 1 ? "it" : "them");
      return static_cast<int>(kExitUsage);
    }
    if (auto error = files.write_files_atomically(writes)) {
      fmt::print(stderr, "profilec: error: cannot write '{}': {}; nothing written\n", error->path, error->message);
      return static_cast<int>(kExitUsage);
    }
    std::FILE* progress = progress_stream(globals.report);
    for (const auto& write : writes) fmt::print(progress, "wrote {}\n", printable_path(write.first));
    if (!globals.report.quiet) {
      fmt::print(progress, "next: `profilec check {}`, then see {} for CI and pre-commit\n", options->dir,
                 join_path(options->dir, "README.md"));
    }
    return static_cast<int>(kExitClean);
  };
}

}  // namespace profilec::cli
