// `profilec verify FILE...`: the signature, the content it covers, the chain
// (with --ca) and the signer's certificate, of signed .mobileconfig files.
#include <fmt/format.h>

#include <memory>

#include "base/json_writer.h"
#include "base/utf8.h"
#include "cli/commands.h"
#include "cli/completion_hint.h"
#include "cli/exit_codes.h"
#include "cli/read_input.h"
#include "cli/signing_options.h"
#include "read/read_profile.h"
#include "sign/cms_open.h"

namespace profilec::cli {
namespace {

// "valid" only with --ca: intact, strong, chained, in its dates. Without
// --ca the best is "intact": what the file proves is that its signer's key
// made the signature, not who the signer is (docs/signing.md).
struct Verdict {
  std::string path;
  sign::SignedContent opened;
  bool encrypted = false;
  std::string problem;            // why not valid; empty for valid and intact
  std::string verdict = "valid";  // valid, intact, INVALID, UNTRUSTED, WEAK, EXPIRED, NOT YET VALID
};

constexpr std::string_view kIntact = "intact";

std::string judge(Verdict& v, const cert::ExpiryPolicy& expiry, bool ca_given) {
  const sign::SignedContent& o = v.opened;
  if (o.state == sign::SignatureState::kInvalid) return "INVALID";
  if (o.state == sign::SignatureState::kUntrusted) return "UNTRUSTED";
  if (!o.weakness.empty()) {
    v.problem = o.weakness;
    return "WEAK";
  }
  if (o.signer && o.signer->not_after < expiry.now) {
    v.problem = fmt::format("the signature matches the content, but the signer's certificate expired on {}",
                            cert::format_time(o.signer->not_after));
    return "EXPIRED";
  }
  if (o.signer && o.signer->not_before > expiry.now) {
    v.problem = fmt::format("the signature matches the content, but the signer's certificate is not valid before {}",
                            cert::format_time(o.signer->not_before));
    return "NOT YET VALID";
  }
  return ca_given && o.chain_checked ? "valid" : std::string(kIntact);
}

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

// Whether the headline's verdict covers the chain, for the verdicts that do
// not say it themselves (INVALID and UNTRUSTED do; "intact" is the verdict
// without --ca): "chain verified against CA", "chain not checked (no --ca)";
// after a problem, following "; ".
std::string chain_clause(const Verdict& v, const std::string& ca) {
  if (v.verdict == kIntact || v.opened.state != sign::SignatureState::kValid) return {};
  const std::string_view separator = v.problem.empty() ? ", " : "; ";
  if (v.opened.chain_checked) return fmt::format("{}chain verified against {}", separator, shown(ca));
  if (ca.empty()) return fmt::format("{}chain not checked (no --ca)", separator);
  return fmt::format("{}chain not verified against {}", separator, shown(ca));
}

// The trust line: what --ca proved, or why the chain was not checked.
std::string trust_line(const Verdict& v, const std::string& ca) {
  if (v.opened.chain_checked) return fmt::format("the signer chains to {}", shown(ca));
  if (ca.empty()) {
    return "not checked: the signature was made with this signer's key, but anyone can make a certificate with "
           "these names; give --ca to check who signed";
  }
  if (v.opened.state == sign::SignatureState::kInvalid) return "not checked: the signature itself does not hold";
  return fmt::format("the signer does not chain to {}", shown(ca));
}

void print_human(const Verdict& v, const std::string& ca) {
  if (v.verdict == kIntact) {
    fmt::print("{}: signature intact, signer not verified (no --ca)\n", shown(v.path));
  } else {
    fmt::print("{}: signature {}{}{}\n", shown(v.path), v.verdict, v.problem.empty() ? "" : ": " + shown(v.problem),
               chain_clause(v, ca));
  }
  if (const auto& s = v.opened.signer) {
    fmt::print("  signer:  {}\n  issuer:  {}\n  serial:  {}\n  valid:   {} to {}\n  key:     {} {}\n",
               shown(s->subject), shown(s->issuer), s->serial_hex, cert::format_time(s->not_before),
               cert::format_time(s->not_after), s->key_type, s->key_bits);
  }
  for (const cert::CertificateInfo& c : v.opened.chain) fmt::print("  chain:   {}\n", shown(c.subject));
  if (!v.opened.digest.empty()) fmt::print("  digest:  {}\n", v.opened.digest);
  fmt::print("  trust:   {}\n", trust_line(v, ca));
  fmt::print("  content: {} bytes{}\n", v.opened.content.size(),
             v.encrypted ? ", payloads encrypted (EncryptedPayloadContent)" : "");
}

}  // namespace

std::function<int()> setup_verify(CLI::App* sub, const GlobalOptions& globals) {
  struct Options {
    std::vector<std::string> paths;
    std::string ca;
    CertificateClock clock;
  };
  auto options = std::make_shared<Options>();
  sub->add_option("files", options->paths, "Signed .mobileconfig files")
      ->required()
      ->check(completes(ValueHint::kProfile));
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
      v.verdict = judge(v, *expiry, !options->ca.empty());
      verdicts.push_back(std::move(v));
    }
    // 1 when any signature is not intact (or weak, untrusted, out of its
    // dates); else 4 when any signer went unverified (no --ca); else 0.
    bool all_intact = true;
    bool all_valid = true;
    for (const Verdict& v : verdicts) {
      all_intact = all_intact && (v.verdict == "valid" || v.verdict == kIntact);
      all_valid = all_valid && v.verdict == "valid";
    }
    if (globals.report.format == OutputFormat::kJson) {
      JsonWriter json;
      json.begin_array();
      for (const Verdict& v : verdicts) {
        json.begin_object().member("file", v.path).member("valid", v.verdict == "valid").member("verdict", v.verdict);
        json.key("problem");
        if (v.problem.empty()) json.null();
        else json.value(v.problem);
        json.member("chain_checked", v.opened.chain_checked);
        json.member("digest", v.opened.digest);
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
      for (const Verdict& v : verdicts) print_human(v, options->ca);
    }
    if (!all_intact) return static_cast<int>(kExitFindings);
    return static_cast<int>(all_valid ? kExitClean : kExitSignerNotVerified);
  };
}

}  // namespace profilec::cli
