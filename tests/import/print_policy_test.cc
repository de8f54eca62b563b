#include "import/print_policy.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace profilec::import {
namespace {

using Kind = ModelValue::Kind;

ModelValue string(std::string text, bool line_break = false) {
  ModelValue v;
  v.kind = Kind::kString;
  v.text = std::move(text);
  v.line_break = line_break;
  return v;
}

ModelValue integer(std::int64_t n) {
  ModelValue v;
  v.kind = Kind::kInteger;
  v.integer = n;
  return v;
}

ModelValue reference(Kind kind, std::string text) {
  ModelValue v;
  v.kind = kind;
  v.text = std::move(text);
  return v;
}

ModelValue array(std::vector<ModelValue> items) {
  ModelValue v;
  v.kind = Kind::kArray;
  v.items = std::move(items);
  return v;
}

ModelValue table(std::vector<ModelEntry> entries) {
  ModelValue v;
  v.kind = Kind::kTable;
  v.entries = std::move(entries);
  return v;
}

constexpr std::string_view kHeader =
    "# Imported by `profilec import` from in.mobileconfig.\n"
    "# PayloadIdentifier and PayloadUUID are pinned: a profile built from this file replaces\n"
    "# the one devices already have instead of installing beside it.\n";
constexpr std::string_view kNoTarget =
    "\n# [target] is not recorded in a .mobileconfig: add one (docs/language.md) so that\n"
    "# the checks know which devices receive this profile.\n";

PolicyModel minimal() {
  PolicyModel model;
  model.source_name = "in.mobileconfig";
  model.profile.fields.push_back({"id", string("com.example.p")});
  return model;
}

// The text after the header, [profile] and the target reminder of minimal().
std::string payload_text(const PolicyModel& model) {
  const std::string text = print_policy(model);
  const std::string before = std::string(kHeader) + "\n[profile]\nid = \"com.example.p\"\n" + std::string(kNoTarget);
  EXPECT_EQ(text.substr(0, before.size()), before);
  return text.substr(std::min(before.size(), text.size()));
}

TEST(PrintPolicyTest, PrintsTheProfileFieldsOmitAndPayloadsInModelOrder) {
  PolicyModel model = minimal();
  model.profile.fields.push_back({"name", string("Two\nlines", true)});
  model.profile.fields.push_back({"removal", string("disallowed")});
  model.profile.omit = {"PayloadType", "PayloadVersion"};
  model.profile.apple_keys.push_back({"PayloadVersion", integer(2)});
  model.profile.extra_keys.push_back({"label", string("x")});
  model.payloads.push_back(PayloadModel{"corp",
                                        "com.apple.wifi.managed",
                                        {"PayloadUUID"},
                                        {{"SSID_STR", string("Corp")}, {"Password", reference(Kind::kEnv, "PW")}}});
  model.payloads.push_back(PayloadModel{"b", "com.example.b", {}, {}});
  EXPECT_EQ(print_policy(model),
            std::string(kHeader) +
                "\n[profile]\n"
                "id = \"com.example.p\"\n"
                "name = \"\"\"\nTwo\nlines\"\"\"\n"
                "removal = \"disallowed\"\n"
                "omit = [\"PayloadType\", \"PayloadVersion\"]\n"
                "PayloadVersion = 2\n"
                "\n# Top-level keys that are not Apple's, carried over as found (docs/language.md#profile).\n"
                "[profile.extra]\n"
                "label = \"x\"\n" +
                std::string(kNoTarget) +
                "\n[payload.corp]\n"
                "type = \"com.apple.wifi.managed\"\n"
                "omit = [\"PayloadUUID\"]\n"
                "SSID_STR = \"Corp\"\n"
                "Password = { env = \"PW\" }\n"
                "\n[payload.b]\n"
                "type = \"com.example.b\"\n");
}

TEST(PrintPolicyTest, PrintsAStatedTarget) {
  PolicyModel model = minimal();
  model.target = TargetModel{{{"iOS", "17.0"}, {"macOS", "14.0"}}, true, "user", true, true};
  const std::string text = print_policy(model);
  EXPECT_NE(text.find("\n# The target profilec.toml states for the imported file ([[targets]] or [target]).\n"
                      "[target]\n"
                      "platforms = { iOS = \"17.0\", macOS = \"14.0\" }\n"
                      "supervised = true\n"
                      "enrollment = \"user\"\n"
                      "shared_ipad = true\n"
                      "install = \"manual\"\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("is not recorded"), std::string::npos);

  model.target = TargetModel{{{"macOS", "13.0"}}, false, "", false, false};
  // Only what differs from the defaults: no supervised, enrollment, shared_ipad or install line.
  EXPECT_TRUE(print_policy(model).ends_with("[target]\nplatforms = { macOS = \"13.0\" }\n")) << print_policy(model);
}

TEST(PrintPolicyTest, ScalarsAndReferencesAreWrittenInline) {
  PolicyModel model = minimal();
  ModelValue yes;
  yes.kind = Kind::kBoolean;
  yes.boolean = true;
  ModelValue real;
  real.kind = Kind::kReal;
  real.real = 1;
  ModelValue date;
  date.kind = Kind::kDate;
  date.date = ir::Date{2026, 6, 30, 12, 0, 0};
  model.payloads.push_back(PayloadModel{"p",
                                        "t",
                                        {},
                                        {{"On", yes},
                                         {"Real", real},
                                         {"When", date},
                                         {"Cert", reference(Kind::kFile, "p-ca.cer")},
                                         {"Blob", reference(Kind::kBase64, "AAE=")},
                                         {"Empty", table({})},
                                         {"List", array({integer(1), integer(2)})},
                                         {"Dict", table({{"a b", integer(1)}, {"c", string("d")}})}}});
  EXPECT_EQ(payload_text(model),
            "\n[payload.p]\ntype = \"t\"\n"
            "On = true\n"
            "Real = 1.0\n"
            "When = 2026-06-30T12:00:00Z\n"
            "Cert = { file = \"p-ca.cer\" }\n"
            "Blob = { base64 = \"AAE=\" }\n"
            "Empty = {}\n"
            "List = [1, 2]\n"
            "Dict = { \"a b\" = 1, c = \"d\" }\n");
}

TEST(PrintPolicyTest, ALineBreakInsideAnArrayIsEscaped) {
  PolicyModel model = minimal();
  model.payloads.push_back(PayloadModel{"p", "t", {}, {{"Lines", array({string("a\nb", true)})}}});
  EXPECT_EQ(payload_text(model), "\n[payload.p]\ntype = \"t\"\nLines = [\"a\\nb\"]\n");
}

TEST(PrintPolicyTest, ArraysLongerThanALineAreSplitAtTheWidthExactly) {
  // Six items of 10 characters ("xxxxxxxx") and a last one of `last` + 2.
  const auto items = [](std::size_t count, std::size_t last) {
    std::vector<ModelValue> out(count, string(std::string(8, 'x')));
    out.back() = string(std::string(last, 'x'));
    return array(std::move(out));
  };
  PolicyModel model = minimal();
  // `Items = ` + [ + 6 * 10 + 6 * 2 + (last + 2) + ] = 84 + last: last = 16 makes 100, which fits.
  model.payloads.push_back(PayloadModel{"p", "t", {}, {{"Items", items(7, 16)}}});
  std::string text = payload_text(model);
  const std::size_t at = text.find("Items = [\"");
  ASSERT_NE(at, std::string::npos) << text;
  EXPECT_EQ(text.find('\n', at) - at, 100u) << text;
  model.payloads.back().entries.back().value = items(7, 17);  // 101
  text = payload_text(model);
  EXPECT_NE(text.find("Items = [\n  \"xxxxxxxx\",\n"), std::string::npos) << text;
  EXPECT_NE(text.find(fmt::format("  \"{}\",\n]\n", std::string(17, 'x'))), std::string::npos) << text;
}

TEST(PrintPolicyTest, DeepLongOrMultiLineDictionariesBecomeTables) {
  PolicyModel model = minimal();
  const ModelValue shallow = table({{"a", integer(1)}});
  const ModelValue long_table = table({{"k", string(std::string(100, 'y'))}});
  ModelValue secret = reference(Kind::kEnv, "PW");
  secret.line_break = true;  // the secret's text had a line break
  model.payloads.push_back(
      PayloadModel{"p",
                   "t",
                   {},
                   {{"Tables", table({{"inner", long_table}})},
                    {"Shallow", shallow},
                    {"Deep", table({{"x", table({{"y", array({integer(1)})}})}})},
                    {"Secret", table({{"Password", secret}})},
                    {"Rows",
                     array({shallow, table({{"a", integer(2)}, {"b", table({{"c", integer(3)}, {"d", array({})}})}})})},
                    {"Last", integer(9)}}});
  EXPECT_EQ(payload_text(model), std::string("\n[payload.p]\ntype = \"t\"\n"
                                             "Shallow = { a = 1 }\n"
                                             "Last = 9\n"
                                             // A table holding only tables gets no header of its own.
                                             "\n[payload.p.Tables.inner]\n") +
                                     fmt::format("k = \"{}\"\n", std::string(100, 'y')) +
                                     // Nested three deep: a table, whose short children stay inline.
                                     "\n[payload.p.Deep]\n"
                                     "x = { y = [1] }\n"
                                     "\n[payload.p.Secret]\n"
                                     "Password = { env = \"PW\" }\n"
                                     "\n[[payload.p.Rows]]\n"
                                     "a = 1\n"
                                     "\n[[payload.p.Rows]]\n"
                                     "a = 2\n"
                                     "b = { c = 3, d = [] }\n");
}

TEST(PrintPolicyTest, AnArrayOfTablesThatFitsStaysInline) {
  PolicyModel model = minimal();
  model.payloads.push_back(PayloadModel{"p", "t", {}, {{"Rows", array({table({{"a", integer(1)}}), table({})})}}});
  EXPECT_EQ(payload_text(model), "\n[payload.p]\ntype = \"t\"\nRows = [{ a = 1 }, {}]\n");
}

TEST(PrintPolicyTest, KeysAndTheSourceNameAreQuotedOrFlattenedForTheirPlace) {
  PolicyModel model = minimal();
  model.source_name = "two\nlines.mobileconfig";
  model.payloads.push_back(
      PayloadModel{"p", "t", {}, {{"com.apple.Safari", table({{"k", string(std::string(100, 'y'))}})}}});
  const std::string text = print_policy(model);
  EXPECT_EQ(text.rfind("# Imported by `profilec import` from two lines.mobileconfig.\n", 0), 0u) << text;
  EXPECT_NE(text.find("\n[payload.p.\"com.apple.Safari\"]\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace profilec::import
