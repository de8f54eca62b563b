// `profilec verify FILE...`: the signature, the content it covers, the chain
// (with --ca) and the signer's certificate, of signed .mobileconfig files.
#include <fmt/format.h>

#include <memory>

#include "base/json_writer.h"
#include "base/utf8.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/read_input.h"
#include "cli/signing_options.h"
#include "read/read_profile.h"
#include "sign/cms_open.h"

namespace profilec::cli {
namespace {

struct Verdict {
  std::string path;
  sign::SignedContent opened;
  bool encrypted = false;
  std::string problem;  // empty: valid
  std::string verdict = "valid";  // valid, INVALID, UNTRUSTED, EXPIRED, NOT YET VALID
};

std::string shown(std::string_view text) { return valid_utf8(text, ControlCharacters::kReplaceExceptWhitespace); }

// An encrypted profile keeps its envelope readable; the payloads are under
// EncryptedPayloadContent. The reader says so, for XML and binary content.
bool has_encrypted_payloads(std::string_view plist, const std::string& path) {
  Diagnostics ignored;  // verify judges the signature, not the content
  return read::read_profile(plist, path, ignored).encrypted;
}

void certificate_json(JsonWriter& json, const cert::CertificateInfo& c) {
  json.begin_object()
      .member("subject", c.subject)
      .member("issuer", c.issuer)
      .member("serial", c.serial_hex)
      .member("not_before", cert::format_time(c.not_before))
      .member("not_after", cert::format_time(c.not_after))
      .member("key", fmt::format("{} {}", c.key_type, c.key_bits))
      .member("sha256", c.sha256_fingerprint)
      .end_object();
}

void print_human(const Verdict& v) {
  fmt::print("{}: signature {}{}\n", shown(v.path), v.verdict, v.problem.empty() ? "" : ": " + shown(v.problem));
  if (const auto& s = v.opened.signer) {
    fmt::print("  signer:  {}\n  issuer:  {}\n  serial:  {}\n  valid:   {} to {}\n  key:     {} {}\n",
               shown(s->subject), shown(s->issuer), s->serial_hex, cert::format_time(s->not_before),
               cert::format_time(s->not_after), s->key_type, s->key_bits);
  }
  for (const cert::CertificateInfo& c : v.opened.chain) fmt::print("  chain:   {}\n", shown(c.subject));
  fmt::print("  content: {} bytes{}\n", v.opened.content.size(),
             v.encrypted ? ", payloads encrypted (EncryptedPayloadContent)" : "");
}

}  // namespace

std::function<int()> setup_verify(CLI::App& app, const GlobalOptions& globals) {
  struct Options {
    std::vector<std::string> paths;
    std::string ca;
    CertificateClock clock;
  };
  auto options = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("verify", "Check the signatures of signed .mobileconfig files");
  sub->add_option("files", options->paths, "Signed .mobileconfig files")->required();
  sub->add_option("--ca", options->ca, "A PEM bundle of trusted CAs: also check the signer's chain");
  add_clock_options(*sub, options->clock);
  return [options, &globals] {
    DiskFileSystem files;
    auto expiry = expiry_policy(options->clock);
    if (!expiry) return static_cast<int>(kExitUsage);
    sign::OpenOptions open;
    open.at_time = expiry->now;
    if (!options->ca.empty()) {
      auto bundle = files.read_file(options->ca);
      if (!bundle) {
        print_io_error(IoError{options->ca, bundle.error().message});
        return static_cast<int>(kExitUsage);
      }
      open.ca_bundle_pem = *bundle;
    }
    std::vector<Verdict> verdicts;
    for (const std::string& path : options->paths) {
      auto bytes = read_input_profile(files, path);
      if (!bytes) return static_cast<int>(kExitUsage);
      auto opened = sign::open_signed(*bytes, open);
      if (!opened) {
        fmt::print(stderr, "profilec: error: {}: {}\n", shown(path),
                   sign::looks_like_der(*bytes) ? opened.error() : "not signed: the file is not CMS SignedData");
        return static_cast<int>(kExitUsage);
      }
      Verdict v{path, std::move(*opened), false, {}};
      v.encrypted = has_encrypted_payloads(v.opened.content, path);
      v.problem = v.opened.problem;
      if (v.opened.state == sign::SignatureState::kInvalid) v.verdict = "INVALID";
      if (v.opened.state == sign::SignatureState::kUntrusted) v.verdict = "UNTRUSTED";
      if (v.problem.empty() && v.opened.signer) {
        if (v.opened.signer->not_after < expiry->now) {
          v.verdict = "EXPIRED";
          v.problem = fmt::format("the signature matches the content, but the signer's certificate expired on {}",
                                  cert::format_time(v.opened.signer->not_after));
        } else if (v.opened.signer->not_before > expiry->now) {
          v.verdict = "NOT YET VALID";
          v.problem = fmt::format("the signature matches the content, but the signer's certificate is not valid before {}",
                                  cert::format_time(v.opened.signer->not_before));
        }
      }
      verdicts.push_back(std::move(v));
    }
    bool all_valid = true;
    for (const Verdict& v : verdicts) all_valid = all_valid && v.problem.empty();
    if (globals.report.format == OutputFormat::kJson) {
      JsonWriter json;
      json.begin_array();
      for (const Verdict& v : verdicts) {
        json.begin_object().member("file", v.path).member("valid", v.problem.empty()).member("verdict", v.verdict);
        json.key("problem");
        if (v.problem.empty()) json.null();
        else json.value(v.problem);
        json.member("chain_checked", !options->ca.empty());
        json.key("signer");
        if (v.opened.signer) certificate_json(json, *v.opened.signer);
        else json.null();
        json.key("chain").begin_array();
        for (const cert::CertificateInfo& c : v.opened.chain) certificate_json(json, c);
        json.end_array();
        json.member("content_bytes", static_cast<std::int64_t>(v.opened.content.size()))
            .member("encrypted", v.encrypted)
            .end_object();
      }
      json.end_array();
      fmt::print("{}\n", json.str());
    } else {
      for (const Verdict& v : verdicts) print_human(v);
    }
    return static_cast<int>(all_valid ? kExitClean : kExitFindings);
  };
}

}  // namespace profilec::cli
