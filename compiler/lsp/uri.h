// file:// URIs (RFC 8089, as editors send them) <-> paths. Only local files:
// other schemes (untitled:, a remote host) have no path.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace profilec::lsp {

// "file:///home/a%20b/x.toml" -> "/home/a b/x.toml"; nullopt for another
// scheme, a host other than localhost, or a malformed escape.
std::optional<std::string> path_from_uri(std::string_view uri);
// The URI of an absolute path, with every byte but the unreserved ones and
// '/' percent-encoded.
std::string uri_from_path(std::string_view path);

}  // namespace profilec::lsp
