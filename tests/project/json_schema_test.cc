#include "project/json_schema.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

#include "lang/language_tables.h"
#include "schema/schema_set.h"

namespace profilec {
namespace {

// tests/cli/test_json_schema.py validates the output as JSON Schema and
// runs real validators over it; these pin how it is built from the tables.

const schema::SchemaSet& schemas() {
  static const schema::SchemaSet set = schema::SchemaSet::embedded();
  return set;
}

TEST(JsonSchemaTest, TheSameSchemasGiveTheSameBytes) {
  const std::string first = export_json_schema(JsonSchemaFor::kPolicy, schemas());
  EXPECT_EQ(first, export_json_schema(JsonSchemaFor::kPolicy, schemas()));
  EXPECT_EQ(first.rfind("{\n", 0), 0U);
  EXPECT_EQ(first.back(), '\n');
  EXPECT_NE(first, export_json_schema(JsonSchemaFor::kFragment, schemas()));
}

TEST(JsonSchemaTest, TheLanguageTablesAreWhatItSays) {
  const std::string text = export_json_schema(JsonSchemaFor::kPolicy, schemas());
  for (const lang::TargetField& field : lang::kTargetFields) {
    EXPECT_NE(text.find(fmt::format("\"{}\": {{", field.name)), std::string::npos) << field.name;
  }
  for (const lang::ValueForm& form : lang::kValueForms) {
    EXPECT_NE(text.find(fmt::format("\"form.{}\": {{", form.key)), std::string::npos) << form.key;
  }
  EXPECT_NE(text.find("\"duration_until_removal\": {"), std::string::npos);  // profile_fields.def
  EXPECT_NE(text.find("\"automated\""), std::string::npos);
}

TEST(JsonSchemaTest, EveryKnownPayloadTypeIsSelectedByItsType) {
  const std::string text = export_json_schema(JsonSchemaFor::kPolicy, schemas());
  const auto types = schemas().payload_types();
  ASSERT_GT(types.size(), 100U);
  for (const std::string& type : types) {
    ASSERT_NE(text.find(fmt::format("\"$ref\": \"#/definitions/payload.{}\"", type)), std::string::npos) << type;
  }
  // Allowed values become an enum, with what check's errata let through.
  EXPECT_NE(text.find("\"WPA2\""), std::string::npos);
  EXPECT_NE(text.find("\"Application\""), std::string::npos);  // com.apple.homescreenlayout's Type
}

TEST(JsonSchemaTest, UnknownPayloadKeysAreRefusedOnlyWhenAsked) {
  const std::string open = export_json_schema(JsonSchemaFor::kPolicy, schemas());
  const std::string strict = export_json_schema(JsonSchemaFor::kPolicy, schemas(), JsonSchemaOptions{true});
  auto count = [](const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  const std::string closed = "\"additionalProperties\": false";
  // The language's own tables are closed either way; each payload type
  // adds one more when asked.
  EXPECT_GE(count(open, closed), 4U);
  EXPECT_EQ(count(strict, closed), count(open, closed) + schemas().payload_types().size());
  EXPECT_NE(open.find("\"^[A-Z]\""), std::string::npos);
  EXPECT_EQ(strict.find("\"^[A-Z]\""), std::string::npos);
}

TEST(JsonSchemaTest, NamesOfWhatItIsFor) {
  EXPECT_EQ(json_schema_for_from_name("policy"), JsonSchemaFor::kPolicy);
  EXPECT_EQ(json_schema_for_from_name("fragment"), JsonSchemaFor::kFragment);
  EXPECT_EQ(json_schema_for_from_name("policies"), std::nullopt);
}

}  // namespace
}  // namespace profilec
