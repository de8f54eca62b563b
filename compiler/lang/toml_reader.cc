#include "lang/toml_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "base/pattern.h"
#include "base/spelling.h"
#include "diag/fixes.h"
#include "lang/language_tables.h"
#include "lang/parse_policy.h"
#include "lang/toml_limits.h"

namespace profilec::lang {

SourceSpan span_of(const toml::source_region& region) {
  return SourceSpan{region.path, {region.begin.line, region.begin.column}, {region.end.line, region.end.column}};
}

std::string_view toml_type_name(toml::node_type type) {
  switch (type) {
    case toml::node_type::table: return "table";
    case toml::node_type::array: return "array";
    case toml::node_type::string: return "string";
    case toml::node_type::integer: return "integer";
    case toml::node_type::floating_point: return "float";
    case toml::node_type::boolean: return "boolean";
    case toml::node_type::date: return "date";
    case toml::node_type::time: return "time";
    case toml::node_type::date_time: return "datetime";
    default: return "nothing";
  }
}

std::vector<std::pair<const toml::key*, const toml::node*>> in_source_order(const toml::table& table) {
  std::vector<std::pair<const toml::key*, const toml::node*>> out;
  out.reserve(table.size());
  for (auto&& [key, node] : table) out.emplace_back(&key, &node);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    const auto& pa = a.first->source().begin;
    const auto& pb = b.first->source().begin;
    return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
  });
  return out;
}

std::optional<toml::table> parse_toml(std::string_view text, const std::string& path, Diagnostics& diagnostics) {
  // The readers refuse such a file before reading it when they can tell its
  // size; this catches text read whole elsewhere (policies, by compile.cc).
  if (text.size() > kMaxTomlBytes) {
    report_toml_too_large(path, text.size(), diagnostics);
    return std::nullopt;
  }
  if (!check_dotted_key_parts(text, path, diagnostics)) return std::nullopt;
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& error) {
    const auto& region = error.source();
    SourceSpan span{region.path ? region.path : std::make_shared<const std::string>(path),
                    {region.begin.line, region.begin.column},
                    {region.begin.line, region.begin.column}};
    std::string message(error.description());
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    while (!message.empty() && (message.back() == '.' || message.back() == ' ')) message.pop_back();
    diagnostics.report(DiagnosticCode::PC0001, std::move(span), std::move(message));
    return std::nullopt;
  }
}

SourceSpan file_start_span(const toml::table& root, const std::string& path) {
  return SourceSpan{root.source().path ? root.source().path : std::make_shared<const std::string>(path),
                    {1, 0},
                    {1, 0}};
}

const toml::table* TomlReader::expect_table(const toml::key& key, const toml::node& node) {
  if (const toml::table* table = node.as_table()) return table;
  diagnostics_.report(DiagnosticCode::PC0004, span_of(node.source()),
                      fmt::format("'{}' must be a table, found {}", key.str(), toml_type_name(node.type())));
  return nullptr;
}

void TomlReader::unknown(DiagnosticCode code, const toml::key& key, std::string message,
                         const std::vector<std::string>& known, std::string fallback_help,
                         const toml::table* in_table) {
  std::string help = std::move(fallback_help);
  if (auto suggestion = closest_spelling(key.str(), known)) help = fmt::format("did you mean '{}'?", *suggestion);
  Diagnostic& d = diagnostics_.report(code, span_of(key.source()), std::move(message), std::move(help));
  if (!in_table) return;
  const toml::node* node = in_table->get(key.str());
  if (node && node->is_table() && !node->as_table()->is_inline()) return;
  if (node && node->is_array_of_tables() && !node->as_array()->empty() &&
      !node->as_array()->front().as_table()->is_inline()) {
    return;
  }
  const double limit = std::max(1.0, static_cast<double>(key.str().size()) / 3.0);  // closest_spelling's
  if (auto certain = certain_spelling(key.str(), known, limit); certain && !in_table->contains(*certain)) {
    attach(d, key_rename_fix(span_of(key.source()), key.str(), *certain));
  }
}

std::optional<Field<std::string>> TomlReader::string_field(const toml::key& key, const toml::node& node,
                                                           std::string_view table) {
  if (const auto* s = node.as_string()) return Field<std::string>{s->get(), span_of(node.source())};
  diagnostics_.report(DiagnosticCode::PC0004, span_of(node.source()),
                      fmt::format("{}.{} must be a string, found {}", table, key.str(), toml_type_name(node.type())));
  return std::nullopt;
}

std::optional<Field<bool>> TomlReader::bool_field(const toml::key& key, const toml::node& node,
                                                  std::string_view table) {
  if (const auto* b = node.as_boolean()) return Field<bool>{b->get(), span_of(node.source())};
  diagnostics_.report(DiagnosticCode::PC0004, span_of(node.source()),
                      fmt::format("{}.{} must be true or false, found {}", table, key.str(),
                                  toml_type_name(node.type())));
  return std::nullopt;
}

std::optional<Field<std::string>> TomlReader::choice_field(const toml::key& key, const toml::node& node,
                                                           std::string_view table,
                                                           const std::vector<std::string>& choices) {
  auto field = string_field(key, node, table);
  if (!field) return std::nullopt;
  if (std::find(choices.begin(), choices.end(), field->value) != choices.end()) return field;
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + fmt::format("'{}'", c);
  std::string help = fmt::format("use one of {}", list);
  if (auto suggestion = closest_spelling(field->value, choices)) help = fmt::format("did you mean '{}'?", *suggestion);
  diagnostics_.report(DiagnosticCode::PC0004, field->span,
                      fmt::format("{}.{} cannot be '{}'", table, key.str(), field->value), help);
  return std::nullopt;
}

std::optional<std::vector<Field<std::string>>> TomlReader::string_list(const toml::key& key, const toml::node& node,
                                                                       std::string_view table,
                                                                       std::string_view example) {
  const toml::array* array = node.as_array();
  if (!array) {
    diagnostics_.report(DiagnosticCode::PC0004, span_of(node.source()),
                        fmt::format("{}.{} must be an array of strings, found {}", table, key.str(),
                                    toml_type_name(node.type())),
                        fmt::format("for example: {}", example));
    return std::nullopt;
  }
  std::vector<Field<std::string>> out;
  bool ok = true;
  for (const toml::node& item : *array) {
    if (const auto* s = item.as_string()) {
      out.push_back(Field<std::string>{s->get(), span_of(item.source())});
    } else {
      diagnostics_.report(DiagnosticCode::PC0004, span_of(item.source()),
                          fmt::format("{}.{} must hold strings only, found {}", table, key.str(),
                                      toml_type_name(item.type())),
                          fmt::format("for example: {}", example));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

TargetSection TomlReader::target(const toml::table& table, const toml::key& header) {
  static const std::vector<std::string> kFields([] {
    std::vector<std::string> names;
    names.reserve(kTargetFields.size());
    for (const TargetField& field : kTargetFields) names.emplace_back(field.name);
    return names;
  }());
  static const Pattern kVersion{kPlatformVersionPattern};
  // A kChoice field's words, from kTargetFields.
  auto choices = [](std::string_view field_name) {
    std::vector<std::string> words;
    for (const TargetField& field : kTargetFields) {
      if (field.name != field_name) continue;
      for (std::string_view word : field.choices) {
        if (!word.empty()) words.emplace_back(word);
      }
    }
    return words;
  };
  TargetSection target;
  target.span = span_of(header.source());
  for (const auto& [key, node] : in_source_order(table)) {
    const std::string name(key->str());
    if (name == "platforms") {
      const toml::table* platforms = node->as_table();
      if (!platforms) {
        diagnostics_.report(DiagnosticCode::PC0004, span_of(node->source()),
                            "target.platforms must be a table of platform = \"minimum version\"",
                            "for example: platforms = { iOS = \"17.0\", macOS = \"14.0\" }");
        continue;
      }
      target.platforms_span = span_of(key->source());
      for (const auto& [pkey, pnode] : in_source_order(*platforms)) {
        const auto& names = platform_names();
        if (std::find(names.begin(), names.end(), pkey->str()) == names.end()) {
          unknown(DiagnosticCode::PC0004, *pkey, fmt::format("unknown platform '{}'", pkey->str()), names,
                  "platforms are iOS, macOS, tvOS, visionOS and watchOS (iPadOS is iOS)", platforms);
          continue;
        }
        const auto* version = pnode->as_string();
        if (!version || !kVersion.matches(version->get())) {
          diagnostics_.report(DiagnosticCode::PC0004, span_of(pnode->source()),
                              fmt::format("the minimum {} version must be a string such as \"17.0\"", pkey->str()));
          continue;
        }
        target.platforms.push_back({std::string(pkey->str()), version->get(), span_of(pkey->source())});
      }
    } else if (name == "supervised") {
      target.supervised = bool_field(*key, *node, "target");
    } else if (name == "shared_ipad") {
      target.shared_ipad = bool_field(*key, *node, "target");
    } else if (name == "enrollment") {
      target.enrollment = choice_field(*key, *node, "target", choices(name));
    } else if (name == "install") {
      target.install = choice_field(*key, *node, "target", choices(name));
    } else {
      unknown(DiagnosticCode::PC0003, *key, fmt::format("unknown field '{}' in [target]", name), kFields,
              "see docs/language.md for the fields of [target]", &table);
    }
  }
  return target;
}

std::optional<Value> TomlReader::reference(const toml::table& table) {
  if (table.size() != 1) return std::nullopt;
  const auto entry = table.begin();
  const toml::key& key = entry->first;
  const toml::node& node = entry->second;
  const auto form = std::find_if(kValueForms.begin(), kValueForms.end(),
                                 [&](const ValueForm& f) { return f.key == key.str(); });
  if (form == kValueForms.end()) return std::nullopt;
  Value value;
  value.kind = form->kind;
  value.span = span_of(table.source());
  if (const auto* s = node.as_string()) {
    value.text = s->get();
  } else {
    diagnostics_.report(DiagnosticCode::PC0004, span_of(node.source()),
                        fmt::format("'{}' must be a string, found {}", key.str(), toml_type_name(node.type())),
                        fmt::format("write {{ {} = \"...\" }}", key.str()));
  }
  return value;
}

Value TomlReader::value(const toml::node& node) {
  Value value;
  value.span = span_of(node.source());
  switch (node.type()) {
    case toml::node_type::boolean:
      value.kind = Value::Kind::kBoolean;
      value.boolean = node.as_boolean()->get();
      break;
    case toml::node_type::integer:
      value.kind = Value::Kind::kInteger;
      value.integer = node.as_integer()->get();
      break;
    case toml::node_type::floating_point:
      value.kind = Value::Kind::kReal;
      value.real = node.as_floating_point()->get();
      break;
    case toml::node_type::string:
      value.kind = Value::Kind::kString;
      value.text = node.as_string()->get();
      break;
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
      value.kind = Value::Kind::kDateTime;
      value.datetime = convert_datetime(node);
      break;
    case toml::node_type::array:
      value.kind = Value::Kind::kArray;
      value.items.reserve(node.as_array()->size());  // no regrowth: a copy of a large array at its peak
      for (const toml::node& item : *node.as_array()) value.items.push_back(this->value(item));
      break;
    case toml::node_type::table: {
      const toml::table& table = *node.as_table();
      if (auto ref = reference(table)) return *ref;
      value.kind = Value::Kind::kTable;
      for (const auto& [key, child] : in_source_order(table)) {
        value.entries.push_back(Entry{std::string(key->str()), span_of(key->source()), this->value(*child)});
      }
      break;
    }
    default: break;
  }
  return value;
}

DateTime TomlReader::convert_datetime(const toml::node& node) {
  DateTime out;
  auto set_date = [&](const toml::date& d) {
    out.has_date = true;
    out.year = d.year;
    out.month = d.month;
    out.day = d.day;
  };
  auto set_time = [&](const toml::time& t) {
    out.has_time = true;
    out.hour = t.hour;
    out.minute = t.minute;
    out.second = t.second;
    out.nanosecond = t.nanosecond;
  };
  if (const auto* d = node.as_date()) set_date(d->get());
  if (const auto* t = node.as_time()) set_time(t->get());
  if (const auto* dt = node.as_date_time()) {
    const toml::date_time& v = dt->get();
    set_date(v.date);
    set_time(v.time);
    if (v.offset) {
      out.has_offset = true;
      out.offset_minutes = v.offset->minutes;
    }
  }
  return out;
}

}  // namespace profilec::lang
