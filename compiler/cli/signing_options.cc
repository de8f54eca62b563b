#include "cli/signing_options.h"

#include "cli/completion_hint.h"
#include "cli/report.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <memory>

namespace profilec::cli {
namespace {

// " (--sign-key)": the setting that named a file or a variable, after it.
std::string after_name(const std::string& origin) { return origin.empty() ? "" : fmt::format(" ({})", origin); }

// "'PATH' (--sign-key)": a file and the setting that named it.
std::string named_by(const std::string& path, const std::string& origin) {
  return fmt::format("'{}'{}", path, after_name(origin));
}

std::optional<std::string> read_or_report(const FileSystem& files, const std::string& path, const std::string& origin) {
  auto bytes = files.read_file(path);
  if (!bytes) {
    fmt::print(stderr, "profilec: error: cannot read {}: {}\n", named_by(path, origin), bytes.error().message);
    return std::nullopt;
  }
  return std::move(*bytes);  // moved, not copied: key bytes leave no uncleansed copy behind
}

// A password file holds the password and at most one final line break.
std::string strip_final_newline(std::string text) {
  if (!text.empty() && text.back() == '\n') text.pop_back();
  if (!text.empty() && text.back() == '\r') text.pop_back();
  return text;
}

void warn_if_readable_by_others(const std::string& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error) return;
  using std::filesystem::perms;
  const perms mode = status.permissions();
  if ((mode & (perms::group_read | perms::others_read)) == perms::none) return;
  fmt::print(stderr, "profilec: warning: the key file '{}' is readable by {} (mode {:o}); run: chmod 600 '{}'\n", path,
             (mode & perms::others_read) != perms::none ? "every user" : "its group",
             static_cast<unsigned>(mode) & 0777u, path);
}

// The password from --key-password-file or --key-password-env; the
// outer optional is empty after a printed error.
std::optional<std::optional<std::string>> password_of(const IdentityOptions& options, const FileSystem& files) {
  if (!options.password_file.empty()) {
    auto text = read_or_report(files, options.password_file, options.origin("password_file"));
    if (!text) return std::nullopt;
    warn_if_readable_by_others(options.password_file);
    return std::optional<std::string>(strip_final_newline(std::move(*text)));
  }
  if (!options.password_env.empty()) {
    const char* value = std::getenv(options.password_env.c_str());
    if (value == nullptr) {
      fmt::print(stderr, "profilec: error: {} names '{}', which is not set\n", options.origin("password_env"),
                 options.password_env);
      return std::nullopt;
    }
    return std::optional<std::string>(std::string(value));
  }
  return std::optional<std::string>();
}

// The setting that named `path`, one of the identity's files.
std::string origin_of_file(const IdentityOptions& options, const std::string& path) {
  if (path == options.pkcs12) return options.origin("pkcs12");
  if (path == options.certificate) return options.origin("certificate");
  if (path == options.key) return options.origin("key");
  if (path == options.chain) return options.origin("chain");
  if (path == "$" + options.key_env) return options.origin("key_env");
  return {};
}

void print_identity_error(const IdentityOptions& options, const sign::IdentityError& error) {
  const std::string origin = origin_of_file(options, error.path);
  fmt::print(stderr, "profilec: error: {}{}: {}\n", error.path, after_name(origin), error.message);
  // A wrong password: say where it came from.
  if (error.message.find("password") == std::string::npos) return;
  if (!options.password_file.empty()) {
    fmt::print(stderr, "  help: the password is read from {}\n",
               named_by(options.password_file, options.origin("password_file")));
  } else if (!options.password_env.empty()) {
    fmt::print(stderr, "  help: the password is read from ${} ({})\n", options.password_env,
               options.origin("password_env"));
  }
}

// How an identity setting is named on the command line and in [signing];
// the password flags serve every identity of a command, so they have no
// prefix. The one list of the identity's settings: origins, project file.
struct IdentitySetting {
  std::string IdentityOptions::*value;
  std::string SigningConfig::*project;
  std::string_view field;  // in [signing]
  std::string_view flag;   // after "--PREFIX-", or after "--" when shared
  bool shared;
};

const IdentitySetting kIdentitySettings[] = {
    {&IdentityOptions::certificate, &SigningConfig::certificate, "certificate", "cert", false},
    {&IdentityOptions::key, &SigningConfig::key, "key", "key", false},
    {&IdentityOptions::key_env, &SigningConfig::key_env, "key_env", "key-env", false},
    {&IdentityOptions::chain, &SigningConfig::chain, "chain", "chain", false},
    {&IdentityOptions::pkcs12, &SigningConfig::pkcs12, "pkcs12", "p12", false},
    {&IdentityOptions::password_env, &SigningConfig::password_env, "password_env", "key-password-env", true},
    {&IdentityOptions::password_file, &SigningConfig::password_file, "password_file", "key-password-file", true},
};

// "password_env at repo/profilec.toml:3:1": the key of a [signing] field.
std::string project_origin(const ProjectConfig& project, std::string_view field) {
  const auto span = project.signing.key_spans.find(std::string(field));
  if (span == project.signing.key_spans.end() || !span->second.known()) {
    return fmt::format("{} in {}", field, project.path);
  }
  return fmt::format("{} at {}:{}:{}", field, *span->second.path, span->second.begin.line, span->second.begin.column);
}

}  // namespace

std::string IdentityOptions::origin(std::string_view field) const {
  const auto found = origins.find(field);
  return found == origins.end() ? std::string() : found->second;
}

void add_identity_options(CLI::App& sub, IdentityOptions& options, const std::string& prefix) {
  const std::string who = prefix == "sign" ? "signing" : prefix;
  sub.add_option("--" + prefix + "-cert", options.certificate,
                 fmt::format("The {} certificate (PEM or DER; certificates after the first are its chain)", who));
  sub.add_option("--" + prefix + "-key", options.key, fmt::format("The {} private key file (PEM or DER)", who));
  sub.add_option("--" + prefix + "-key-env", options.key_env,
                 fmt::format("An environment variable holding the {} private key (PEM)", who))
      ->check(completes(ValueHint::kEnvironmentVariable));
  sub.add_option("--" + prefix + "-chain", options.chain, "A PEM bundle of intermediate certificates to include");
  sub.add_option("--" + prefix + "-p12", options.pkcs12, fmt::format("The {} identity as a PKCS#12 file", who));
  for (const IdentitySetting& setting : kIdentitySettings) {
    options.origins[std::string(setting.field)] = setting.shared ? fmt::format("--{}", setting.flag)
                                                                 : fmt::format("--{}-{}", prefix, setting.flag);
  }
  // One password source per command: the same flags serve both identities.
  if (sub.get_option_no_throw("--key-password-file") == nullptr) {
    sub.add_option("--key-password-file", options.password_file,
                   "A file holding the password of the key or PKCS#12 file");
    sub.add_option("--key-password-env", options.password_env,
                   "An environment variable holding the password of the key or PKCS#12 file")
        ->check(completes(ValueHint::kEnvironmentVariable));
  }
}

std::optional<sign::SigningIdentity> load_identity(const IdentityOptions& options, const FileSystem& files) {
  // No core dump from before the first byte of a key or password is read.
  sign::protect_key_material();
  auto password = password_of(options, files);
  if (!password) return std::nullopt;
  // The password and the key bytes read here are overwritten on every way
  // out; the identity keeps only OpenSSL's own key object.
  const sign::CleanseOnExit cleanse_password(*password ? &**password : nullptr);
  if (!options.pkcs12.empty()) {
    if (!options.certificate.empty() || !options.key.empty() || !options.key_env.empty()) {
      const std::string other = !options.certificate.empty() ? options.origin("certificate")
                                : !options.key.empty()       ? options.origin("key")
                                                             : options.origin("key_env");
      fmt::print(stderr, "profilec: error: give either a PKCS#12 file or a certificate and key, not both: {} and {}\n",
                 options.origin("pkcs12"), other);
      return std::nullopt;
    }
    auto bytes = read_or_report(files, options.pkcs12, options.origin("pkcs12"));
    if (!bytes) return std::nullopt;
    sign::NamedBytes bundle{options.pkcs12, std::move(*bytes)};
    const sign::CleanseOnExit cleanse_bundle(&bundle.bytes);
    warn_if_readable_by_others(options.pkcs12);
    auto identity = sign::load_pkcs12_identity(bundle, *password);
    if (!identity) {
      print_identity_error(options, identity.error());
      return std::nullopt;
    }
    return *identity;
  }
  if (options.key.empty() == options.key_env.empty()) {
    fmt::print(stderr,
               "profilec: error: a certificate needs its private key: give exactly one of the key file or "
               "the key's environment variable\n");
    if (options.key.empty()) {
      fmt::print(stderr, "  help: the certificate is '{}' ({}); neither names a key\n", options.certificate,
                 options.origin("certificate"));
    } else {
      fmt::print(stderr, "  help: both are given: {} and {}\n", named_by(options.key, options.origin("key")),
                 named_by(options.key_env, options.origin("key_env")));
    }
    return std::nullopt;
  }
  sign::PemIdentityFiles pem;
  const sign::CleanseOnExit cleanse_key(&pem.private_key.bytes);
  auto certificate = read_or_report(files, options.certificate, options.origin("certificate"));
  if (!certificate) return std::nullopt;
  pem.certificate = {options.certificate, std::move(*certificate)};
  if (!options.key.empty()) {
    auto key = read_or_report(files, options.key, options.origin("key"));
    if (!key) return std::nullopt;
    warn_if_readable_by_others(options.key);
    pem.private_key = {options.key, std::move(*key)};

  } else {
    const char* value = std::getenv(options.key_env.c_str());
    if (value == nullptr) {
      fmt::print(stderr, "profilec: error: {} names '{}', which is not set\n", options.origin("key_env"),
                 options.key_env);
      return std::nullopt;
    }
    pem.private_key = {"$" + options.key_env, value};
  }
  if (!options.chain.empty()) {
    auto chain = read_or_report(files, options.chain, options.origin("chain"));
    if (!chain) return std::nullopt;
    pem.chain = sign::NamedBytes{options.chain, std::move(*chain)};
  }
  pem.password = *password;
  const sign::CleanseOnExit cleanse_key_password(pem.password ? &*pem.password : nullptr);
  auto identity = sign::load_pem_identity(pem);
  if (!identity) {
    print_identity_error(options, identity.error());
    return std::nullopt;
  }
  return *identity;
}

std::vector<SigningSecret> signing_secrets(const IdentityOptions& options, const std::string& prefix) {
  std::vector<SigningSecret> secrets;
  auto add = [&](SigningSecret::Kind kind, const std::string& name, const std::string& option) {
    if (!name.empty()) secrets.push_back({kind, name, option});
  };
  add(SigningSecret::kVariable, options.key_env, "--" + prefix + "-key-env");
  add(SigningSecret::kVariable, options.password_env, "--key-password-env");
  add(SigningSecret::kFile, options.key, "--" + prefix + "-key");
  add(SigningSecret::kFile, options.pkcs12, "--" + prefix + "-p12");
  add(SigningSecret::kFile, options.password_file, "--key-password-file");
  return secrets;
}

void add_clock_options(CLI::App& sub, CertificateClock& clock) {
  sub.add_option("--expiry-warning-days", clock.warning_days,
                 "Warn about certificates that expire within this many days (PC5003)")
      ->check(CLI::Range(0, 3650));
}

std::optional<cert::ExpiryPolicy> expiry_policy(const CertificateClock& clock) {
  std::string error;
  const std::int64_t now = cert::now_from_environment(std::getenv("PROFILEC_NOW"), error);
  if (!error.empty()) {
    fmt::print(stderr, "profilec: error: {}\n", error);
    return std::nullopt;
  }
  return cert::ExpiryPolicy{now, clock.warning_days.value_or(30)};
}

std::optional<std::int64_t> signing_time() {
  const char* value = std::getenv("SOURCE_DATE_EPOCH");
  if (value == nullptr || *value == '\0') return static_cast<std::int64_t>(std::time(nullptr));
  const std::string_view text(value);
  std::int64_t seconds = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || end != text.data() + text.size() || seconds < 0) {
    fmt::print(stderr, "profilec: error: SOURCE_DATE_EPOCH='{}' is not a number of seconds\n", text);
    return std::nullopt;
  }
  return seconds;
}

std::optional<cert::CertificateInfo> read_certificate_file(const std::string& path, const std::string& origin,
                                                           const FileSystem& files, std::string* bytes_out) {
  auto bytes = read_or_report(files, path, origin);
  if (!bytes) return std::nullopt;
  auto info = cert::read_certificate(*bytes);
  if (!info) {
    fmt::print(stderr, "profilec: error: {}{}: {}\n", path, after_name(origin), info.error());
    return std::nullopt;
  }
  if (bytes_out != nullptr) *bytes_out = std::move(*bytes);
  return *info;
}

bool load_apns_certificate(const CertificateSetting& setting, const FileSystem& files,
                           std::optional<cert::CertificateInfo>& certificate, CompileInputs& inputs) {
  certificate = read_certificate_file(setting.path, setting.origin, files);
  if (!certificate) return false;
  inputs.apns_certificate = &*certificate;
  inputs.apns_span = whole_file_span(std::make_shared<const std::string>(setting.path));
  return true;
}

void apply_project_signing(const ProjectConfig* project, IdentityOptions* identity,
                           CertificateSetting* apns_certificate, CertificateClock& clock) {
  if (project == nullptr) return;
  const SigningConfig& signing = project->signing;
  if (identity != nullptr && !identity->given() && identity->key.empty() && identity->key_env.empty()) {
    // The identity comes whole from one place; the password too, unless
    // the command line names one.
    const bool password_given = !identity->password_env.empty() || !identity->password_file.empty();
    for (const IdentitySetting& setting : kIdentitySettings) {
      if (setting.shared && password_given) continue;
      identity->*setting.value = signing.*setting.project;
      if (!(signing.*setting.project).empty())
        identity->origins[std::string(setting.field)] = project_origin(*project, setting.field);
    }
  }
  if (apns_certificate != nullptr && apns_certificate->path.empty() && !signing.apns_certificate.empty()) {
    *apns_certificate = {signing.apns_certificate, project_origin(*project, "apns_certificate")};
  }
  if (!clock.warning_days) clock.warning_days = signing.expiry_warning_days;
}

}  // namespace profilec::cli
