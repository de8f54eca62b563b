#include "check/rules/payload_keys.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string_view>

namespace profilec::check::rules::payload_keys {

std::string envelope_label() { return "the profile"; }

std::string payload_label(const PayloadVisit& visit) {
  if (!visit.payload.type.empty()) return fmt::format("payload '{}'", visit.payload.type);
  const auto& payloads = visit.profile.payloads;
  for (std::size_t i = 0; i < payloads.size(); ++i) {
    if (&payloads[i] == &visit.payload) return fmt::format("payload {}", i + 1);
  }
  return "a payload";
}

bool is_bare_payload(const ir::Profile& profile) {
  const ir::Value* type = profile.envelope.find("PayloadType");
  return type && type->is_string() && type->string() != "Configuration";
}

namespace {

// A PayloadContent array of payload dictionaries: the file is a profile
// whose PayloadType is wrong, not a bare payload.
bool holds_payloads(const ir::Value& envelope) {
  const ir::Value* content = envelope.find("PayloadContent");
  if (!content || !content->is_array() || content->array().empty()) return false;
  return std::all_of(content->array().begin(), content->array().end(),
                     [](const ir::Value& item) { return item.is_dict() && item.find("PayloadType"); });
}

}  // namespace

bool is_checked_as_payload(const ir::Profile& profile) {
  if (!is_bare_payload(profile) || holds_payloads(profile.envelope)) return false;
  const std::string& type = profile.envelope.find("PayloadType")->string();
  constexpr std::string_view kConfiguration = "configuration";
  return !type.empty() && !std::equal(type.begin(), type.end(), kConfiguration.begin(), kConfiguration.end(),
                                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

std::string_view why_not_a_payload_type(std::string_view type) {
  if (type.empty()) return "it is empty";
  if (type.find("{{") != std::string_view::npos || type.find("}}") != std::string_view::npos ||
      type.find("${") != std::string_view::npos || type.find("$(") != std::string_view::npos ||
      (type.find('%') != type.rfind('%')) || type.find('<') != std::string_view::npos ||
      type.find('>') != std::string_view::npos || type.front() == '$') {
    return "it is a template placeholder that was never filled in";
  }
  if (type.find('/') != std::string_view::npos || type.find('\\') != std::string_view::npos) return "it is a path";
  constexpr std::string_view kPlist = ".plist";
  if (type.size() > kPlist.size() &&
      std::equal(kPlist.begin(), kPlist.end(), type.end() - static_cast<std::ptrdiff_t>(kPlist.size()),
                 [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); })) {
    return "it is a file name: a preference domain has no .plist";
  }
  for (const char c : type) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return "it holds white space or a control character";
  }
  if (type.find('.') == std::string_view::npos && type.find('_') != std::string_view::npos) {
    return "it is a placeholder name: a preference domain is a reverse-DNS name with dots";
  }
  return {};
}

}  // namespace profilec::check::rules::payload_keys
