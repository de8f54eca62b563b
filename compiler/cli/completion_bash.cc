#include <fmt/format.h>

#include <fmt/ranges.h>

#include <map>
#include <string_view>
#include <vector>

#include "cli/completion_scripts.h"

namespace profilec::cli {
namespace {

using Kind = CompletionValue::Kind;

// `text` as one single-quoted bash word.
std::string bash_word(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string words_text(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) {
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

// What fills COMPREPLY for a value of this kind.
std::string action(const CompletionValue& value) {
  switch (value.kind) {
    case Kind::kNothing: return ":";
    case Kind::kWords:
      return fmt::format("COMPREPLY=($(compgen -W {} -- \"$cur\"))", bash_word(words_text(value.words)));
    case Kind::kFiles:
      if (value.extensions.empty()) return "_filedir";
      return fmt::format("_filedir {}", bash_word(fmt::format("{}", fmt::join(value.extensions, "|"))));
    case Kind::kFolders: return "_filedir -d";
    case Kind::kEnvironmentVariables: return "COMPREPLY=($(compgen -e -- \"$cur\"))";
  }
  return ":";
}

// `_profilec_describe COMMAND` sets what that command accepts.
void describe_function(const CompletionCommand& program, std::string& out) {
  out += fmt::format(
      "# Sets `commands`, `options` and `value_options` (the options that take\n"
      "# a value) to what the command \"$1\" accepts.\n"
      "_{}_describe() {{\n  case $1 in\n",
      kProgramName);
  for (const CompletionCommand* command : every_command(program)) {
    std::vector<std::string> commands;
    std::vector<std::string> options;
    std::vector<std::string> value_options;
    for (const CompletionCommand& sub : command->commands) commands.push_back(sub.path.back());
    for (const CompletionOption& option : command->options) {
      for (const std::string& name : option.names) {
        options.push_back(name);
        if (option.takes_value) value_options.push_back(name);
      }
    }
    out += fmt::format("    {})\n      commands={}\n      options={}\n      value_options={} ;;\n",
                       bash_word(command_path_text(*command)), bash_word(words_text(commands)),
                       bash_word(words_text(options)), bash_word(words_text(value_options)));
  }
  out += "  esac\n}\n\n";
}

// `_profilec_value COMMAND OPTION` completes a value of OPTION.
void value_function(const CompletionCommand& program, std::string& out) {
  // Options with the same completion share a case.
  std::map<std::string, std::vector<std::string>> patterns_by_action;
  std::vector<std::string> order;
  for (const CompletionCommand* command : every_command(program)) {
    for (const CompletionOption& option : command->options) {
      if (!option.takes_value) continue;
      const std::string completes = action(option.value);
      auto [it, added] = patterns_by_action.try_emplace(completes);
      if (added) order.push_back(completes);
      for (const std::string& name : option.names) {
        it->second.push_back(bash_word(fmt::format("{}|{}", command_path_text(*command), name)));
      }
    }
  }
  out += fmt::format(
      "# Completes the value of the option \"$2\" of the command \"$1\".\n_{}_value() {{\n  case \"$1|$2\" in\n",
      kProgramName);
  for (const std::string& completes : order) {
    out += fmt::format("    {})\n      {} ;;\n", fmt::join(patterns_by_action[completes], " | "), completes);
  }
  out += "  esac\n}\n\n";
}

// `_profilec_argument COMMAND N` completes the command's argument N (from 0).
void argument_function(const CompletionCommand& program, std::string& out) {
  out +=
      fmt::format("# Completes the argument \"$2\" (from 0) of the command \"$1\".\n_{}_argument() {{\n  case $1 in\n",
                  kProgramName);
  for (const CompletionCommand* command : every_command(program)) {
    if (command->arguments.empty()) continue;
    out += fmt::format("    {})\n      case $2 in\n", bash_word(command_path_text(*command)));
    for (std::size_t i = 0; i < command->arguments.size(); ++i) {
      const CompletionArgument& argument = command->arguments[i];
      // A repeatable argument is the last and takes every position from its own.
      out += fmt::format("        {}) {} ;;\n", argument.repeatable ? std::string("*") : std::to_string(i),
                         action(argument.value));
    }
    out += "      esac ;;\n";
  }
  out += "  esac\n}\n\n";
}

}  // namespace

std::string bash_completion(const CompletionCommand& program) {
  std::string out = completion_preamble("bash");
  out += fmt::format(
      "# Installed as share/bash-completion/completions/{0}; to try it: source\n"
      "# this file (bash-completion 2 must be loaded).\n\n",
      kProgramName);
  describe_function(program, out);
  value_function(program, out);
  argument_function(program, out);
  out += fmt::format(R"(_{0}() {{
  local cur prev words cword split
  _init_completion -s || return

  # The command named before the cursor (options and their values skipped),
  # and how many arguments it has so far.
  local command="" commands options value_options
  local -i arguments=0 i
  _{0}_describe ""
  for ((i = 1; i < cword; i++)); do
    case ${{words[i]}} in
      -*=*) ;;
      -*) [[ " $value_options " == *" ${{words[i]}} "* ]] && ((i++)) ;;
      *)
        if ((arguments == 0)) && [[ " $commands " == *" ${{words[i]}} "* ]]; then
          command+="${{command:+ }}${{words[i]}}"
          _{0}_describe "$command"
        else
          arguments+=1
        fi ;;
    esac
  done

  if [[ $prev == -* && " $value_options " == *" $prev "* ]]; then
    _{0}_value "$command" "$prev"
    return
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
    return
  fi
  _{0}_argument "$command" "$arguments"
  if ((arguments == 0)) && [[ -n $commands ]]; then
    COMPREPLY+=($(compgen -W "$commands" -- "$cur"))
  fi
}}
complete -F _{0} {0}
)",
                     kProgramName);
  return out;
}

std::string completion_preamble(std::string_view shell) {
  return fmt::format(
      "# {0} completion for {1}, generated by `{1} completion {0}` from the\n"
      "# definitions of its commands (compiler/cli): do not edit. Refresh with\n"
      "# `ninja -C build update-completions`.\n",
      shell, kProgramName);
}

}  // namespace profilec::cli
