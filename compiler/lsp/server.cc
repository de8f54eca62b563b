#include "lsp/server.h"

#include <fmt/format.h>

#include <array>

#include "base/overlay_file_system.h"
#include "lsp/code_actions.h"
#include "lsp/completion.h"
#include "lsp/definition.h"
#include "lsp/diagnostic_json.h"
#include "lsp/framing.h"
#include "lsp/hover.h"
#include "lsp/uri.h"
#include "project/discover.h"

namespace profilec::lsp {
namespace {

// JSON-RPC and LSP error codes.
constexpr std::int64_t kParseError = -32700;
constexpr std::int64_t kInvalidRequest = -32600;
constexpr std::int64_t kMethodNotFound = -32601;
constexpr std::int64_t kServerNotInitialized = -32002;

// TextDocumentSyncKind.Incremental.
constexpr std::int64_t kIncrementalSync = 2;

std::string id_json(const JsonValue* id) {
  JsonWriter json(false);
  // An id is an integer or a string (JSON-RPC 2.0); anything else is null.
  if (id != nullptr && id->kind == JsonValue::Kind::kInteger) json.value(id->integer);
  else if (id != nullptr && id->kind == JsonValue::Kind::kString) json.value(id->string);
  else json.null();
  return json.str();
}

std::optional<LspPosition> position_param(const JsonValue* value) {
  if (value == nullptr || !value->is_object()) return std::nullopt;
  const JsonValue* line = value->find("line");
  const JsonValue* character = value->find("character");
  if (!line || !character || line->kind != JsonValue::Kind::kInteger || character->kind != JsonValue::Kind::kInteger)
    return std::nullopt;
  return LspPosition{line->integer, character->integer};
}

std::optional<LspRange> range_param(const JsonValue* value) {
  if (value == nullptr || !value->is_object()) return std::nullopt;
  auto start = position_param(value->find("start"));
  auto end = position_param(value->find("end"));
  if (!start || !end) return std::nullopt;
  return LspRange{*start, *end};
}

// The folder of the nearest profilec.toml above `path`; "" when there is none.
std::string repository_root_of(const FileSystem& files, const std::string& path) {
  std::string dir = parent_path(path);
  while (!dir.empty()) {
    if (files.kind(join_path(dir, std::string(kProjectFileName))) == PathKind::kFile) return dir;
    const std::string up = parent_path(dir);
    if (up == dir) break;
    dir = up;
  }
  return {};
}

}  // namespace

Server::Server(ServerOptions options)
    : options_(std::move(options)), settings_{options_.environment, options_.schemas, options_.expiry} {}

Server::~Server() = default;

const Server::Method* Server::find_method(std::string_view name) {
  // Every method the server answers; notifications it does not know are
  // ignored, requests it does not know get MethodNotFound.
  static const std::array<Method, 13> kMethods = {{
      {"initialize", &Server::on_initialize, false},
      {"initialized", &Server::on_initialized, true},
      {"shutdown", &Server::on_shutdown, true},
      {"exit", &Server::on_exit, false},
      {"textDocument/didOpen", &Server::on_did_open, true},
      {"textDocument/didChange", &Server::on_did_change, true},
      {"textDocument/didClose", &Server::on_did_close, true},
      {"textDocument/didSave", &Server::on_did_save, true},
      {"textDocument/completion", &Server::on_completion, true},
      {"textDocument/hover", &Server::on_hover, true},
      {"textDocument/definition", &Server::on_definition, true},
      {"textDocument/codeAction", &Server::on_code_action, true},
      {"$/cancelRequest", &Server::on_ignored, false},
  }};
  for (const Method& method : kMethods) {
    if (method.name == name) return &method;
  }
  return nullptr;
}

int Server::run(std::istream& in, std::ostream& out) {
  while (!exited_) {
    FramedMessage message = read_message(in);
    if (message.status == FramedMessage::Status::kEndOfStream) break;
    if (message.status == FramedMessage::Status::kBadHeader) {
      log(out, fmt::format("profilec lsp: skipped a message: {}", message.error));
      if (!in) break;
      continue;
    }
    handle(message.body, out);
  }
  return exited_ && shutdown_requested_ ? 0 : 1;
}

bool Server::handle(std::string_view body, std::ostream& out) {
  auto parsed = read_json(body);
  if (!parsed) {
    reply_error(nullptr, out, kParseError,
                fmt::format("line {}, column {}: {}", parsed.error().position.line, parsed.error().position.column,
                            parsed.error().message));
    return exited_;
  }
  const JsonValue& message = *parsed;
  const JsonValue* method = message.find("method");
  Request request;
  request.id = message.find("id");
  if (request.id && request.id->is_null()) request.id = nullptr;
  if (!message.is_object() || !method || !method->is_string()) {
    // A response to a request of ours (we send none) or nonsense.
    if (message.is_object() && message.find("result") == nullptr && message.find("error") == nullptr)
      reply_error(request.id, out, kInvalidRequest, "a message without a method");
    return exited_;
  }
  request.method = method->string;
  request.params = message.find("params");
  const Method* known = find_method(request.method);
  if (known == nullptr) {
    if (request.id) reply_error(request.id, out, kMethodNotFound, fmt::format("unknown method '{}'", request.method));
    return exited_;
  }
  if (known->needs_initialize && !initialized_) {
    if (request.id) reply_error(request.id, out, kServerNotInitialized, "the server is not initialized yet");
    return exited_;
  }
  if (shutdown_requested_ && request.method != "exit") {
    if (request.id) reply_error(request.id, out, kInvalidRequest, "the server is shutting down");
    return exited_;
  }
  (this->*known->handler)(request, out);
  return exited_;
}

void Server::reply(const Request& request, std::ostream& out, const std::string& result_json) {
  if (request.id == nullptr) return;
  write_message(out, fmt::format(R"({{"jsonrpc":"2.0","id":{},"result":{}}})", id_json(request.id), result_json));
}

void Server::reply_error(const JsonValue* id, std::ostream& out, std::int64_t code, std::string_view message) {
  write_message(out, fmt::format(R"({{"jsonrpc":"2.0","id":{},"error":{{"code":{},"message":{}}}}})", id_json(id), code,
                                 json_escape(message)));
}

void Server::notify(std::ostream& out, std::string_view method, const std::string& params_json) {
  write_message(out, fmt::format(R"({{"jsonrpc":"2.0","method":{},"params":{}}})", json_escape(method), params_json));
}

void Server::log(std::ostream& out, std::string_view message) {
  JsonWriter json(false);
  json.begin_object().member("type", std::int64_t{1}).member("message", message).end_object();  // 1: error
  notify(out, "window/logMessage", json.str());
}

void Server::on_initialize(const Request& request, std::ostream& out) {
  if (initialized_) {
    reply_error(request.id, out, kInvalidRequest, "initialize was already received");
    return;
  }
  initialized_ = true;
  // UTF-8 positions when the client can take them; else the protocol's
  // default, UTF-16.
  const JsonValue* capabilities = request.params ? request.params->find("capabilities") : nullptr;
  const JsonValue* general = capabilities ? capabilities->find("general") : nullptr;
  const JsonValue* encodings = general ? general->find("positionEncodings") : nullptr;
  if (encodings && encodings->is_array()) {
    for (const JsonValue& encoding : encodings->items) {
      if (encoding.is_string() && encoding.string == "utf-8") encoding_ = PositionEncoding::kUtf8;
    }
  }
  JsonWriter json(false);
  json.begin_object();
  json.key("capabilities").begin_object();
  json.member("positionEncoding", encoding_ == PositionEncoding::kUtf8 ? "utf-8" : "utf-16");
  json.key("textDocumentSync").begin_object();
  json.member("openClose", true).member("change", kIncrementalSync);
  json.key("save").begin_object().member("includeText", false).end_object();
  json.end_object();
  json.key("completionProvider").begin_object().key("triggerCharacters").begin_array();
  for (const char* trigger : {"\"", "[", ".", "=", " ", "{", ","}) json.value(trigger);
  json.end_array().end_object();
  json.member("hoverProvider", true);
  json.member("definitionProvider", true);
  json.key("codeActionProvider").begin_object().key("codeActionKinds").begin_array().value("quickfix");
  json.end_array().end_object();
  json.end_object();
  json.key("serverInfo").begin_object().member("name", "profilec").member("version", options_.tool.version);
  json.end_object();
  json.end_object();
  reply(request, out, json.str());
}

void Server::on_initialized(const Request& /*request*/, std::ostream& /*out*/) {}
void Server::on_ignored(const Request& /*request*/, std::ostream& /*out*/) {}

void Server::on_shutdown(const Request& request, std::ostream& out) {
  shutdown_requested_ = true;
  reply(request, out, "null");
}

void Server::on_exit(const Request& /*request*/, std::ostream& /*out*/) { exited_ = true; }

const TextDocument* Server::open_document_text(const std::string& path) const {
  for (const auto& [uri, open] : documents_) {
    if (open.path == path) return &open.document;
  }
  return nullptr;
}

Server::OpenDocument* Server::document_of(const Request& request) {
  const JsonValue* text_document = request.params ? request.params->find("textDocument") : nullptr;
  const JsonValue* uri = text_document ? text_document->find("uri") : nullptr;
  if (!uri || !uri->is_string()) return nullptr;
  const auto it = documents_.find(uri->string);
  return it == documents_.end() ? nullptr : &it->second;
}

RepositoryState& Server::repository_for(const std::string& path) {
  std::string root = repository_root_of(options_.files, path);
  // A file without a profilec.toml above it is a repository of its own.
  const std::string key = root.empty() ? "lone:" + path : root;
  auto& repository = repositories_[key];
  if (!repository) repository = std::make_unique<RepositoryState>(std::move(root), settings_);
  return *repository;
}

void Server::on_did_open(const Request& request, std::ostream& out) {
  const JsonValue* text_document = request.params ? request.params->find("textDocument") : nullptr;
  if (!text_document) return;
  const std::string_view uri = text_document->string_or("uri");
  const JsonValue* text = text_document->find("text");
  auto path = path_from_uri(uri);
  if (!path || !text || !text->is_string()) {
    log(out, fmt::format("profilec lsp: cannot open '{}': not a file: URI with a text", uri));
    return;
  }
  OpenDocument& open = documents_[std::string(uri)];
  open.uri = std::string(uri);
  open.path = normal_path(*path);
  open.document = TextDocument(text->string, text_document->integer_or("version", 0));
  open.published.clear();
  open.repository = &repository_for(open.path);
  check_and_publish(open.path, out);
}

void Server::on_did_change(const Request& request, std::ostream& out) {
  OpenDocument* open = document_of(request);
  const JsonValue* changes = request.params ? request.params->find("contentChanges") : nullptr;
  if (!open || !changes || !changes->is_array()) return;
  for (const JsonValue& change : changes->items) {
    const JsonValue* text = change.find("text");
    if (!text || !text->is_string()) continue;
    if (auto range = range_param(change.find("range"))) open->document.replace(*range, text->string, encoding_);
    else open->document.replace_all(text->string);
  }
  const JsonValue* text_document = request.params->find("textDocument");
  open->document.set_version(text_document->integer_or("version", open->document.version() + 1));
  check_and_publish(open->path, out);
}

void Server::on_did_close(const Request& request, std::ostream& out) {
  OpenDocument* open = document_of(request);
  if (!open) return;
  const std::string path = open->path;
  const std::string uri = open->uri;
  documents_.erase(uri);
  // The file on disk is what the repository has now; its findings are the
  // editor's to clear.
  notify(out, "textDocument/publishDiagnostics", fmt::format(R"({{"uri":{},"diagnostics":[]}})", json_escape(uri)));
  check_and_publish(path, out);
}

void Server::on_did_save(const Request& request, std::ostream& out) {
  if (OpenDocument* open = document_of(request)) check_and_publish(open->path, out);
}

void Server::check_and_publish(const std::string& path, std::ostream& out) {
  OverlayFileSystem files(options_.files);
  for (const auto& [uri, open] : documents_) files.add_file(open.path, open.document.text());
  RepositoryState& repository = repository_for(path);
  repository.update(path, files);
  note_documents_.clear();
  for (auto& [uri, open] : documents_) {
    if (open.repository == &repository) publish(open, repository, open.path == path, out);
  }
}

void Server::publish(OpenDocument& open, const RepositoryState& repository, bool always, std::ostream& out) {
  const DocumentLookup lookup = [this](const std::string& path) -> const TextDocument* {
    if (const TextDocument* open_text = open_document_text(path)) return open_text;
    auto& cached = note_documents_[path];
    if (!cached) {
      auto text = options_.files.read_file(path);
      if (!text) return nullptr;
      cached = std::make_unique<TextDocument>(std::move(*text), 0);
    }
    return cached.get();
  };
  JsonWriter json(false);
  json.begin_array();
  for (const Diagnostic& d : repository.diagnostics_for(open.path)) {
    write_diagnostic(json, d, open.document, encoding_, options_.tool, lookup);
  }
  json.end_array();
  if (!always && json.str() == open.published) return;
  open.published = json.str();
  notify(out, "textDocument/publishDiagnostics",
         fmt::format(R"({{"uri":{},"version":{},"diagnostics":{}}})", json_escape(open.uri), open.document.version(),
                     open.published));
}

std::optional<std::size_t> Server::cursor_of(const Request& request, const OpenDocument& open) const {
  auto position = position_param(request.params ? request.params->find("position") : nullptr);
  if (!position) return std::nullopt;
  return open.document.offset_of(*position, encoding_);
}

void Server::on_completion(const Request& request, std::ostream& out) {
  OpenDocument* open = document_of(request);
  const auto offset = open ? cursor_of(request, *open) : std::nullopt;
  if (!offset) {
    reply(request, out, "null");
    return;
  }
  CompletionInputs inputs{options_.schemas,
                          open->repository ? open->repository->fragment_names() : std::vector<std::string>{}};
  const Completion completion = complete(open->document, *offset, document_kind(open->path), inputs);
  const LspRange range{open->document.position_of(completion.replace_begin, encoding_),
                       open->document.position_of(completion.replace_end, encoding_)};
  JsonWriter json(false);
  json.begin_object().member("isIncomplete", false).key("items").begin_array();
  for (const CompletionItem& item : completion.items) {
    json.begin_object().member("label", item.label).member("kind", static_cast<std::int64_t>(item.kind));
    if (!item.detail.empty()) json.member("detail", item.detail);
    json.key("textEdit").begin_object();
    write_range(json, range);
    json.member("newText", item.insert_text).end_object();
    json.end_object();
  }
  json.end_array().end_object();
  reply(request, out, json.str());
}

void Server::on_hover(const Request& request, std::ostream& out) {
  OpenDocument* open = document_of(request);
  const auto offset = open ? cursor_of(request, *open) : std::nullopt;
  const auto found = offset ? hover(open->document, *offset, document_kind(open->path), options_.schemas)
                            : std::nullopt;
  if (!found) {
    reply(request, out, "null");
    return;
  }
  JsonWriter json(false);
  json.begin_object().key("contents").begin_object().member("kind", "markdown").member("value", found->markdown);
  json.end_object();
  write_range(json,
              {open->document.position_of(found->begin, encoding_), open->document.position_of(found->end, encoding_)});
  json.end_object();
  reply(request, out, json.str());
}

void Server::on_definition(const Request& request, std::ostream& out) {
  OpenDocument* open = document_of(request);
  const auto offset = open ? cursor_of(request, *open) : std::nullopt;
  const auto target = offset ? definition(open->document, *offset, open->path,
                                          open->repository ? open->repository->root() : std::string(), options_.files)
                             : std::nullopt;
  if (!target) {
    reply(request, out, "null");
    return;
  }
  JsonWriter json(false);
  json.begin_object().member("uri", uri_from_path(target->path));
  const auto line = static_cast<std::int64_t>(target->line);
  write_range(json, {{line, 0}, {line, 0}});
  json.end_object();
  reply(request, out, json.str());
}

// Every fix of the findings in the requested range, as a quick fix.
void Server::on_code_action(const Request& request, std::ostream& out) {
  OpenDocument* open = document_of(request);
  const auto range = range_param(request.params ? request.params->find("range") : nullptr);
  if (!open || !range || !open->repository) {
    reply(request, out, "[]");
    return;
  }
  const DocumentLookup lookup = [this](const std::string& path) { return open_document_text(path); };
  const std::string actions = code_actions_json(open->repository->diagnostics_for(open->path), open->document, *range,
                                                encoding_, options_.tool, lookup);
  reply(request, out, actions);
}

}  // namespace profilec::lsp
