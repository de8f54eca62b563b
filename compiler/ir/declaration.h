// A Declarative Device Management declaration as a device receives it
// (docs/ddm.md): its type, its Identifier, the ServerToken derived from its
// content, and its Payload, with the source span of every value. Produced by
// lowering [declaration.<name>] tables; written as JSON by
// declaration_to_json.
#pragma once

#include <string>
#include <vector>

#include "base/source_span.h"
#include "ir/value.h"

namespace profilec::ir {

// A value that names another declaration of the same policy by its
// Identifier ({ declaration = "NAME" }): where it sits, and whom it names.
struct DeclarationReference {
  std::string key;     // the top-level Payload key holding it ("StandardConfigurations")
  std::string target;  // the [declaration.NAME] it names
  SourceSpan span;     // the { declaration = } value
};

struct Declaration {
  std::string name;  // [declaration.NAME]
  std::string type;  // "com.apple.configuration.passcode.settings"
  SourceSpan span;   // the table header
  SourceSpan type_span;
  std::string identifier;
  Value payload;  // a dictionary: the declaration's Payload
  std::vector<DeclarationReference> references;
};

// The Identifier of [declaration.NAME] of the policy built to `output_name`
// (its path in the output folder, without extension): a UUIDv5 of
// "declaration:<output_name>:<NAME>" in profilec's namespace, so it stays
// the same on every build and differs between policies.
std::string derived_declaration_identifier(std::string_view output_name, std::string_view name);

// A UUIDv5 of the declaration's canonical content (Type and Payload, keys
// sorted): it changes exactly when the content does, not with the
// Identifier or the source's layout.
std::string declaration_server_token(const Declaration& declaration);

// The declaration as JSON (docs/ddm.md): an object with Type, Identifier,
// ServerToken and Payload, keys sorted, two-space indented, a final newline.
// Dates are ISO 8601 UTC strings and data is base64, as JSON has neither.
std::string declaration_to_json(const Declaration& declaration);

// True when a value of the declaration came from an { env = } secret.
bool holds_secret(const Declaration& declaration);

}  // namespace profilec::ir
