// PC1004 not-allowed-value: a value outside the key's allowed values. A
// secret's value is shown as (secret).
#include <fmt/format.h>

#include "base/spelling.h"
#include "check/rules/rules.h"
#include "check/schema_errata.h"

namespace profilec::check::rules {
namespace {

std::optional<schema::Scalar> as_scalar(const ir::Value& v) {
  switch (v.kind()) {
    case ir::Value::Kind::kString: return schema::Scalar(v.string());
    case ir::Value::Kind::kInteger: return schema::Scalar(v.integer());
    case ir::Value::Kind::kReal: return schema::Scalar(v.real());
    case ir::Value::Kind::kBoolean: return schema::Scalar(v.boolean());
    default: return std::nullopt;
  }
}

bool same(const schema::Scalar& a, const schema::Scalar& b) {
  // An integer allowed value matches a real of the same value and back.
  if (std::holds_alternative<std::int64_t>(a) && std::holds_alternative<double>(b)) {
    return static_cast<double>(std::get<std::int64_t>(a)) == std::get<double>(b);
  }
  if (std::holds_alternative<double>(a) && std::holds_alternative<std::int64_t>(b)) return same(b, a);
  return a == b;
}

class NotAllowedValue final : public Rule {
 public:
  void check_value(const ValueVisit& visit, Diagnostics& diagnostics) const override {
    if (visit.key.allowed_values.empty() || visit.unknown_secret()) return;
    if (!value_has_type(visit.value, visit.key.type)) return;  // PC1003 says it
    const auto value = as_scalar(visit.value);
    if (!value) return;
    for (const schema::Scalar& allowed : visit.key.allowed_values) {
      if (same(allowed, *value)) return;
    }
    if (const auto* text = std::get_if<std::string>(&*value);
        text && !errata::known_good_value(visit.payload.payload.type, visit.key.name, *text).empty()) {
      return;
    }
    std::string list;
    std::vector<std::string> strings;
    for (const schema::Scalar& allowed : visit.key.allowed_values) {
      list += (list.empty() ? "" : ", ") + schema::format_scalar(allowed);
      if (const auto* s = std::get_if<std::string>(&allowed)) strings.push_back(*s);
    }
    // A resolved { env = } secret is never shown, nor hinted at by a
    // did-you-mean: its value must not reach any output (docs/security.md).
    const bool secret = visit.value.secret;
    const std::string shown = secret ? std::string("(secret)") : schema::format_scalar(*value);
    if (const auto* text = std::get_if<std::string>(&*value); text && !secret) {
      if (const std::string_view note = errata::removed_value(visit.payload.payload.type, visit.key.name, *text);
          !note.empty()) {
        diagnostics.report(DiagnosticCode::PC1004, visit.value.span,
                           fmt::format("'{}' = {} was removed", visit.path, shown),
                           fmt::format("{}; use one of {}", note, list));
        return;
      }
      if (auto suggestion = closest_spelling(*text, strings)) {
        diagnostics.report(DiagnosticCode::PC1004, visit.value.span,
                           fmt::format("'{}' cannot be {}", visit.path, shown),
                           fmt::format("did you mean \"{}\"?", *suggestion));
        return;
      }
    }
    diagnostics.report(DiagnosticCode::PC1004, visit.value.span, fmt::format("'{}' cannot be {}", visit.path, shown),
                       fmt::format("use one of {}", list));
  }
};

}  // namespace

const Rule& not_allowed_value() {
  static const NotAllowedValue rule;
  return rule;
}

}  // namespace profilec::check::rules
