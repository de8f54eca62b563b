// profilec.toml's defaults, applied to one policy (docs/language.md, "The
// project file"). The project stage reads the file; this stage receives the
// defaults as plain data.
#pragma once

#include <optional>
#include <string>

#include "diag/diagnostic.h"
#include "lang/ast.h"

namespace profilec::lang {

struct ProjectDefaults {
  std::string project_file;                        // its path; empty when no profilec.toml applies
  std::optional<Field<std::string>> organization;  // [profile].organization
  std::optional<Field<std::string>> id_prefix;     // [profile].id_prefix
  TargetSection target;                            // [target]
};

// A policy's own fields win; what it leaves out comes from the defaults,
// field by field (`platforms` is one field: a policy's platforms replace the
// default platforms, they are not merged). A relative id (".restrictions")
// becomes <id_prefix>.restrictions; without an id_prefix it is PC0004.
// Values taken from the defaults keep their spans in profilec.toml.
void apply_project_defaults(PolicyFile& policy, const ProjectDefaults& defaults, Diagnostics& diagnostics);

}  // namespace profilec::lang
