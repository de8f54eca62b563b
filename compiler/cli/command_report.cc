// `profilec report [PATHS] -o FILE [--baseline NAME] [--as-of DATE]`: one
// self-contained HTML page of the effective policy of every kind of device
// the repository reaches (docs/report.md). The model is
// compiler/report/report_model.h, the page compiler/report/render_html.h;
// this file reads the options, compiles the repository and writes the page
// atomically: a repository with errors gets no report (it would leave out
// the profiles that failed), and a failed write leaves no partial file.
#include <fmt/format.h>

#include <memory>

#include "base/civil_time.h"
#include "cli/commands.h"
#include "cli/completion_hint.h"
#include "cli/exit_codes.h"
#include "cli/load_schemas.h"
#include "cli/read_input.h"
#include "cli/report.h"
#include "cli/run_compile.h"
#include "cli/signing_options.h"
#include "cli/target_options.h"
#include "report/baseline.h"
#include "report/render_html.h"
#include "report/report_model.h"

namespace profilec::cli {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

// --as-of: "today" (PROFILEC_NOW when set), or a date: 2027-01-31, or as
// PROFILEC_NOW takes it. The start of that UTC day, so a report made twice
// on one day is the same; 0 (no date) when the option is absent; nullopt
// (printed) when malformed.
std::optional<std::int64_t> report_date(const std::string& text, const CertificateClock& clock) {
  if (text.empty()) return 0;
  std::int64_t seconds = 0;
  if (text == "today") {
    const auto expiry = expiry_policy(clock);
    if (!expiry) return std::nullopt;
    seconds = expiry->now;
  } else {
    std::string error;
    const std::string full = text.size() == 10 ? text + "T00:00:00Z" : text;
    seconds = cert::now_from_environment(full.c_str(), error);
    if (!error.empty()) {
      fmt::print(stderr, "profilec: error: --as-of '{}' is neither 'today' nor a date like 2027-01-31\n", text);
      return std::nullopt;
    }
  }
  return seconds - ((seconds % kSecondsPerDay) + kSecondsPerDay) % kSecondsPerDay;
}

}  // namespace

std::function<int()> setup_report(CLI::App* sub, const GlobalOptions& globals) {
  struct Options {
    std::vector<std::string> paths{"."};
    std::string output;
    std::string baseline;
    std::string as_of;
    std::string title = "Configuration profiles";
    CertificateClock clock;
    std::vector<std::string> exclude;
  };
  auto options = std::make_shared<Options>();
  sub->add_option("paths", options->paths, "Policy or .mobileconfig files, or folders (default: .)")
      ->check(completes(ValueHint::kPolicyPath));
  sub->add_option("-o,--output", options->output, "The HTML file to write")
      ->required()
      ->check(completes(ValueHint::kFile));
  sub->add_option("--baseline", options->baseline,
                  "Compare with this fragment: a stdlib name (profilec stdlib list) or a fragment file")
      ->check(completes(ValueHint::kText));
  sub->add_option("--as-of", options->as_of,
                  "Judge certificates on this day: 'today' or a date like 2027-01-31 (default: show their dates only)")
      ->check(completes(ValueHint::kText));
  sub->add_option("--title", options->title, "The page's title")->check(completes(ValueHint::kText));
  add_clock_options(*sub, options->clock);
  add_repeatable_option(*sub, "--exclude", options->exclude,
                        "Skip this folder in folder walks (repeatable), e.g. a build output")
      ->check(completes(ValueHint::kFolder));
  return [options, &globals] {
    if (globals.report.format != OutputFormat::kHuman) {
      std::fputs("profilec: error: report writes HTML; --format applies to its findings only in check\n", stderr);
      return static_cast<int>(kExitUsage);
    }
    const auto as_of = report_date(options->as_of, options->clock);
    if (!as_of) return static_cast<int>(kExitUsage);
    auto schemas = load_schemas(globals);
    if (!schemas) return static_cast<int>(kExitUsage);
    DiskFileSystem files;
    files.remember_folder_links();  // one run: base/file_system.h
    std::optional<report::Baseline> baseline;
    if (!options->baseline.empty()) {
      auto loaded = report::load_baseline(options->baseline, files, *schemas);
      if (!loaded) {
        fmt::print(stderr, "profilec: error: {}\n", loaded.error());
        return static_cast<int>(kExitUsage);
      }
      baseline = std::move(*loaded);
    }
    ProcessEnvironment environment;
    CompileInputs inputs{files, environment, SecretMode::kPlaceholder, &*schemas};
    inputs.exclude = options->exclude;
    const CompileRun run = run_compile(options->paths, inputs, globals);
    if (run.exit_code == kExitUsage) return run.exit_code;
    if (run.result.diagnostics.has_errors()) {
      fmt::print(stderr,
                 "profilec: error: report not written: fix the errors above first (a report would leave "
                 "out the profiles that have them)\n");
      return static_cast<int>(kExitFindings);
    }
    report::ReportInputs report_inputs;
    for (const CompiledProfile& c : run.result.profiles) report_inputs.profiles.push_back(&c.profile);
    for (const ir::Profile& p : run.result.read_profiles) report_inputs.profiles.push_back(&p);
    report_inputs.schemas = &*schemas;
    report_inputs.baseline = baseline ? &*baseline : nullptr;
    report_inputs.as_of = *as_of;
    report_inputs.warning_days = options->clock.warning_days.value_or(30);
    report_inputs.title = options->title;
    const std::string html = report::render_html(report::build_report_model(report_inputs));
    if (auto error = files.write_file_atomically(options->output, html)) {
      print_io_error(*error);
      return static_cast<int>(kExitUsage);
    }
    if (!globals.report.quiet) fmt::print(stderr, "wrote {}\n", options->output);
    return run.exit_code;
  };
}

}  // namespace profilec::cli
