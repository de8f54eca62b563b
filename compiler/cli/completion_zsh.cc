#include <fmt/format.h>

#include <fmt/ranges.h>

#include <cctype>
#include <string_view>
#include <vector>

#include "cli/completion_scripts.h"

namespace profilec::cli {
namespace {

using Kind = CompletionValue::Kind;

// `text` inside a single-quoted zsh word.
std::string in_quotes(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out;
}

// `text` inside an _arguments spec's [description] or :message:.
std::string spec_text(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
    out += c;
  }
  return in_quotes(out);
}

// `word` in an action's (word ...) list.
std::string list_word(std::string_view word) {
  std::string out;
  for (const char c : word) {
    if (c == ' ' || c == '(' || c == ')' || c == ':' || c == '\\' || c == '"' || c == '$' || c == '`') out += '\\';
    out += c;
  }
  return in_quotes(out);
}

std::string action(const CompletionValue& value) {
  switch (value.kind) {
    case Kind::kNothing: return " ";
    case Kind::kWords: {
      std::string out = "(";
      for (const std::string& word : value.words) {
        if (out.size() > 1) out += ' ';
        out += list_word(word);
      }
      return out + ")";
    }
    case Kind::kFiles:
      if (value.extensions.empty()) return "_files";
      return fmt::format("_files -g \"*.({})(-.)\"", fmt::join(value.extensions, "|"));
    case Kind::kFolders: return "_files -/";
    case Kind::kEnvironmentVariables: return "_parameters -g \"*export*\"";
  }
  return " ";
}

// "schema show" -> "_profilec_schema_show".
std::string function_name(const CompletionCommand& command) {
  std::string out = fmt::format("_{}", kProgramName);
  for (const std::string& word : command.path) {
    out += '_';
    for (const char c : word) out += std::isalnum(static_cast<unsigned char>(c)) != 0 ? c : '_';
  }
  return out;
}

// The _arguments specs of an option: one per name.
void option_specs(const CompletionOption& option, std::vector<std::string>& specs) {
  std::string exclusive;
  if (option.repeatable) {
    exclusive = "*";
  } else if (option.names.size() > 1) {
    exclusive = fmt::format("({})", fmt::join(option.names, " "));
  }
  for (const std::string& name : option.names) {
    std::string spec = exclusive + name;
    if (option.takes_value) spec += name.size() == 2 ? "+" : "=";
    spec += fmt::format("[{}]", spec_text(option.description));
    if (option.takes_value) {
      const std::string message = option.names.back().substr(option.names.back().find_first_not_of('-'));
      spec += fmt::format(":{}:{}", spec_text(message), in_quotes(action(option.value)));
    }
    specs.push_back(fmt::format("'{}'", spec));
  }
}

void command_function(const CompletionCommand& command, std::string& out) {
  std::vector<std::string> specs;
  for (const CompletionOption& option : command.options) option_specs(option, specs);
  for (std::size_t i = 0; i < command.arguments.size(); ++i) {
    const CompletionArgument& argument = command.arguments[i];
    specs.push_back(fmt::format("'{}:{}:{}'", argument.repeatable ? std::string("*") : std::to_string(i + 1),
                                spec_text(argument.name), in_quotes(action(argument.value))));
  }
  const std::string name = function_name(command);
  if (command.commands.empty()) {
    out += fmt::format("{}() {{\n  _arguments -S \\\n    {}\n}}\n\n", name, fmt::join(specs, " \\\n    "));
    return;
  }
  // -A '-*': after the subcommand's name, the words are the subcommand's,
  // so `schema list --format` completes list's --format, not profilec's.
  specs.emplace_back("': :->command'");
  specs.emplace_back("'*:: :->argument'");
  std::vector<std::string> commands;
  std::vector<std::string> cases;
  for (const CompletionCommand& sub : command.commands) {
    commands.push_back(fmt::format("'{}:{}'", in_quotes(sub.path.back()), in_quotes(sub.description)));
    cases.push_back(fmt::format("{}) {} ;;", sub.path.back(), function_name(sub)));
  }
  const std::string path = command_path_text(command);
  const std::string context = fmt::format("{}{}{}", kProgramName, path.empty() ? "" : "-",
                                          fmt::join(command.path, "-"));
  out += fmt::format(
      "{0}() {{\n"
      "  local curcontext=$curcontext state line\n"
      "  typeset -A opt_args\n"
      "  _arguments -C -S -A '-*' \\\n    {1} && return\n"
      "  case $state in\n"
      "    command)\n"
      "      local -a commands=(\n        {2}\n      )\n"
      "      _describe -t commands '{3} command' commands ;;\n"
      "    argument)\n"
      "      curcontext=${{curcontext%:*:*}}:{4}-$words[1]:\n"
      "      case $words[1] in\n        {5}\n      esac ;;\n"
      "  esac\n"
      "}}\n\n",
      name, fmt::join(specs, " \\\n    "), fmt::join(commands, "\n        "),
      in_quotes(fmt::format("{}{}{}", kProgramName, path.empty() ? "" : " ", path)), context,
      fmt::join(cases, "\n        "));
}

}  // namespace

std::string zsh_completion(const CompletionCommand& program) {
  std::string out = fmt::format("#compdef {}\n", kProgramName);
  out += completion_preamble("zsh");
  out += fmt::format(
      "# Installed as share/zsh/vendor-completions/_{0}; to try it: put this\n"
      "# file's folder on $fpath before compinit.\n\n",
      kProgramName);
  // Subcommands first, so each function is defined before it is called.
  const std::vector<const CompletionCommand*> commands = every_command(program);
  for (auto it = commands.rbegin(); it != commands.rend(); ++it) command_function(**it, out);
  out += fmt::format("{} \"$@\"\n", function_name(program));
  return out;
}

}  // namespace profilec::cli
