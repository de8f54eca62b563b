#include "analyze/combine.h"

#include <algorithm>

#include "analyze/value_compare.h"

namespace profilec::analyze {

schema::CombineRule combine_rule(const schema::PayloadSchema* schema, std::string_view key) {
  if (!schema) return schema::CombineRule::kNone;
  for (const schema::CombineFact& fact : schema->overlay.combine) {
    if (fact.path.variant.empty() && fact.path.segments.size() == 1 && fact.path.segments[0] == key) {
      return fact.rule;
    }
  }
  return schema::CombineRule::kNone;
}

bool has_combine_facts(const schema::PayloadSchema* schema) { return schema && !schema->overlay.combine.empty(); }

namespace {

bool all_of_kind(std::span<const ir::Value* const> values, bool (*pred)(const ir::Value&)) {
  return std::all_of(values.begin(), values.end(), [&](const ir::Value* v) { return pred(*v); });
}

bool is_number(const ir::Value& v) {
  return v.kind() == ir::Value::Kind::kInteger || v.kind() == ir::Value::Kind::kReal;
}

double number_of(const ir::Value& v) {
  return v.kind() == ir::Value::Kind::kInteger ? static_cast<double>(v.integer()) : v.real();
}

bool contains(const ir::Array& items, const ir::Value& value) {
  return std::any_of(items.begin(), items.end(), [&](const ir::Value& item) { return same_value(item, value); });
}

}  // namespace

std::optional<ir::Value> combine_values(schema::CombineRule rule, std::span<const ir::Value* const> values) {
  using schema::CombineRule;
  switch (rule) {
    case CombineRule::kNone: return std::nullopt;
    case CombineRule::kBooleanAnd:
    case CombineRule::kBooleanOr: {
      if (!all_of_kind(values, [](const ir::Value& v) { return v.is_boolean(); })) return std::nullopt;
      const bool want = rule == CombineRule::kBooleanOr;  // the value that wins
      for (const ir::Value* v : values) {
        if (v->boolean() == want) return *v;
      }
      return *values.front();
    }
    case CombineRule::kNumberMin:
    case CombineRule::kNumberMax: {
      if (!all_of_kind(values, is_number)) return std::nullopt;
      const ir::Value* best = values.front();
      for (const ir::Value* v : values) {
        const bool better = rule == CombineRule::kNumberMin ? number_of(*v) < number_of(*best)
                                                            : number_of(*v) > number_of(*best);
        if (better) best = v;
      }
      return *best;
    }
    case CombineRule::kSetUnion:
    case CombineRule::kSetIntersection: {
      if (!all_of_kind(values, [](const ir::Value& v) { return v.is_array(); })) return std::nullopt;
      ir::Array result;
      if (rule == CombineRule::kSetUnion) {
        for (const ir::Value* v : values) {
          for (const ir::Value& item : v->array()) {
            if (!contains(result, item)) result.push_back(item);
          }
        }
      } else {
        for (const ir::Value& item : values.front()->array()) {
          const bool everywhere = std::all_of(values.begin(), values.end(),
                                              [&](const ir::Value* v) { return contains(v->array(), item); });
          if (everywhere && !contains(result, item)) result.push_back(item);
        }
      }
      return ir::make_array(std::move(result), values.front()->span);
    }
  }
  return std::nullopt;
}

std::string combine_reason(schema::CombineRule rule) {
  using schema::CombineRule;
  switch (rule) {
    case CombineRule::kBooleanAnd: return "false wins if any payload says false";
    case CombineRule::kBooleanOr: return "true wins if any payload says true";
    case CombineRule::kNumberMin: return "the smallest value wins";
    case CombineRule::kNumberMax: return "the largest value wins";
    case CombineRule::kSetUnion: return "the lists are joined";
    case CombineRule::kSetIntersection: return "only the items every list has remain";
    case CombineRule::kNone: return "the result is undefined";
  }
  return {};
}

}  // namespace profilec::analyze
