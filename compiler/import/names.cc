#include "import/names.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "ir/uuid.h"

namespace profilec::import {
namespace {

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// A part of an identifier that names nothing: a UUID, a number, a run of hex.
bool says_nothing(std::string_view part) {
  if (part.empty() || ir::is_uuid_syntax(part)) return true;
  const bool digits = std::all_of(part.begin(), part.end(), [](unsigned char c) { return std::isdigit(c); });
  const bool hex_and_dashes = part.size() >= 8 &&
                              std::all_of(part.begin(), part.end(),
                                          [](unsigned char c) { return std::isxdigit(c) || c == '-'; }) &&
                              std::any_of(part.begin(), part.end(), [](unsigned char c) { return std::isdigit(c); });
  return digits || hex_and_dashes;
}

std::string_view last_part(std::string_view dotted) {
  const std::size_t dot = dotted.rfind('.');
  return dot == std::string_view::npos ? dotted : dotted.substr(dot + 1);
}

}  // namespace

std::string slug(std::string_view text, std::string_view fallback) {
  std::string out;
  for (char c : text) {
    if (is_name_char(c) && c != '-') out += c;
    else if (!out.empty() && out.back() != '-') out += '-';  // a run of anything else, '-' included
  }
  while (!out.empty() && !std::isalnum(static_cast<unsigned char>(out.back()))) out.pop_back();
  const std::size_t first = out.find_first_not_of("-_");
  out = first == std::string::npos ? std::string() : out.substr(first);
  return out.empty() ? std::string(fallback) : out;
}

std::string payload_name_base(const ir::Payload& payload) {
  if (const ir::Value* identifier = payload.content.find("PayloadIdentifier"); identifier && identifier->is_string()) {
    const std::string_view tail = last_part(identifier->string());
    if (!says_nothing(tail)) return slug(tail, "payload");
  }
  std::string_view type = payload.type;
  if (type.starts_with("com.apple.")) return slug(type.substr(10), "payload");
  return slug(last_part(type), "payload");
}

std::string env_name(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) {
    if (!out.empty() && out.back() != '_') out += '_';
    for (char c : part) {
      const auto u = static_cast<unsigned char>(std::toupper(static_cast<unsigned char>(c)));
      const bool keep = (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9');
      if (keep) out += static_cast<char>(u);
      else if (!out.empty() && out.back() != '_') out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out.insert(0, "V_");
  return out;
}

std::string UniqueNames::claim(const std::string& base, const std::string& suffix) {
  std::string name = base + suffix;
  for (int n = 2; taken_.contains(lower(name)); ++n) name = fmt::format("{}{}{}{}", base, separator_, n, suffix);
  taken_.insert(lower(name));
  return name;
}

void UniqueNames::reserve(const std::string& name) { taken_.insert(lower(name)); }

}  // namespace profilec::import
