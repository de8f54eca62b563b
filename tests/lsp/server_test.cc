#include "lsp/server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "lsp/framing.h"
#include "support/lsp_session.h"

namespace profilec::lsp {
namespace {

using testing::codes_of;
using testing::diagnostics_for;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::LspSession;

const char* kPolicy = R"([profile]
id = "com.example.r"
[payload.restrictions]
type = "com.apple.applicationaccess"
allowCamera = false
)";

const char* kUri = "file:///repo/policies/a.toml";

MemoryFileSystem repository() {
  MemoryFileSystem files;
  files.add_file("/repo/profilec.toml", "[profile]\norganization = \"Example\"\n");
  files.add_file("/repo/policies/a.toml", kPolicy);
  return files;
}

std::int64_t error_code(const std::vector<JsonValue>& messages) {
  if (messages.empty()) return 0;
  const JsonValue* error = messages.back().find("error");
  return error ? error->integer_or("code", 0) : 0;
}

TEST(LspServerTest, InitializeAdvertisesIncrementalSyncAndNegotiatesUtf8) {
  MemoryFileSystem files = repository();
  LspSession utf16(files);
  JsonValue answer = utf16.initialize();
  const JsonValue* capabilities = answer.find("result")->find("capabilities");
  ASSERT_NE(capabilities, nullptr);
  EXPECT_EQ(capabilities->string_or("positionEncoding"), "utf-16");
  EXPECT_EQ(capabilities->find("textDocumentSync")->integer_or("change", 0), 2);
  LspSession utf8(files);
  EXPECT_EQ(utf8.initialize(/*offer_utf8=*/true).find("result")->find("capabilities")->string_or("positionEncoding"),
            "utf-8");
}

TEST(LspServerTest, RequestsBeforeInitializeAndUnknownMethodsAreRefused) {
  MemoryFileSystem files = repository();
  LspSession session(files);
  EXPECT_EQ(error_code(session.request("textDocument/hover", "{}")), -32002);
  session.initialize();
  EXPECT_EQ(error_code(session.request("textDocument/unknown", "{}")), -32601);
  // An unknown notification is ignored: nothing is written.
  EXPECT_THAT(session.notify("$/unknownNotification", "{}"), IsEmpty());
  EXPECT_EQ(error_code(session.send_raw("{\"jsonrpc\": \"2.0\", \"id\": 1,")), -32700);
  EXPECT_EQ(error_code(session.request("initialize", "{}")), -32600);
}

TEST(LspServerTest, ShutdownThenExitIsExitCodeZeroAndExitAloneIsOne) {
  MemoryFileSystem files = repository();
  const auto frame = [](std::string_view body) {
    std::ostringstream out;
    write_message(out, body);
    return out.str();
  };
  const std::string initialize = frame(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})");
  const std::string shutdown = frame(R"({"jsonrpc":"2.0","id":2,"method":"shutdown"})");
  const std::string exit = frame(R"({"jsonrpc":"2.0","method":"exit"})");
  {
    LspSession session(files);
    std::istringstream in(initialize + shutdown + exit + frame("{}"));
    std::ostringstream out;
    EXPECT_EQ(session.server().run(in, out), 0);
    EXPECT_NE(out.str().find(R"("id":2,"result":null)"), std::string::npos);
  }
  {
    LspSession session(files);
    std::istringstream in(initialize + exit);
    std::ostringstream out;
    EXPECT_EQ(session.server().run(in, out), 1);
  }
  {
    // A broken header is logged and the stream read on.
    LspSession session(files);
    std::istringstream in("Content-Length: nope\r\n\r\n" + initialize + shutdown + exit);
    std::ostringstream out;
    EXPECT_EQ(session.server().run(in, out), 0);
    EXPECT_NE(out.str().find("window/logMessage"), std::string::npos);
  }
}

TEST(LspServerTest, DidOpenAndDidChangePublishCheckFindings) {
  MemoryFileSystem files = repository();
  LspSession session(files);
  session.initialize();
  auto opened = diagnostics_for(session.open("/repo/policies/a.toml", kPolicy), kUri);
  ASSERT_EQ(opened.size(), 1u);
  EXPECT_THAT(codes_of(opened[0]), IsEmpty());
  // Line 5 (0-based 4) "allowCamera" -> "allowCamra": an unknown key, as `check` reports it.
  auto changed = diagnostics_for(session.notify("textDocument/didChange",
                                                R"({"textDocument":{"uri":"file:///repo/policies/a.toml","version":2},
                         "contentChanges":[{"range":{"start":{"line":4,"character":8},"end":{"line":4,"character":9}},"text":""}]})"),
                                 kUri);
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].integer_or("version", 0), 2);
  ASSERT_THAT(codes_of(changed[0]), ElementsAre("PC1002"));
  const JsonValue& d = changed[0].find("diagnostics")->items[0];
  EXPECT_EQ(d.find("range")->find("start")->integer_or("line", -1), 4);
  EXPECT_EQ(d.find("range")->find("start")->integer_or("character", -1), 0);
  EXPECT_EQ(d.integer_or("severity", 0), 1);  // a typo of a known key is an error
  EXPECT_NE(d.string_or("message").find("allowCamra"), std::string::npos);
  EXPECT_EQ(d.find("codeDescription")
                ->string_or("href")
                .rfind("https://example.test/profilec/blob/main/docs/rules/PC1002", 0),
            0u);
  // A full-text change back: the finding is gone.
  auto fixed = diagnostics_for(
      session.notify(
          "textDocument/didChange",
          std::string(
              R"({"textDocument":{"uri":"file:///repo/policies/a.toml","version":3},"contentChanges":[{"text":)") +
              json_escape(kPolicy) + "}]}"),
      kUri);
  ASSERT_EQ(fixed.size(), 1u);
  EXPECT_THAT(codes_of(fixed[0]), IsEmpty());
}

TEST(LspServerTest, FindingsAcrossFilesReachTheOtherOpenFile) {
  MemoryFileSystem files = repository();
  std::string b_text = kPolicy;
  b_text.replace(b_text.find("com.example.r"), 13, "com.example.b");
  files.add_file("/repo/policies/b.toml", b_text);
  LspSession session(files);
  session.initialize();
  const char* kBUri = "file:///repo/policies/b.toml";
  EXPECT_THAT(codes_of(diagnostics_for(session.open("/repo/policies/a.toml", kPolicy), kUri).at(0)), IsEmpty());
  EXPECT_THAT(codes_of(diagnostics_for(session.open("/repo/policies/b.toml", b_text), kBUri).at(0)), IsEmpty());
  // a.toml takes b.toml's identifier: the duplicate is reported at b.toml
  // (the later file, as `check` reports it), which is published again
  // though only a.toml changed.
  const std::string change =
      R"({"textDocument":{"uri":"file:///repo/policies/a.toml","version":2},"contentChanges":[{"text":)";
  auto messages = session.notify("textDocument/didChange", change + json_escape(b_text) + "}]}");
  auto b = diagnostics_for(messages, kBUri);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_THAT(codes_of(b[0]), ElementsAre("PC3001"));
  // And cleared again when a.toml gets its own identifier back.
  auto restored = diagnostics_for(
      session.notify(
          "textDocument/didChange",
          std::string(
              R"({"textDocument":{"uri":"file:///repo/policies/a.toml","version":3},"contentChanges":[{"text":)") +
              json_escape(kPolicy) + "}]}"),
      kBUri);
  ASSERT_EQ(restored.size(), 1u);
  EXPECT_THAT(codes_of(restored[0]), IsEmpty());
}

TEST(LspServerTest, TheProjectsRulesAndAllowCommentsApplyAsInCheck) {
  MemoryFileSystem files = repository();
  files.add_file("/repo/profilec.toml", "[rules]\nunknown-key = \"warning\"\n");
  LspSession session(files);
  session.initialize();
  std::string typo = kPolicy;
  typo.replace(typo.find("allowCamera"), 11, "allowCamra");
  auto raised = diagnostics_for(session.open("/repo/policies/a.toml", typo), kUri);
  ASSERT_EQ(raised.size(), 1u);
  ASSERT_THAT(codes_of(raised[0]), ElementsAre("PC1002"));
  EXPECT_EQ(raised[0].find("diagnostics")->items[0].integer_or("severity", 0), 2);  // [rules] lowered it
  const std::string allowed = typo + "# profilec: allow-file unknown-key -- testing\n";
  auto silenced = diagnostics_for(
      session.notify(
          "textDocument/didChange",
          std::string(
              R"({"textDocument":{"uri":"file:///repo/policies/a.toml","version":2},"contentChanges":[{"text":)") +
              json_escape(allowed) + "}]}"),
      kUri);
  ASSERT_EQ(silenced.size(), 1u);
  EXPECT_THAT(codes_of(silenced[0]), IsEmpty());
}

}  // namespace
}  // namespace profilec::lsp
