#include "cli/target_options.h"

#include <fmt/format.h>

#include "schema/os_version.h"

namespace profilec::cli {

std::string platform_choices_text() {
  std::string out;
  for (std::size_t i = 0; i < schema::kAllPlatforms.size(); ++i) {
    if (i > 0) out += i + 1 == schema::kAllPlatforms.size() ? " or " : ", ";
    out += schema::platform_name(schema::kAllPlatforms[i]);
  }
  return out;
}

std::vector<std::string> platform_names() {
  std::vector<std::string> out;
  out.reserve(schema::kAllPlatforms.size());
  for (schema::Platform p : schema::kAllPlatforms) out.emplace_back(schema::platform_name(p));
  return out;
}

std::optional<PlatformChoice> parse_platform_choice(std::string_view flag, std::string& error) {
  const auto colon = flag.find(':');
  const std::string_view name = flag.substr(0, colon);
  const auto platform = schema::platform_from_name(name);
  if (!platform) {
    error = fmt::format("unknown platform '{}' in --platform {}: use {}", name, flag, platform_choices_text());
    return std::nullopt;
  }
  if (colon == std::string_view::npos) return PlatformChoice{*platform, {}};
  const std::string_view version = flag.substr(colon + 1);
  const auto parsed = schema::OsVersion::parse(version);
  if (version.empty() || !parsed || parsed->is_not_available() || *parsed == schema::OsVersion::since_first()) {
    error = fmt::format("'{}' in --platform {} is not an OS version such as 17.0", version, flag);
    return std::nullopt;
  }
  return PlatformChoice{*platform, std::string(version)};
}

CLI::Option* add_repeatable_option(CLI::App& app, const std::string& name, std::vector<std::string>& values,
                                   const std::string& description) {
  return app.add_option(name, values, description)->allow_extra_args(false);
}

CLI::Option* add_fail_on_option(CLI::App& app, std::string& value) {
  return app
      .add_option("--fail-on", value,
                  "Exit 1 when a finding is at this level or above: error (default), warning or note")
      ->check(CLI::IsMember({"error", "warning", "note"}));
}

std::optional<Severity> fail_on_severity(const std::string& value) {
  if (value == "error") return Severity::kError;
  if (value == "warning") return Severity::kWarning;
  if (value == "note") return Severity::kNote;
  return std::nullopt;
}

}  // namespace profilec::cli
