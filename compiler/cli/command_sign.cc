// `profilec sign IN -o OUT` and `profilec unsign IN -o OUT`.
#include <fmt/format.h>

#include <memory>

#include "cli/commands.h"
#include "cli/completion_hint.h"
#include "cli/exit_codes.h"
#include "cli/read_input.h"
#include "cli/signing_options.h"
#include "cli/signing_report.h"
#include "project/project_config.h"
#include "read/read_profile.h"
#include "sign/cms_open.h"
#include "sign/cms_sign.h"

namespace profilec::cli {
namespace {

int write_or_report(DiskFileSystem& files, const std::string& path, const std::string& bytes,
                    const GlobalOptions& globals) {
  if (auto error = files.write_file_atomically(path, bytes)) {
    print_io_error(*error);
    return kExitUsage;
  }
  fmt::print(progress_stream(globals.report), "wrote {}\n", printable_path(path));
  return kExitClean;
}

}  // namespace

std::function<int()> setup_sign(CLI::App* sub, const GlobalOptions& globals) {
  struct Options {
    std::string input;
    std::string output;
    IdentityOptions identity;
    CertificateClock clock;
  };
  auto options = std::make_shared<Options>();
  sub->add_option("input", options->input, "The unsigned .mobileconfig")
      ->required()
      ->check(completes(ValueHint::kProfile));
  sub->add_option("-o,--output", options->output, "Where to write the signed profile")->required();
  add_identity_options(*sub, options->identity);
  add_clock_options(*sub, options->clock);
  return [options, &globals] {
    DiskFileSystem files;
    ProjectConfigs projects(files);
    apply_project_signing(projects.for_named_path(options->input), &options->identity, nullptr, options->clock);
    if (!options->identity.given()) {
      fmt::print(stderr,
                 "profilec: error: sign needs an identity: --sign-cert with --sign-key, or --sign-p12, or "
                 "[signing] in profilec.toml\n");
      return static_cast<int>(kExitUsage);
    }
    auto input = read_input_profile(files, options->input);
    if (!input) return static_cast<int>(kExitUsage);
    if (sign::looks_like_der(*input)) {
      fmt::print(stderr, "profilec: error: {}: already signed; run `profilec unsign` first to re-sign it\n",
                 options->input);
      return static_cast<int>(kExitUsage);
    }
    if (!read::looks_like_plist(*input)) {
      fmt::print(stderr, "profilec: error: {}: not a property list (XML or binary)\n", options->input);
      return static_cast<int>(kExitUsage);
    }
    auto identity = load_identity(options->identity, files);
    auto expiry = expiry_policy(options->clock);
    auto when = signing_time();
    if (!identity || !expiry || !when) return static_cast<int>(kExitUsage);
    if (report_signing_certificate(*identity, *expiry, globals) != kExitClean) return static_cast<int>(kExitFindings);
    auto signed_bytes = sign::sign_content(*input, *identity, sign::SignOptions{*when});
    if (!signed_bytes) {
      fmt::print(stderr, "profilec: error: {}: {}\n", options->input, signed_bytes.error());
      return static_cast<int>(kExitUsage);
    }
    return write_or_report(files, options->output, *signed_bytes, globals);
  };
}

std::function<int()> setup_unsign(CLI::App* sub, const GlobalOptions& globals) {
  struct Options {
    std::string input;
    std::string output;
  };
  auto options = std::make_shared<Options>();
  sub->add_option("input", options->input, "The signed .mobileconfig")
      ->required()
      ->check(completes(ValueHint::kProfile));
  sub->add_option("-o,--output", options->output, "Where to write the plain profile")->required();
  return [options, &globals] {
    DiskFileSystem files;
    auto input = read_input_profile(files, options->input);
    if (!input) return static_cast<int>(kExitUsage);
    if (!sign::looks_like_der(*input)) {
      fmt::print(stderr, "profilec: error: {}: not signed: the file is not CMS SignedData\n", options->input);
      return static_cast<int>(kExitUsage);
    }
    auto opened = sign::open_signed(*input);
    if (!opened) {
      fmt::print(stderr, "profilec: error: {}: {}\n", options->input, opened.error());
      return static_cast<int>(kExitUsage);
    }
    // The content is written either way: unsign is how one looks inside a
    // file whose signature broke. The state is said, not hidden.
    if (opened->state != sign::SignatureState::kValid) {
      fmt::print(stderr, "profilec: warning: {}: the signature is not valid: {}\n", options->input, opened->problem);
    }
    Diagnostics ignored;  // unsign writes the content whatever it holds
    if (read::read_profile(opened->content, options->input, ignored).encrypted) {
      fmt::print(stderr,
                 "profilec: note: {}: the payloads are encrypted (EncryptedPayloadContent); only the device "
                 "they were encrypted for can read them\n",
                 options->input);
    }
    return write_or_report(files, options->output, opened->content, globals);
  };
}

}  // namespace profilec::cli
