#include "schema/schema.h"

#include <fmt/format.h>

#include <charconv>

namespace profilec::schema {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> from_name(std::string_view name, const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, kPlatformCount> kPlatformNames = {"iOS", "macOS", "tvOS", "visionOS", "watchOS"};
constexpr std::array<std::string_view, 4> kModeNames = {"allowed", "required", "forbidden", "ignored"};
constexpr std::array<std::string_view, 9> kValueTypeNames = {"string", "integer", "real",       "boolean", "date",
                                                             "data",   "array",   "dictionary", "any"};
constexpr std::array<std::string_view, 5> kSchemaKindNames = {"payload", "profile", "common", "declaration",
                                                              "declarationbase"};
constexpr std::array<std::string_view, 7> kCombineRuleNames =
    {"none", "boolean-and", "boolean-or", "number-min", "number-max", "set-union", "set-intersection"};

template <typename T>
void take(std::optional<T>& mine, const std::optional<T>& theirs) {
  if (theirs) mine = theirs;
}

}  // namespace

std::string_view platform_name(Platform platform) { return kPlatformNames[static_cast<std::size_t>(platform)]; }
std::optional<Platform> platform_from_name(std::string_view name) { return from_name<Platform>(name, kPlatformNames); }
std::string_view mode_name(Mode mode) { return kModeNames[static_cast<std::size_t>(mode)]; }
std::optional<Mode> mode_from_name(std::string_view name) { return from_name<Mode>(name, kModeNames); }
std::string_view value_type_name(ValueType type) { return kValueTypeNames[static_cast<std::size_t>(type)]; }
std::optional<ValueType> value_type_from_name(std::string_view name) {
  return from_name<ValueType>(name, kValueTypeNames);
}
std::string_view schema_kind_name(SchemaKind kind) { return kSchemaKindNames[static_cast<std::size_t>(kind)]; }
std::optional<SchemaKind> schema_kind_from_name(std::string_view name) {
  return from_name<SchemaKind>(name, kSchemaKindNames);
}
std::string_view combine_rule_name(CombineRule rule) { return kCombineRuleNames[static_cast<std::size_t>(rule)]; }
std::optional<CombineRule> combine_rule_from_name(std::string_view name) {
  return from_name<CombineRule>(name, kCombineRuleNames);
}

void PlatformFacts::override_with(const PlatformFacts& more_specific) {
#define PLATFORM_FACT(field, type, label, row) take(field, more_specific.field);
#include "schema/platform_facts.def"
#undef PLATFORM_FACT
}

std::string format_scalar(const Scalar& value) {
  struct Visitor {
    std::string operator()(const std::string& s) const { return fmt::format("\"{}\"", s); }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const {
      char buffer[64];
      const auto r = std::to_chars(buffer, buffer + sizeof buffer, d);
      return std::string(buffer, r.ptr);
    }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
  };
  return std::visit(Visitor{}, value);
}

std::string KeyPath::text() const {
  std::string out;
  for (const std::string& segment : segments) out += (out.empty() ? "" : ".") + segment;
  return out;
}

const std::vector<Key>& PayloadSchema::children(const Key& key) const {
  if (key.subkeys_type >= 0 && static_cast<std::size_t>(key.subkeys_type) < types.size()) {
    return types[static_cast<std::size_t>(key.subkeys_type)].keys;
  }
  return key.subkeys;
}

std::vector<std::pair<const Group*, const Key*>> PayloadSchema::top_level(std::string_view name) const {
  std::vector<std::pair<const Group*, const Key*>> out;
  for (const Group& group : groups) {
    if (group.is_variant()) continue;
    for (const Key& key : group.keys) {
      if (key.name == name) out.emplace_back(&group, &key);
    }
  }
  return out;
}

}  // namespace profilec::schema
