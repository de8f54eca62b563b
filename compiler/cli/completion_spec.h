// What the shell completions know of the command line, read from the CLI11
// app that parses it (cli/app.cc with every command's setup_*), so that the
// completions cannot drift from the commands: the commands and their
// subcommands, each one's options with their aliases and descriptions,
// which take a value and what it is, the positional arguments, and the
// global options every command accepts too (`app.fallthrough()`).
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace profilec::cli {

// The name the completions are for (the app's name).
inline constexpr std::string_view kProgramName = "profilec";

// What a shell may offer for a value.
struct CompletionValue {
  enum class Kind { kNothing, kWords, kFiles, kFolders, kEnvironmentVariables };
  Kind kind = Kind::kNothing;
  std::vector<std::string> words;       // kWords: the values, in order
  std::vector<std::string> extensions;  // kFiles: only these ("toml"), and folders; empty: every file
};

struct CompletionOption {
  std::vector<std::string> names;  // "-o", "--output": short names first
  std::string description;
  bool takes_value = false;
  bool repeatable = false;
  CompletionValue value;  // when it takes one
};

struct CompletionArgument {
  std::string name;  // CLI11's, such as "paths"
  std::string description;
  bool repeatable = false;  // takes every argument from here on
  CompletionValue value;
};

struct CompletionCommand {
  std::vector<std::string> path;  // {} for profilec itself, {"schema", "show"}
  std::string description;
  // Its own options, then those it inherits (a name it has itself hides
  // the inherited one, so `check` has one --help).
  std::vector<CompletionOption> options;
  std::vector<CompletionArgument> arguments;
  std::vector<CompletionCommand> commands;  // its subcommands, in the order they were added
};

// The word lists that come from profilec's data rather than from the app.
struct CompletionWords {
  std::vector<std::string> payload_types;
  std::vector<std::string> rules;             // codes and names
  std::vector<std::string> stdlib_fragments;  // "restrictions/ios-baseline"
  std::vector<std::string> platforms;
};

// The command line `app` parses. Hidden options and commands (no group)
// are left out, and so are the inherited --help and --version.
CompletionCommand describe_command_line(CLI::App& app, const CompletionWords& words);

// "schema show", "" for profilec itself.
std::string command_path_text(const CompletionCommand& command);

// `program` and every command below it, each before its subcommands.
std::vector<const CompletionCommand*> every_command(const CompletionCommand& program);

}  // namespace profilec::cli
