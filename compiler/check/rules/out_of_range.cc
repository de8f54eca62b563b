// PC1005 out-of-range: a number outside the key's range.
#include <fmt/format.h>

#include "check/rules/rules.h"

namespace profilec::check::rules {
namespace {

std::string number(double v) { return fmt::format("{}", v); }

class OutOfRange final : public Rule {
 public:
  void check_value(const ValueVisit& visit, Diagnostics& diagnostics) const override {
    const schema::Key& key = visit.key;
    if (!key.range_min && !key.range_max) return;
    double value;
    if (visit.value.kind() == ir::Value::Kind::kInteger) value = static_cast<double>(visit.value.integer());
    else if (visit.value.kind() == ir::Value::Kind::kReal) value = visit.value.real();
    else return;
    const bool low = key.range_min && value < *key.range_min;
    const bool high = key.range_max && value > *key.range_max;
    if (!low && !high) return;
    std::string range;
    if (key.range_min && key.range_max)
      range = fmt::format("from {} to {}", number(*key.range_min), number(*key.range_max));
    else if (key.range_min) range = fmt::format("at least {}", number(*key.range_min));
    else range = fmt::format("at most {}", number(*key.range_max));
    diagnostics.report(DiagnosticCode::PC1005, visit.value.span,
                       fmt::format("'{}' is {}, outside its range", visit.path, number(value)),
                       fmt::format("use a value {}", range));
  }
};

}  // namespace

const Rule& out_of_range() {
  static const OutOfRange rule;
  return rule;
}

}  // namespace profilec::check::rules
