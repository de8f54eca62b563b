#include "cli/completion_spec.h"

#include <fmt/format.h>

#include <fmt/ranges.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "cli/completion_hint.h"

namespace profilec::cli {
namespace {

using Kind = CompletionValue::Kind;

CompletionValue value_of_hint(ValueHint hint, const CompletionWords& words) {
  switch (hint) {
    case ValueHint::kText: return {};
    case ValueHint::kFile: return {Kind::kFiles, {}, {}};
    case ValueHint::kFolder: return {Kind::kFolders, {}, {}};
    // What folder walks pick up (project/discover.cc).
    case ValueHint::kPolicyPath: return {Kind::kFiles, {}, {"toml", "mobileconfig"}};
    case ValueHint::kProfile: return {Kind::kFiles, {}, {"mobileconfig"}};
    case ValueHint::kPayloadType: return {Kind::kWords, words.payload_types, {}};
    case ValueHint::kRule: return {Kind::kWords, words.rules, {}};
    case ValueHint::kStdlibFragment: return {Kind::kWords, words.stdlib_fragments, {}};
    case ValueHint::kPlatform: return {Kind::kWords, words.platforms, {}};
    case ValueHint::kEnvironmentVariable: return {Kind::kEnvironmentVariables, {}, {}};
  }
  return {};
}

// What CLI11's own validators say: CLI::IsMember's "{a,b,c}",
// CLI::ExistingDirectory's "DIR", CLI::ExistingFile's "FILE".
std::optional<CompletionValue> value_known_to_cli11(CLI::Option& option) {
  for (const CLI::Validator* validator : validators_of(option)) {
    const std::string description = validator->get_description();
    if (description.size() >= 2 && description.front() == '{' && description.back() == '}') {
      CompletionValue value{Kind::kWords, {}, {}};
      std::string word;
      for (const char c : description.substr(1, description.size() - 2)) {
        if (c == ',') {
          value.words.push_back(std::exchange(word, {}));
        } else {
          word += c;
        }
      }
      value.words.push_back(word);
      return value;
    }
    if (description == "DIR") return CompletionValue{Kind::kFolders, {}, {}};
    if (description == "FILE" || description == "PATH(existing)") return CompletionValue{Kind::kFiles, {}, {}};
  }
  return std::nullopt;
}

CompletionValue value_of(CLI::Option& option, const CompletionWords& words) {
  if (const auto hint = completion_hint(option)) return value_of_hint(*hint, words);
  if (auto known = value_known_to_cli11(option)) return std::move(*known);
  // Text without a hint: any file, as a shell completes by default; a
  // number (INT, UINT, FLOAT): nothing.
  if (option.get_type_name().rfind("TEXT", 0) == 0) return {Kind::kFiles, {}, {}};
  return {};
}

bool shares_a_name(const CompletionOption& a, const CompletionOption& b) {
  return std::any_of(a.names.begin(), a.names.end(), [&b](const std::string& name) {
    return std::find(b.names.begin(), b.names.end(), name) != b.names.end();
  });
}

std::vector<std::string> names_of(const CLI::Option& option) {
  std::vector<std::string> names;
  for (const std::string& name : option.get_snames()) names.push_back("-" + name);
  for (const std::string& name : option.get_lnames()) names.push_back("--" + name);
  return names;
}

bool is_option(const CompletionOption& option, const CLI::Option* cli_option) {
  return cli_option != nullptr && option.names == names_of(*cli_option);
}

// `inherited`: what the parent's commands accept after their name too.
CompletionCommand describe(CLI::App& app, std::vector<std::string> path, const std::vector<CompletionOption>& inherited,
                           const CompletionWords& words) {
  CompletionCommand out;
  out.path = std::move(path);
  out.description = app.get_description();
  for (CLI::Option* option : app.get_options()) {
    if (option->get_group().empty()) continue;  // hidden
    const bool repeatable = option->get_items_expected_max() > 1;
    if (!option->nonpositional()) {
      out.arguments.push_back({option->get_name(), option->get_description(), repeatable, value_of(*option, words)});
      continue;
    }
    CompletionOption described;
    described.names = names_of(*option);
    described.description = option->get_description();
    described.takes_value = option->get_items_expected_max() > 0;  // 0: a flag
    if (described.takes_value) {
      described.repeatable = repeatable;
      described.value = value_of(*option, words);
    }
    out.options.push_back(std::move(described));
  }
  if (app.get_fallthrough()) {
    const std::size_t own = out.options.size();
    for (const CompletionOption& option : inherited) {
      const auto first = out.options.begin();
      const auto last = first + static_cast<std::ptrdiff_t>(own);
      if (std::none_of(first, last, [&option](const CompletionOption& o) { return shares_a_name(o, option); })) {
        out.options.push_back(option);
      }
    }
  }
  // What its subcommands inherit: everything but its --help and --version.
  std::vector<CompletionOption> passed_on;
  for (const CompletionOption& option : out.options) {
    if (!is_option(option, app.get_help_ptr()) && !is_option(option, app.get_version_ptr())) {
      passed_on.push_back(option);
    }
  }
  for (CLI::App* sub : app.get_subcommands([](CLI::App* each) { return !each->get_name().empty(); })) {
    if (sub->get_group().empty()) continue;  // hidden
    std::vector<std::string> sub_path = out.path;
    sub_path.push_back(sub->get_name());
    out.commands.push_back(describe(*sub, std::move(sub_path), passed_on, words));
  }
  return out;
}

}  // namespace

CompletionCommand describe_command_line(CLI::App& app, const CompletionWords& words) {
  return describe(app, {}, {}, words);
}

std::string command_path_text(const CompletionCommand& command) {
  return fmt::format("{}", fmt::join(command.path, " "));
}

std::vector<const CompletionCommand*> every_command(const CompletionCommand& program) {
  std::vector<const CompletionCommand*> out{&program};
  for (const CompletionCommand& command : program.commands) {
    const auto below = every_command(command);
    out.insert(out.end(), below.begin(), below.end());
  }
  return out;
}

}  // namespace profilec::cli
