// An in-process language server session for tests: requests go in as JSON
// text, what the server wrote comes back parsed.
#pragma once

#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "base/environment.h"
#include "base/file_system.h"
#include "base/json_reader.h"
#include "lsp/server.h"
#include "schema/schema_set.h"

namespace profilec::testing {

class LspSession {
 public:
  // `files`: the disk under the open documents; kept by reference.
  explicit LspSession(const MemoryFileSystem& files);

  // Sends a request (with the next id) and returns every message the server
  // wrote in answer, the response last.
  std::vector<JsonValue> request(std::string_view method, std::string_view params_json);
  // Sends a notification; returns what the server wrote (diagnostics).
  std::vector<JsonValue> notify(std::string_view method, std::string_view params_json);
  // Sends raw JSON text as one message.
  std::vector<JsonValue> send_raw(std::string_view body);

  // initialize (offering "utf-8" positions when asked) and initialized.
  JsonValue initialize(bool offer_utf8 = false);
  // didOpen of file://PATH; returns the messages (publishDiagnostics).
  std::vector<JsonValue> open(const std::string& path, const std::string& text, std::int64_t version = 1);

  lsp::Server& server() { return server_; }

 private:
  MapEnvironment environment_;
  schema::SchemaSet schemas_;
  lsp::Server server_;
  std::int64_t next_id_ = 1;
};

// The params of the publishDiagnostics notifications among `messages`, for
// `uri` (copies: `messages` is often a temporary).
std::vector<JsonValue> diagnostics_for(const std::vector<JsonValue>& messages, std::string_view uri);
// The "code" of each diagnostic of a publishDiagnostics notification.
std::vector<std::string> codes_of(const JsonValue& publish);

}  // namespace profilec::testing
