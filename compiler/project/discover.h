// Which files a command works on: the paths named on the command line, and
// every policy below each named folder.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/expected.h"
#include "base/file_system.h"

namespace profilec {

class ProjectConfigs;

struct PolicyInput {
  std::string path;         // as it will appear in diagnostics
  std::string output_name;  // relative output path without extension: "ios/restrictions"
  bool named_explicitly;    // named on the command line, not found in a folder walk
  // The folder named on the command line that a folder walk found it in;
  // nullopt for a file named by itself. Without a profilec.toml it bounds
  // what the file may make profilec read (docs/security.md).
  std::optional<std::string> walk_root = std::nullopt;
};

// The project file's name; never treated as a policy.
inline constexpr std::string_view kProjectFileName = "profilec.toml";

// `build -o DIR` writes this file into DIR with its profiles; a folder walk
// skips every folder below the named folder that holds it, so built output
// is never read back as sources, whatever `-o` the build was given.
inline constexpr std::string_view kOutputMarkerName = ".profilec-output";
inline constexpr std::string_view kOutputMarkerText =
    "This folder was written by `profilec build`. profilec does not read the files below it as sources\n"
    "(docs/cli.md, \"Output of build\"); delete this file to make it read them.\n";

// Whether `relative` (a path below the project file's folder, '/'-separated)
// or one of its parent folders matches a profilec.toml `exclude` pattern:
// `*` stands for any characters but '/', `?` for one, and a `**` segment for
// any number of folders ("**/build", "vendor/**").
bool exclude_pattern_matches(std::string_view pattern, std::string_view relative);

// Whether `path` is `folder` or below it, compared as discover_policies
// compares exclusions (absolute, lexically normal; symbolic links are not
// followed).
bool is_within_folder(const std::string& path, const std::string& folder);

// A named file is taken whatever its extension (compile.cc tells a
// .mobileconfig from TOML by its content); a named folder contributes each
// *.toml below it except profilec.toml, each *.mobileconfig and each *.json
// (hidden folders are skipped; compile.cc reads a .json file only if it is
// a declaration, project/declaration_input.h). A walk leaves out the
// <policy>.declarations/*.json beside a <policy>.toml it also found: build
// output of that policy, which would report its findings twice.
// Output names mirror the path below the named folder, so two policies of
// the same name in different folders do not collide.
// Folder walks skip every file below a folder in `exclude` (compared after
// lexical normalisation, relative paths against the current directory):
// `build` excludes its own output folder, so `build . -o out` run twice does
// not read its own earlier output as .mobileconfig inputs. They also skip
// what the `exclude` patterns of the profilec.toml that applies to a file
// match, and every folder below a named folder that holds
// kOutputMarkerName. Files named on the command line are never excluded.
// `projects`: the run's project files (project_config.h), loaded here for
// their `exclude` and kept for the rest of the run; nullptr: loaded for the
// walk alone.
Expected<std::vector<PolicyInput>, IoError> discover_policies(const FileSystem& files,
                                                              const std::vector<std::string>& paths,
                                                              const std::vector<std::string>& exclude = {},
                                                              ProjectConfigs* projects = nullptr);

}  // namespace profilec
