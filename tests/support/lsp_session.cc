#include "support/lsp_session.h"

#include <fmt/format.h>

#include "base/json_writer.h"
#include "lsp/framing.h"
#include "lsp/uri.h"

namespace profilec::testing {
namespace {

std::vector<JsonValue> parse_output(const std::string& written) {
  std::istringstream in(written);
  std::vector<JsonValue> messages;
  while (true) {
    lsp::FramedMessage message = lsp::read_message(in);
    if (message.status != lsp::FramedMessage::Status::kMessage) break;
    auto parsed = read_json(message.body);
    if (parsed) messages.push_back(std::move(*parsed));
  }
  return messages;
}

}  // namespace

LspSession::LspSession(const MemoryFileSystem& files)
    : schemas_(schema::SchemaSet::embedded()),
      server_(lsp::ServerOptions{files, environment_, schemas_, cert::ExpiryPolicy{1767225600, 30},
                                 ToolInfo{"0.0.0-test", "https://example.test/profilec"}}) {}

std::vector<JsonValue> LspSession::send_raw(std::string_view body) {
  std::ostringstream out;
  server_.handle(body, out);
  return parse_output(out.str());
}

std::vector<JsonValue> LspSession::request(std::string_view method, std::string_view params_json) {
  return send_raw(fmt::format(R"({{"jsonrpc":"2.0","id":{},"method":{},"params":{}}})", next_id_++, json_escape(method),
                              params_json));
}

std::vector<JsonValue> LspSession::notify(std::string_view method, std::string_view params_json) {
  return send_raw(fmt::format(R"({{"jsonrpc":"2.0","method":{},"params":{}}})", json_escape(method), params_json));
}

JsonValue LspSession::initialize(bool offer_utf8) {
  auto answer = request("initialize", offer_utf8
                                          ? R"({"capabilities":{"general":{"positionEncodings":["utf-8","utf-16"]}}})"
                                          : R"({"capabilities":{}})");
  notify("initialized", "{}");
  return answer.empty() ? JsonValue{} : answer.back();
}

std::vector<JsonValue> LspSession::open(const std::string& path, const std::string& text, std::int64_t version) {
  JsonWriter json(false);
  json.begin_object().key("textDocument").begin_object();
  json.member("uri", lsp::uri_from_path(path)).member("languageId", "toml").member("version", version);
  json.member("text", text).end_object().end_object();
  return notify("textDocument/didOpen", json.str());
}

std::vector<JsonValue> diagnostics_for(const std::vector<JsonValue>& messages, std::string_view uri) {
  std::vector<JsonValue> found;
  for (const JsonValue& message : messages) {
    if (message.string_or("method") != "textDocument/publishDiagnostics") continue;
    const JsonValue* params = message.find("params");
    if (params && params->string_or("uri") == uri) found.push_back(*params);
  }
  return found;
}

std::vector<std::string> codes_of(const JsonValue& publish) {
  std::vector<std::string> codes;
  const JsonValue* diagnostics = publish.find("diagnostics");
  if (!diagnostics) return codes;
  for (const JsonValue& d : diagnostics->items) codes.emplace_back(d.string_or("code"));
  return codes;
}

}  // namespace profilec::testing
