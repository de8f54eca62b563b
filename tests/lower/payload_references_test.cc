#include "lower/payload_references.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/base64.h"
#include "base/file_system.h"
#include "ir/uuid.h"
#include "support/pipeline.h"
#include "support/test_certificates.h"

namespace profilec {
namespace {

using testing::compile_policy_text;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A root certificate's DER bytes in base64, so that the certificate rules
// have nothing to say.
const std::string& root_certificate_base64() {
  static const std::string text = encode_base64(testing::make_test_identity({}).certificate_der);
  return text;
}

// A DNS payload whose PayloadCertificateUUID (an overlay reference key: a
// pkcs12, SCEP or ACME payload) is `reference`, beside an identity and a root.
std::string dns_policy(const std::string& reference, const std::string& extra = "") {
  return R"([profile]
id = "com.example.dns"

[target]
platforms = { iOS = "17.0" }

[payload.identity]
type = "com.apple.security.scep"
PayloadContent = { URL = "https://scep.example.com/scep", Subject = [[["CN", "dns"]]], Keysize = 2048 }

[payload.root]
type = "com.apple.security.root"
PayloadContent = { base64 = ")" +
         root_certificate_base64() + R"(" }

[payload.doh]
type = "com.apple.dnsSettings.managed"
PayloadCertificateUUID = )" +
         reference + "\n" + extra + R"(
[payload.doh.DNSSettings]
DNSProtocol = "HTTPS"
ServerURL   = "https://dns.example.com/dns-query"
)";
}

const ir::Value& payload_key(const testing::PipelineRun& run, std::size_t payload, std::string_view key) {
  return *run.result.profiles.at(0).profile.payloads.at(payload).content.find(key);
}

TEST(PayloadReferencesTest, AReferenceLowersToTheDerivedUuidOfThePayloadItNames) {
  auto run = compile_policy_text(dns_policy(R"({ payload = "identity" })"));
  ASSERT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  const ir::Value& value = payload_key(run, 2, "PayloadCertificateUUID");
  EXPECT_EQ(value.string(), ir::derived_payload_uuid("com.example.dns.identity"));
  EXPECT_EQ(value.string(), payload_key(run, 0, "PayloadUUID").string());
  EXPECT_EQ(value.span.begin.line, 17u);  // the reference itself
  EXPECT_EQ(value.span.begin.column, 26u);
}

TEST(PayloadReferencesTest, AReferenceLowersToAPinnedUuidAsWritten) {
  auto run = compile_policy_text(R"([profile]
id = "com.example.x"
[payload.a]
type = "com.example.t"
PayloadIdentifier = "legacy.a"
[payload.b]
type = "com.example.t"
PayloadUUID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
[payload.c]
type = "com.example.t"
ToA = { payload = "a" }
ToB = { payload = "b" }
)");
  ASSERT_EQ(run.result.profiles.size(), 1u) << run.rendered();
  EXPECT_EQ(payload_key(run, 2, "ToA").string(), ir::derived_payload_uuid("legacy.a"));
  EXPECT_EQ(payload_key(run, 2, "ToB").string(), "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
  EXPECT_FALSE(run.has_code("PC0033"));
}

TEST(PayloadReferencesTest, ReferencesWorkInNestedTablesArraysAndTheEnvelope) {
  auto run = compile_policy_text(R"([profile]
id = "com.example.x"
Extra = { payload = "a" }
[payload.a]
type = "com.example.t"
[payload.b]
type = "com.example.t"
List = [{ payload = "a" }, "plain"]
Nested = { Deep = { Ref = { payload = "a" } } }
)");
  ASSERT_EQ(run.result.profiles.size(), 1u) << run.rendered();
  EXPECT_FALSE(run.has_code("PC0033"));
  const std::string uuid = ir::derived_payload_uuid("com.example.x.a");
  EXPECT_EQ(run.result.profiles[0].profile.envelope.find("Extra")->string(), uuid);
  EXPECT_EQ(payload_key(run, 1, "List").array().at(0).string(), uuid);
  EXPECT_EQ(payload_key(run, 1, "List").array().at(1).string(), "plain");
  EXPECT_EQ(payload_key(run, 1, "Nested").find("Deep")->find("Ref")->string(), uuid);
}

TEST(PayloadReferencesTest, ANameThatIsNoPayloadIsReportedAtTheReferenceWithDidYouMean) {
  auto run = compile_policy_text(dns_policy(R"({ payload = "identiy" })"));
  const Diagnostic* d = run.first("PC0033");
  ASSERT_NE(d, nullptr) << run.rendered();
  EXPECT_EQ(d->message, "no payload 'identiy' in this policy");
  EXPECT_EQ(d->help, "did you mean 'identity'?");
  EXPECT_EQ(d->span.begin.line, 17u);
  EXPECT_EQ(d->span.begin.column, 26u);
  EXPECT_TRUE(run.result.profiles.empty()) << "an unresolved reference is an error: nothing is built";
}

TEST(PayloadReferencesTest, ANameFarFromEveryPayloadListsThem) {
  auto run = compile_policy_text(dns_policy(R"({ payload = "zzz" })"));
  const Diagnostic* d = run.first("PC0033");
  ASSERT_NE(d, nullptr) << run.rendered();
  EXPECT_EQ(d->help, "name a [payload.NAME] table of the same policy: 'identity', 'root'");
}

TEST(PayloadReferencesTest, APayloadNamingItselfIsReported) {
  auto run = compile_policy_text(dns_policy(R"({ payload = "doh" })"));
  const Diagnostic* d = run.first("PC0033");
  ASSERT_NE(d, nullptr) << run.rendered();
  EXPECT_EQ(d->message, "payload 'doh' references itself");
  EXPECT_EQ(d->span.begin.line, 17u);
}

TEST(PayloadReferencesTest, APayloadWhoseUuidIsOmittedCannotBeReferenced) {
  auto run = compile_policy_text(R"([profile]
id = "com.example.x"
[payload.a]
type = "com.example.t"
omit = ["PayloadUUID"]
[payload.b]
type = "com.example.t"
Ref = { payload = "a" }
)");
  const Diagnostic* d = run.first("PC0033");
  ASSERT_NE(d, nullptr) << run.rendered();
  EXPECT_EQ(d->message, "payload 'a' omits its PayloadUUID");
  EXPECT_EQ(d->span.begin.line, 8u);
}

TEST(PayloadReferencesTest, AnAllowedTypeAtAReferenceKeyIsClean) {
  auto run = compile_policy_text(dns_policy(R"({ payload = "identity" })"));
  EXPECT_FALSE(run.has_code("PC3004")) << run.rendered();
}

TEST(PayloadReferencesTest, ATypeTheOverlayDoesNotAllowIsPC3004AtTheReference) {
  auto run = compile_policy_text(dns_policy(R"({ payload = "root" })"));
  const Diagnostic* d = run.first("PC3004");
  ASSERT_NE(d, nullptr) << run.rendered();
  EXPECT_THAT(d->message, HasSubstr("names payload 'root', a com.apple.security.root payload"));
  EXPECT_EQ(*d->span.path, "policies/test.toml");
  EXPECT_EQ(d->span.begin.line, 17u);
  EXPECT_EQ(d->span.begin.column, 26u);
}

TEST(PayloadReferencesTest, AKeyThatIsNoKnownReferenceKeyTakesAnyPayload) {
  auto other = compile_policy_text(R"([profile]
id = "com.example.x"
[target]
platforms = { iOS = "17.0" }
[payload.root]
type = "com.apple.security.root"
PayloadContent = { base64 = ")" + root_certificate_base64() +
                                   R"(" }
[payload.root2]
type = "com.apple.security.root"
PayloadContent = { base64 = ")" + root_certificate_base64() +
                                   R"(" }
PayloadDescription = { payload = "root" }
)");
  EXPECT_FALSE(other.has_code("PC0033")) << other.rendered();
  EXPECT_FALSE(other.has_code("PC3004")) << other.rendered();
  ASSERT_EQ(other.result.profiles.size(), 1u) << other.rendered();
  EXPECT_EQ(other.result.profiles[0].profile.payloads[1].content.find("PayloadDescription")->string(),
            ir::derived_payload_uuid("com.example.x.root"));
}

TEST(PayloadReferencesTest, AFragmentsReferenceNamesAPayloadOfEachPolicyThatUsesIt) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", "");
  files.add_file("repo/fragments/dns.toml", R"([fragment]
type = "com.apple.dnsSettings.managed"
[keys]
PayloadCertificateUUID = { payload = "identity" }
DNSSettings = { DNSProtocol = "HTTPS", ServerURL = "https://dns.example.com/dns-query" }
)");
  const auto policy = [](const std::string& id) {
    return "[profile]\nid = \"" + id +
           "\"\n[payload.identity]\ntype = \"com.apple.security.scep\"\n"
           "PayloadContent = { URL = \"https://scep.example.com/scep\", Subject = [[[\"CN\", \"dns\"]]] }\n"
           "[payload.doh]\ntype = \"com.apple.dnsSettings.managed\"\nuse = [\"fragments/dns\"]\n";
  };
  files.add_file("repo/one.toml", policy("com.example.one"));
  files.add_file("repo/two.toml", policy("com.example.two"));
  files.add_file("repo/none.toml",
                 "[profile]\nid = \"com.example.none\"\n[payload.doh]\ntype = \"com.apple.dnsSettings.managed\"\n"
                 "use = [\"fragments/dns\"]\n");
  auto run = testing::compile_paths(files, {"repo/one.toml", "repo/two.toml", "repo/none.toml"});
  ASSERT_EQ(run.result.profiles.size(), 2u) << run.rendered();
  EXPECT_EQ(run.result.profiles[0].profile.payloads[1].content.find("PayloadCertificateUUID")->string(),
            ir::derived_payload_uuid("com.example.one.identity"));
  EXPECT_EQ(run.result.profiles[1].profile.payloads[1].content.find("PayloadCertificateUUID")->string(),
            ir::derived_payload_uuid("com.example.two.identity"));
  // The policy without an `identity` payload: reported at the fragment's line.
  EXPECT_THAT(run.codes(), ElementsAre("PC0033"));
  EXPECT_EQ(*run.first("PC0033")->span.path, "repo/fragments/dns.toml");
  EXPECT_EQ(run.first("PC0033")->span.begin.line, 4u);
}

}  // namespace
}  // namespace profilec
