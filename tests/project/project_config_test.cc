#include "project/project_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lang/toml_limits.h"
#include "support/pipeline.h"

namespace profilec {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr const char* kAcme = R"([profile]
organization = "Acme Corp"
id_prefix    = "com.acme"

[target]
platforms  = { iOS = "17.0" }
supervised = true

[rules]
PC0010 = "off"
unresolved-secret = "warning"
)";

std::string policy(const std::string& profile, const std::string& target = "") {
  return "[profile]\n" + profile + "\n" + target +
         "\n[payload.restrictions]\ntype = \"com.apple.applicationaccess\"\nallowCamera = false\n";
}

const ir::Value* envelope_key(const testing::PipelineRun& run, std::string_view key) {
  return run.result.profiles.at(0).profile.envelope.find(key);
}

struct Parsed {
  ProjectConfig config;
  Diagnostics diagnostics;
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const auto& d : diagnostics.all()) out.emplace_back(info(d.code).id);
    return out;
  }
};

Parsed parse(std::string_view text) {
  Parsed p;
  p.config = parse_project_config(text, "repo/profilec.toml", p.diagnostics);
  return p;
}

TEST(ProjectConfigTest, ReadsDefaultsAndRulesByCode) {
  auto p = parse(kAcme);
  ASSERT_TRUE(p.diagnostics.empty()) << p.codes().size();
  EXPECT_EQ(p.config.root, "repo");
  EXPECT_EQ(p.config.defaults.project_file, "repo/profilec.toml");
  EXPECT_EQ(p.config.defaults.organization->value, "Acme Corp");
  EXPECT_EQ(p.config.defaults.id_prefix->value, "com.acme");
  ASSERT_EQ(p.config.defaults.target.platforms.size(), 1u);
  EXPECT_TRUE(p.config.defaults.target.supervised->value);
  ASSERT_EQ(p.config.rules.size(), 2u);
  EXPECT_EQ(p.config.rules.at("PC0010").level, RuleLevel::kOff);
  EXPECT_EQ(p.config.rules.at("PC0006").level, RuleLevel::kWarning);  // written by name
  EXPECT_EQ(p.config.rules.at("PC0006").span.begin.line, 11u);
}

TEST(ProjectConfigTest, RuleCodesAreAnyCaseNamesExact) {
  auto p = parse("[rules]\npc1002 = \"warning\"\nUnknown-Key = \"off\"\n");
  EXPECT_THAT(p.codes(), ElementsAre("PC0003"));
  EXPECT_EQ(p.config.rules.at("PC1002").level, RuleLevel::kWarning);
  EXPECT_EQ(p.diagnostics.all()[0].help, "did you mean 'unknown-key'?");
}

TEST(ProjectConfigTest, AnEmptyFileIsAValidProject) {
  auto p = parse("");
  EXPECT_TRUE(p.diagnostics.empty());
  EXPECT_FALSE(p.config.defaults.organization);
  EXPECT_TRUE(p.config.rules.empty());
}

TEST(ProjectConfigTest, UnknownTablesAndFieldsAreReportedWithLocations) {
  auto p = parse(R"(organization = "Acme"

[profile]
organisation = "Acme"
removal = "disallowed"

[targte]

[target]
supervise = true

[rules]
PC0O10 = "off"
empty-profile = "warn"
)");
  ASSERT_THAT(p.codes(), ElementsAre("PC0002", "PC0003", "PC0003", "PC0002", "PC0003", "PC0003", "PC0004"));
  const auto& all = p.diagnostics.all();
  EXPECT_EQ(all[0].message, "'organization' outside a table in profilec.toml");
  EXPECT_EQ(all[0].help, "write it in the [profile] table: [profile] then organization = ...");
  EXPECT_EQ(all[1].help, "did you mean 'organization'?");
  EXPECT_EQ(all[1].span.begin.line, 4u);
  EXPECT_EQ(all[2].message, "'removal' cannot be a project default");
  EXPECT_EQ(all[3].help, "did you mean 'target'?");
  EXPECT_EQ(all[4].help, "did you mean 'supervised'?");
  EXPECT_EQ(all[5].message, "unknown rule 'PC0O10' in [rules]");
  EXPECT_EQ(all[5].help, "did you mean 'PC0010'?");
  EXPECT_EQ(all[6].message, "rules.empty-profile cannot be 'warn'");
  EXPECT_EQ(all[6].span.begin.line, 14u);
  EXPECT_EQ(all[6].span.begin.column, 17u);
  for (const Diagnostic& d : all) EXPECT_EQ(*d.span.path, "repo/profilec.toml");
}

TEST(ProjectConfigTest, WrongTypesAndABadPrefixAreReported) {
  auto p = parse(
      "[profile]\norganization = 3\nid_prefix = \"com.acme.\"\n[rules]\nPC0010 = \"off\"\nempty-profile = \"error\"\n");
  ASSERT_THAT(p.codes(), ElementsAre("PC0004", "PC0004", "PC0004"));
  EXPECT_EQ(p.diagnostics.all()[0].message, "profile.organization must be a string, found integer");
  EXPECT_EQ(p.diagnostics.all()[1].message, "profile.id_prefix 'com.acme.' is not a reverse-DNS prefix");
  EXPECT_EQ(p.diagnostics.all()[2].message, "rule PC0010 (empty-profile) is set twice");
  EXPECT_FALSE(p.config.defaults.id_prefix);
}

TEST(ProjectConfigTest, SyntaxErrorsAreReported) {
  auto p = parse("[profile\n");
  EXPECT_THAT(p.codes(), ElementsAre("PC0001"));
}

TEST(ProjectDefaultsTest, FillWhatThePolicyLeavesOutAndThePolicyWins) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kAcme);
  files.add_file("repo/a.toml", policy("id = \"com.acme.a\""));
  files.add_file("repo/b.toml", policy("id = \"com.acme.b\"\norganization = \"Acme Security\""));
  auto run = testing::compile_tree(files, "repo");
  ASSERT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  ASSERT_EQ(run.result.profiles.size(), 2u);
  EXPECT_EQ(run.result.profiles[0].profile.envelope.find("PayloadOrganization")->string(), "Acme Corp");
  EXPECT_EQ(*run.result.profiles[0].profile.envelope.find("PayloadOrganization")->span.path, "repo/profilec.toml");
  EXPECT_EQ(run.result.profiles[1].profile.envelope.find("PayloadOrganization")->string(), "Acme Security");
}

TEST(ProjectDefaultsTest, ARelativeIdTakesThePrefix) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kAcme);
  files.add_file("repo/r.toml", policy("id = \".ios.restrictions\""));
  auto run = testing::compile_tree(files, "repo");
  ASSERT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  EXPECT_EQ(envelope_key(run, "PayloadIdentifier")->string(), "com.acme.ios.restrictions");
  EXPECT_EQ(run.result.profiles[0].profile.payloads[0].content.find("PayloadIdentifier")->string(),
            "com.acme.ios.restrictions.restrictions");
}

TEST(ProjectDefaultsTest, AFullIdIsLeftAlone) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kAcme);
  files.add_file("repo/r.toml", policy("id = \"org.other.restrictions\""));
  auto run = testing::compile_tree(files, "repo");
  ASSERT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  EXPECT_EQ(envelope_key(run, "PayloadIdentifier")->string(), "org.other.restrictions");
}

TEST(ProjectDefaultsTest, ARelativeIdWithoutAPrefixIsAnError) {
  auto none = testing::compile_policy_text(policy("id = \".restrictions\""));
  ASSERT_THAT(none.codes(), ElementsAre("PC0004"));
  EXPECT_EQ(none.first("PC0004")->message, "relative profile.id '.restrictions' has no id_prefix to complete it");
  EXPECT_THAT(none.first("PC0004")->help, HasSubstr("create profilec.toml"));

  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", "[profile]\norganization = \"Acme\"\n");
  files.add_file("repo/r.toml", policy("id = \".restrictions\""));
  auto without_prefix = testing::compile_tree(files, "repo");
  ASSERT_THAT(without_prefix.codes(), ElementsAre("PC0004"));
  EXPECT_THAT(without_prefix.first("PC0004")->help, HasSubstr("'repo/profilec.toml'"));

  files.add_file("repo/r.toml", policy("id = \".\""));
  EXPECT_THAT(testing::compile_tree(files, "repo").codes(), ElementsAre("PC0004"));
}

TEST(ProjectDefaultsTest, TargetDefaultsApplyFieldByField) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kAcme);  // iOS 17, supervised
  files.add_file("repo/a.toml", policy("id = \"com.acme.a\"", "[target]\nsupervised = false\nenrollment = \"user\"\n"));
  files.add_file("repo/b.toml", policy("id = \"com.acme.b\"", "[target]\nplatforms = { macOS = \"14.0\" }\n"));
  auto run = testing::compile_tree(files, "repo");
  ASSERT_EQ(run.result.profiles.size(), 2u) << run.rendered();
  const ir::Target& a = run.result.profiles[0].profile.target;
  ASSERT_EQ(a.platforms.size(), 1u);
  EXPECT_EQ(a.platforms[0].platform, "iOS");  // from the project
  EXPECT_FALSE(a.supervised);                 // the policy's own
  EXPECT_EQ(a.enrollment, ir::Enrollment::kUser);
  const ir::Target& b = run.result.profiles[1].profile.target;
  ASSERT_EQ(b.platforms.size(), 1u);  // replaced, not merged with iOS
  EXPECT_EQ(b.platforms[0].platform, "macOS");
  EXPECT_TRUE(b.supervised);  // from the project
}

TEST(ProjectDefaultsTest, TheNearestProjectFileApplies) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", "[profile]\norganization = \"MSP\"\n");
  files.add_file("repo/tenants/a/profilec.toml", "[profile]\nid_prefix = \"com.tenant-a\"\n");
  files.add_file("repo/tenants/a/policies/r.toml", policy("id = \".r\""));
  files.add_file("repo/shared/r.toml", policy("id = \"com.msp.r\""));
  auto run = testing::compile_tree(files, "repo");
  ASSERT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  ASSERT_EQ(run.result.profiles.size(), 2u);
  const ir::Value& shared = run.result.profiles[0].profile.envelope;
  const ir::Value& tenant = run.result.profiles[1].profile.envelope;
  EXPECT_EQ(shared.find("PayloadOrganization")->string(), "MSP");
  EXPECT_EQ(tenant.find("PayloadIdentifier")->string(), "com.tenant-a.r");
  EXPECT_EQ(tenant.find("PayloadOrganization"), nullptr) << "project files are not merged";
}

TEST(ProjectDefaultsTest, TheSearchGoesUpFromANamedFileButNotPastDotDot) {
  MemoryFileSystem files;
  files.add_file("profilec.toml", "[profile]\norganization = \"Here\"\n");
  files.add_file("repo/policies/ios/r.toml", policy("id = \"com.example.r\""));
  files.add_file("../elsewhere/e.toml", policy("id = \"com.example.e\""));
  auto run = testing::compile_paths(files, {"repo/policies/ios/r.toml", "../elsewhere/e.toml"});
  ASSERT_EQ(run.result.profiles.size(), 2u) << run.rendered();
  EXPECT_EQ(run.result.profiles[0].profile.envelope.find("PayloadOrganization")->string(), "Here");
  EXPECT_EQ(run.result.profiles[1].profile.envelope.find("PayloadOrganization"), nullptr);
}

TEST(ProjectDefaultsTest, ProjectFileFindingsAreReportedOnceAndNamedProjectFilesAreChecked) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", "[profile]\norganisation = \"Acme\"\n");
  files.add_file("repo/a.toml", policy("id = \"com.acme.a\""));
  files.add_file("repo/b.toml", policy("id = \"com.acme.b\""));
  auto walked = testing::compile_tree(files, "repo");
  EXPECT_THAT(walked.codes(), ElementsAre("PC0003"));
  EXPECT_THAT(walked.rendered(), HasSubstr("2 | organisation = \"Acme\""));

  auto named = testing::compile_paths(files, {"repo/profilec.toml", "repo/a.toml"});
  EXPECT_THAT(named.codes(), ElementsAre("PC0003")) << "checked as a project file, not as a policy";
  EXPECT_EQ(named.result.profiles.size(), 1u);
}

}  // namespace
}  // namespace profilec

namespace profilec {
namespace {

TEST(ProjectRulesTest, RegradeAndSilenceFindings) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", "[rules]\nunknown-key = \"warning\"\nPC1004 = \"off\"\n");
  files.add_file("repo/p.toml", R"([profile]
id = "com.example.x"
[payload.w]
type = "com.apple.wifi.managed"
SSID_STR = "x"
EncryptionType = "WAP2"
SSID_STRR = "y"
)");
  auto run = testing::compile_tree(files, "repo");
  ASSERT_THAT(run.codes(), ElementsAre("PC1002"));
  EXPECT_EQ(run.result.diagnostics.all()[0].severity, Severity::kWarning);
  EXPECT_EQ(run.result.profiles.size(), 1u) << "nothing at error level is left";
}

TEST(ProjectRulesTest, ErrorsThatStopCompilationKeepTheirLevel) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", "[rules]\ntoml-syntax = \"off\"\nPC0005 = \"warning\"\n");
  files.add_file("repo/broken.toml", "[profile]\nid = \n");
  files.add_file("repo/no-id.toml", "[profile]\nname = \"x\"\n");
  auto run = testing::compile_tree(files, "repo");
  EXPECT_THAT(run.codes(), ElementsAre("PC0001", "PC0005"));
  for (const Diagnostic& d : run.result.diagnostics.all()) EXPECT_EQ(d.severity, Severity::kError) << d.message;
  EXPECT_TRUE(run.result.profiles.empty());
}

TEST(ProjectRulesTest, RaiseAWarningToAnError) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", "[rules]\nempty-profile = \"error\"\n");
  files.add_file("repo/empty.toml", "[profile]\nid = \"com.example.empty\"\n");
  auto run = testing::compile_tree(files, "repo");
  ASSERT_THAT(run.codes(), ElementsAre("PC0010"));
  EXPECT_EQ(run.result.diagnostics.all()[0].severity, Severity::kError);
  EXPECT_TRUE(run.result.profiles.empty());
}

}  // namespace
}  // namespace profilec

namespace profilec {
namespace {

TEST(ProjectSigning, PathsAreRelativeToTheProjectFileAndSecretsAreRefused) {
  Diagnostics diagnostics;
  const ProjectConfig config = parse_project_config(R"([signing]
pkcs12 = "keys/signing.p12"
password_env = "SIGNING_PASSWORD"
apns_certificate = "certs/push.pem"
expiry_warning_days = 45
)",
                                                    "repo/profilec.toml", diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(config.signing.pkcs12, "repo/keys/signing.p12");
  EXPECT_EQ(config.signing.apns_certificate, "repo/certs/push.pem");
  EXPECT_EQ(config.signing.password_env, "SIGNING_PASSWORD");
  EXPECT_EQ(config.signing.expiry_warning_days, 45);

  Diagnostics bad;
  const ProjectConfig refused = parse_project_config(R"([signing]
password = "hunter2"
expiry_warning_days = -1
certifcate = "x.pem"
)",
                                                     "profilec.toml", bad);
  ASSERT_EQ(bad.all().size(), 3u);
  EXPECT_EQ(bad.all()[0].code, DiagnosticCode::PC0003);
  EXPECT_THAT(bad.all()[0].message, ::testing::HasSubstr("'password' cannot be written in profilec.toml"));
  EXPECT_EQ(bad.all()[0].span.begin.line, 2u);
  EXPECT_EQ(bad.all()[1].code, DiagnosticCode::PC0004);
  EXPECT_EQ(bad.all()[2].code, DiagnosticCode::PC0003);
  EXPECT_THAT(bad.all()[2].help, ::testing::HasSubstr("certificate"));
  EXPECT_FALSE(refused.signing.expiry_warning_days.has_value());
}

TEST(ProjectConfigTest, AProjectFileOverTheTomlLimitIsRefusedBeforeItIsRead) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", std::string(lang::kMaxTomlBytes + 1, '['));  // would be a syntax error
  files.add_file("repo/r.toml", policy("id = \"com.example.r\"\nname = \"R\""));
  auto run = testing::compile_paths(files, {"repo/r.toml"});
  ASSERT_THAT(run.codes(), ElementsAre("PC0001")) << run.rendered();
  const Diagnostic& d = *run.first("PC0001");
  EXPECT_EQ(d.span.path_or_empty(), "repo/profilec.toml");
  EXPECT_FALSE(d.span.begin.known());  // the whole file
  EXPECT_THAT(d.message, StartsWith("the file is 8388609 bytes (8.0 MiB); profilec reads TOML files up to 8 MiB"));
}

TEST(ProjectConfigTest, AProjectFileThatIsAFolderIsAnIoErrorNotIgnored) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml/inner.txt", "x");  // makes repo/profilec.toml a folder
  files.add_file("repo/r.toml", policy("id = \"com.example.r\"\nname = \"R\""));
  auto run = testing::compile_paths(files, {"repo/r.toml"});
  ASSERT_EQ(run.result.io_errors.size(), 1u) << run.rendered();
  EXPECT_EQ(run.result.io_errors[0].path, "repo/profilec.toml");
  EXPECT_EQ(run.result.io_errors[0].message, "is a directory");
}

TEST(ProjectConfigTest, ReadsFailOnAndExclude) {
  auto p =
      parse("fail_on = \"warning\"\nexclude = [\"out\", \"vendor/**/\", \"./build\"]\n\n[rules]\nPC0010 = \"off\"\n");
  ASSERT_TRUE(p.diagnostics.empty()) << p.codes().size();
  EXPECT_EQ(p.config.fail_on, Severity::kWarning);
  EXPECT_THAT(p.config.exclude, ElementsAre("out", "vendor/**", "./build"));
  EXPECT_EQ(parse("fail_on = \"note\"\n").config.fail_on, Severity::kNote);
  EXPECT_EQ(parse("fail_on = \"error\"\n").config.fail_on, Severity::kError);
  EXPECT_EQ(parse("").config.fail_on, std::nullopt);
}

TEST(ProjectConfigTest, BadFailOnAndExcludeAreReported) {
  auto p = parse("fail_on = \"warnings\"\nexclude = [\"/abs\", 3, \"../up\", \"a/../..\", \"\"]\n");
  ASSERT_THAT(p.codes(), ElementsAre("PC0004", "PC0004", "PC0004", "PC0004", "PC0004", "PC0004"));
  const auto& all = p.diagnostics.all();
  EXPECT_EQ(all[0].message, "fail_on must be \"error\", \"warning\" or \"note\", found 'warnings'");
  EXPECT_EQ(all[0].help, "did you mean \"warning\"?");
  EXPECT_EQ(all[0].span.begin.line, 1u);
  EXPECT_EQ(all[0].span.begin.column, 11u);
  EXPECT_EQ(all[1].message, "exclude pattern '/abs' must be a relative path below profilec.toml's folder");
  EXPECT_EQ(all[2].message, "exclude must hold strings, found integer");
  EXPECT_EQ(all[3].message, "exclude pattern '../up' must be a relative path below profilec.toml's folder");
  EXPECT_EQ(all[4].message, "exclude pattern 'a/../..' must be a relative path below profilec.toml's folder");
  EXPECT_EQ(all[5].message, "exclude pattern '' must be a relative path below profilec.toml's folder");
  EXPECT_FALSE(p.config.fail_on.has_value());
  EXPECT_TRUE(p.config.exclude.empty());

  auto wrong = parse("fail_on = 1\nexclude = \"out\"\n");
  ASSERT_THAT(wrong.codes(), ElementsAre("PC0004", "PC0004"));
  EXPECT_EQ(wrong.diagnostics.all()[0].message, "fail_on must be \"error\", \"warning\" or \"note\", found integer");
  EXPECT_EQ(wrong.diagnostics.all()[0].help,
            "the lowest severity that fails check and build, e.g. fail_on = \"warning\"");
  EXPECT_EQ(wrong.diagnostics.all()[1].message, "exclude must be an array of glob patterns, found string");
  EXPECT_EQ(wrong.diagnostics.all()[1].help, "write exclude = [\"out\", \"vendor/**\"]");
}

TEST(ProjectConfigTest, FailOnAndExcludeAfterATableAreMisplacedNotUnknown) {
  auto p = parse("[rules]\nPC0010 = \"off\"\nfail_on = \"warning\"\n\n[signing]\nexclude = [\"out\"]\n");
  ASSERT_THAT(p.codes(), ElementsAre("PC0003", "PC0003"));
  const auto& all = p.diagnostics.all();
  EXPECT_EQ(all[0].message, "'fail_on' is a top-level key of profilec.toml, not a field of [rules]");
  EXPECT_EQ(all[0].help, "move it above the first [table] line");
  EXPECT_EQ(all[0].span.begin.line, 3u);
  EXPECT_EQ(all[1].message, "'exclude' is a top-level key of profilec.toml, not a field of [signing]");
  EXPECT_FALSE(p.config.fail_on.has_value());
  EXPECT_TRUE(p.config.exclude.empty());
}

TEST(ProjectConfigTest, SecretsAllowEnvIsReadAndEachBadPatternIsReportedAtItsPlace) {
  auto ok = parse("[secrets]\nallow_env = [\"ACME_*\", \"WIFI_PSK\"]\n");
  EXPECT_TRUE(ok.diagnostics.empty());
  ASSERT_TRUE(ok.config.allow_env.has_value());
  EXPECT_THAT(*ok.config.allow_env, ElementsAre("ACME_*", "WIFI_PSK"));
  EXPECT_FALSE(parse("").config.allow_env.has_value());

  auto bad = parse("[secrets]\nallow_env = [\"*\", 3, \"ACME_*\", \"A-B\"]\nallow = 1\n");
  EXPECT_THAT(bad.codes(), ElementsAre("PC0004", "PC0004", "PC0004", "PC0003"));
  const Diagnostic& star = bad.diagnostics.all()[0];
  EXPECT_THAT(star.message, StartsWith("secrets.allow_env pattern '*' is not allowed: a pattern must start with"));
  EXPECT_EQ(star.span.begin.line, 2u);
  EXPECT_EQ(star.span.begin.column, 14u);
  EXPECT_EQ(bad.diagnostics.all()[1].message, "secrets.allow_env must hold strings, found integer");
  EXPECT_EQ(bad.diagnostics.all()[1].span.begin.column, 19u);
  EXPECT_THAT(bad.diagnostics.all()[2].message, HasSubstr("'A-B'"));
  EXPECT_THAT(*bad.config.allow_env, ElementsAre("ACME_*"));
  EXPECT_THAT(parse("[secrets]\nallow_env = \"ACME_*\"\n").codes(), ElementsAre("PC0004"));
}

TEST(ProjectConfigTest, TheSecretPolicyHoldsTheAllowListAndEverySigningSecret) {
  auto p = parse(
      "[secrets]\nallow_env = [\"ACME_*\"]\n[signing]\nkey_env = \"SIGN_KEY\"\n"
      "password_env = \"SIGN_PASS\"\npkcs12 = \"keys/s.p12\"\n");
  ASSERT_TRUE(p.diagnostics.empty());
  const SecretPolicy policy = secret_policy(&p.config, {{SigningSecret::kVariable, "DEVICE_KEY", "--device-key-env"}});
  EXPECT_THAT(policy.allow_env, ElementsAre("ACME_*"));
  EXPECT_EQ(policy.allow_env_origin, "repo/profilec.toml");
  std::vector<std::string> names;
  for (const SigningSecret& s : policy.signing) names.push_back(s.name);
  EXPECT_THAT(names, ElementsAre("DEVICE_KEY", "SIGN_KEY", "SIGN_PASS", "repo/keys/s.p12"));
  // No project: the default allow-list and the command line's secrets.
  const SecretPolicy fallback = secret_policy(nullptr, {});
  EXPECT_THAT(fallback.allow_env, ElementsAre("PROFILEC_*"));
  EXPECT_TRUE(fallback.signing.empty());
}

TEST(ProjectConfigTest, TheRepositoryRootIsTheProjectFolderElseTheCurrentOrNamedFolder) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", "");
  files.add_file("repo/policies/a.toml", "");
  files.add_file("loose/b.toml", "");
  EXPECT_EQ(repository_root(files, PolicyInput{"repo/policies/a.toml", "a", true}), "repo");
  EXPECT_EQ(repository_root(files, PolicyInput{"loose/b.toml", "b", true}), "");
  EXPECT_EQ(repository_root(files, PolicyInput{"/abs/loose/b.toml", "b", true}), "/abs/loose");
  EXPECT_EQ(repository_root(files, PolicyInput{"/abs/loose/b.toml", "b", false, "/abs"}), "/abs");
  EXPECT_EQ(repository_root(files, PolicyInput{"../up/b.toml", "b", false, "../up"}), "../up");
}

// RepositoryRoots answers as repository_root does, for every spelling of a
// path, and walks up from each folder once a run: a profilec.toml that
// appears meanwhile is not seen by later files of a folder already walked.
TEST(ProjectConfigTest, RepositoryRootsAnswerAsRepositoryRootAndWalkEachFolderOnce) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", "");
  files.add_file("repo/policies/a.toml", "");
  files.add_file("loose/b.toml", "");
  const std::vector<PolicyInput> inputs = {
      {"repo/policies/a.toml", "a", true},
      {"repo/policies/b.toml", "b", true},
      {"repo/policies/../c.toml", "c", true},
      {"./repo/policies/d.toml", "d", true},
      {"loose/b.toml", "b", true},
      {"loose/c.toml", "c", true},
      {"/abs/loose/b.toml", "b", true},
      {"/abs/loose/b.toml", "b", false, "/abs"},
      {"../up/b.toml", "b", false, "../up"},
      {"../up/c.toml", "c", false, "../up/"},
      {"top.toml", "top", true},
      {"repo/policies/..", "x", true},
      {"repo/policies/.", "x", true},
      {"/top.toml", "top", true},
  };
  RepositoryRoots roots(files);
  for (const PolicyInput& input : inputs) {
    EXPECT_EQ(roots.root(input), repository_root(files, input)) << input.path;
  }
  files.add_file("loose/profilec.toml", "");
  EXPECT_EQ(repository_root(files, PolicyInput{"loose/d.toml", "d", true}), "loose");
  EXPECT_EQ(roots.root(PolicyInput{"loose/d.toml", "d", true}), "");  // the folder's first answer
  EXPECT_EQ(RepositoryRoots(files).root(PolicyInput{"loose/d.toml", "d", true}), "loose");
}

// One run reads each project file once (issue 16): the command's [signing],
// the folder walk and the compile share the loaded file, and what it
// reports is handed out once, to whoever asks for it first with a report.
TEST(ProjectConfigsTest, AProjectFileIsLoadedOnceAndItsFindingsHandedOutOnce) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", "[signing]\npassword = \"hunter2\"\napns_certificate = \"push.pem\"\n");
  files.add_file("repo/policies/a.toml", policy("id = \"a\""));
  ProjectConfigs projects(files);
  const ProjectConfig* named = projects.for_named_path("repo");  // a folder's own profilec.toml applies to it
  ASSERT_NE(named, nullptr);
  EXPECT_EQ(named->signing.apns_certificate, "repo/push.pem");
  ProjectFindings first;
  EXPECT_EQ(projects.for_file("repo/policies/a.toml", &first), named);
  ASSERT_EQ(first.diagnostics.all().size(), 1u);
  EXPECT_EQ(first.diagnostics.all()[0].code, DiagnosticCode::PC0003);
  ProjectFindings again;
  EXPECT_EQ(projects.for_file("repo/policies/b.toml", &again), named);
  EXPECT_EQ(projects.load("repo/profilec.toml", &again), named);
  EXPECT_TRUE(again.diagnostics.empty());
  ASSERT_NE(projects.sources().text("repo/profilec.toml"), nullptr);
}

TEST(ProjectConfigsTest, AnUnreadableProjectFileIsReportedOnceAsAnIoError) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml/inside", "a folder where the project file should be");
  ProjectConfigs projects(files);
  EXPECT_EQ(projects.for_named_path("repo"), nullptr);
  ProjectFindings first, again;
  EXPECT_EQ(projects.for_file("repo/a.toml", &first), nullptr);
  EXPECT_EQ(projects.for_file("repo/b.toml", &again), nullptr);
  ASSERT_EQ(first.io_errors.size(), 1u);
  EXPECT_EQ(first.io_errors[0].path, "repo/profilec.toml");
  EXPECT_TRUE(again.io_errors.empty());
  EXPECT_TRUE(again.diagnostics.empty());
}

}  // namespace
}  // namespace profilec
