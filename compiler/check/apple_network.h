// The Apple hosts and networks managed devices must reach (APNs, activation,
// enrollment, software update, App Store, certificate checks), by purpose:
// data/network/apple-hosts.toml, embedded in the binary at build time. The
// network rules (PC5009, PC5010) ask it which Apple hosts a payload's domain
// or URL would cut off. See docs/apple-network.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"

namespace profilec::check {

// An IPv4 block in CIDR form (17.0.0.0/8).
struct Ipv4Block {
  std::uint32_t address = 0;  // host bits are zero
  int prefix_length = 0;      // 0..32
  bool contains(std::uint32_t ip) const;
};

std::optional<std::uint32_t> parse_ipv4(std::string_view text);    // dotted quad, each part 0..255
std::optional<Ipv4Block> parse_ipv4_block(std::string_view text);  // "a.b.c.d/n", host bits zero

struct AppleService {
  std::string id;        // "apns"
  std::string purpose;   // what devices lose without it
  bool mdm = false;      // losing it stops MDM itself
  std::string protocol;  // "TCP" | "UDP"
  std::vector<int> ports;
  std::vector<std::string> hosts;  // lower case; "*.push.apple.com" = every host below push.apple.com
  std::vector<Ipv4Block> networks;
  std::vector<std::string> network_texts;  // as written, for messages
};

struct AppleNetwork {
  std::string source_title;
  std::string source_url;
  std::string written;  // the date the list was written, YYYY-MM-DD
  std::vector<AppleService> services;
};

// Strict: unknown keys, a malformed host or block, a host listed twice in
// one service are errors ("path:line:col: message").
Expected<AppleNetwork, std::string> parse_apple_network(std::string_view text, const std::string& path);

// The embedded data/network/apple-hosts.toml, parsed on first use.
const AppleNetwork& apple_network();

// Whether a host pattern of the data ("*.push.apple.com", "gs.apple.com")
// names `host` (lower case, no trailing dot).
bool host_matches(std::string_view pattern, std::string_view host);

// An Apple host (or network) of the data and its service.
struct AppleHostRef {
  const AppleService* service;
  std::string_view host;  // the pattern or the network as written
};

// The Apple hosts a rule for `domain` reaches: the domain itself and every
// name below it ("apple.com" reaches "albert.apple.com"; "push.apple.com"
// and "1-courier.push.apple.com" reach "*.push.apple.com"), or the networks
// an IPv4 address lies in. Case and a trailing dot are ignored, as is a
// leading "*." or ".". Each host once, in data order.
std::vector<AppleHostRef> apple_hosts_within(std::string_view domain, const AppleNetwork& network = apple_network());

// The host of a URL or bare host as admins write them in filter lists:
// "https://www.Apple.com:443/path" -> "www.apple.com", "apple.com" ->
// "apple.com". Empty when there is none.
std::string host_of_url(std::string_view url);

// "albert.apple.com (device setup and activation ...)", the first `limit`
// hosts and "and N more".
std::string describe_apple_hosts(const std::vector<AppleHostRef>& hosts, std::size_t limit = 3);

}  // namespace profilec::check
