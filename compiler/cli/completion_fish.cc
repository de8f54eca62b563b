#include <fmt/format.h>

#include <fmt/ranges.h>

#include <functional>
#include <string_view>
#include <vector>

#include "cli/completion_scripts.h"

namespace profilec::cli {
namespace {

using Kind = CompletionValue::Kind;

// `text` as one single-quoted fish word.
std::string fish_word(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

// "profilec schema show": how __profilec_state names a command.
std::string state_name(const CompletionCommand& command) {
  const std::string path = command_path_text(command);
  return fmt::format("{}{}{}", kProgramName, path.empty() ? "" : " ", path);
}

// The `complete` arguments that offer a value of this kind.
std::string candidates(const CompletionValue& value) {
  switch (value.kind) {
    case Kind::kNothing: return "-f";
    case Kind::kWords: return fmt::format("-f -a {}", fish_word(fmt::format("{}", fmt::join(value.words, " "))));
    case Kind::kFiles:
      if (value.extensions.empty()) return "-F";
      return fmt::format("-f -a {}",
                         fish_word(fmt::format("(__{}_files {})", kProgramName, fmt::join(value.extensions, " "))));
    case Kind::kFolders: return "-f -a '(__fish_complete_directories (commandline -ct))'";
    case Kind::kEnvironmentVariables: return "-f -a '(set --names --export)'";
  }
  return "-f";
}

// `__profilec_NAME COMMAND` prints, one a line, what `words` gives for COMMAND.
void table_function(const CompletionCommand& program, std::string_view name, std::string_view summary,
                    const std::function<std::vector<std::string>(const CompletionCommand&)>& words, std::string& out) {
  out += fmt::format("# {}\nfunction __{}_{}\n    switch $argv[1]\n", summary, kProgramName, name);
  for (const CompletionCommand* command : every_command(program)) {
    const std::vector<std::string> listed = words(*command);
    if (listed.empty()) continue;
    out += fmt::format("        case {}\n            printf '%s\\n' {}\n", fish_word(state_name(*command)),
                       fmt::join(listed, " "));
  }
  out += "    end\nend\n\n";
}

void option_line(const CompletionCommand& command, const CompletionOption& option, std::string& out) {
  std::string names;
  for (const std::string& name : option.names) {
    if (name.size() == 2) {
      names += fmt::format(" -s {}", name.substr(1));
    } else {
      names += fmt::format(" -l {}", name.substr(2));
    }
  }
  out += fmt::format("complete -c {} -n \"__{}_at '{}'\"{} -d {}", kProgramName, kProgramName, state_name(command),
                     names, fish_word(option.description));
  if (option.takes_value) out += fmt::format(" -r {}", candidates(option.value));
  out += '\n';
}

}  // namespace

std::string fish_completion(const CompletionCommand& program) {
  std::string out = completion_preamble("fish");
  out += fmt::format(
      "# Installed as share/fish/vendor_completions.d/{0}.fish; to try it: source\n"
      "# this file.\n\n",
      kProgramName);
  table_function(
      program, "commands", "The subcommands of the command $argv[1].",
      [](const CompletionCommand& command) {
        std::vector<std::string> names;
        for (const CompletionCommand& sub : command.commands) names.push_back(sub.path.back());
        return names;
      },
      out);
  table_function(
      program, "value_options", "The options of the command $argv[1] that take a value.",
      [](const CompletionCommand& command) {
        std::vector<std::string> names;
        for (const CompletionOption& option : command.options) {
          if (option.takes_value) names.insert(names.end(), option.names.begin(), option.names.end());
        }
        return names;
      },
      out);
  out += fmt::format(R"(# The command named before the cursor (options and their values skipped),
# then how many arguments it has so far: "{0} schema show", "0".
function __{0}_state
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l command {0}
    set -l arguments 0
    set -l skip false
    for token in $tokens
        if $skip
            set skip false
            continue
        end
        switch $token
            case '-*=*'
            case '-*'
                contains -- $token (__{0}_value_options $command); and set skip true
            case '*'
                if test $arguments = 0; and contains -- $token (__{0}_commands $command)
                    set command "$command $token"
                else
                    set arguments (math $arguments + 1)
                end
        end
    end
    echo $command
    echo $arguments
end

# True when the cursor is among the words of the command $argv[1] and, when
# given, at its argument $argv[2] (from 0) or later, up to $argv[3].
function __{0}_at --argument-names command first last
    set -l state (__{0}_state)
    test "$state[1]" = "$command"; or return 1
    test -n "$first"; or return 0
    test $state[2] -ge $first; or return 1
    test -z "$last"; or test $state[2] -le $last
end

# The files below the word at the cursor with one of the extensions $argv,
# and the folders (to go on into).
function __{0}_files
    set -l token (commandline -ct)
    for path in $token*
        if test -d $path
            echo $path/
        else
            for extension in $argv
                string match -q -- "*.$extension" $path; and echo $path
            end
        end
    end
end

complete -c {0} -f
)",
                     kProgramName);
  for (const CompletionCommand* command : every_command(program)) {
    out += fmt::format("\n# {}\n", state_name(*command));
    for (const CompletionCommand& sub : command->commands) {
      out += fmt::format("complete -c {} -n \"__{}_at '{}' 0 0\" -a {} -d {}\n", kProgramName, kProgramName,
                         state_name(*command), sub.path.back(), fish_word(sub.description));
    }
    for (const CompletionOption& option : command->options) option_line(*command, option, out);
    for (std::size_t i = 0; i < command->arguments.size(); ++i) {
      const CompletionArgument& argument = command->arguments[i];
      if (argument.value.kind == Kind::kNothing) continue;
      const std::string range = argument.repeatable ? std::to_string(i) : fmt::format("{0} {0}", i);
      // No description: fish would repeat it beside every candidate.
      out += fmt::format("complete -c {} -n \"__{}_at '{}' {}\" {}\n", kProgramName, kProgramName, state_name(*command),
                         range, candidates(argument.value));
    }
  }
  return out;
}

}  // namespace profilec::cli
