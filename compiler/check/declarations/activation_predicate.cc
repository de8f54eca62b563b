// PC6060 and PC6061: an activation's `Predicate`. A predicate that does not
// parse makes the device reject the activation, and one that reads a status
// item Apple does not define compares against nothing, so its configurations
// never (or always) install. The status item names are Apple's
// (declarative/status/), generated into schemas/StatusItems.def.
#include <fmt/format.h>

#include <algorithm>

#include "base/spelling.h"
#include "check/declarations/check_declarations.h"
#include "check/declarations/predicate.h"

namespace profilec::check {
namespace {

const std::vector<std::string>& status_item_names() {
  static const std::vector<std::string> kNames = {
#define PROFILEC_STATUS_ITEM(name) name,
#include "StatusItems.def"
#undef PROFILEC_STATUS_ITEM
  };
  return kNames;
}

bool is_status_item(std::string_view name) {
  const auto& names = status_item_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::uint32_t code_points(std::string_view text) {
  std::uint32_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
  return count;
}

// Where bytes [offset, offset + length) of a string value were written, or
// the whole value when the source does not map one to one (escapes, a
// string over several lines).
SourceSpan span_in_string(const ir::Value& value, std::size_t offset, std::size_t length) {
  const SourceSpan& whole = value.span;
  if (!whole.known() || !value.is_string() || whole.begin.line != whole.end.line || whole.begin.column == 0) {
    return whole;
  }
  const std::string& text = value.string();
  // Written on one line between two quote characters, without escapes: each
  // character of the value is a character of the source.
  if (whole.end.column - whole.begin.column != code_points(text) + 2) return whole;
  SourceSpan span = whole;
  span.begin.column = whole.begin.column + 1 + code_points(std::string_view(text).substr(0, offset));
  span.end.column = span.begin.column + code_points(std::string_view(text).substr(offset, length));
  return span;
}

}  // namespace

void check_activation_predicate(const ir::Declaration& declaration, const schema::PayloadSchema& schema,
                                Diagnostics& diagnostics) {
  if (schema.declaration_class != "activation") return;
  const ir::Value* predicate = declaration.payload.find("Predicate");
  if (!predicate || !predicate->is_string()) return;
  const ParsedPredicate parsed = parse_predicate(predicate->string());
  if (parsed.error) {
    diagnostics.report(DiagnosticCode::PC6060, span_in_string(*predicate, parsed.error->offset, 1),
                       fmt::format("the activation's predicate does not parse: {}", parsed.error->message),
                       "a device rejects an activation whose predicate it cannot read; see Apple's Predicate "
                       "Programming Guide for the syntax");
  }
  for (const PredicateReference& reference : parsed.references) {
    if (reference.kind != PredicateReference::Kind::kStatusItem || is_status_item(reference.name)) continue;
    const std::string suggestion = did_you_mean(suggest_names(reference.name, status_item_names()));
    diagnostics.report(DiagnosticCode::PC6061, span_in_string(*predicate, reference.offset, reference.length),
                       fmt::format("'{}' is not a status item in Apple's data", reference.name),
                       suggestion.empty() ? "`profilec explain PC6061` lists where the status item names come from"
                                          : suggestion);
  }
}

}  // namespace profilec::check
