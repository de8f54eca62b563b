#include "lsp/definition.h"

#include <gtest/gtest.h>

namespace profilec::lsp {
namespace {

std::optional<DefinitionTarget> definition_at(std::string text, const MemoryFileSystem& files) {
  const std::size_t cursor = text.find('|');
  text.erase(cursor, 1);
  return definition(TextDocument(text, 1), cursor, "/repo/policies/a.toml", "/repo", files);
}

TEST(DefinitionTest, UseFileAndPayloadReferences) {
  MemoryFileSystem files;
  files.add_file("/repo/fragments/wifi.toml", "[payload]\n");
  files.add_file("/repo/policies/certs/ca.pem", "x");
  auto fragment = definition_at("[payload.w]\nuse = [\"fragments/w|ifi\"]\n", files);
  ASSERT_TRUE(fragment.has_value());
  EXPECT_EQ(fragment->path, "/repo/fragments/wifi.toml");
  auto file = definition_at("[payload.c]\nPayloadContent = { file = \"certs/c|a.pem\" }\n", files);
  ASSERT_TRUE(file.has_value());
  EXPECT_EQ(file->path, "/repo/policies/certs/ca.pem");
  auto reference = definition_at(
      "[payload.identity]\ntype = \"com.apple.security.pkcs12\"\n"
      "[payload.wifi]\nPayloadCertificateUUID = { payload = \"ident|ity\" }\n",
      files);
  ASSERT_TRUE(reference.has_value());
  EXPECT_EQ(reference->path, "/repo/policies/a.toml");
  EXPECT_EQ(reference->line, 0u);
}

TEST(DefinitionTest, NothingForStdlibMissingFilesAndOtherStrings) {
  MemoryFileSystem files;
  EXPECT_FALSE(definition_at("[payload.p]\nuse = [\"stdlib:passcode/bas|eline\"]\n", files).has_value());
  EXPECT_FALSE(definition_at("[payload.p]\nuse = [\"fragments/mis|sing\"]\n", files).has_value());
  EXPECT_FALSE(definition_at("[payload.p]\nSSID_STR = \"fragm|ents\"\n", files).has_value());
  EXPECT_FALSE(definition_at("[payload.p]\nPayloadCertificateUUID = { payload = \"nob|ody\" }\n", files).has_value());
}

}  // namespace
}  // namespace profilec::lsp
