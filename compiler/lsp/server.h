// `profilec lsp`: a Language Server Protocol server (LSP 3.17) for policy
// TOML, fragments, profilec.toml and, for diagnostics only, .mobileconfig
// files (docs/lsp.md). It reads JSON-RPC messages from a stream and writes
// its answers to another; it neither prints elsewhere nor exits (the CLI
// wires stdin and stdout and returns the exit code).
#pragma once

#include <cstdint>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "base/environment.h"
#include "base/file_system.h"
#include "base/json_reader.h"
#include "base/json_writer.h"
#include "cert/certificate_checks.h"
#include "diag/tool_info.h"
#include "lsp/repository_state.h"
#include "lsp/text_document.h"
#include "schema/schema_set.h"

namespace profilec::lsp {

struct ServerOptions {
  const FileSystem& files;  // the disk, under the open documents
  const Environment& environment;
  const schema::SchemaSet& schemas;
  cert::ExpiryPolicy expiry;
  ToolInfo tool;
};

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Serves until `exit` or the end of `in`. The exit code: 0 after
  // `shutdown` then `exit`, 1 otherwise (as the protocol asks).
  int run(std::istream& in, std::ostream& out);
  // One message (its JSON text); answers go to `out`. True after `exit`.
  bool handle(std::string_view body, std::ostream& out);

  bool shutdown_requested() const { return shutdown_requested_; }

  struct OpenDocument {
    std::string uri;
    std::string path;
    TextDocument document;
    std::string published;  // the diagnostics last sent, as JSON
    const RepositoryState* repository = nullptr;
  };

 private:
  struct Request {
    const JsonValue* id = nullptr;  // nullptr for a notification
    std::string_view method;
    const JsonValue* params = nullptr;
  };
  using Handler = void (Server::*)(const Request&, std::ostream&);
  struct Method {
    std::string_view name;
    Handler handler;
    bool needs_initialize;
  };
  static const Method* find_method(std::string_view name);

  void reply(const Request& request, std::ostream& out, const std::string& result_json);
  void reply_error(const JsonValue* id, std::ostream& out, std::int64_t code, std::string_view message);
  void notify(std::ostream& out, std::string_view method, const std::string& params_json);
  void log(std::ostream& out, std::string_view message);

  void on_initialize(const Request& request, std::ostream& out);
  void on_initialized(const Request& request, std::ostream& out);
  void on_shutdown(const Request& request, std::ostream& out);
  void on_exit(const Request& request, std::ostream& out);
  void on_did_open(const Request& request, std::ostream& out);
  void on_did_change(const Request& request, std::ostream& out);
  void on_did_close(const Request& request, std::ostream& out);
  void on_did_save(const Request& request, std::ostream& out);
  void on_ignored(const Request& request, std::ostream& out);
  void on_completion(const Request& request, std::ostream& out);
  void on_hover(const Request& request, std::ostream& out);
  void on_definition(const Request& request, std::ostream& out);
  void on_code_action(const Request& request, std::ostream& out);

  // The byte offset of a request's `position` in `open`.
  std::optional<std::size_t> cursor_of(const Request& request, const OpenDocument& open) const;
  // The text of the open document at `path`, or nullptr.
  const TextDocument* open_document_text(const std::string& path) const;
  // The open document a request names, or nullptr.
  OpenDocument* document_of(const Request& request);
  RepositoryState& repository_for(const std::string& path);
  // Checks `path` again and publishes the diagnostics of every open
  // document of its repository whose findings changed (always `path`'s).
  void check_and_publish(const std::string& path, std::ostream& out);
  void publish(OpenDocument& open, const RepositoryState& repository, bool always, std::ostream& out);

  ServerOptions options_;
  CheckSettings settings_;
  PositionEncoding encoding_ = PositionEncoding::kUtf16;
  bool initialized_ = false;
  bool shutdown_requested_ = false;
  bool exited_ = false;
  std::map<std::string, OpenDocument> documents_;                         // by URI
  std::map<std::string, std::unique_ptr<RepositoryState>> repositories_;  // by root
  std::map<std::string, std::unique_ptr<TextDocument>> note_documents_;   // files notes point into, read once per check
};

}  // namespace profilec::lsp
