// What the value of an option or argument is, for the shell completions
// (`profilec completion`), where CLI11 cannot tell by itself. CLI11 knows an
// option's allowed values (CLI::IsMember) and which options take existing
// folders (CLI::ExistingDirectory); a hint says the rest, on the option
// itself, so the completions are read from the same definitions as parsing
// and --help (cli/completion_spec.h).
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <vector>

namespace profilec::cli {

enum class ValueHint {
  kText,                 // free text or a number: nothing to complete
  kFile,                 // any file (what a text option without a hint completes)
  kFolder,               // a folder
  kPolicyPath,           // policy (.toml) or .mobileconfig files, or folders
  kProfile,              // .mobileconfig files, or folders
  kPayloadType,          // a payload type of the schemas
  kRule,                 // a rule's code or name (diag/codes.def)
  kStdlibFragment,       // a stdlib fragment's name (lang/stdlib.h)
  kPlatform,             // a platform of the schemas, optionally with :VERSION
  kEnvironmentVariable,  // the name of an environment variable
};

// A validator that accepts every value and changes neither the value nor
// --help; its name carries the hint: `option->check(completes(ValueHint::kFolder))`.
CLI::Validator completes(ValueHint hint);

// The hint `completes` put on `option`, if any.
std::optional<ValueHint> completion_hint(CLI::Option& option);

// Every validator of `option` (CLI::IsMember, the hints, ...), in order.
std::vector<const CLI::Validator*> validators_of(CLI::Option& option);

}  // namespace profilec::cli
