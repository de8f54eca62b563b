// Declaration JSON files: which text claims to be one, what is read (with
// the line and column of every member name and value), and each envelope
// problem reported at its place.
#include "read/read_declaration.h"

#include <gtest/gtest.h>

namespace profilec::read {
namespace {

constexpr std::string_view kPasscode = R"({
  "Type": "com.apple.configuration.passcode.settings",
  "Identifier": "passcode-1",
  "ServerToken": "token-1",
  "Payload": {
    "MinimumLength": 8,
    "MaximumGracePeriodInMinutes": 1.5,
    "Nested": [true, {"A": "b"}]
  }
}
)";

struct Read {
  DeclarationRead read;
  Diagnostics diagnostics;
};

Read read(std::string_view text) {
  Read out;
  out.read = read_declaration(text, "d.json", "d", out.diagnostics);
  return out;
}

// The one finding of `r`, as "PC6041 L:C".
std::string only_finding(const Read& r) {
  if (r.diagnostics.all().size() != 1) return "findings: " + std::to_string(r.diagnostics.all().size());
  const Diagnostic& d = r.diagnostics.all().front();
  return std::string(info(d.code).id) + " " + std::to_string(d.span.begin.line) + ":" +
         std::to_string(d.span.begin.column);
}

TEST(ClaimsDeclaration, ByATypeOfADeclarationClass) {
  EXPECT_TRUE(claims_declaration(kPasscode));
  EXPECT_TRUE(claims_declaration(R"({"Type"  :	"com.apple.asset.data"})"));
  EXPECT_TRUE(claims_declaration(R"({"Type":"com.apple.activation.simple")"));  // malformed, still a claim
  EXPECT_TRUE(claims_declaration(R"({"Type": "com.apple.management.properties"})"));
}

TEST(ClaimsDeclaration, NotOtherJson) {
  EXPECT_FALSE(claims_declaration(R"({"name": "x", "version": "1.0.0"})"));
  EXPECT_FALSE(claims_declaration(R"({"Type": "com.apple.wifi.managed"})"));  // a payload type
  EXPECT_FALSE(claims_declaration(R"({"Type": 5, "x": "com.apple.configuration.a"})"));
  EXPECT_FALSE(claims_declaration(R"({"type": "com.apple.configuration.a"})"));  // the member is "Type"
  EXPECT_FALSE(claims_declaration(R"({"Type": "com.apple.configurationX"})"));
  EXPECT_FALSE(claims_declaration(""));
  EXPECT_FALSE(claims_declaration(R"("Type")"));
}

TEST(ReadDeclaration, ReadsTheEnvelopeAndThePayloadWithPositions) {
  const Read r = read(kPasscode);
  EXPECT_TRUE(r.diagnostics.empty());
  ASSERT_EQ(r.read.shape, DeclarationShape::kDeclaration);
  const ir::Declaration& d = *r.read.declaration;
  EXPECT_EQ(d.name, "d");
  EXPECT_EQ(d.type, "com.apple.configuration.passcode.settings");
  EXPECT_EQ(d.identifier, "passcode-1");
  EXPECT_EQ(d.type_span.begin, (SourcePosition{2, 11}));
  EXPECT_EQ(*d.type_span.path, "d.json");
  EXPECT_EQ(d.span.begin, (SourcePosition{5, 14}));
  ASSERT_EQ(d.payload.dict().size(), 3u);
  const ir::DictEntry& length = d.payload.dict()[0];
  EXPECT_EQ(length.key, "MinimumLength");
  EXPECT_EQ(length.key_span.begin, (SourcePosition{6, 5}));
  EXPECT_EQ(length.value.integer(), 8);
  EXPECT_EQ(length.value.span.begin, (SourcePosition{6, 22}));
  EXPECT_EQ(d.payload.dict()[1].value.kind(), ir::Value::Kind::kReal);
  const ir::Value& nested = d.payload.dict()[2].value;
  ASSERT_EQ(nested.array().size(), 2u);
  EXPECT_TRUE(nested.array()[0].boolean());
  EXPECT_EQ(nested.array()[1].find("A")->string(), "b");
}

TEST(ReadDeclaration, MalformedJsonIsReportedWhereTheReaderStopped) {
  const Read r = read("{\n  \"Type\": \"com.apple.configuration.passcode.settings\",\n  \"Payload\": {,}\n}\n");
  EXPECT_EQ(r.read.shape, DeclarationShape::kMalformed);
  EXPECT_EQ(only_finding(r), "PC6040 3:15");
}

TEST(ReadDeclaration, OtherJsonIsNoDeclarationAndNotReported) {
  for (std::string_view text : {R"([{"Type": "com.apple.configuration.passcode.settings"}])",
                                R"({"Type": "com.apple.wifi.managed"})", R"({"Payload": {}})", "3"}) {
    const Read r = read(text);
    EXPECT_EQ(r.read.shape, DeclarationShape::kNotADeclaration) << text;
    EXPECT_TRUE(r.diagnostics.empty()) << text;
  }
}

TEST(ReadDeclaration, EachEnvelopeProblemAtItsPlace) {
  const std::string base(kPasscode);
  auto replaced = [&](std::string_view from, std::string_view to) {
    std::string text = base;
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  // Missing members: at the top-level object.
  EXPECT_EQ(only_finding(read(replaced("  \"ServerToken\": \"token-1\",\n", ""))), "PC6041 1:1");
  EXPECT_EQ(only_finding(read(replaced("  \"Identifier\": \"passcode-1\",\n", ""))), "PC6041 1:1");
  // Of the wrong kind: at the value.
  EXPECT_EQ(only_finding(read(replaced("\"token-1\"", "1"))), "PC6041 4:18");
  // An unknown top-level member: at its name.
  EXPECT_EQ(only_finding(read(replaced("  \"Payload\"", "  \"MinimumLength\": 8,\n  \"Payload\""))), "PC6041 5:3");
  // Set twice: at the second name, and the first value is kept.
  const Read twice = read(replaced("\"MaximumGracePeriodInMinutes\": 1.5", "\"MinimumLength\": 9"));
  EXPECT_EQ(only_finding(twice), "PC6041 7:5");
  EXPECT_EQ(twice.read.declaration->payload.find("MinimumLength")->integer(), 8);
  // A null: at the value, and left out.
  const Read null = read(replaced("1.5", "null"));
  EXPECT_EQ(only_finding(null), "PC6041 7:36");
  EXPECT_EQ(null.read.declaration->payload.find("MaximumGracePeriodInMinutes"), nullptr);
  // Payload missing or not an object: no declaration.
  const Read array = read(replaced("\"Payload\": {", "\"Payload\": [], \"X\": {"));
  EXPECT_FALSE(array.read.declaration.has_value());
  EXPECT_EQ(array.read.shape, DeclarationShape::kMalformed);
}

}  // namespace
}  // namespace profilec::read
