// Build-time tool: compiles schemas/ into a C++ source file holding every
// schema, its overlay attached and checked, in the compact form of
// compiler/schema/schema_codec.h. The build fails on any problem in
// schemas/, with the file, line and column.
//
//   schema-compile OUT.cc SCHEMAS_DIR FILE...
//
// SCHEMAS_DIR/UPSTREAM names the Apple data release the schemas were
// generated from (tools/gen-schemas writes it); it is compiled in too, for
// `profilec --version`, and every schema must say it came from that commit.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>

#include "schema/key_path.h"
#include "schema/load_schema.h"
#include "schema/schema_codec.h"

namespace {

using profilec::schema::SchemaError;

std::string literal(std::string_view bytes) {
  std::string out = "\"";
  std::size_t column = 0;
  for (unsigned char c : bytes) {
    if (column >= 32) {
      out += "\"\n    \"";
      column = 0;
    }
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "\\%03o", c);  // octal: never merges with the next character
    out += buffer;
    ++column;
  }
  return out + "\"";
}

int fail(const SchemaError& e) {
  std::cerr << e.path << ":" << e.line << ":" << e.column << ": error: " << e.message << "\n";
  return 1;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// schemas/UPSTREAM: `key = "value"` lines (TOML's syntax, so Python's tomllib
// reads it too), `#` comments.
struct Upstream {
  std::map<std::string, std::string> fields;  // repository, release, commit
};

std::optional<SchemaError> parse_upstream(const std::string& text, const std::string& path, Upstream& out) {
  std::istringstream lines(text);
  std::string line;
  std::uint32_t number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const auto equals = line.find(" = \"");
    if (equals == std::string::npos || line.size() < equals + 5 || line.back() != '"') {
      return SchemaError{path, number, 1, "expected key = \"value\""};
    }
    const std::string key = line.substr(0, equals);
    if (key != "repository" && key != "release" && key != "commit") {
      return SchemaError{path, number, 1, "unknown key '" + key + "' (repository, release, commit)"};
    }
    std::string value = line.substr(equals + 4, line.size() - equals - 5);
    // Plain names only, so the value is written into C++ (and read back by tests) as it is.
    const auto plain = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("._/-", c); };
    if (value.empty() || !std::all_of(value.begin(), value.end(), plain)) {
      return SchemaError{path, number, static_cast<std::uint32_t>(equals + 4),
                         "'" + value + "' is not a plain name ([A-Za-z0-9._/-])"};
    }
    out.fields[key] = std::move(value);
  }
  for (const char* key : {"repository", "release", "commit"}) {
    if (out.fields.count(key) == 0) return SchemaError{path, 1, 1, std::string("missing '") + key + "'"};
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: schema-compile OUT.cc SCHEMAS_DIR FILE...\n";
    return 2;
  }
  const std::string out_path = argv[1];
  std::string root = argv[2];
  if (root.back() != '/') root += '/';
  Upstream upstream;
  if (auto problem = parse_upstream(read(root + "UPSTREAM"), "schemas/UPSTREAM", upstream)) return fail(*problem);
  const std::string from = upstream.fields["repository"] + "@" + upstream.fields["commit"];
  std::map<std::string, profilec::schema::PayloadSchema> schemas;
  std::map<std::string, profilec::schema::Overlay> overlays;
  for (int i = 3; i < argc; ++i) {
    const std::string path = argv[i];
    const std::string relative = "schemas/" + (path.rfind(root, 0) == 0 ? path.substr(root.size()) : path);
    const std::string text = read(path);
    if (relative.rfind("schemas/overlay/", 0) == 0) {
      std::string type;
      auto overlay = profilec::schema::load_overlay(text, relative, type);
      if (!overlay) return fail(overlay.error());
      overlays[type] = std::move(*overlay);
    } else {
      auto schema = profilec::schema::load_schema(text, relative);
      if (!schema) return fail(schema.error());
      if (schema->upstream != from) {
        return fail(SchemaError{relative, 0, 0,
                                "generated from " + schema->upstream + ", but schemas/UPSTREAM says " + from});
      }
      const std::string type = schema->payload_type;
      if (!schemas.emplace(type, std::move(*schema)).second) {
        return fail(SchemaError{relative, 0, 0, "a second schema for " + type});
      }
    }
  }
  for (auto& [type, overlay] : overlays) {
    const auto it = schemas.find(type);
    if (it == schemas.end()) return fail(SchemaError{overlay.source_path, 0, 0, "overlay for unknown type " + type});
    it->second.overlay = std::move(overlay);
    if (auto problem = profilec::schema::validate_overlay(it->second)) {
      return fail(SchemaError{it->second.overlay.source_path, 0, 0, *problem});
    }
  }
  std::ostringstream out;
  out << "// Generated by tools/schema-compile from schemas/. Do not edit.\n"
      << "#include \"schema/compiled_schemas.h\"\n\nnamespace profilec::schema {\nnamespace {\n\n"
      << "constexpr CompiledSchema kSchemas[] = {\n";
  for (const auto& [type, schema] : schemas) {
    const std::string bytes = profilec::schema::encode_schema(schema);
    out << "  {\"" << type << "\",\n   std::string_view(" << literal(bytes) << ", " << bytes.size() << ")},\n";
  }
  out << "};\n\n}  // namespace\n\nstd::span<const CompiledSchema> compiled_schemas() { return kSchemas; }\n\n"
      << "UpstreamRelease upstream_release() {\n  return {\"" << upstream.fields["repository"] << "\", \""
      << upstream.fields["release"] << "\", \"" << upstream.fields["commit"] << "\"};\n}\n\n"
      << "}  // namespace profilec::schema\n";
  const std::string temp = out_path + ".tmp";
  {
    std::ofstream file(temp, std::ios::binary);
    file << out.str();
    if (!file) {
      std::cerr << "schema-compile: cannot write " << temp << "\n";
      return 1;
    }
  }
  if (std::rename(temp.c_str(), out_path.c_str()) != 0) {
    std::cerr << "schema-compile: cannot write " << out_path << "\n";
    return 1;
  }
  return 0;
}
