#include "cli/app.h"

#include <fmt/format.h>

#include <fmt/ranges.h>

#include <csignal>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <exception>
#include <new>

#include "base/environment.h"
#include "base/memory_limit.h"
#include "cli/huge_pages.h"

#include "base/file_system.h"
#include "cli/commands.h"
#include "cli/completion_hint.h"
#include "cli/exit_codes.h"
#include "cli/target_options.h"
#include "cli/usage_error.h"
#include "cli/version.h"

namespace profilec::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"build", "Compile policies into .mobileconfig files", setup_build},
      {"check", "Validate policies without writing anything", setup_check},
      {"completion", "Print the completion script for bash, zsh or fish", setup_completion, true},
      {"diff", "Show what a change does to devices: two folders or git revisions", setup_diff},
      {"effective", "Show the merged settings one kind of device receives", setup_effective},
      {"explain", "Show the page of a rule, or list every rule", setup_explain},
      {"import", "Turn .mobileconfig and declaration JSON files into policy source", setup_import},
      {"init", "Scaffold a policy repository (policies, CI workflow, pre-commit)", setup_init},
      {"lsp", "Run the language server (LSP over stdin and stdout) for editors", setup_lsp},
      {"report", "Write an HTML report of the effective policy per kind of device", setup_report},
      {"schema", "Show the payload schemas profilec checks against", setup_schema},
      {"sign", "Sign a .mobileconfig file (CMS, SHA-256)", setup_sign},
      {"stdlib", "Show the stdlib fragments and the keys they set", setup_stdlib},
      {"unsign", "Write the plain property list inside a signed .mobileconfig", setup_unsign},
      {"verify", "Check the signatures of signed .mobileconfig files", setup_verify},
  };
  return table;
}

namespace {

// --memory-limit, else $PROFILEC_MEMORY_LIMIT, else the default, as the
// process's data limit (base/memory_limit.h). kExitUsage for a size that
// does not parse.
int limit_memory(const std::string& option) {
  std::string text = option;
  std::string source = "--memory-limit";
  if (text.empty()) {
    if (auto value = ProcessEnvironment().get(std::string(kMemoryLimitVariable)); value && !value->empty()) {
      text = *value;
      source = std::string(kMemoryLimitVariable);
    }
  }
  std::uint64_t bytes = kDefaultMemoryLimit;
  if (!text.empty()) {
    const auto parsed = parse_memory_size(text);
    if (!parsed) {
      fmt::print(stderr, "profilec: error: {} '{}' is not a size\n", source, text);
      fmt::print(stderr, "  help: write a number of MiB (4096) or one with a unit (512M, 8G), or 0 for no limit\n");
      return kExitUsage;
    }
    bytes = *parsed;
  }
  if (memory_limit_unsupported()) return kExitClean;  // sanitizer builds map their shadow memory up front
  if (const std::string error = apply_memory_limit(bytes); !error.empty()) {
    fmt::print(stderr, "profilec: warning: cannot limit memory to {}: {}\n", format_memory_size(bytes), error);
  }
  return kExitClean;
}

// What a run that ran out of memory says: the limit in force and how to
// raise it. Nothing is written by a run that stops here (build writes its
// outputs only after every policy compiled).
void report_out_of_memory() {
  const std::uint64_t limit = current_memory_limit();
  if (limit == 0) {
    fmt::print(stderr, "profilec: error: out of memory\n");
    return;
  }
  fmt::print(stderr, "profilec: error: out of memory: this run reached its memory limit of {}\n",
             format_memory_size(limit));
  fmt::print(stderr, "  help: raise it with --memory-limit SIZE or {}=SIZE (such as 8G; 0 for no limit)\n",
             kMemoryLimitVariable);
}

// A command of the table on the parser, and what runs it once it is set up.
struct Subcommand {
  const Command* command = nullptr;
  CLI::App* parser = nullptr;
  std::function<int()> runner;  // empty until set_up
};

void set_up(Subcommand& subcommand, const GlobalOptions& globals) {
  if (!subcommand.runner) subcommand.runner = subcommand.command->setup(subcommand.parser, globals);
}

}  // namespace

int run(int argc, char** argv) {
  // A process restarted for huge pages: the user's environment back first.
  restore_environment_after_restart();
  // A write past `ulimit -f` fails with EFBIG and is reported like any
  // other write error, instead of SIGXFSZ ending profilec without a word
  // (and leaving its temporary file).
  ::signal(SIGXFSZ, SIG_IGN);
  // Ctrl-C or a CI timeout during a build: no temporary files left behind.
  remove_temporary_files_on_termination_signals();
  // The heap grows 16 MB at a time instead of glibc's 128 KB: a run over
  // 10,000 policies holds some 100 MB, and on a virtual machine each
  // growth (brk, or mprotect of a thread's arena) and each first touch of
  // a page costs tens of microseconds (docs/performance.md, "Incremental
  // builds"). Untouched, the padding is address space only.
#if defined(__GLIBC__)
  ::mallopt(M_TOP_PAD, 16 << 20);
#endif
  try {
    CLI::App app{"profilec: compile and lint Apple configuration profiles", "profilec"};
    app.set_version_flag("--version", version_text());
    app.require_subcommand(1);
    GlobalOptions globals;
    globals.argv = argv;
    std::string color = "auto";
    app.add_option("--color", color, "Colour diagnostics: auto, always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->default_val("auto");
    app.add_flag("-q,--quiet", globals.report.quiet, "No summary line");
    std::string format = "human";
    app.add_option("--format", format, "Findings as: human, json, sarif (2.1.0), github (Actions annotations)")
        ->check(CLI::IsMember({"human", "json", "sarif", "github"}))
        ->default_val("human");
    // Global options may also follow the command (`check --format sarif .`).
    app.fallthrough();
    add_repeatable_option(app, "--schema-dir", globals.schema_dirs,
                          "Add or replace payload schemas from a folder of profilec schemas, ProfileManifests or "
                          "JSON Schema manifests (repeatable; docs/app-schemas.md)")
        ->check(CLI::ExistingDirectory);
    app.add_flag("--schema-replace-apple", globals.schema_replace_apple,
                 "Let app manifests replace Apple's embedded schema of a com.apple.* domain");
    app.add_flag("--no-manifest-cache", globals.no_manifest_cache,
                 "Read every app manifest, neither using nor writing the cache of parsed manifests "
                 "(or set PROFILEC_NO_MANIFEST_CACHE=1; docs/app-schemas.md)");

    std::string memory_limit;
    app.add_option("--memory-limit", memory_limit,
                   fmt::format("Memory a run may use, such as 8G or 4096M; 0 for no limit (default {}, or ${})",
                               format_memory_size(kDefaultMemoryLimit), kMemoryLimitVariable))
        ->check(completes(ValueHint::kText));

    // Every command is on the parser with its summary; its options are added
    // when the parser reaches its name, so a run pays for one command's
    // set-up (CLI11 makes an object per option: most of a short run's time
    // was setting up the fourteen commands it did not run).
    std::vector<Subcommand> subcommands;
    subcommands.reserve(commands().size());
    for (const Command& command : commands()) {
      subcommands.push_back({&command,
                             app.add_subcommand(std::string(command.name), std::string(command.summary)),
                             {}});
    }
    for (Subcommand& subcommand : subcommands) {
      subcommand.parser->preparse_callback([&subcommands, &subcommand, &globals](std::size_t) {
        if (!subcommand.command->needs_every_command) return set_up(subcommand, globals);
        for (Subcommand& each : subcommands) set_up(each, globals);
      });
    }
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
      return report_parse_error(app, error);
    }
    globals.report.color = color == "always"  ? ColorChoice::kAlways
                           : color == "never" ? ColorChoice::kNever
                                              : ColorChoice::kAuto;
    globals.report.format = format == "json"     ? OutputFormat::kJson
                            : format == "sarif"  ? OutputFormat::kSarif
                            : format == "github" ? OutputFormat::kGithub
                                                 : OutputFormat::kHuman;
    if (const int code = limit_memory(memory_limit); code != kExitClean) return code;
    for (Subcommand& subcommand : subcommands) {
      if (subcommand.parser->parsed() && subcommand.runner) return subcommand.runner();
    }
    return kExitUsage;
  } catch (const std::bad_alloc&) {
    report_out_of_memory();
    return kExitOutOfMemory;
  } catch (const std::exception& error) {
    fmt::print(stderr, "profilec: internal error: {}\n", error.what());
    return kExitUsage;
  }
}

}  // namespace profilec::cli
