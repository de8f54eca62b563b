#include "import/import_tree.h"

#include <fmt/format.h>

#include <cctype>
#include <map>
#include <tuple>

#include "base/environment.h"
#include "base/overlay_file_system.h"
#include "project/compile.h"

namespace profilec::import {
namespace {

// Policy spans -> .mobileconfig spans, by position in the policy file.
class SpanMap {
 public:
  void add(const SourceSpan& built, const SourceSpan& original) {
    if (!built.known() || !original.known()) return;
    spans_.emplace(key(built), original);  // the first (outermost) wins
  }

  // "out/a.toml:6" in a message (the rules name the other file that way)
  // -> "a.mobileconfig:12", by the first value paired on that line.
  std::string map_text(std::string text) const {
    for (const auto& [key, original] : spans_) {
      const std::string& path = std::get<0>(key);
      const std::string needle = fmt::format("{}:{}", path, std::get<1>(key));
      for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        const std::size_t end = at + needle.size();
        if (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) continue;  // ":6" of ":61"
        const std::string replacement = fmt::format("{}:{}", *original.path, original.begin.line);
        text.replace(at, needle.size(), replacement);
        at += replacement.size() - 1;
      }
    }
    return text;
  }

  SourceSpan map(const SourceSpan& span) const {
    if (!span.known()) return span;
    const auto it = spans_.find(key(span));
    return it == spans_.end() ? span : it->second;
  }

 private:
  using Key = std::tuple<std::string, std::uint32_t, std::uint32_t>;
  static Key key(const SourceSpan& span) { return {*span.path, span.begin.line, span.begin.column}; }
  std::map<Key, SourceSpan> spans_;
};

// The same plist, built from the policy and read from the file: each key
// and value of one is paired with its twin in the other.
void pair_values(const ir::Value& built, const ir::Value& original, SpanMap& spans) {
  spans.add(built.span, original.span);
  if (built.is_dict() && original.is_dict()) {
    for (const ir::DictEntry& entry : built.dict()) {
      for (const ir::DictEntry& twin : original.dict()) {
        if (twin.key != entry.key) continue;
        pair_values(entry.value, twin.value, spans);  // first: a generated key's span is its value's
        spans.add(entry.key_span, twin.key_span);
        break;
      }
    }
  } else if (built.is_array() && original.is_array()) {
    for (std::size_t i = 0; i < built.array().size() && i < original.array().size(); ++i) {
      pair_values(built.array()[i], original.array()[i], spans);
    }
  }
}

void pair_profiles(const ir::Profile& built, const ir::Profile& original, SpanMap& spans) {
  pair_values(built.envelope, original.envelope, spans);
  for (std::size_t i = 0; i < built.payloads.size() && i < original.payloads.size(); ++i) {
    spans.add(built.payloads[i].span, original.payloads[i].span);
    pair_values(built.payloads[i].content, original.payloads[i].content, spans);
  }
}

}  // namespace

void check_imported_together(const std::vector<ImportedFile>& files, const ImportContext& context,
                             Diagnostics& blockers) {
  OverlayFileSystem overlay(context.files);
  std::map<std::string, std::string> variables;
  std::vector<PolicyInput> inputs;
  for (const ImportedFile& file : files) {
    const ImportedPolicy& policy = file.policy;
    overlay.add_file(policy.path, policy.source.text);
    for (const SideFile& side : policy.source.files) {
      overlay.add_file(join_path(parent_path(policy.path), side.name), side.bytes);
    }
    for (const SecretVariable& secret : policy.source.secrets) variables[secret.name] = secret.value;
    std::string output_name = policy.path.substr(0, policy.path.size() - 5);  // without ".toml"
    inputs.push_back(PolicyInput{policy.path, std::move(output_name), true});
  }
  const MapEnvironment environment(std::move(variables));
  CompileInputs compile_inputs{overlay, environment, SecretMode::kResolve, &context.schemas};
  compile_inputs.expiry = context.expiry;
  SourceMap sources;
  const CompileResult result = compile_policies(inputs, compile_inputs, sources);

  SpanMap spans;
  for (const CompiledProfile& compiled : result.profiles) {
    for (const ImportedFile& file : files) {
      if (file.policy.path == compiled.source_path) pair_profiles(compiled.profile, file.original, spans);
    }
  }
  for (const Diagnostic& d : result.diagnostics.all()) {
    if (d.severity != Severity::kError) continue;
    Diagnostic mapped = d;
    mapped.span = spans.map(d.span);
    mapped.message = spans.map_text(mapped.message);
    mapped.help = spans.map_text(mapped.help);
    for (DiagnosticNote& note : mapped.notes) {
      note.span = spans.map(note.span);
      note.message = spans.map_text(note.message);
    }
    blockers.mutable_all().push_back(std::move(mapped));
  }
  for (const IoError& error : result.io_errors) {
    blockers.report(DiagnosticCode::PC0030, {},
                    fmt::format("the imported policies could not be built together: {}: {}", error.path,
                                error.message));
  }
}

}  // namespace profilec::import
