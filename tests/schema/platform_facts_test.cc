// The platform facts are listed once (schema/platform_facts.def): each one
// must load from a schema file, survive the compiled form and be inherited.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "schema/load_schema.h"
#include "schema/schema.h"
#include "schema/schema_codec.h"

namespace profilec::schema {
namespace {

// Every fact stated, none at its type's default: 15.1, true, "forbidden".
PlatformFacts every_fact_stated() {
  PlatformFacts facts;
  for_each_platform_fact(facts, [](const PlatformFactInfo&, auto& fact) {
    using T = typename std::remove_cvref_t<decltype(fact)>::value_type;
    if constexpr (std::is_same_v<T, OsVersion>) fact = *OsVersion::parse("15.1");
    else if constexpr (std::is_same_v<T, bool>) fact = true;
    else fact = Mode::kForbidden;
  });
  return facts;
}

std::string as_toml(const PlatformFacts& facts) {
  std::string out;
  for_each_platform_fact(facts, [&](const PlatformFactInfo& info, const auto& fact) {
    using T = typename std::remove_cvref_t<decltype(fact)>::value_type;
    if constexpr (std::is_same_v<T, OsVersion>) out += fmt::format("{} = \"{}\"\n", info.field, fact->text());
    else if constexpr (std::is_same_v<T, bool>) out += fmt::format("{} = {}\n", info.field, *fact);
    else out += fmt::format("{} = \"{}\"\n", info.field, mode_name(*fact));
  });
  return out;
}

TEST(PlatformFactsTest, TableHasTwentyTwoFactsWithDistinctNamesAndRows) {
  EXPECT_EQ(kPlatformFactCount, 22u);  // 14 of profiles, 8 of declarations (docs/ddm.md)
  std::set<std::string_view> fields, labels;
  std::set<std::size_t> rows;
  for (const PlatformFactInfo& info : kPlatformFactInfo) {
    fields.insert(info.field);
    labels.insert(info.label);
    rows.insert(info.row);
  }
  EXPECT_EQ(fields.size(), kPlatformFactCount);
  EXPECT_EQ(labels.size(), kPlatformFactCount);
  ASSERT_EQ(rows.size(), kPlatformFactCount);
  EXPECT_EQ(*rows.begin(), 0u);
  EXPECT_EQ(*rows.rbegin(), kPlatformFactCount - 1);  // so rows are 0..13, each once
  EXPECT_EQ(kPlatformFactInfo.front().field, "introduced");
}

TEST(PlatformFactsTest, EveryFactLoadsFromASchemaFileAndSurvivesTheCompiledForm) {
  const PlatformFacts stated = every_fact_stated();
  const std::string text = fmt::format(R"(format = 1
kind = "payload"
payloadtype = "com.example.facts"
title = "Facts"

[[groups]]
[groups.os.iOS]
{})",
                                       as_toml(stated));
  auto schema = load_schema(text, "facts.toml");
  ASSERT_TRUE(schema.has_value()) << schema.error().message;
  ASSERT_EQ(schema->groups.size(), 1u);
  const auto& ios = schema->groups[0].os[static_cast<std::size_t>(Platform::kIOS)];
  ASSERT_TRUE(ios.has_value());
  EXPECT_EQ(*ios, stated);
  EXPECT_FALSE(schema->groups[0].os[static_cast<std::size_t>(Platform::kMacOS)].has_value());
  EXPECT_EQ(decode_schema(encode_schema(*schema)), *schema);
}

TEST(PlatformFactsTest, OverrideTakesEveryStatedFactAndKeepsTheRest) {
  const PlatformFacts stated = every_fact_stated();
  PlatformFacts inherited;
  inherited.override_with(stated);
  EXPECT_EQ(inherited, stated);
  inherited.override_with(PlatformFacts{});  // a level that states nothing changes nothing
  EXPECT_EQ(inherited, stated);
  PlatformFacts one;
  one.supervised = false;
  inherited.override_with(one);
  EXPECT_EQ(inherited.supervised, false);
  EXPECT_EQ(inherited.requiresdep, true);
}

}  // namespace
}  // namespace profilec::schema
