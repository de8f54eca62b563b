#include "lower/profile_links.h"

#include <fmt/format.h>

#include <filesystem>

namespace profilec {
namespace {

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

// "a/b" and "../c" relative to the folder of `from` ("x/y" -> "x/a/b"),
// lexically normal; nullopt when it leaves the top.
std::optional<std::string> relative_to_folder_of(std::string_view from, std::string_view name) {
  const std::filesystem::path folder = std::filesystem::path(std::string(from)).parent_path();
  const std::string joined = (folder / std::string(name)).lexically_normal().generic_string();
  if (joined.empty() || joined == "." || joined == ".." || joined.starts_with("../") || joined.starts_with("/"))
    return std::nullopt;
  return joined;
}

}  // namespace

std::string profile_url(std::string_view base_url, std::string_view output_name) {
  std::string out(base_url);
  if (out.empty() || out.back() != '/') out += '/';
  for (const char c : output_name) {
    const auto byte = static_cast<unsigned char>(c);
    if (unreserved(byte) || c == '/') out += c;
    else out += fmt::format("%{:02X}", byte);
  }
  return out + ".mobileconfig";
}

ProfileLinks::ProfileLinks(const FileSystem& files, std::string policy_path, std::string output_name,
                           std::optional<std::string> base_url)
    : files_(files),
      policy_path_(std::move(policy_path)),
      output_name_(std::move(output_name)),
      base_url_(std::move(base_url)) {}

std::optional<ir::Value> ProfileLinks::resolve(const lang::Value& reference, Diagnostics& diagnostics) const {
  std::string_view name = reference.text;
  if (name.ends_with(".toml")) name.remove_suffix(5);
  const std::string shown(reference.text);
  // The output path first: a name that leaves the folder being built is
  // refused before anything is looked up on disk.
  const auto output = name.empty() || name.starts_with('/') ? std::nullopt : relative_to_folder_of(output_name_, name);
  if (!output) {
    diagnostics.report(DiagnosticCode::PC6050, reference.span,
                       fmt::format("{{ profile = \"{}\" }} leaves the folder being built", shown),
                       "name a policy by its path relative to this policy's folder, without .toml, inside the "
                       "folder `build` is given");
    return std::nullopt;
  }
  const std::string policy = join_path(parent_path(policy_path_), std::string(name)) + ".toml";
  if (files_.kind(policy) != PathKind::kFile) {
    diagnostics.report(DiagnosticCode::PC6050, reference.span,
                       fmt::format("no policy '{}': '{}' is not a file", shown, policy),
                       "name a policy by its path relative to this policy's folder, without .toml");
    return std::nullopt;
  }
  if (!base_url_) {
    diagnostics.report(DiagnosticCode::PC6050, reference.span,
                       fmt::format("{{ profile = \"{}\" }} needs the URL the profiles are served under", shown),
                       "set it in profilec.toml: [declarations] profile_url = \"https://mdm.example.com/profiles/\"");
    return std::nullopt;
  }
  return ir::make_string(profile_url(*base_url_, *output), reference.span);
}

}  // namespace profilec
