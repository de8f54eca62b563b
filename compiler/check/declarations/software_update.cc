// PC6030 and PC6031: com.apple.configuration.softwareupdate.enforcement.specific.
// A TargetOSVersion below the target's minimum OS asks for an update every
// targeted device is already past; a TargetLocalDateTime must be Apple's
// "yyyy-mm-ddThh:mm:ss" (local time, no zone) and lie ahead.
#include <fmt/format.h>

#include <regex>

#include "base/civil_time.h"
#include "check/declarations/check_declarations.h"
#include "schema/os_version.h"

namespace profilec::check {
namespace {

constexpr std::string_view kEnforcementType = "com.apple.configuration.softwareupdate.enforcement.specific";

// A day, so that a date in the device's local time is "past" only when it
// is past in every time zone.
constexpr std::int64_t kDaySeconds = std::int64_t{24} * 60 * 60;

std::optional<CivilTime> parse_local(const std::string& text) {
  static const std::regex kForm{R"((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2}))"};
  std::smatch m;
  if (!std::regex_match(text, m, kForm)) return std::nullopt;
  CivilTime t{std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]), std::stoi(m[4]), std::stoi(m[5]), std::stoi(m[6])};
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > kDays[t.month - 1] || t.hour > 23 || t.minute > 59 ||
      t.second > 59)
    return std::nullopt;
  const bool leap = (t.year % 4 == 0 && t.year % 100 != 0) || t.year % 400 == 0;
  if (t.month == 2 && t.day == 29 && !leap) return std::nullopt;
  return t;
}

}  // namespace

void check_software_update(const ir::Declaration& declaration, const DeclarationCheckInputs& inputs,
                           Diagnostics& diagnostics) {
  if (declaration.type != kEnforcementType) return;
  if (const ir::Value* version = declaration.payload.find("TargetOSVersion"); version && version->is_string()) {
    const auto wanted = schema::OsVersion::parse(version->string());
    for (const ir::PlatformTarget& p : inputs.target.platforms) {
      const auto minimum = schema::OsVersion::parse(p.min_version);
      if (!wanted || !minimum || wanted->is_not_available() || minimum->is_not_available()) continue;
      if (*wanted < *minimum) {
        Diagnostic& d = diagnostics.report(
            DiagnosticCode::PC6030, version->span,
            fmt::format("TargetOSVersion {} is lower than the target's minimum {} {}", version->string(), p.platform,
                        p.min_version),
            "every targeted device already runs a newer OS: enforce a newer version, or lower the target's minimum");
        if (p.span.known()) d.notes.push_back({p.span, "the minimum is set here"});
      }
    }
  }
  const ir::Value* when = declaration.payload.find("TargetLocalDateTime");
  if (!when || !when->is_string()) return;
  const auto local = parse_local(when->string());
  if (!local) {
    diagnostics.report(DiagnosticCode::PC6031, when->span,
                       fmt::format("TargetLocalDateTime '{}' is not a local date and time", when->string()),
                       "write \"yyyy-mm-ddThh:mm:ss\", the device's local time, without a time zone");
    return;
  }
  if (inputs.now != 0 && unix_seconds_from_civil_time(*local) + kDaySeconds < inputs.now) {
    diagnostics.report(DiagnosticCode::PC6031, when->span,
                       fmt::format("TargetLocalDateTime {} is in the past (now: {})", when->string(),
                                   format_utc(civil_time_from_unix_seconds(inputs.now))),
                       "devices would enforce the update at once: choose a date ahead");
  }
}

}  // namespace profilec::check
