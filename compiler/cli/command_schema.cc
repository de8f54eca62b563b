#include <fmt/format.h>

#include <memory>

#include "base/spelling.h"
#include "cli/commands.h"
#include "cli/completion_hint.h"
#include "cli/exit_codes.h"
#include "cli/load_schemas.h"
#include "cli/schema_view.h"
#include "cli/target_options.h"

namespace profilec::cli {
namespace {

constexpr std::size_t kSuggestions = 3;

// " (did you mean 'x'?)", or nothing.
std::string help(const std::vector<std::string>& names) {
  return names.empty() ? std::string() : fmt::format(" ({})", did_you_mean(names));
}

}  // namespace

std::function<int()> setup_schema(CLI::App& app, const GlobalOptions& globals) {
  struct Options {
    std::string format = "human";
    std::string platform;
    std::string type;
    std::string key;
  };
  auto options = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("schema", "Show the payload schemas profilec checks against");
  sub->require_subcommand(1);
  CLI::App* list = sub->add_subcommand("list", "List payload types with their platform support");
  list->add_option("--platform", options->platform, "Only types available on this platform (iOS, macOS, ...)")
      ->check(CLI::IsMember(platform_names()));
  CLI::App* show = sub->add_subcommand("show", "Show one payload type, or one of its keys");
  show->add_option("type", options->type, "Payload type, e.g. com.apple.wifi.managed")
      ->required()
      ->check(completes(ValueHint::kPayloadType));
  show->add_option("key", options->key, "A key, or a dotted path to a nested key")->check(completes(ValueHint::kText));
  for (CLI::App* c : {list, show}) {
    c->add_option("--format", options->format, "human or json")->check(CLI::IsMember({"human", "json"}));
  }

  return [options, &globals, list, show]() -> int {
    auto schemas = load_schemas(globals);
    if (!schemas) return kExitUsage;
    const bool json = options->format == "json";
    if (list->parsed()) {
      const auto platform = options->platform.empty() ? std::nullopt : schema::platform_from_name(options->platform);
      fmt::print("{}", json ? render_schema_list_json(*schemas, platform) : render_schema_list(*schemas, platform));
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
