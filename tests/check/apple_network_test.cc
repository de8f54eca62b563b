// The Apple hosts data (data/network/apple-hosts.toml, embedded) and its
// matching: wildcards, domains above hosts, IPv4 blocks.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "check/apple_network.h"

namespace profilec::check {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<std::string> hosts_within(std::string_view domain) {
  std::vector<std::string> out;
  for (const AppleHostRef& ref : apple_hosts_within(domain)) out.emplace_back(ref.host);
  return out;
}

const AppleService* service(std::string_view id) {
  for (const AppleService& s : apple_network().services) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

TEST(AppleNetworkTest, EmbeddedDataParsesAndIsTheCommittedFile) {
  std::ifstream in(std::string(PROFILEC_SOURCE_DIR) + "/data/network/apple-hosts.toml");
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = parse_apple_network(text.str(), "data/network/apple-hosts.toml");
  ASSERT_TRUE(parsed) << parsed.error();
  const AppleNetwork& embedded = apple_network();
  ASSERT_EQ(embedded.services.size(), parsed->services.size());
  EXPECT_EQ(embedded.source_url, "https://support.apple.com/101555");
  EXPECT_EQ(embedded.written, "2026-11-23");
  EXPECT_GE(embedded.services.size(), 7u);
}

TEST(AppleNetworkTest, EveryHostIsWellFormedAndListedOncePerService) {
  std::size_t hosts = 0;
  for (const AppleService& s : apple_network().services) {
    std::set<std::string> seen;
    EXPECT_FALSE(s.ports.empty()) << s.id;
    for (const std::string& host : s.hosts) {
      EXPECT_TRUE(seen.insert(host).second) << host << " twice in " << s.id;
      EXPECT_FALSE(apple_hosts_within(host).empty()) << host << " does not match itself";
      ++hosts;
    }
  }
  EXPECT_GE(hosts, 40u) << "the list lost hosts";
}

TEST(AppleNetworkTest, ApnsHostsPortsAndNetwork) {
  const AppleService* apns = service("apns");
  ASSERT_NE(apns, nullptr);
  EXPECT_TRUE(apns->mdm);
  EXPECT_THAT(apns->hosts, ElementsAre("*.push.apple.com"));
  EXPECT_THAT(apns->ports, ElementsAre(443, 2197, 5223));
  ASSERT_EQ(apns->networks.size(), 1u);
  EXPECT_EQ(apns->network_texts[0], "17.0.0.0/8");
}

TEST(AppleNetworkTest, WildcardMatchesHostsBelowOnly) {
  EXPECT_TRUE(host_matches("*.push.apple.com", "1-courier.push.apple.com"));
  EXPECT_TRUE(host_matches("*.push.apple.com", "a.b.push.apple.com"));
  EXPECT_FALSE(host_matches("*.push.apple.com", "push.apple.com"));
  EXPECT_FALSE(host_matches("*.push.apple.com", "evilpush.apple.com"));
  EXPECT_FALSE(host_matches("*.push.apple.com", "push.apple.com.example.com"));
  EXPECT_TRUE(host_matches("gs.apple.com", "gs.apple.com"));
  EXPECT_FALSE(host_matches("gs.apple.com", "x.gs.apple.com"));
}

TEST(AppleNetworkTest, DomainsReachTheHostsBelowThem) {
  EXPECT_THAT(hosts_within("1-courier.push.apple.com"), ElementsAre("*.push.apple.com"));
  EXPECT_THAT(hosts_within("push.apple.com"), ElementsAre("*.push.apple.com"));
  EXPECT_THAT(hosts_within("*.push.apple.com"), ElementsAre("*.push.apple.com"));
  EXPECT_THAT(hosts_within("PUSH.Apple.com."), ElementsAre("*.push.apple.com")) << "case and trailing dot";
  EXPECT_THAT(hosts_within("mzstatic.com"), ElementsAre("*.mzstatic.com"));
  EXPECT_THAT(hosts_within("digicert.com"), ElementsAre("crl3.digicert.com", "crl4.digicert.com", "ocsp.digicert.com"));
  const auto apple = hosts_within("apple.com");
  EXPECT_GE(apple.size(), 30u);
  EXPECT_EQ(std::set<std::string>(apple.begin(), apple.end()).size(), apple.size()) << "gs.apple.com once";
}

TEST(AppleNetworkTest, UnrelatedNamesReachNothing) {
  EXPECT_THAT(hosts_within("www.apple.com"), IsEmpty());
  EXPECT_THAT(hosts_within("notapple.com"), IsEmpty());
  EXPECT_THAT(hosts_within("example.com"), IsEmpty());
  EXPECT_THAT(hosts_within("com"), IsEmpty()) << "a top-level domain alone is not a rule for Apple";
  EXPECT_THAT(hosts_within(""), IsEmpty());
  EXPECT_THAT(hosts_within("apple.com.example.com"), IsEmpty());
}

TEST(AppleNetworkTest, Ipv4AddressesAndBlocks) {
  EXPECT_THAT(hosts_within("17.57.144.10"), ElementsAre("17.0.0.0/8"));
  EXPECT_THAT(hosts_within("18.0.0.1"), IsEmpty());
  EXPECT_THAT(hosts_within("16.255.255.255"), IsEmpty());
  const auto block = parse_ipv4_block("17.0.0.0/8");
  ASSERT_TRUE(block);
  EXPECT_TRUE(block->contains(*parse_ipv4("17.255.255.255")));
  EXPECT_FALSE(block->contains(*parse_ipv4("18.0.0.0")));
  EXPECT_FALSE(parse_ipv4_block("17.1.0.0/8")) << "host bits set";
  EXPECT_FALSE(parse_ipv4_block("17.0.0.0/33"));
  EXPECT_FALSE(parse_ipv4_block("17.0.0.0"));
  EXPECT_FALSE(parse_ipv4("256.0.0.1"));
  EXPECT_FALSE(parse_ipv4("17.0.0"));
  EXPECT_FALSE(parse_ipv4("17.0.0.1.2"));
  EXPECT_TRUE(parse_ipv4_block("0.0.0.0/0"));
}

TEST(AppleNetworkTest, HostOfUrl) {
  EXPECT_EQ(host_of_url("https://www.Apple.com:443/path?q#f"), "www.apple.com");
  EXPECT_EQ(host_of_url("apple.com"), "apple.com");
  EXPECT_EQ(host_of_url("http://user@mesu.apple.com/x"), "mesu.apple.com");
  EXPECT_EQ(host_of_url("https://[2620:149::1]/"), "");
  EXPECT_EQ(host_of_url(""), "");
}

// The error for a one-service file whose service ends with `tail`.
std::string error_of(const std::string& tail) {
  auto parsed = parse_apple_network(
      "[source]\ntitle = \"t\"\nurl = \"u\"\nwritten = 2026-11-23\n[[service]]\nid = \"x\"\npurpose = \"p\"\n"
      "mdm = false\nprotocol = \"TCP\"\nports = [443]\n" +
          tail,
      "hosts.toml");
  return parsed ? "(parsed)" : parsed.error();
}

TEST(AppleNetworkTest, MalformedDataIsRefusedWithItsPlace) {
  EXPECT_THAT(error_of("hosts = [\"Bad_Host.apple.com\"]\n"), HasSubstr("hosts.toml:11:"));
  EXPECT_THAT(error_of("hosts = [\"Bad_Host.apple.com\"]\n"), HasSubstr("'Bad_Host.apple.com' is not"));
  EXPECT_THAT(error_of("hosts = [\"a.apple.com\", \"a.apple.com\"]\n"), HasSubstr("listed twice"));
  EXPECT_THAT(error_of("hosts = [\"a.apple.com\"]\nport = 1\n"), HasSubstr("unknown key 'port'"));
  EXPECT_THAT(error_of("hosts = [\"a.apple.com\"]\nnetworks = [\"17.1.0.0/8\"]\n"), HasSubstr("IPv4 block"));
  EXPECT_THAT(error_of("hosts = [\"*.\"]\n"), HasSubstr("not a lower-case host name"));
  EXPECT_EQ(error_of("hosts = [\"a.apple.com\"]\n"), "(parsed)");
  auto syntax = parse_apple_network("[source\n", "hosts.toml");
  ASSERT_FALSE(syntax);
  EXPECT_THAT(syntax.error(), HasSubstr("hosts.toml:1:"));
}

}  // namespace
}  // namespace profilec::check
