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

std::optional<std::string> read_or_report(const FileSystem& files, const std::string& path) {
  auto bytes = files.read_file(path);
  if (!bytes) {
    print_io_error(IoError{path, bytes.error().message});
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
    auto text = read_or_report(files, options.password_file);
    if (!text) return std::nullopt;
    warn_if_readable_by_others(options.password_file);
    return std::optional<std::string>(strip_final_newline(std::move(*text)));
  }
  if (!options.password_env.empty()) {
    const char* value = std::getenv(options.password_env.c_str());
    if (value == nullptr) {
      fmt::print(stderr, "profilec: error: --key-password-env names '{}', which is not set\n", options.password_env);
      return std::nullopt;
    }
    return std::optional<std::string>(std::string(value));
  }
  return std::optional<std::string>();
}

void print_identity_error(const sign::IdentityError& error) {
  fmt::print(stderr, "profilec: error: {}: {}\n", error.path, error.message);
}

}  // namespace

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
      fmt::print(stderr, "profilec: error: give either a PKCS#12 file or a certificate and key, not both\n");
      return std::nullopt;
    }
    auto bytes = read_or_report(files, options.pkcs12);
    if (!bytes) return std::nullopt;
    sign::NamedBytes bundle{options.pkcs12, std::move(*bytes)};
    const sign::CleanseOnExit cleanse_bundle(&bundle.bytes);
    warn_if_readable_by_others(options.pkcs12);
    auto identity = sign::load_pkcs12_identity(bundle, *password);
    if (!identity) {
      print_identity_error(identity.error());
      return std::nullopt;
    }
    return *identity;
  }
  if (options.key.empty() == options.key_env.empty()) {
    fmt::print(stderr,
               "profilec: error: a certificate needs its private key: give exactly one of the key file or "
               "the key's environment variable\n");
    return std::nullopt;
  }
  sign::PemIdentityFiles pem;
  const sign::CleanseOnExit cleanse_key(&pem.private_key.bytes);
  auto certificate = read_or_report(files, options.certificate);
  if (!certificate) return std::nullopt;
  pem.certificate = {options.certificate, std::move(*certificate)};
  if (!options.key.empty()) {
    auto key = read_or_report(files, options.key);
    if (!key) return std::nullopt;
    warn_if_readable_by_others(options.key);
    pem.private_key = {options.key, std::move(*key)};

  } else {
    const char* value = std::getenv(options.key_env.c_str());
    if (value == nullptr) {
      fmt::print(stderr, "profilec: error: the key's environment variable '{}' is not set\n", options.key_env);
      return std::nullopt;
    }
    pem.private_key = {"$" + options.key_env, value};
  }
  if (!options.chain.empty()) {
    auto chain = read_or_report(files, options.chain);
    if (!chain) return std::nullopt;
    pem.chain = sign::NamedBytes{options.chain, std::move(*chain)};
  }
  pem.password = *password;
  const sign::CleanseOnExit cleanse_key_password(pem.password ? &*pem.password : nullptr);
  auto identity = sign::load_pem_identity(pem);
  if (!identity) {
    print_identity_error(identity.error());
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

std::optional<cert::CertificateInfo> read_certificate_file(const std::string& path, const FileSystem& files,
                                                           std::string* bytes_out) {
  auto bytes = read_or_report(files, path);
  if (!bytes) return std::nullopt;
  auto info = cert::read_certificate(*bytes);
  if (!info) {
    fmt::print(stderr, "profilec: error: {}: {}\n", path, info.error());
    return std::nullopt;
  }
  if (bytes_out != nullptr) *bytes_out = std::move(*bytes);
  return *info;
}

bool load_apns_certificate(const std::string& path, const FileSystem& files,
                           std::optional<cert::CertificateInfo>& certificate, CompileInputs& inputs) {
  certificate = read_certificate_file(path, files);
  if (!certificate) return false;
  inputs.apns_certificate = &*certificate;
  inputs.apns_span = whole_file_span(std::make_shared<const std::string>(path));
  return true;
}

void apply_project_signing(const ProjectConfig* project, IdentityOptions* identity, std::string* apns_certificate,
                           CertificateClock& clock) {
  if (project == nullptr) return;
  const SigningConfig& signing = project->signing;
  if (identity != nullptr && !identity->given() && identity->key.empty() && identity->key_env.empty()) {
    identity->certificate = signing.certificate;
    identity->key = signing.key;
    identity->key_env = signing.key_env;
    identity->chain = signing.chain;
    identity->pkcs12 = signing.pkcs12;
    if (identity->password_env.empty() && identity->password_file.empty()) {
      identity->password_env = signing.password_env;
      identity->password_file = signing.password_file;
    }
  }
  if (apns_certificate != nullptr && apns_certificate->empty()) *apns_certificate = signing.apns_certificate;
  if (!clock.warning_days) clock.warning_days = signing.expiry_warning_days;
}

}  // namespace profilec::cli
