// Reading a declaration JSON file, as an MDM serves it to a device
// (docs/ddm.md, "Declaration files"): bytes -> the declaration IR, with the
// line and column of every key and value, so that the declaration rules
// (PC6xxx) point into the JSON as they point into policy source.
//
//   Diagnostics diagnostics;
//   if (read::claims_declaration(text)) {
//     auto declaration = read::read_declaration(text, "passcode.json", "passcode", diagnostics);
//     if (declaration) check::check_declarations({*declaration}, inputs, schemas, diagnostics);
//   }
//
// Which files are declarations is decided by their content, never by the
// name alone: a folder holds other JSON (editor settings, package locks,
// app manifests) that profilec must not complain about.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostic.h"
#include "ir/declaration.h"

namespace profilec::read {

// The prefixes of the declaration types, one per class (Apple's
// declarative/declarations/ folders).
inline constexpr std::string_view kDeclarationTypePrefixes[] = {"com.apple.configuration.", "com.apple.asset.",
                                                                "com.apple.activation.", "com.apple.management."};

// Whether `text` claims to be a declaration: somewhere in it, a member
// "Type" whose value is a string starting with a declaration type prefix.
// A cheap scan of the text, not a parse: a file that claims it but is not
// well-formed JSON is still a declaration gone wrong (PC6040), whereas JSON
// without such a member is not looked at.
bool claims_declaration(std::string_view text);

// What reading a file that claims to be a declaration gives.
enum class DeclarationShape {
  kDeclaration,     // read (maybe with PC6041 findings that left parts out)
  kMalformed,       // not well-formed JSON (PC6040 reported), or no usable envelope (PC6041)
  kNotADeclaration  // well-formed JSON whose top level is not an object with a declaration Type: nothing reported
};

struct DeclarationRead {
  DeclarationShape shape = DeclarationShape::kNotADeclaration;
  std::optional<ir::Declaration> declaration;
};

// Reads a declaration file at `path` (as diagnostics name it). `name` is
// what messages call the declaration (the file name without ".json", as
// `build` names the files it writes). The declaration keeps the file's
// Identifier; its Payload is the JSON's, a JSON integer an integer, a
// fraction or exponent a real.
//
// Findings: PC6040 declaration-json-syntax (not well-formed JSON, at the
// place the reader stopped), PC6041 malformed-declaration (Type, Identifier
// or ServerToken missing or not a string, Payload missing or not an object,
// a member set twice, a null value, a top-level member Apple does not
// define; each at its place).
DeclarationRead read_declaration(std::string_view text, const std::string& path, std::string_view name,
                                 Diagnostics& diagnostics);

}  // namespace profilec::read
