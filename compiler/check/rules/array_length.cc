// PC1009 array-length: an array with fewer or more items than its schema allows.
#include <fmt/format.h>

#include "check/rules/rules.h"

namespace profilec::check::rules {
namespace {

class ArrayLength final : public Rule {
 public:
  void check_value(const ValueVisit& visit, Diagnostics& diagnostics) const override {
    if (visit.key.type != schema::ValueType::kArray || !visit.value.is_array()) return;
    const auto& items = visit.payload.schema->children(visit.key);
    if (items.empty()) return;
    const schema::Key& item = items.front();
    const auto n = static_cast<std::int64_t>(visit.value.array().size());
    if (item.repetition_min && n < *item.repetition_min) {
      diagnostics.report(DiagnosticCode::PC1009, visit.value.span,
                         fmt::format("'{}' has {} item{}, fewer than the {} required", visit.path, n, n == 1 ? "" : "s",
                                     *item.repetition_min),
                         fmt::format("give at least {}", *item.repetition_min));
    } else if (item.repetition_max && n > *item.repetition_max) {
      diagnostics.report(DiagnosticCode::PC1009, visit.value.span,
                         fmt::format("'{}' has {} items, more than the {} allowed", visit.path, n,
                                     *item.repetition_max),
                         fmt::format("give at most {}", *item.repetition_max));
    }
  }
};

}  // namespace

const Rule& array_length() {
  static const ArrayLength rule;
  return rule;
}

}  // namespace profilec::check::rules
