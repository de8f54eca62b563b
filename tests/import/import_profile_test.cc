// Import round trips in memory: each profile is imported, and the source is
// compiled again here through the whole pipeline (as `build` would, secrets
// set) and compared with the original. import_profile() checks the same
// itself; these tests do not take its word for it.
#include "import/import_profile.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "analyze/value_compare.h"
#include "import/write_policy.h"
#include "profile_builder.h"
#include "support/pipeline.h"
#include "support/test_certificates.h"

namespace profilec::import {
namespace {

using testing::dict;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::payload;
using testing::profile;
using testing::str;

const schema::SchemaSet& schemas() {
  static const schema::SchemaSet set = schema::SchemaSet::embedded();
  return set;
}

struct Imported {
  std::optional<ImportedPolicy> policy;
  Diagnostics diagnostics;
  MemoryFileSystem written;  // the policy and its side files, as the CLI would write them

  const std::string& text() const { return policy->source.text; }
  bool has_code(std::string_view id) const {
    for (const Diagnostic& d : diagnostics.all()) {
      if (info(d.code).id == id) return true;
    }
    return false;
  }
};

Imported import(const ir::Profile& p, bool keep_secrets = false, const MemoryFileSystem& around = {}) {
  Imported out;
  ImportContext context{around, schemas(), cert::ExpiryPolicy{testing::kTestNow, 30}, keep_secrets, {}};
  out.policy = import_profile(p, "out", "imported", "imported.mobileconfig", context, out.diagnostics);
  out.written = around;
  if (out.policy) {
    out.written.add_file(out.policy->path, out.policy->source.text);
    for (const SideFile& f : out.policy->source.files) out.written.add_file("out/" + f.name, f.bytes);
  }
  return out;
}

// Builds what import wrote, with the secrets' original values, and compares
// the result with the profile it came from.
void expect_round_trip(const Imported& imported, const ir::Profile& original) {
  ASSERT_TRUE(imported.policy.has_value())
      << ::testing::PrintToString(imported.diagnostics.all().size())
      << " findings, first: " << (imported.diagnostics.empty() ? "" : imported.diagnostics.all()[0].message);
  std::map<std::string, std::string> env;
  for (const SecretVariable& s : imported.policy->source.secrets) env[s.name] = s.value;
  const testing::PipelineRun run = testing::compile_paths(imported.written, {imported.policy->path},
                                                          SecretMode::kResolve, env);
  ASSERT_FALSE(run.result.diagnostics.has_errors()) << run.rendered() << imported.text();
  ASSERT_EQ(run.result.profiles.size(), 1u) << run.rendered();
  const ir::Value rebuilt = ir::profile_to_plist(run.result.profiles[0].profile);
  EXPECT_TRUE(analyze::same_value(original_plist(original), rebuilt)) << imported.text();
}

#define EXPECT_ROUND_TRIP(imported, original) ASSERT_NO_FATAL_FAILURE(expect_round_trip(imported, original))

ir::Value every_kind() {
  return dict({
      {"True", ir::make_boolean(true)},
      {"False", ir::make_boolean(false)},
      {"Zero", ir::make_integer(0)},
      {"Max", ir::make_integer(std::numeric_limits<std::int64_t>::max())},
      {"Min", ir::make_integer(std::numeric_limits<std::int64_t>::min())},
      {"Tenth", ir::make_real(0.1)},
      {"MinusZero", ir::make_real(-0.0)},
      {"Huge", ir::make_real(1e300)},
      {"Whole", ir::make_real(3.0)},
      {"Empty", str("")},
      {"Unicode", str("Gr\xC3\xBC\xC3\x9F"
                      "e \xE2\x9C\x93 \xF0\x9F\x94\x92")},
      {"Lines", str("first line\nsecond \"quoted\" line\r\nthird\twith tab\n")},
      {"Quotes", str(R"(anchor apple generic and identifier "com.acme")")},
      {"Apostrophe", str("it's \"both\"")},
      {"Backslash", str("C:\\Users\\")},
      {"Early", ir::make_date({1, 1, 1, 0, 0, 0})},
      {"Late", ir::make_date({9999, 12, 31, 23, 59, 59})},
      {"SmallData", ir::make_data(std::string("\x00\x01\xFF", 3))},
      {"EmptyData", ir::make_data("")},
      {"LargeData", ir::make_data(std::string(300, '\x7F'))},
      {"EmptyArray", ir::make_array()},
      {"EmptyDict", dict({})},
      {"Mixed",
       ir::make_array({ir::make_integer(1), str("a"), ir::make_boolean(true), dict({{"k", ir::make_integer(1)}}),
                       ir::make_array({ir::make_real(1.5), ir::make_array()})})},
      {"com.apple.Safari", dict({{"Home Page", str("https://example.com")}, {"", ir::make_integer(7)}})},
      {"file", dict({{"file", str("not a reference")}, {"other", ir::make_integer(1)}})},
      {"Rules", ir::make_array({dict({{"Name", str(std::string(60, 'r'))},
                                      {"Allowed", ir::make_boolean(true)},
                                      {"Nested", dict({{"Deeper", dict({{"Deepest", ir::make_integer(3)}})}})}}),
                                dict({}), dict({{"Name", str("second")}})})},
      {"Deep", dict({{"A", dict({{"B", dict({{"C", ir::make_array({dict({{"D", str("x\ny")}})})}})}})}})},
  });
}

TEST(ImportProfileTest, EveryValueKindRoundTrips) {
  ir::Profile p = profile({payload("com.example.custom", "com.example.imported.custom", {})});
  const ir::Value kinds = every_kind();
  for (const ir::DictEntry& e : kinds.dict()) p.payloads[0].content.dict().push_back(e);
  const Imported imported = import(p);
  EXPECT_ROUND_TRIP(imported, p);
  const std::string& text = imported.text();
  EXPECT_THAT(text, HasSubstr("Max = 9223372036854775807\n"));
  EXPECT_THAT(text, HasSubstr("Min = -9223372036854775808\n"));
  EXPECT_THAT(text, HasSubstr("MinusZero = -0.0\n"));
  EXPECT_THAT(text, HasSubstr("Whole = 3.0\n"));
  EXPECT_THAT(text, HasSubstr("Early = 0001-01-01T00:00:00Z\n"));
  EXPECT_THAT(text, HasSubstr("SmallData = { base64 = \"AAH/\" }\n"));
  EXPECT_THAT(text, HasSubstr("LargeData = { file = \"imported-custom-LargeData.bin\" }\n"));
  EXPECT_THAT(text, HasSubstr("EmptyArray = []\n"));
  EXPECT_THAT(text, HasSubstr("EmptyDict = {}\n"));
  EXPECT_THAT(text, HasSubstr("Lines = \"\"\"\nfirst line\nsecond \\\"quoted\\\" line\\r\nthird\\twith tab\n\"\"\"\n"));
  EXPECT_THAT(text, HasSubstr("Quotes = 'anchor apple generic and identifier \"com.acme\"'\n"));
  EXPECT_THAT(text, HasSubstr("[[payload.custom.Rules]]\n"));
  EXPECT_THAT(text, HasSubstr("\n\"com.apple.Safari\" = { \"Home Page\" = \"https://example.com\", \"\" = 7 }\n"));
  EXPECT_THAT(text, HasSubstr("\nfile = { file = \"not a reference\", other = 1 }\n"));
  EXPECT_THAT(text, HasSubstr("\n[[payload.custom.Deep.A.B.C]]\nD = \"\"\"\nx\ny\"\"\"\n"));
  ASSERT_EQ(imported.policy->source.files.size(), 1u);
  EXPECT_EQ(imported.policy->source.files[0].bytes, std::string(300, '\x7F'));
  EXPECT_TRUE(imported.policy->kept.empty());  // nothing here that build would refuse
}

TEST(ImportProfileTest, IdentityIsPinnedAndGeneratedKeysTheProfileLacksAreOmitted) {
  ir::Payload versioned = payload("com.apple.applicationaccess", "com.acme.restrictions",
                                  {{"allowCamera", ir::make_boolean(false)}});
  versioned.content.dict()[3].value = ir::make_integer(2);  // PayloadVersion
  ir::Payload bare;
  bare.type = "com.apple.applicationaccess";
  bare.content = dict({{"PayloadType", str(bare.type)}, {"allowAirDrop", ir::make_boolean(false)}});
  ir::Profile p = profile({versioned, bare});
  p.envelope.dict().erase(p.envelope.dict().begin() + 1);  // no PayloadVersion at the top
  const Imported imported = import(p);
  EXPECT_ROUND_TRIP(imported, p);
  const std::string& text = imported.text();
  EXPECT_THAT(text, HasSubstr("id = \"com.example.imported\"\nuuid = \"AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE\"\n"));
  EXPECT_THAT(text, HasSubstr("omit = [\"PayloadVersion\"]\n"));
  EXPECT_THAT(text, HasSubstr("[payload.restrictions]\ntype = \"com.apple.applicationaccess\"\n"
                              "PayloadIdentifier = \"com.acme.restrictions\"\n"
                              "PayloadUUID = \"11111111-2222-3333-4444-555555555555\"\n"));
  // PayloadVersion 2 is wrong (Apple allows 1): kept, and marked.
  EXPECT_THAT(text, HasSubstr("# profilec: allow PC1004 -- imported as found\nPayloadVersion = 2\n"));
  EXPECT_THAT(text, HasSubstr("[payload.applicationaccess]\ntype = \"com.apple.applicationaccess\"\n"
                              "omit = [\"PayloadIdentifier\", \"PayloadUUID\", \"PayloadVersion\"]\n"));
}

TEST(ImportProfileTest, EnvelopeKeysUseTheFieldsWhereTheyFitAndAppleKeysElsewhere) {
  ir::Profile p = profile({payload("com.apple.applicationaccess", "com.acme.r", {})},
                          {{"PayloadOrganization", str("Acme")},
                           {"PayloadDescription", str("two\nlines")},
                           {"PayloadScope", str("system")},  // not Apple's spelling: kept as is
                           {"PayloadRemovalDisallowed", ir::make_boolean(true)},
                           {"ConsentText", dict({{"default", str("Accept?")}, {"de", str("Akzeptieren?")}})},
                           {"RemovalDate", ir::make_date({2030, 1, 2, 3, 4, 5})},
                           {"DurationUntilRemoval", ir::make_real(3600.0)},
                           {"PayloadVersion", str("1")},
                           {"PayloadEnabled", ir::make_boolean(true)},
                           {"TargetDeviceType", ir::make_integer(5)}});
  const Imported imported = import(p);
  EXPECT_ROUND_TRIP(imported, p);
  const std::string& text = imported.text();
  EXPECT_THAT(text, HasSubstr("organization = \"Acme\"\n"));
  EXPECT_THAT(text, HasSubstr("description = \"\"\"\ntwo\nlines\"\"\"\n"));
  EXPECT_THAT(text, HasSubstr("removal = \"disallowed\"\n"));
  EXPECT_THAT(text, HasSubstr("removal_date = 2030-01-02T03:04:05Z\n"));
  EXPECT_THAT(text, HasSubstr("duration_until_removal = 3600\n"));
  EXPECT_THAT(text, HasSubstr("PayloadScope = \"system\"\n"));
  EXPECT_THAT(text, HasSubstr("PayloadVersion = \"1\"\n"));
  EXPECT_THAT(text, HasSubstr("PayloadEnabled = true\n"));
  EXPECT_THAT(text, HasSubstr("TargetDeviceType = 5\n"));
  EXPECT_THAT(text, HasSubstr("consent = { default = \"Accept?\", de = \"Akzeptieren?\" }\n"));
  EXPECT_THAT(text, Not(HasSubstr("\nscope =")));
}

TEST(ImportProfileTest, ConsentForEveryLanguageIsAPlainString) {
  ir::Profile p = profile({payload("com.apple.applicationaccess", "com.acme.r", {})},
                          {{"ConsentText", dict({{"default", str("Accept?")}})}, {"PayloadScope", str("User")}});
  const Imported imported = import(p);
  EXPECT_ROUND_TRIP(imported, p);
  EXPECT_THAT(imported.text(), HasSubstr("consent = \"Accept?\"\n"));
  EXPECT_THAT(imported.text(), HasSubstr("scope = \"user\"\n"));
}

TEST(ImportProfileTest, ABarePayloadKeepsItsTopLevelShape) {
  // A top-level PayloadType other than Configuration: the reader keeps the
  // whole dictionary as the envelope.
  ir::Profile with_content;
  with_content.envelope =
      dict({{"PayloadType", str("com.apple.TCC.configuration-profile-policy")},
            {"PayloadIdentifier", str("com.acme.tcc")},
            {"PayloadUUID", str("AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE")},
            {"PayloadVersion", ir::make_integer(1)},
            {"PayloadContent",
             ir::make_array({payload("com.apple.TCC.configuration-profile-policy", "com.acme.tcc.p", {}).content})}});
  Imported imported = import(with_content);
  EXPECT_ROUND_TRIP(imported, with_content);
  EXPECT_THAT(imported.text(), HasSubstr("PayloadType = \"com.apple.TCC.configuration-profile-policy\"\n"));
  EXPECT_THAT(imported.text(), HasSubstr("[payload.p]\n"));

  ir::Profile without = with_content;
  without.envelope.dict().pop_back();
  imported = import(without);
  EXPECT_ROUND_TRIP(imported, without);
  EXPECT_THAT(imported.text(), HasSubstr("omit = [\"PayloadDisplayName\", \"PayloadContent\"]\n"));
}

TEST(ImportProfileTest, AProfileWithoutPayloadContentGetsNone) {
  ir::Profile p = profile({});
  p.has_payload_content = false;
  const Imported imported = import(p);
  EXPECT_ROUND_TRIP(imported, p);
  EXPECT_THAT(imported.text(), HasSubstr("omit = [\"PayloadContent\"]\n"));
  ir::Profile empty = profile({});
  EXPECT_ROUND_TRIP(import(empty), empty);  // an empty PayloadContent array stays one
}

TEST(ImportProfileTest, SecretsBecomeEnvironmentReferences) {
  ir::Profile p =
      profile({payload("com.apple.wifi.managed", "com.acme.wifi.corp",
                       {{"SSID_STR", str("Corp")},
                        {"EncryptionType", str("WPA2")},
                        {"Password", str("hunter2")},
                        {"EAPClientConfiguration", dict({{"UserPassword", str("$PASSWORD")}})}}),
               payload("com.example.custom", "com.acme.custom",
                       {{"Settings", dict({{"AdminPassword", str("s3cret")}, {"AdminName", str("root")}})}})});
  const Imported imported = import(p);
  EXPECT_ROUND_TRIP(imported, p);
  const std::string& text = imported.text();
  EXPECT_THAT(text, HasSubstr("Password = { env = \"PROFILEC_IMPORTED_CORP_PASSWORD\" }\n"));
  EXPECT_THAT(text, HasSubstr("AdminPassword = { env = \"PROFILEC_IMPORTED_CUSTOM_ADMINPASSWORD\" }"));
  EXPECT_THAT(text, HasSubstr("UserPassword = \"$PASSWORD\""));  // an MDM variable, not a secret
  EXPECT_THAT(text, Not(HasSubstr("hunter2")));
  EXPECT_THAT(text, Not(HasSubstr("s3cret")));
  ASSERT_EQ(imported.policy->source.secrets.size(), 2u);
  EXPECT_EQ(imported.policy->source.secrets[0].name, "PROFILEC_IMPORTED_CORP_PASSWORD");
  EXPECT_EQ(imported.policy->source.secrets[0].value, "hunter2");
  EXPECT_EQ(imported.policy->source.secrets[0].where, "imported.toml: [payload.corp] Password");
  EXPECT_EQ(imported.policy->source.secrets[1].where, "imported.toml: [payload.custom] Settings.AdminPassword");
}

TEST(ImportProfileTest, KeepSecretsLeavesThemInlineAndSaysWhere) {
  ir::Profile p = profile({payload("com.apple.wifi.managed", "com.acme.wifi.corp",
                                   {{"SSID_STR", str("Corp")}, {"Password", str("hunter2")}})});
  const Imported imported = import(p, /*keep_secrets=*/true);
  EXPECT_ROUND_TRIP(imported, p);
  EXPECT_THAT(imported.text(), HasSubstr("Password = \"hunter2\"\n"));
  EXPECT_TRUE(imported.policy->source.secrets.empty());
  EXPECT_THAT(imported.policy->source.kept_secrets, ::testing::ElementsAre("imported.toml: [payload.corp] Password"));
}

TEST(ImportProfileTest, CertificatesAndIdentitiesGoToFilesBesideThePolicy) {
  const testing::TestIdentity identity = testing::make_test_identity({});
  ir::Profile p = profile({payload("com.apple.security.root", "com.acme.root-ca",
                                   {{"PayloadContent", ir::make_data(identity.certificate_der)}}),
                           payload("com.apple.security.root", "com.acme.issuing",
                                   {{"PayloadCertificateFileName", str("Acme Issuing CA.cer")},
                                    {"PayloadContent", ir::make_data(identity.certificate_der)}}),
                           payload("com.apple.security.pkcs12", "com.acme.identity",
                                   {{"Password", str("secret")}, {"PayloadContent", ir::make_data(identity.pkcs12)}})});
  const Imported imported = import(p);
  EXPECT_ROUND_TRIP(imported, p);
  const auto& files = imported.policy->source.files;
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].name, "imported-root-ca.cer");
  EXPECT_EQ(files[0].bytes, identity.certificate_der);
  EXPECT_EQ(files[1].name, "imported-Acme-Issuing-CA.cer");
  EXPECT_EQ(files[2].name, "imported-identity.p12");
  EXPECT_TRUE(files[2].private_key);
  EXPECT_THAT(imported.text(), HasSubstr("PayloadContent = { file = \"imported-root-ca.cer\" }\n"));
  EXPECT_THAT(imported.text(), HasSubstr("Password = { env = \"PROFILEC_IMPORTED_IDENTITY_PASSWORD\" }\n"));
}

TEST(ImportProfileTest, PayloadNamesAreUniqueAndFileNamesToo) {
  const std::string data(100, 'x');
  ir::Profile p = profile({payload("com.example.a", "com.acme.corp", {{"Blob", ir::make_data(data)}}),
                           payload("com.example.b", "org.other.corp", {{"Blob", ir::make_data(data)}}),
                           payload("com.apple.wifi.managed",
                                   "com.apple.wifi.managed.3F2A1B4C-1111-2222-3333-444455556666",
                                   {{"SSID_STR", str("x")}})});
  const Imported imported = import(p);
  EXPECT_ROUND_TRIP(imported, p);
  EXPECT_THAT(imported.text(), HasSubstr("[payload.corp]\n"));
  EXPECT_THAT(imported.text(), HasSubstr("[payload.corp-2]\n"));
  EXPECT_THAT(imported.text(), HasSubstr("[payload.wifi-managed]\n"));
  ASSERT_EQ(imported.policy->source.files.size(), 2u);
  EXPECT_EQ(imported.policy->source.files[0].name, "imported-corp-Blob.bin");
  EXPECT_EQ(imported.policy->source.files[1].name, "imported-corp-2-Blob.bin");
}

// A UUID at one of Apple's reference keys (the overlay's `reference` facts)
// that is the PayloadUUID of another payload of the profile, of a type
// allowed there, becomes { payload = "NAME" }; it lowers to the same pinned
// UUID, so the round trip holds.
TEST(ImportProfileTest, AProvenLinkBecomesAPayloadReference) {
  const testing::TestIdentity identity = testing::make_test_identity({});
  const std::string cert_uuid = "0BD0B46E-89CC-5C51-8595-9419391E2249";
  ir::Profile p = profile({payload("com.apple.security.FDERecoveryKeyEscrow", "com.acme.escrow",
                                   {{"Location", str("Acme IT")}, {"EncryptCertPayloadUUID", str(cert_uuid)}},
                                   "22222222-2222-3333-4444-555555555555"),
                           payload("com.apple.security.pkcs1", "com.acme.escrow-cert",
                                   {{"PayloadContent", ir::make_data(identity.certificate_der)}}, cert_uuid)});
  const Imported imported = import(p);
  EXPECT_ROUND_TRIP(imported, p);
  EXPECT_THAT(imported.text(), HasSubstr("EncryptCertPayloadUUID = { payload = \"escrow-cert\" }\n"));
  EXPECT_THAT(imported.text(), HasSubstr("PayloadUUID = \"" + cert_uuid + "\"\n"));
}

// Where the link is not proven, the UUID stays as it was written: a payload
// of a type the key does not take, a UUID in another case than the payload's
// own (the reference would write the payload's spelling, not this one), a
// key that is no reference key, a payload's own UUID.
TEST(ImportProfileTest, AnUnprovenLinkStaysAUuidLiteral) {
  const testing::TestIdentity identity = testing::make_test_identity({});
  const std::string root_uuid = "0BD0B46E-89CC-5C51-8595-9419391E2249";
  const std::string cert_uuid = "1BD0B46E-89CC-5C51-8595-9419391E2249";
  const std::string cert_uuid_lower = "1bd0b46e-89cc-5c51-8595-9419391e2249";
  ir::Profile p = profile({payload("com.apple.security.FDERecoveryKeyEscrow", "com.acme.escrow",
                                   {{"Location", str(cert_uuid)}, {"EncryptCertPayloadUUID", str(root_uuid)}},
                                   "22222222-2222-3333-4444-555555555555"),
                           payload("com.apple.security.FDERecoveryKeyEscrow", "com.acme.escrow2",
                                   {{"Location", str("Acme IT")}, {"EncryptCertPayloadUUID", str(cert_uuid_lower)}},
                                   "33333333-2222-3333-4444-555555555555"),
                           payload("com.apple.security.root", "com.acme.root",
                                   {{"PayloadContent", ir::make_data(identity.certificate_der)}}, root_uuid),
                           payload("com.apple.security.pkcs1", "com.acme.cert",
                                   {{"PayloadContent", ir::make_data(identity.certificate_der)}}, cert_uuid)});
  const Imported imported = import(p);
  EXPECT_ROUND_TRIP(imported, p);
  EXPECT_THAT(imported.text(), Not(HasSubstr("{ payload =")));
  EXPECT_THAT(imported.text(), HasSubstr("EncryptCertPayloadUUID = \"" + root_uuid + "\""));
  EXPECT_THAT(imported.text(), HasSubstr("EncryptCertPayloadUUID = \"" + cert_uuid_lower + "\"\n"));
  EXPECT_THAT(imported.text(), HasSubstr("Location = \"" + cert_uuid + "\"\n"));
}

TEST(ImportProfileTest, KeysComeInAReadableOrder) {
  ir::Profile p = profile({payload("com.apple.wifi.managed", "com.acme.wifi",
                                   {{"VendorKey", str("unknown to the schema")},
                                    {"SSID_STR", str("Corp")},
                                    {"AutoJion", ir::make_boolean(true)},
                                    {"PayloadDisplayName", str("Wi-Fi")},
                                    {"AutoJoin", ir::make_boolean(true)}})});
  const Imported imported = import(p);
  EXPECT_ROUND_TRIP(imported, p);
  const std::string& text = imported.text();
  const auto at = [&](std::string_view s) { return text.find(s); };
  const auto in_schema = [](std::string_view key) {
    const auto& keys = schemas().find("com.apple.wifi.managed")->groups.front().keys;
    return std::find_if(keys.begin(), keys.end(), [&](const schema::Key& k) { return k.name == key; }) - keys.begin();
  };
  EXPECT_LT(at("type ="), at("PayloadIdentifier ="));
  EXPECT_LT(at("PayloadUUID ="), at("PayloadDisplayName ="));
  EXPECT_LT(at("PayloadDisplayName ="), at("SSID_STR ="));                                        // housekeeping first
  EXPECT_EQ(at("SSID_STR =") < at("AutoJoin ="), in_schema("SSID_STR") < in_schema("AutoJoin"));  // then the schema's
  EXPECT_LT(at("AutoJoin ="), at("VendorKey ="));  // keys the schema does not know last, in file order
  EXPECT_LT(at("VendorKey ="), at("AutoJion ="));
  // The typo is an error build would refuse: kept, and marked.
  EXPECT_THAT(text, HasSubstr("# profilec: allow PC1002 -- imported as found\nAutoJion = true\n"));
  ASSERT_EQ(imported.policy->kept.size(), 1u);
  EXPECT_EQ(imported.policy->kept[0].code, DiagnosticCode::PC1002);
}

TEST(ImportProfileTest, FindingsThatShowOnlyOnceOthersAreAllowedAreAllowedToo) {
  // The duplicate UUID (PC3002) is found by the analysis across payloads,
  // which runs only after the missing EAP types (PC1008) are allowed.
  ir::Profile p = profile({payload("com.apple.wifi.managed", "com.acme.wifi.corp",
                                   {{"SSID_STR", str("Corp")},
                                    {"EAPClientConfiguration", dict({{"UserName", str("u")}})}}),
                           payload("com.apple.applicationaccess", "com.acme.restrictions", {})});
  const Imported imported = import(p);
  EXPECT_ROUND_TRIP(imported, p);
  EXPECT_THAT(imported.text(), HasSubstr("# profilec: allow PC1008 -- imported as found\nEAPClientConfiguration = "));
  EXPECT_THAT(imported.text(), HasSubstr("# profilec: allow PC3002 -- imported as found\nPayloadUUID = "));
}

TEST(ImportProfileTest, AProjectOrganizationIsKeptOutOfProfilesThatHaveNone) {
  MemoryFileSystem around;
  around.add_file("out/profilec.toml", "[profile]\norganization = \"Acme\"\n");
  ir::Profile p = profile({payload("com.apple.applicationaccess", "com.acme.r", {})});
  const Imported imported = import(p, false, around);
  EXPECT_ROUND_TRIP(imported, p);
  EXPECT_THAT(imported.text(), HasSubstr("omit = [\"PayloadOrganization\"]\n"));
  EXPECT_ROUND_TRIP(import(p), p);  // without the project file, nothing to omit
  EXPECT_THAT(import(p).text(), Not(HasSubstr("omit")));
}

struct Refusal {
  const char* name;
  ir::Profile profile;
  const char* message;
};

std::vector<Refusal> refusals() {
  const auto with = [](std::string key, ir::Value value) {
    return profile({payload("com.example.custom", "com.acme.c", {{std::move(key), std::move(value)}})});
  };
  ir::Value big = ir::make_integer(0);
  big.storage = ir::BigUnsigned{18446744073709551615u};
  ir::Profile no_id = profile({});
  no_id.envelope.dict().erase(no_id.envelope.dict().begin() + 2);
  ir::Profile untyped = profile({payload("com.example.custom", "com.acme.c", {})});
  untyped.payloads[0].type.clear();
  return {
      {"BigUnsigned", with("Big", big), "larger than TOML integers can be"},
      {"NaN", with("Real", ir::make_real(std::nan(""))), "not a finite number"},
      {"ControlCharacter", with("S", str("bell\x07")), "control character U+0007"},
      {"InvalidUtf8", with("S", str("\xC3\x28")), "not valid UTF-8"},
      {"ReferenceShapedDict", with("D", dict({{"env", str("HOME")}})), "only key is 'env'"},
      {"PayloadReferenceShapedDict", with("D", dict({{"payload", str("other")}})), "only key is 'payload'"},
      {"ReservedKey", with("type", str("x")), "'type' is a field of the policy language"},
      {"NoIdentifier", no_id, "has no PayloadIdentifier"},
      {"RelativeIdentifier", profile({}, {{"PayloadIdentifier", str(".example")}}), "starts with a dot"},
      {"Encrypted", profile({}, {{"EncryptedPayloadContent", ir::make_data("x")}}), "encrypted"},
      {"UntypedPayload", untyped, "no PayloadType"},
  };
}

TEST(ImportProfileTest, TopLevelKeysThatAreNotApplesGoToProfileExtraAndKeepTheirFindings) {
  ir::Profile p = profile({payload("com.apple.applicationaccess", "com.acme.r", {})},
                          {{"payloadScope", str("System")}, {"label", str("Corp")}, {"9lives", ir::make_integer(9)}});
  const Imported imported = import(p);
  EXPECT_ROUND_TRIP(imported, p);
  EXPECT_THAT(imported.text(),
              HasSubstr("\n# Top-level keys that are not Apple's, carried over as found (docs/language.md#profile).\n"
                        "[profile.extra]\n"
                        "# profilec: allow PC1002 -- imported as found\n"
                        "payloadScope = \"System\"\n"
                        "label = \"Corp\"\n"
                        "9lives = 9\n"));
  ASSERT_EQ(imported.policy->kept.size(), 1u);
  EXPECT_EQ(imported.policy->kept[0].message, "unknown key 'payloadScope' in the profile's top level");
  EXPECT_EQ(imported.policy->warnings, 2u);  // label and 9lives: not in Apple's data
}

TEST(ImportProfileTest, AnIntegerDurationUntilRemovalStaysApplesKey) {
  // The field lowers to a <real>, Apple's type; an <integer> is kept as found.
  ir::Profile p = profile({payload("com.apple.applicationaccess", "com.acme.r", {})},
                          {{"DurationUntilRemoval", ir::make_integer(3600)}});
  const Imported imported = import(p);
  EXPECT_ROUND_TRIP(imported, p);
  EXPECT_THAT(imported.text(), HasSubstr("DurationUntilRemoval = 3600\n"));
  EXPECT_THAT(imported.text(), Not(HasSubstr("duration_until_removal")));
}

TEST(ImportProfileTest, WhatSourceCannotHoldIsRefusedAtItsPlace) {
  for (Refusal& r : refusals()) {
    SCOPED_TRACE(r.name);
    const Imported imported = import(r.profile);
    EXPECT_FALSE(imported.policy.has_value());
    ASSERT_TRUE(imported.has_code("PC0030"));
    EXPECT_THAT(imported.diagnostics.all()[0].message, HasSubstr(r.message));
  }
}

}  // namespace
}  // namespace profilec::import
