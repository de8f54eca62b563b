// Reading the language's tables out of toml++ documents. Policies, fragments
// and the project file share these readers, so a field means the same thing
// and is checked the same way wherever it is written.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "diag/diagnostic.h"
#include "lang/ast.h"

namespace profilec::lang {

SourceSpan span_of(const toml::source_region& region);
std::string_view toml_type_name(toml::node_type type);

// toml::table keeps its keys sorted; the AST keeps the order the admin wrote.
std::vector<std::pair<const toml::key*, const toml::node*>> in_source_order(const toml::table& table);

// Parses a TOML document; a syntax error is reported as PC0001 and gives
// nullopt. `path` is used in spans as given.
std::optional<toml::table> parse_toml(std::string_view text, const std::string& path, Diagnostics& diagnostics);

// A span at the start of a file, for findings about the file as a whole
// ("missing [profile] table").
SourceSpan file_start_span(const toml::table& root, const std::string& path);

class TomlReader {
 public:
  explicit TomlReader(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}

  Diagnostics& diagnostics() { return diagnostics_; }

  // The node as a table, or PC0004 and nullptr.
  const toml::table* expect_table(const toml::key& key, const toml::node& node);

  // Reports `key` as unknown (PC0002 / PC0003), with "did you mean" when one
  // of `known` is close, else `fallback_help`. Given the table `key` is in,
  // the finding carries a rename when the name is certain (certain_spelling),
  // not already in `in_table`, and the key does not hold a table that TOML
  // may name in several places (a header, dotted keys).
  void unknown(DiagnosticCode code, const toml::key& key, std::string message, const std::vector<std::string>& known,
               std::string fallback_help, const toml::table* in_table = nullptr);

  // `table` names the table in messages: "profile" -> "profile.id must be ...".
  std::optional<Field<std::string>> string_field(const toml::key& key, const toml::node& node, std::string_view table);
  std::optional<Field<bool>> bool_field(const toml::key& key, const toml::node& node, std::string_view table);
  // A string field restricted to a few words.
  std::optional<Field<std::string>> choice_field(const toml::key& key, const toml::node& node, std::string_view table,
                                                 const std::vector<std::string>& choices);
  // An array of strings; nullopt (reported) when `node` is anything else.
  // `example` completes the help line: `use = ["stdlib:passcode/baseline"]`.
  std::optional<std::vector<Field<std::string>>> string_list(const toml::key& key, const toml::node& node,
                                                             std::string_view table, std::string_view example);

  // A [target] table (in a policy or in profilec.toml).
  TargetSection target(const toml::table& table, const toml::key& header);

  // Any TOML value, as the AST holds it; recognises { file = }, { base64 = }
  // and { env = }.
  Value value(const toml::node& node);

 private:
  std::optional<Value> reference(const toml::table& table);
  static DateTime convert_datetime(const toml::node& node);

  Diagnostics& diagnostics_;
};

}  // namespace profilec::lang
