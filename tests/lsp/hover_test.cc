#include "lsp/hover.h"

#include <gtest/gtest.h>

namespace profilec::lsp {
namespace {

const schema::SchemaSet& schemas() {
  static const schema::SchemaSet set = schema::SchemaSet::embedded();
  return set;
}

std::optional<Hover> hover_at(std::string text, DocumentKind kind = DocumentKind::kPolicy) {
  const std::size_t cursor = text.find('|');
  text.erase(cursor, 1);
  return hover(TextDocument(text, 1), cursor, kind, schemas());
}

TEST(HoverTest, AKeyShowsItsTitleTypeDefaultAndPlatformFacts) {
  auto found = hover_at("[payload.r]\ntype = \"com.apple.applicationaccess\"\nallowAir|Drop = false\n");
  ASSERT_TRUE(found.has_value());
  EXPECT_NE(found->markdown.find("**allowAirDrop** `boolean`, optional"), std::string::npos) << found->markdown;
  EXPECT_NE(found->markdown.find("default true"), std::string::npos) << found->markdown;
  // The facts matrix of `schema show`: supervised on iOS, n/a on watchOS.
  EXPECT_NE(found->markdown.find("supervised"), std::string::npos) << found->markdown;
  EXPECT_NE(found->markdown.find("n/a"), std::string::npos) << found->markdown;
  EXPECT_EQ(found->end - found->begin, std::string("allowAirDrop").size());
}

TEST(HoverTest, ANestedKeyAndAPayloadType) {
  auto nested = hover_at(
      "[payload.w]\ntype = \"com.apple.wifi.managed\"\n"
      "EAPClientConfiguration = { TTLSInner|Authentication = \"PAP\" }\n");
  ASSERT_TRUE(nested.has_value());
  EXPECT_NE(nested->markdown.find("TTLS Inner Authentication"), std::string::npos) << nested->markdown;
  // Apple's description (the upstream `content`) follows the title.
  EXPECT_NE(nested->markdown.find("The inner authentication that the TTLS module uses."), std::string::npos)
      << nested->markdown;
  EXPECT_NE(nested->markdown.find("MSCHAPv2"), std::string::npos) << nested->markdown;
  auto type = hover_at("[payload.w]\ntype = \"com.apple.wifi.man|aged\"\n");
  ASSERT_TRUE(type.has_value());
  EXPECT_NE(type->markdown.find("**com.apple.wifi.managed**"), std::string::npos) << type->markdown;
  EXPECT_NE(type->markdown.find("introduced"), std::string::npos) << type->markdown;
  // A key of another type says nothing.
  EXPECT_FALSE(hover_at("[payload.w]\ntype = \"com.apple.wifi.managed\"\nallowCa|mera = true\n").has_value());
}

TEST(HoverTest, ARuleInProfilecTomlOrAnAllowComment) {
  auto in_rules = hover_at("[rules]\nunknown-|key = \"error\"\n", DocumentKind::kProjectFile);
  ASSERT_TRUE(in_rules.has_value());
  EXPECT_NE(in_rules->markdown.find("**PC1002** `unknown-key`"), std::string::npos) << in_rules->markdown;
  auto in_comment = hover_at("[profile]\nid = \"x\" # profilec: allow PC10|02 -- why\n");
  ASSERT_TRUE(in_comment.has_value());
  EXPECT_NE(in_comment->markdown.find("unknown-key"), std::string::npos);
  EXPECT_FALSE(hover_at("[profile]\nid = \"PC10|02\"\n").has_value());
}

}  // namespace
}  // namespace profilec::lsp
