// What both manifest readers share: the notes for constructs the schema
// model cannot express (PC0044), the checks of a pattern and a version, the
// platforms a manifest's keys inherit.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostic.h"
#include "schema/schema.h"

namespace profilec::manifest {

// Records a construct the model cannot express: on the schema (shown by
// `schema show`) and as a PC0044 note at `span`.
void not_expressed(schema::PayloadSchema& schema, const SourceSpan& span, std::string what, Diagnostics& diagnostics);

// True when `pattern` compiles as std::regex ECMAScript, as PC1006 runs it.
bool pattern_compiles(const std::string& pattern);

// The schema's one plain group, holding every top-level key.
schema::Group& app_group(schema::PayloadSchema& schema);

// Sets `platform` as supported since `introduced` (nullopt: since the first
// version) in `facts`.
void set_introduced(schema::OsFacts& facts, schema::Platform platform, std::optional<schema::OsVersion> introduced);

// "com.example.app" from ".../com.example.app.json": the file name without
// its extension.
std::string file_stem(std::string_view path);

}  // namespace profilec::manifest
