#include <fmt/format.h>

#include <memory>

#include "base/spelling.h"
#include "cli/commands.h"
#include "cli/completion_hint.h"
#include "cli/exit_codes.h"
#include "cli/load_schemas.h"
#include "cli/report.h"
#include "cli/schema_view.h"
#include "cli/target_options.h"
#include "project/json_schema.h"

namespace profilec::cli {
namespace {

constexpr std::size_t kSuggestions = 3;

// " (did you mean 'x'?)", or nothing.
std::string help(const std::vector<std::string>& names) {
  return names.empty() ? std::string() : fmt::format(" ({})", did_you_mean(names));
}

}  // namespace

std::function<int()> setup_schema(CLI::App* sub, const GlobalOptions& globals) {
  struct Options {
    std::string format = "human";
    std::string platform;
    std::string kind = "payload";
    std::string type;
    std::string key;
    bool json_schema = false;
    std::string json_schema_for = "policy";
    std::string output;
    bool refuse_unknown_keys = false;
  };
  auto options = std::make_shared<Options>();
  sub->require_subcommand(1);
  CLI::App* list = sub->add_subcommand("list", "List payload types with their platform support");
  list->add_option("--platform", options->platform, "Only types available on this platform (iOS, macOS, ...)")
      ->check(CLI::IsMember(platform_names()));
  list->add_option("--kind", options->kind, "payload (default) or declaration (Declarative Device Management)")
      ->check(CLI::IsMember({"payload", "declaration"}));
  CLI::App* show = sub->add_subcommand("show", "Show one payload type, or one of its keys");
  show->add_option("type", options->type, "Payload type, e.g. com.apple.wifi.managed")
      ->required()
      ->check(completes(ValueHint::kPayloadType));
  show->add_option("key", options->key, "A key, or a dotted path to a nested key")->check(completes(ValueHint::kText));
  for (CLI::App* c : {list, show}) {
    c->add_option("--format", options->format, "human or json")->check(CLI::IsMember({"human", "json"}));
  }
  CLI::App* exported = sub->add_subcommand("export",
                                           "Export the policy language with the payload schemas, for editors");
  exported->add_flag("--json-schema", options->json_schema, "As a JSON Schema (draft-07), for Taplo / Even Better TOML")
      ->required();
  exported->add_option("--for", options->json_schema_for, "The files it is for: policy (default) or fragment")
      ->check(CLI::IsMember({"policy", "fragment"}));
  exported->add_flag("--refuse-unknown-keys", options->refuse_unknown_keys,
                     "Make keys the payload schemas do not define errors (Apple's data lacks some real keys)");
  exported->add_option("-o,--output", options->output, "Write it to this file instead of standard output")
      ->check(completes(ValueHint::kFile));

  return [options, &globals, list, show, exported]() -> int {
    auto schemas = load_schemas(globals);
    if (!schemas) return kExitUsage;
    if (exported->parsed()) {
      const std::string text = export_json_schema(*json_schema_for_from_name(options->json_schema_for), *schemas,
                                                  JsonSchemaOptions{options->refuse_unknown_keys});
      if (options->output.empty()) {
        fmt::print("{}", text);
        return kExitClean;
      }
      DiskFileSystem files;
      if (auto error = files.write_file_atomically(options->output, text)) {
        print_io_error(*error);
        return kExitUsage;
      }
      return kExitClean;
    }
    const bool json = options->format == "json";
    if (list->parsed()) {
      const auto platform = options->platform.empty() ? std::nullopt : schema::platform_from_name(options->platform);
      const auto kind = *schema::schema_kind_from_name(options->kind);
      fmt::print("{}", json ? render_schema_list_json(*schemas, platform, kind)
                            : render_schema_list(*schemas, platform, kind));
      return kExitClean;
    }
    (void)show;
    const schema::PayloadSchema* found = schemas->find_any(options->type);
    if (!found) {
      fmt::print(stderr, "profilec: error: unknown payload type '{}'{}\n", options->type,
                 help(suggest_names(options->type, schemas->payload_types(), kSuggestions)));
      return kExitUsage;
    }
    if (options->key.empty()) {
      fmt::print("{}", json ? render_schema_json(*found) : render_schema(*found));
      return kExitClean;
    }
    // A payload's own keys, else the keys every payload has (PayloadDisplayName).
    auto render = [&](const schema::PayloadSchema& s) {
      return json ? render_key_json(s, options->key) : render_key(s, options->key);
    };
    auto rendered = render(*found);
    if (!rendered && found->kind == schema::SchemaKind::kPayload) rendered = render(schemas->common());
    if (!rendered) {
      std::vector<std::string> candidates = key_path_candidates(*found, options->key);
      if (found->kind == schema::SchemaKind::kPayload) {
        for (std::string& path : key_path_candidates(schemas->common(), options->key)) candidates.push_back(path);
      }
      fmt::print(stderr, "profilec: error: {} has no key '{}'{}\n", options->type, options->key,
                 help(suggest_names(options->key, candidates, kSuggestions)));
      return kExitUsage;
    }
    fmt::print("{}", *rendered);
    return kExitClean;
  };
}

}  // namespace profilec::cli
