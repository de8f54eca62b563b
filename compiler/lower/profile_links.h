// { profile = "NAME" } in a declaration (docs/ddm.md, "Legacy profiles"): a
// com.apple.configuration.legacy's ProfileURL pointing at the profile built
// in the same run from the policy NAME.toml, relative to the declaring
// policy's folder. The URL is profilec.toml's [declarations] profile_url
// joined with that profile's path in the output folder, the path build
// writes it to, so the MDM serving the output folder under that URL serves
// the file the declaration names.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/file_system.h"
#include "diag/diagnostic.h"
#include "ir/value.h"
#include "lang/ast.h"

namespace profilec {

class ProfileLinks {
 public:
  // `policy_path`: the declaring policy's file; `output_name`: its path in
  // the output folder without extension ("ios/mail"); `base_url`: the
  // profile_url of its profilec.toml, nullopt when not set.
  ProfileLinks(const FileSystem& files, std::string policy_path, std::string output_name,
               std::optional<std::string> base_url);

  // The URL `reference` (a kProfileRef) names, as a string at its span;
  // nullopt (reported as PC6050) when NAME leaves the folder being built,
  // names no policy file, or no profile_url is set.
  std::optional<ir::Value> resolve(const lang::Value& reference, Diagnostics& diagnostics) const;

 private:
  const FileSystem& files_;
  std::string policy_path_;
  std::string output_name_;
  std::optional<std::string> base_url_;
};

// `base_url` joined with the profile `output_name` is written to: a '/'
// between them, each path segment percent-encoded (RFC 3986 unreserved
// characters stay), ".mobileconfig" after it.
std::string profile_url(std::string_view base_url, std::string_view output_name);

}  // namespace profilec
