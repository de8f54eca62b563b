#include "lsp/completion.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace profilec::lsp {
namespace {

using ::testing::Contains;
using ::testing::Not;

const schema::SchemaSet& schemas() {
  static const schema::SchemaSet set = schema::SchemaSet::embedded();
  return set;
}

// Completes at the '|' in `text` (removed first).
std::vector<std::string> labels_at(std::string text, DocumentKind kind = DocumentKind::kPolicy,
                                   std::vector<std::string> fragments = {}) {
  const std::size_t cursor = text.find('|');
  text.erase(cursor, 1);
  const TextDocument document(text, 1);
  const Completion completion = complete(document, cursor, kind, CompletionInputs{schemas(), std::move(fragments)});
  std::vector<std::string> labels;
  for (const CompletionItem& item : completion.items) labels.push_back(item.label);
  return labels;
}

TEST(CompletionTest, TopLevelTablesInAHeader) {
  EXPECT_THAT(labels_at("[pro|"), Contains("profile"));
  EXPECT_THAT(labels_at("[|"), Contains("payload."));
  EXPECT_THAT(labels_at("[|"), Contains("target"));
}

TEST(CompletionTest, ProfileAndTargetFieldsFromTheLanguagesTables) {
  EXPECT_THAT(labels_at("[profile]\n|"), Contains("organization"));
  EXPECT_THAT(labels_at("[profile]\n|"), Contains("omit"));
  EXPECT_THAT(labels_at("[profile]\n|"), Not(Contains("supervised")));
  EXPECT_THAT(labels_at("[target]\n|"), Contains("supervised"));
  EXPECT_THAT(labels_at("[target]\n|"), Not(Contains("organization")));
  EXPECT_THAT(labels_at("[target]\nenrollment = \"|"), Contains("automated"));
  EXPECT_THAT(labels_at("[target]\nplatforms = { iOS = \"17.0\", |"), Contains("macOS"));
  EXPECT_THAT(labels_at("[profile]\nscope = |"), Contains("system"));
}

TEST(CompletionTest, PayloadTypesAfterType) {
  const auto labels = labels_at("[payload.wifi]\ntype = \"com.apple.wi|");
  EXPECT_THAT(labels, Contains("com.apple.wifi.managed"));
  EXPECT_THAT(labels, Contains("com.apple.applicationaccess"));
  EXPECT_THAT(labels, Not(Contains("TopLevel")));
}

TEST(CompletionTest, OnlyTheKeysOfTheTablesTypeAtItsDepth) {
  const std::string wifi = "[payload.wifi]\ntype = \"com.apple.wifi.managed\"\n";
  auto top = labels_at(wifi + "|");
  EXPECT_THAT(top, Contains("SSID_STR"));
  EXPECT_THAT(top, Contains("EncryptionType"));
  EXPECT_THAT(top, Contains("type"));
  EXPECT_THAT(top, Not(Contains("allowCamera")));              // another payload type's key
  EXPECT_THAT(top, Not(Contains("TTLSInnerAuthentication")));  // a key one level down
  // Inside an inline table: the dictionary's subkeys, not the top level's.
  auto nested = labels_at(wifi + "EAPClientConfiguration = { |");
  EXPECT_THAT(nested, Contains("TTLSInnerAuthentication"));
  EXPECT_THAT(nested, Not(Contains("SSID_STR")));
  // And in a sub-table header below the payload.
  auto sub_table = labels_at(wifi + "SSID_STR = \"x\"\n[payload.wifi.EAPClientConfiguration]\n|");
  EXPECT_THAT(sub_table, Contains("AcceptEAPTypes"));
  EXPECT_THAT(sub_table, Not(Contains("EncryptionType")));
  auto restrictions = labels_at("[payload.r]\ntype = \"com.apple.applicationaccess\"\nallow|");
  EXPECT_THAT(restrictions, Contains("allowCamera"));
  EXPECT_THAT(restrictions, Not(Contains("SSID_STR")));
}

TEST(CompletionTest, AllowedValuesAndBooleans) {
  const std::string wifi = "[payload.wifi]\ntype = \"com.apple.wifi.managed\"\n";
  auto encryption = labels_at(wifi + "EncryptionType = \"|");
  EXPECT_THAT(encryption, Contains("WPA3"));
  EXPECT_THAT(encryption, Not(Contains("MSCHAPv2")));
  auto nested = labels_at(wifi + "EAPClientConfiguration = { TTLSInnerAuthentication = \"|");
  EXPECT_THAT(nested, Contains("MSCHAPv2"));
  EXPECT_THAT(nested, Not(Contains("WPA3")));
  auto boolean = labels_at("[payload.r]\ntype = \"com.apple.applicationaccess\"\nallowCamera = |");
  EXPECT_THAT(boolean, Contains("false"));
  EXPECT_THAT(boolean, Not(Contains("WPA3")));
}

TEST(CompletionTest, FragmentNamesInUse) {
  auto labels = labels_at("[payload.p]\ntype = \"com.apple.mobiledevice.passwordpolicy\"\nuse = [\"|",
                          DocumentKind::kPolicy, {"fragments/wifi"});
  EXPECT_THAT(labels, Contains("fragments/wifi"));
  EXPECT_TRUE(std::any_of(labels.begin(), labels.end(), [](const std::string& l) { return l.starts_with("stdlib:"); }));
}

TEST(CompletionTest, RulesInTheProjectFile) {
  EXPECT_THAT(labels_at("[rules]\n|", DocumentKind::kProjectFile), Contains("PC1002"));
  EXPECT_THAT(labels_at("[rules]\n|", DocumentKind::kProjectFile), Contains("unknown-key"));
  EXPECT_THAT(labels_at("[rules]\nunknown-key = \"|", DocumentKind::kProjectFile), Contains("warning"));
  EXPECT_THAT(labels_at("[rules]\n|", DocumentKind::kPolicy), Not(Contains("PC1002")));
}

TEST(CompletionTest, TheWordBeingTypedIsReplaced) {
  const std::string text = "[payload.r]\ntype = \"com.apple.applicationaccess\"\nallowCa";
  const TextDocument document(text, 1);
  const Completion completion = complete(document, text.size(), DocumentKind::kPolicy, CompletionInputs{schemas(), {}});
  EXPECT_EQ(completion.replace_begin, text.size() - 7);
  EXPECT_EQ(completion.replace_end, text.size());
}

}  // namespace
}  // namespace profilec::lsp
