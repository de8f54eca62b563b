#include "read/read_profile.h"

#include <fmt/format.h>

#include "base/size_limit.h"
#include "base/utf8.h"
#include "diag/code_severities.h"
#include "plist/binary_reader.h"
#include "plist/read_limits.h"
#include "plist/xml_reader.h"
#include "sign/encrypt_profile.h"

namespace profilec::read {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string_view without_bom_and_blanks(std::string_view bytes) {
  if (bytes.starts_with(kUtf8Bom)) bytes.remove_prefix(kUtf8Bom.size());
  const std::size_t first = bytes.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos ? std::string_view{} : bytes.substr(first);
}

// By its byte-order mark, or by the three NUL bytes beside a leading '<'.
// Tested before UTF-16, whose little-endian mark starts UTF-32's.
bool is_utf32(std::string_view bytes) {
  using namespace std::string_view_literals;
  return bytes.starts_with("\xFF\xFE\0\0"sv) || bytes.starts_with("\0\0\xFE\xFF"sv) || bytes.starts_with("<\0\0\0"sv) ||
         bytes.starts_with("\0\0\0<"sv);
}

bool is_utf16(std::string_view bytes) {
  return bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF") ||
         (bytes.size() >= 2 && (bytes[0] == '\0' || bytes[1] == '\0') && (bytes[0] == '<' || bytes[1] == '<'));
}

std::string element_name(const ir::Value& value) {
  switch (value.kind()) {
    case ir::Value::Kind::kBoolean: return value.boolean() ? "<true/>" : "<false/>";
    case ir::Value::Kind::kDict: return "<dict>";
    default: return fmt::format("<{}>", ir::kind_name(value.kind()));
  }
}

// Spans of a decrypted payload: the decrypted text has no file of its own.
void point_at_whole_file(ir::Value& value, const SourceSpan& file) {
  value.span = file;
  if (value.is_array()) {
    for (ir::Value& item : value.array()) point_at_whole_file(item, file);
  } else if (value.is_dict()) {
    for (ir::DictEntry& entry : value.dict()) {
      entry.key_span = file;
      point_at_whole_file(entry.value, file);
    }
  }
}

class ProfileReader {
 public:
  ProfileReader(const std::string& path, Diagnostics& diagnostics, const ReadOptions& options)
      : path_(std::make_shared<const std::string>(path)), diagnostics_(diagnostics), options_(options) {}

  ReadResult read(std::string_view bytes) {
    if (bytes.size() > kMaxPlistBytes) {
      report_profile_too_large(*path_, bytes.size(), diagnostics_);
      return std::move(result_);
    }
    if (sign::looks_like_der(bytes)) {
      auto opened = sign::open_signed(bytes, options_.open);
      if (!opened) {
        diagnostics_.report(DiagnosticCode::PC0021, file(),
                            fmt::format("cannot open the signed profile: {}", opened.error()),
                            "the file is damaged or not a signed profile; re-export it from its source");
        return std::move(result_);
      }
      report_signature(*opened);
      result_.signature = SignatureReport{opened->state, opened->problem, opened->signer, opened->chain};
      const std::string_view content = without_bom_and_blanks(opened->content);
      if (!is_binary_plist(opened->content) && !content.starts_with('<')) {
        diagnostics_.report(DiagnosticCode::PC0017, file(), "the signed content is not a property list",
                            "a signed profile holds an XML or binary property list; this one holds something else");
        return std::move(result_);
      }
      return read_plist(std::move(opened->content));
    }
    return read_plist(std::string(bytes));
  }

 private:
  SourceSpan file() const { return whole_file_span(path_); }

  void report_signature(const sign::SignedContent& signed_content) {
    if (signed_content.state == sign::SignatureState::kValid) return;
    const std::string signer = signed_content.signer
                                   ? fmt::format(" (signer: {})", valid_utf8(signed_content.signer->subject))
                                   : "";
    Diagnostic& d = diagnostics_.report(
        DiagnosticCode::PC0020, file(),
        signed_content.state == sign::SignatureState::kInvalid
            ? fmt::format("the signature does not match the content{}: {}", signer, signed_content.problem)
            : fmt::format("the signature is not trusted{}: {}", signer, signed_content.problem),
        signed_content.state == sign::SignatureState::kInvalid
            ? "the file was changed after it was signed, or is damaged: devices refuse it; sign it again"
            : "devices that do not trust the signer show the profile as unverified");
    if (signed_content.state == sign::SignatureState::kUntrusted) regrade(d, Severity::kWarning);
  }

  ReadResult read_plist(std::string text) {
    result_.text = std::move(text);
    const std::string_view bytes = result_.text;
    std::optional<ir::Value> root;
    if (is_binary_plist(bytes)) {
      result_.format = PlistFormat::kBinary;
      root = read_binary_plist(bytes, path_, diagnostics_);
      result_.text.clear();  // no lines to show
    } else if (is_utf32(bytes) || is_utf16(bytes)) {
      diagnostics_.report(DiagnosticCode::PC0017, file(),
                          fmt::format("the file is {}, which profilec does not read",
                                      is_utf32(bytes) ? "UTF-32" : "UTF-16"),
                          "save it as UTF-8 (for a property list, plutil -convert xml1 does)");
    } else {
      // A UTF-8 byte-order mark is not text: without it, line 1's columns
      // and its snippet are what an editor shows.
      if (bytes.starts_with(kUtf8Bom)) result_.text.erase(0, kUtf8Bom.size());
      root = read_xml_plist(result_.text, path_, diagnostics_);
    }
    if (root) build_profile(std::move(*root));
    return std::move(result_);
  }

  void build_profile(ir::Value root) {
    if (!root.is_dict()) {
      diagnostics_.report(DiagnosticCode::PC0023, root.span,
                          fmt::format("the property list is {}, not a profile's <dict>", element_name(root)),
                          "a configuration profile is a <dict> with PayloadType Configuration and PayloadContent");
      return;
    }
    ir::Profile profile;
    profile.source_path = *path_;
    profile.read_from_plist = true;
    const ir::Value* type = root.find("PayloadType");
    if (type && type->is_string() && type->string() != "Configuration") {
      // A bare payload: PC1013 reports it; its keys are not payloads.
      profile.has_payload_content = false;  // PayloadContent, if any, stays in the envelope
      profile.envelope = std::move(root);
      result_.profile = std::move(profile);
      return;
    }
    std::optional<ir::DictEntry> content;
    ir::Dict& entries = root.dict();
    for (auto it = entries.begin(); it != entries.end(); ++it) {
      if (it->key != "PayloadContent") continue;
      content = std::move(*it);
      entries.erase(it);
      break;
    }
    if (const ir::Value* encrypted = root.find("EncryptedPayloadContent")) {
      result_.encrypted = true;
      if (!content) content = decrypt(*encrypted);
    }
    profile.has_payload_content = content.has_value();
    if (content) add_payloads(profile, std::move(content->value));
    if (!content && !result_.encrypted) {
      profile.has_payload_content = false;  // so that import writes none either
      diagnostics_.report(DiagnosticCode::PC0010, root.span, "the profile has no PayloadContent",
                          "a profile without payloads installs but changes nothing");
    }
    profile.envelope = std::move(root);
    result_.profile = std::move(profile);
  }

  std::optional<ir::DictEntry> decrypt(const ir::Value& encrypted) {
    if (!options_.decrypt_with || encrypted.kind() != ir::Value::Kind::kData) {
      diagnostics_.report(DiagnosticCode::PC0022, encrypted.span,
                          "the payloads are encrypted for one device; only the envelope is checked",
                          "give profilec that device's identity to check the payloads too");
      return std::nullopt;
    }
    auto text = sign::decrypt_payload_content(encrypted.data().bytes, *options_.decrypt_with);
    if (!text) {
      diagnostics_.report(DiagnosticCode::PC0022, encrypted.span,
                          fmt::format("the payloads are encrypted and cannot be decrypted: {}", text.error()),
                          "the identity given is not the device the profile was encrypted for");
      return std::nullopt;
    }
    Diagnostics inner;
    std::optional<ir::Value> payloads = is_binary_plist(*text) ? read_binary_plist(*text, path_, inner)
                                                               : read_xml_plist(*text, path_, inner);
    for (Diagnostic d : inner.all()) {  // positions inside the decrypted text mean nothing in the file
      d.span = encrypted.span;
      d.message = "in the decrypted payloads: " + d.message;
      diagnostics_.mutable_all().push_back(std::move(d));
    }
    if (!payloads) return std::nullopt;
    point_at_whole_file(*payloads, encrypted.span);
    result_.decrypted = true;
    return ir::DictEntry{"PayloadContent", encrypted.span, std::move(*payloads)};
  }

  // Each payload moves out of `content`: a copy held the profile twice at
  // its peak (issue 15).
  void add_payloads(ir::Profile& profile, ir::Value&& content) {
    if (!content.is_array()) {
      diagnostics_.report(DiagnosticCode::PC0023, content.span,
                          fmt::format("PayloadContent is {}, not an <array> of payloads", element_name(content)),
                          "the profile's PayloadContent is an <array> holding one <dict> per payload");
      return;
    }
    for (std::size_t i = 0; i < content.array().size(); ++i) {
      ir::Value& item = content.array()[i];
      if (!item.is_dict()) {
        diagnostics_.report(DiagnosticCode::PC0023, item.span,
                            fmt::format("payload {} is {}, not a <dict>", i + 1, element_name(item)),
                            "each item of PayloadContent is a payload dictionary");
        continue;
      }
      ir::Payload payload;
      const ir::Value* type = item.find("PayloadType");
      if (type && type->is_string()) payload.type = type->string();
      payload.span = item.span;
      payload.content = std::move(item);
      profile.payloads.push_back(std::move(payload));
    }
  }

  std::shared_ptr<const std::string> path_;
  Diagnostics& diagnostics_;
  const ReadOptions& options_;
  ReadResult result_;
};

}  // namespace

void report_profile_too_large(const std::string& path, std::uint64_t size, Diagnostics& diagnostics) {
  diagnostics.report(DiagnosticCode::PC0018, whole_file_span(std::make_shared<const std::string>(path)),
                     "the file is " + over_size_limit_message(size, kMaxPlistBytes, "profiles"),
                     "a configuration profile is a few KiB to a few MiB: check that this is the right file");
}

ReadResult read_profile(std::string_view bytes, const std::string& path, Diagnostics& diagnostics,
                        const ReadOptions& options) {
  ProfileReader reader(path, diagnostics, options);
  return reader.read(bytes);
}

bool looks_like_plist(std::string_view bytes) {
  return is_binary_plist(bytes) || sign::looks_like_der(bytes) || is_utf32(bytes) || is_utf16(bytes) ||
         without_bom_and_blanks(bytes).starts_with('<');
}

}  // namespace profilec::read
