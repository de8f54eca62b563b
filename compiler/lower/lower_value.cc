#include "lower/lower_value.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>

#include "base/base64.h"
#include "base/civil_time.h"
#include "base/repository_boundary.h"
#include "base/size_limit.h"
#include "base/utf8.h"
#include "lower/lower_declarations.h"
#include "lower/profile_links.h"
#include "plist/read_limits.h"

namespace profilec {
namespace {

// `{ file = }` may only read regular files inside the repository, and none
// that holds the signing identity's key material (docs/security.md). The
// refusal comes before any byte is read; nothing about the file's content
// is said.
bool data_file_allowed(const lang::Value& value, const std::string& path, const LowerInputs& inputs,
                       Diagnostics& diagnostics) {
  const BoundaryCheck check = check_data_file(inputs.files, path, inputs.repository_root);
  // The help of a refusal, made only for one.
  const auto where = [&] {
    const std::string root = inputs.repository_root.empty() ? "the current directory"
                                                            : fmt::format("'{}'", inputs.repository_root);
    return fmt::format("data files must be regular files inside the repository, here {} (docs/security.md)", root);
  };
  switch (check.verdict) {
    case BoundaryCheck::kUnresolved: return true;  // reading it reports why (PC0007)
    case BoundaryCheck::kOutside:
      diagnostics.report(DiagnosticCode::PC0026, value.span,
                         fmt::format("'{}' leads outside the repository{}", path,
                                     check.real.empty() ? "" : fmt::format(", to '{}'", check.real)),
                         where());
      return false;
    case BoundaryCheck::kNotRegular:
      diagnostics.report(DiagnosticCode::PC0026, value.span, fmt::format("'{}' is not a regular file", path), where());
      return false;
    case BoundaryCheck::kHidden:
      diagnostics.report(DiagnosticCode::PC0026, value.span,
                         fmt::format("'{}' is a hidden file or lies in a hidden folder", path),
                         "profilec does not read hidden files and folders (.git, .env, ...) as data: they hold "
                         "credentials on build machines; move the file out of it");
      return false;
    case BoundaryCheck::kInside: break;
  }
  for (const SigningSecret& secret : inputs.secret_policy.signing) {
    if (secret.kind != SigningSecret::kFile) continue;
    auto resolved = inputs.files.resolve(secret.name);
    if (resolved && resolved->real == check.real) {
      diagnostics.report(DiagnosticCode::PC0026, value.span,
                         fmt::format("'{}' is the signing identity's key material ({})", path, secret.origin),
                         "no profile may hold the signing key, its PKCS#12 file or its password");
      return false;
    }
  }
  return true;
}

// `{ env = }` may only name the variables profilec.toml's [secrets]
// allow_env allows (PROFILEC_* by default), and never one the signing
// identity uses. Checked in `check` as in `build`; the variable is not read.
bool env_allowed(const lang::Value& value, const LowerInputs& inputs, Diagnostics& diagnostics) {
  const SecretPolicy& policy = inputs.secret_policy;
  if (const SigningSecret* signing = signing_variable(policy, value.text)) {
    diagnostics.report(
        DiagnosticCode::PC0028, value.span,
        fmt::format("environment variable '{}' holds the signing identity's key material ({})", value.text,
                    signing->origin),
        "no profile may read the variables the signing identity uses, whatever [secrets] allow_env says");
    return false;
  }
  for (const std::string& pattern : policy.allow_env) {
    if (env_pattern_matches(pattern, value.text)) return true;
  }
  std::string allowed;
  for (const std::string& pattern : policy.allow_env) allowed += (allowed.empty() ? "" : ", ") + pattern;
  diagnostics.report(
      DiagnosticCode::PC0028, value.span,
      fmt::format("environment variable '{}' is not allowed: {}", value.text,
                  policy.allow_env_origin.empty()
                      ? fmt::format("without [secrets] allow_env in profilec.toml, {{ env = }} reads only {}", allowed)
                  : allowed.empty()
                      ? fmt::format("[secrets] allow_env in '{}' allows none", policy.allow_env_origin)
                      : fmt::format("[secrets] allow_env in '{}' allows {}", policy.allow_env_origin, allowed)),
      "rename the variable to match the allow-list, or add a pattern for it to [secrets] allow_env in profilec.toml "
      "(docs/security.md)");
  return false;
}

}  // namespace

std::optional<ir::Date> lower_datetime(const lang::Value& value, Diagnostics& diagnostics) {
  const lang::DateTime& dt = value.datetime;
  if (!dt.has_date || !dt.has_time) {
    diagnostics.report(DiagnosticCode::PC0009, value.span,
                       dt.has_date ? "a date without a time cannot be a plist date"
                                   : "a time without a date cannot be a plist date",
                       "write a full date-time in UTC, e.g. 2026-06-30T00:00:00Z");
    return std::nullopt;
  }
  if (!dt.has_offset) {
    diagnostics.report(DiagnosticCode::PC0009, value.span, "date-time has no UTC offset",
                       "plist dates are absolute: add 'Z' for UTC or an offset such as '+02:00'");
    return std::nullopt;
  }
  if (dt.nanosecond != 0) {
    diagnostics.report(DiagnosticCode::PC0009, value.span, "plist dates hold whole seconds",
                       "drop the fraction of a second");
    return std::nullopt;
  }
  const std::int64_t local = unix_seconds_from_civil_time(CivilTime{dt.year, dt.month, dt.day, dt.hour, dt.minute,
                                                                    dt.second});
  const ir::Date utc = ir::date_from_unix_seconds(local - static_cast<std::int64_t>(dt.offset_minutes) * 60);
  if (utc.year < 1 || utc.year > 9999) {
    diagnostics.report(DiagnosticCode::PC0009, value.span, "date is outside the years 0001 to 9999");
    return std::nullopt;
  }
  return utc;
}

std::optional<ir::Value> lower_value(const lang::Value& value, const std::string& base_dir, const LowerInputs& inputs,
                                     const ReferenceScope& scope, Diagnostics& diagnostics) {
  using Kind = lang::Value::Kind;
  switch (value.kind) {
    case Kind::kBoolean: return ir::make_boolean(value.boolean, value.span);
    case Kind::kInteger: return ir::make_integer(value.integer, value.span);
    case Kind::kReal:
      if (!std::isfinite(value.real)) {
        diagnostics.report(DiagnosticCode::PC0009, value.span,
                           fmt::format("'{}' cannot be a plist real", std::isnan(value.real) ? "nan" : "inf"),
                           "property lists hold finite numbers only");
        return std::nullopt;
      }
      return ir::make_real(value.real, value.span);
    case Kind::kString:
      if (auto c = first_xml_forbidden_character(value.text)) {
        diagnostics.report(DiagnosticCode::PC0009, value.span,
                           fmt::format("string contains the control character U+{:04X}", *c),
                           "XML property lists cannot hold it, not even escaped; remove it");
        return std::nullopt;
      }
      return ir::make_string(value.text, value.span);
    case Kind::kDateTime: {
      auto date = lower_datetime(value, diagnostics);
      if (!date) return std::nullopt;
      return ir::make_date(*date, value.span);
    }
    case Kind::kArray: {
      ir::Array items;
      items.reserve(value.items.size());
      bool ok = true;
      for (const lang::Value& item : value.items) {
        auto lowered = lower_value(item, base_dir, inputs, scope, diagnostics);
        if (lowered) items.push_back(std::move(*lowered));
        else ok = false;
      }
      if (!ok) return std::nullopt;
      return ir::make_array(std::move(items), value.span);
    }
    case Kind::kTable: {
      ir::Dict entries;
      bool ok = true;
      for (const lang::Entry& entry : value.entries) {
        auto lowered = lower_value(entry.value, base_dir, inputs, scope, diagnostics);
        if (lowered) entries.push_back(ir::DictEntry{entry.key, entry.key_span, std::move(*lowered)});
        else ok = false;
      }
      if (!ok) return std::nullopt;
      return ir::make_dict(std::move(entries), value.span);
    }
    case Kind::kFileRef: {
      const std::string path = join_path(base_dir, value.text);
      if (!data_file_allowed(value, path, inputs, diagnostics)) return std::nullopt;
      // The data ends up in the profile, so the profile's limit applies.
      auto contents = inputs.files.read_file_up_to(path, kMaxPlistBytes);
      if (!contents && contents.error().too_large) {
        diagnostics.report(DiagnosticCode::PC0007, value.span,
                           fmt::format("'{}' is {}", path,
                                       over_size_limit_message(*contents.error().too_large, kMaxPlistBytes,
                                                               "data files")),
                           "a profile holds at most 64 MiB; check that this is the right file");
        return std::nullopt;
      }
      if (!contents) {
        diagnostics.report(DiagnosticCode::PC0007, value.span,
                           fmt::format("cannot read '{}': {}", path, contents.error().message),
                           "file paths are relative to the policy file's folder");
        return std::nullopt;
      }
      return ir::make_data(std::move(*contents), value.span);
    }
    case Kind::kBase64: {
      auto bytes = decode_base64(value.text);
      if (!bytes) {
        diagnostics.report(DiagnosticCode::PC0008, value.span, "not valid base64",
                           "use the standard alphabet (A-Z a-z 0-9 + /) with '=' padding");
        return std::nullopt;
      }
      return ir::make_data(std::move(*bytes), value.span);
    }
    case Kind::kEnvSecret: {
      ir::Value secret = ir::make_string({}, value.span);
      secret.secret = true;
      // A variable that may not be read is not read; its key stays as the
      // placeholder `check` sees (no PC1008 besides PC0028), and the policy
      // is not compiled (project/compile.cc: the trust boundary).
      if (!env_allowed(value, inputs, diagnostics)) return secret;
      if (inputs.secrets == SecretMode::kPlaceholder) return secret;
      auto resolved = inputs.environment.get(value.text);
      if (!resolved) {
        diagnostics.report(DiagnosticCode::PC0006, value.span,
                           fmt::format("environment variable '{}' is not set", value.text),
                           fmt::format("set {} in the build environment (secrets are read at build time only)",
                                       value.text));
        // The key stays, as the placeholder `check` sees: dropping it would
        // add a finding that is not there (PC1008 for a required key).
        return secret;
      }
      if (first_xml_forbidden_character(*resolved)) {
        // The value itself is never shown.
        diagnostics.report(DiagnosticCode::PC0009, value.span,
                           fmt::format("environment variable '{}' contains a control character", value.text),
                           "XML property lists cannot hold it");
        return secret;
      }
      secret.storage = std::move(*resolved);
      return secret;
    }
    case Kind::kPayloadRef: return scope.payloads.resolve(value, scope.from_payload, diagnostics);
    case Kind::kDeclarationRef:
      if (!scope.declarations) {
        diagnostics.report(DiagnosticCode::PC6007, value.span,
                           fmt::format("{{ declaration = \"{}\" }} outside a declaration", value.text),
                           "only a [declaration.<name>] table can name another declaration");
        return std::nullopt;
      }
      return scope.declarations->resolve(value, scope.from_declaration, scope.found, diagnostics);
    case Kind::kProfileRef:
      if (!scope.profiles) {
        diagnostics.report(DiagnosticCode::PC6050, value.span,
                           fmt::format("{{ profile = \"{}\" }} outside a declaration", value.text),
                           "only a [declaration.<name>] table (a com.apple.configuration.legacy's ProfileURL) can "
                           "name a profile built in the same run");
        return std::nullopt;
      }
      return scope.profiles->resolve(value, diagnostics);
  }
  return std::nullopt;
}

}  // namespace profilec
