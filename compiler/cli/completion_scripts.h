// The completion scripts of bash, zsh and fish, one renderer each
// (completion_bash.cc, completion_zsh.cc, completion_fish.cc), from what
// describe_command_line read of the app. Pure: text in, text out;
// `profilec completion SHELL` prints them, and completions/ holds them as
// generated (`ninja -C build update-completions`).
#pragma once

#include <string>

#include "cli/completion_spec.h"

namespace profilec::cli {

// For bash-completion 2 (`_init_completion`, `_filedir`):
// share/bash-completion/completions/profilec.
std::string bash_completion(const CompletionCommand& program);

// A `#compdef` function file for compsys (`_arguments`):
// share/zsh/vendor-completions/_profilec.
std::string zsh_completion(const CompletionCommand& program);

// `complete` commands for fish 3: share/fish/vendor_completions.d/profilec.fish.
std::string fish_completion(const CompletionCommand& program);

// The first lines of every script: what made it and how to make it again.
std::string completion_preamble(std::string_view shell);

}  // namespace profilec::cli
