// `profilec stdlib list|show`: what the embedded stdlib fragments
// (stdlib/**/*.toml, lang/stdlib.h) are for and which keys they set.
#pragma once

#include <optional>
#include <string>

#include "schema/schema_set.h"

namespace profilec::cli {

// Every fragment: name, payload type, platforms, whether a key it sets (or
// its payload type) needs a supervised device on one of its platforms (the
// schemas' facts, not a claim of the fragment), and its description.
std::string render_stdlib_list(const schema::SchemaSet& schemas);
std::string render_stdlib_list_json(const schema::SchemaSet& schemas);

// One fragment ("wifi/wpa2-personal", with or without "stdlib:"): its
// [fragment] facts, its header comment, and the keys a payload that uses it
// receives (what it `use`s merged first, as resolve_uses does), each with
// the place that sets it, "stdlib:NAME.toml:LINE". nullopt when there is
// no such fragment.
std::optional<std::string> render_stdlib_fragment(const schema::SchemaSet& schemas, std::string_view name);
std::optional<std::string> render_stdlib_fragment_json(const schema::SchemaSet& schemas, std::string_view name);

}  // namespace profilec::cli
