// Options several commands share: the platform a command is about
// (`check --platform`, `effective --platform`), repeatable options, and
// `--fail-on`.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "schema/schema.h"

namespace profilec::cli {

// One --platform value: PLATFORM or PLATFORM:VERSION ("iOS", "macOS:14.0").
struct PlatformChoice {
  schema::Platform platform;
  std::string version;  // empty: no version given
};

// Parses a --platform value. The platform names are the schemas'
// (schema::kAllPlatforms), spelt as Apple does; a version, when given, must
// be an OS version such as 17.0. Returns nullopt with `error` set (the
// message after "profilec: error: ") when the value is malformed.
std::optional<PlatformChoice> parse_platform_choice(std::string_view flag, std::string& error);

// "iOS, macOS, tvOS, visionOS or watchOS", from schema::kAllPlatforms.
std::string platform_choices_text();
// {"iOS", "macOS", ...}, from schema::kAllPlatforms: an option's choices.
std::vector<std::string> platform_names();

// Adds an option that may be given several times, one value each time
// (`--exclude a --exclude b`, or `--exclude=a`). CLI11's vector options
// would otherwise take every word after the option as another value, so
// `check --platform iOS file.mobileconfig` would lose its path.
CLI::Option* add_repeatable_option(CLI::App& app, const std::string& name, std::vector<std::string>& values,
                                   const std::string& description);

// `--fail-on error|warning|note` (check, build): the lowest severity that
// makes the exit code 1. Unset: profilec.toml's `fail_on`, else error.
CLI::Option* add_fail_on_option(CLI::App& app, std::string& value);
std::optional<Severity> fail_on_severity(const std::string& value);  // "" -> nullopt

}  // namespace profilec::cli
