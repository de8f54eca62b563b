// The rules about payloads that would cut devices off from Apple's hosts
// (PC5009, PC5010), through the whole pipeline; and the payloads that must
// stay quiet (firewall, proxy, allow lists, plug-in filters, public DNS).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "support/pipeline.h"

namespace profilec::check {
namespace {

using testing::compile_policy_text;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr std::string_view kIos = "[target]\nplatforms = { iOS = \"17.0\" }\nsupervised = true\n";

std::string policy(std::string_view type, std::string_view keys, std::string_view target = kIos) {
  return fmt::format("[profile]\nid = \"com.example.x\"\n{}\n[payload.p]\ntype = \"{}\"\n{}\n", target, type, keys);
}

// Encrypted DNS settings for iOS: `fields` inside DNSSettings.
testing::PipelineRun dns_settings(std::string_view fields) {
  return compile_policy_text(policy("com.apple.dnsSettings.managed", fmt::format("DNSSettings = {{ {} }}", fields),
                                    "[target]\nplatforms = { iOS = \"17.0\" }\n"));
}

TEST(FilterDeniesAppleHostTest, DenyEntryAboveApnsIsAWarningAtTheEntry) {
  auto run = compile_policy_text(policy("com.apple.webcontent-filter",
                                        "FilterType = \"BuiltIn\"\nAutoFilterEnabled = true\n"
                                        "DenyListURLs = [\"https://games.example.com\",\n  \"apple.com/\"]"));
  ASSERT_THAT(run.codes(), ElementsAre("PC5009")) << run.rendered();
  const Diagnostic& d = *run.first("PC5009");
  EXPECT_EQ(d.severity, Severity::kWarning);
  EXPECT_EQ(d.span.begin.line, 12u) << "points at the entry (on its own line), not the key";
  EXPECT_THAT(d.message, HasSubstr("'apple.com/'"));
  EXPECT_THAT(d.message, HasSubstr("*.push.apple.com (apns)"));
  EXPECT_THAT(d.message, HasSubstr("more"));
}

TEST(FilterDeniesAppleHostTest, FilterTypeDefaultsToBuiltInAndOldKeyCounts) {
  auto run = compile_policy_text(policy("com.apple.webcontent-filter",
                                        "AutoFilterEnabled = true\nBlacklistedURLs = [\"mdmenrollment.apple.com\"]"));
  ASSERT_TRUE(run.has_code("PC5009")) << run.rendered();
  EXPECT_THAT(run.first("PC5009")->message, HasSubstr("mdmenrollment.apple.com (device-enrollment)"));
}

TEST(FilterDeniesAppleHostTest, OneCourierHostIsReported) {
  auto run = compile_policy_text(policy("com.apple.webcontent-filter",
                                        "DenyListURLs = [\"http://1-courier.push.apple.com\"]"));
  ASSERT_THAT(run.codes(), ElementsAre("PC5009")) << run.rendered();
}

TEST(FilterDeniesAppleHostTest, EntriesThatAppleHostsUrlsDoNotContainAreQuiet) {
  // Apple matches an entry as a substring of the URL: "https://apple.com"
  // does not occur in https://albert.apple.com/, a path narrows the entry.
  EXPECT_THAT(compile_policy_text(policy("com.apple.webcontent-filter",
                                         "DenyListURLs = [\"https://apple.com\", \"https://www.apple.com/shop\", "
                                         "\"apple.com/shop\", \"https://notapple.com\", \"com\", \"\"]"))
                  .codes(),
              IsEmpty());
}

TEST(FilterDeniesAppleHostTest, WwwIsDiscardedAsAppleDoes) {
  auto run = compile_policy_text(policy("com.apple.webcontent-filter", "DenyListURLs = [\"www.mzstatic.com\"]"));
  ASSERT_THAT(run.codes(), ElementsAre("PC5009")) << run.rendered();
  EXPECT_THAT(run.first("PC5009")->message, HasSubstr("*.mzstatic.com (app-store)"));
}

TEST(FilterDeniesAppleHostTest, AllowListsAndPluginsAreQuiet) {
  EXPECT_THAT(
      compile_policy_text(policy("com.apple.webcontent-filter",
                                 "AllowListBookmarks = [{ URL = \"https://school.example.com\", Title = \"School\" }]"))
          .codes(),
      IsEmpty())
      << "allow-list mode is deliberate and not shown to block Apple's services";
  EXPECT_THAT(compile_policy_text(policy("com.apple.webcontent-filter",
                                         "FilterType = \"Plugin\"\nUserDefinedName = \"Vendor\"\n"
                                         "PluginBundleID = \"com.vendor.filter\"\nDenyListURLs = [\"apple.com\"]"))
                  .codes(),
              ::testing::Not(::testing::Contains("PC5009")))
      << "a plug-in filter ignores DenyListURLs";
}

TEST(DnsRoutesAppleDomainsTest, AppleMatchDomainIsAWarningNamingTheResolver) {
  auto run = dns_settings(
      "DNSProtocol = \"HTTPS\", ServerURL = \"https://dns.corp.example.com/dns-query\", "
      "SupplementalMatchDomains = [\"corp.example.com\", \"push.apple.com\"]");
  ASSERT_THAT(run.codes(), ElementsAre("PC5010")) << run.rendered();
  const Diagnostic& d = *run.first("PC5010");
  EXPECT_EQ(d.severity, Severity::kWarning);
  EXPECT_THAT(d.message, HasSubstr("only to https://dns.corp.example.com/dns-query"));
  EXPECT_THAT(d.message, HasSubstr("*.push.apple.com (apns)"));
  EXPECT_THAT(d.help, HasSubstr("APNs and MDM"));
}

TEST(DnsRoutesAppleDomainsTest, NonMdmServicesGetTheirOwnHelp) {
  auto run = dns_settings(
      "DNSProtocol = \"TLS\", ServerName = \"dns.corp.example.com\", "
      "SupplementalMatchDomains = [\"mzstatic.com\"]");
  ASSERT_THAT(run.codes(), ElementsAre("PC5010")) << run.rendered();
  EXPECT_THAT(run.first("PC5010")->message, HasSubstr("only to dns.corp.example.com"));
  EXPECT_THAT(run.first("PC5010")->help, ::testing::Not(HasSubstr("MDM")));
}

TEST(DnsRoutesAppleDomainsTest, PublicResolverForEverythingAndOwnDomainsAreQuiet) {
  EXPECT_THAT(dns_settings("DNSProtocol = \"HTTPS\", ServerURL = \"https://dns.example.net/dns-query\"").codes(),
              IsEmpty());
  EXPECT_THAT(dns_settings("DNSProtocol = \"HTTPS\", ServerURL = \"https://dns.corp.example.com/dns-query\", "
                           "SupplementalMatchDomains = [\"corp.example.com\", \"apple.example.com\"]")
                  .codes(),
              IsEmpty());
}

TEST(AppleNetworkRulesTest, FirewallBlockingIncomingIsQuiet) {
  // APNs, enrollment and updates are connections the Mac opens: the
  // application firewall, which filters incoming ones, does not touch them.
  auto run = compile_policy_text(policy("com.apple.security.firewall",
                                        "EnableFirewall = true\nBlockAllIncoming = true\nEnableStealthMode = true",
                                        "[target]\nplatforms = { macOS = \"14.0\" }\n"));
  EXPECT_THAT(run.codes(), IsEmpty()) << run.rendered();
}

TEST(AppleNetworkRulesTest, GlobalProxyIsQuiet) {
  // Whether a global HTTP proxy lets Apple's hosts through is the proxy's
  // configuration, which the profile does not show (docs/apple-network.md).
  auto run = compile_policy_text(policy("com.apple.proxy.http.global",
                                        "ProxyType = \"Manual\"\nProxyServer = \"proxy.example.com\"\n"
                                        "ProxyServerPort = 8080"));
  EXPECT_THAT(run.codes(), IsEmpty()) << run.rendered();
}

TEST(AppleNetworkRulesTest, ExistingMobileconfigIsCheckedToo) {
  MemoryFileSystem fs;
  fs.add_file("profiles/filter.mobileconfig", R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>PayloadContent</key>
  <array>
    <dict>
      <key>DenyListURLs</key>
      <array>
        <string>apple.com</string>
      </array>
      <key>FilterType</key>
      <string>BuiltIn</string>
      <key>PayloadIdentifier</key>
      <string>com.example.filter.p</string>
      <key>PayloadType</key>
      <string>com.apple.webcontent-filter</string>
      <key>PayloadUUID</key>
      <string>4B2D2F0C-5B1B-4C5E-9E1B-0A4C9F3E2D11</string>
      <key>PayloadVersion</key>
      <integer>1</integer>
    </dict>
  </array>
  <key>PayloadIdentifier</key>
  <string>com.example.filter</string>
  <key>PayloadType</key>
  <string>Configuration</string>
  <key>PayloadUUID</key>
  <string>0C6F2A51-2B9D-4F7B-8C4A-3E5D6F7A8B9C</string>
  <key>PayloadVersion</key>
  <integer>1</integer>
</dict>
</plist>
)");
  auto run = testing::compile_paths(fs, {"profiles/filter.mobileconfig"});
  ASSERT_TRUE(run.has_code("PC5009")) << run.rendered();
  EXPECT_EQ(run.first("PC5009")->span.begin.line, 10u);
}

}  // namespace
}  // namespace profilec::check
