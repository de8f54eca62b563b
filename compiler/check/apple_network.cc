#include "check/apple_network.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>
#include <utility>

#include <toml++/toml.h>

#include "base/embedded_files.h"
#include "check/data_reader.h"

PROFILEC_EMBEDDED_FILES(network_files)  // generated network_files.cc

namespace profilec::check {
namespace {

constexpr std::string_view kEmbeddedName = "apple-hosts.toml";
constexpr std::string_view kEmbeddedPath = "data/network/apple-hosts.toml";

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ends_with_label(std::string_view name, std::string_view suffix) {
  return name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix &&
         name[name.size() - suffix.size() - 1] == '.';
}

// A DNS name of letters, digits and hyphens, labels separated by dots, at
// least two labels; lower case.
bool is_host_name(std::string_view name) {
  if (name.empty() || name.size() > 253 || name.find('.') == std::string_view::npos) return false;
  std::size_t label = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '.') {
      if (label == 0 || label > 63 || name[i - 1] == '-' || name[i - label] == '-') return false;
      label = 0;
      continue;
    }
    const char c = name[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    ++label;
  }
  return true;
}

using data::Reader;

AppleService read_service(const Reader& r, const toml::table& table) {
  r.only_keys(table, {"id", "purpose", "mdm", "protocol", "ports", "hosts", "networks"});
  AppleService service;
  service.id = r.string(table, "id");
  service.purpose = r.string(table, "purpose");
  const toml::node& mdm = r.required(table, "mdm");
  if (!mdm.as_boolean()) r.fail(mdm, "'mdm' must be true or false");
  service.mdm = mdm.as_boolean()->get();
  service.protocol = r.string(table, "protocol");
  if (service.protocol != "TCP" && service.protocol != "UDP") {
    r.fail(r.required(table, "protocol"), "'protocol' must be \"TCP\" or \"UDP\"");
  }
  for (const toml::node& port : r.array(table, "ports")) {
    const auto* value = port.as_integer();
    if (!value || value->get() < 1 || value->get() > 65535) r.fail(port, "a port must be an integer in 1..65535");
    service.ports.push_back(static_cast<int>(value->get()));
  }
  std::set<std::string, std::less<>> seen;
  for (const toml::node& host : r.array(table, "hosts")) {
    const auto* value = host.as_string();
    if (!value) r.fail(host, "a host must be a string");
    const std::string& text = value->get();
    const std::string_view name = text.starts_with("*.") ? std::string_view(text).substr(2) : std::string_view(text);
    if (!is_host_name(name)) r.fail(host, fmt::format("'{}' is not a lower-case host name or '*.' pattern", text));
    if (!seen.insert(text).second) r.fail(host, fmt::format("'{}' is listed twice in service '{}'", text, service.id));
    service.hosts.push_back(text);
  }
  if (const toml::node* networks = table.get("networks")) {
    if (!networks->as_array()) r.fail(*networks, "'networks' must be an array");
    for (const toml::node& network : *networks->as_array()) {
      const auto* value = network.as_string();
      const std::optional<Ipv4Block> block = value ? parse_ipv4_block(value->get()) : std::nullopt;
      if (!block) r.fail(network, "a network must be an IPv4 block such as \"17.0.0.0/8\" (host bits zero)");
      service.networks.push_back(*block);
      service.network_texts.push_back(value->get());
    }
  }
  if (service.hosts.empty() && service.networks.empty()) r.fail(table, "a service needs hosts or networks");
  return service;
}

AppleNetwork read_network(const Reader& r, const toml::table& root) {
  r.only_keys(root, {"source", "service"});
  AppleNetwork network;
  const toml::node& source_node = r.required(root, "source");
  const toml::table* source = source_node.as_table();
  if (!source) r.fail(source_node, "[source] must be a table");
  r.only_keys(*source, {"title", "url", "former_id", "written"});
  network.source_title = r.string(*source, "title");
  network.source_url = r.string(*source, "url");
  const toml::node& written = r.required(*source, "written");
  if (!written.as_date()) r.fail(written, "'written' must be a date (YYYY-MM-DD)");
  const toml::date date = written.as_date()->get();
  network.written = fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
  std::set<std::string, std::less<>> ids;
  for (const toml::node& entry : r.array(root, "service")) {
    const toml::table* table = entry.as_table();
    if (!table) r.fail(entry, "each [[service]] must be a table");
    AppleService service = read_service(r, *table);
    if (!ids.insert(service.id).second) r.fail(entry, fmt::format("service '{}' is defined twice", service.id));
    network.services.push_back(std::move(service));
  }
  return network;
}

}  // namespace

bool Ipv4Block::contains(std::uint32_t ip) const {
  if (prefix_length == 0) return true;
  const std::uint32_t mask = ~std::uint32_t{0} << (32 - prefix_length);
  return (ip & mask) == address;
}

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
  std::uint32_t out = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (text.empty() || text.front() != '.') return std::nullopt;
      text.remove_prefix(1);
    }
    unsigned value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    const std::size_t digits = static_cast<std::size_t>(end - text.data());
    if (error != std::errc() || digits == 0 || digits > 3 || value > 255) return std::nullopt;
    out = (out << 8) | value;
    text.remove_prefix(digits);
  }
  if (!text.empty()) return std::nullopt;
  return out;
}

std::optional<Ipv4Block> parse_ipv4_block(std::string_view text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const std::optional<std::uint32_t> address = parse_ipv4(text.substr(0, slash));
  const std::string_view prefix = text.substr(slash + 1);
  int length = -1;
  const auto [end, error] = std::from_chars(prefix.data(), prefix.data() + prefix.size(), length);
  if (!address || error != std::errc() || end != prefix.data() + prefix.size() || prefix.empty() || length < 0 ||
      length > 32) {
    return std::nullopt;
  }
  const std::uint32_t mask = length == 0 ? 0 : ~std::uint32_t{0} << (32 - length);
  if ((*address & ~mask) != 0) return std::nullopt;  // host bits set: "17.1.0.0/8" is a typo, not a block
  Ipv4Block block{*address, length};
  return block;
}

Expected<AppleNetwork, std::string> parse_apple_network(std::string_view text, const std::string& path) {
  return data::parse_file<AppleNetwork>(text, path, [](const Reader& reader, const toml::table& root) {
    return read_network(reader, root);
  });
}

const AppleNetwork& apple_network() {
  static const AppleNetwork network = [] {
    for (std::size_t i = 0; i < embedded::network_files_count; ++i) {
      if (embedded::network_files[i].first != kEmbeddedName) continue;
      auto parsed = parse_apple_network(embedded::network_files[i].second, std::string(kEmbeddedPath));
      // The unit tests parse the same text and fail on an error; a broken
      // list here means no network findings, never a crash.
      if (parsed) return std::move(parsed).value();
    }
    return AppleNetwork{};
  }();
  return network;
}

bool host_matches(std::string_view pattern, std::string_view host) {
  if (pattern.starts_with("*.")) return ends_with_label(host, pattern.substr(2));
  return pattern == host;
}

std::vector<AppleHostRef> apple_hosts_within(std::string_view domain, const AppleNetwork& network) {
  std::string name = lower(domain);
  while (!name.empty() && name.back() == '.') name.pop_back();
  if (name.starts_with("*.")) name.erase(0, 2);
  else if (name.starts_with(".")) name.erase(0, 1);
  std::vector<AppleHostRef> out;
  // A top-level domain alone ("com") is not a rule about Apple.
  if (name.find('.') == std::string::npos) return out;
  std::set<std::string_view> seen;
  const std::optional<std::uint32_t> ip = parse_ipv4(name);
  for (const AppleService& service : network.services) {
    if (ip) {
      for (std::size_t i = 0; i < service.networks.size(); ++i) {
        if (service.networks[i].contains(*ip) && seen.insert(service.network_texts[i]).second) {
          out.push_back({&service, service.network_texts[i]});
        }
      }
      continue;
    }
    for (const std::string& pattern : service.hosts) {
      const bool wildcard = pattern.starts_with("*.");
      const std::string_view base = wildcard ? std::string_view(pattern).substr(2) : std::string_view(pattern);
      // The rule's domain covers the pattern (apple.com covers *.push.apple.com),
      // or names one of the hosts a wildcard stands for.
      const bool reached = base == name || ends_with_label(base, name) || (wildcard && ends_with_label(name, base));
      if (reached && seen.insert(pattern).second) out.push_back({&service, pattern});
    }
  }
  return out;
}

std::string host_of_url(std::string_view url) {
  std::size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : start + 3;
  std::string_view rest = url.substr(start);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (rest.starts_with("[")) return {};  // IPv6 literal: no Apple host of ours is one
  rest = rest.substr(0, rest.find(':'));
  return lower(rest);
}

std::string describe_apple_hosts(const std::vector<AppleHostRef>& hosts, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < hosts.size() && i < limit; ++i) {
    if (i > 0) out += ", ";
    out += fmt::format("{} ({})", hosts[i].host, hosts[i].service->id);
  }
  if (hosts.size() > limit) out += fmt::format(" and {} more", hosts.size() - limit);
  return out;
}

}  // namespace profilec::check
