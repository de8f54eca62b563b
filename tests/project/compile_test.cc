#include "project/compile.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "diag/render_human.h"
#include "project/project_config.h"
#include "sign/cms_open.h"
#include "support/pipeline.h"
#include "support/test_certificates.h"

namespace profilec {
namespace {

using ::testing::ElementsAre;

const char* kRestrictions = R"([profile]
id = "com.example.r"
[payload.restrictions]
type = "com.apple.applicationaccess"
allowCamera = false
)";

TEST(CompileTest, OutputIsByteIdenticalAcrossRuns) {
  auto first = testing::compile_policy_text(kRestrictions);
  auto second = testing::compile_policy_text(kRestrictions);
  ASSERT_EQ(first.result.profiles.size(), 1u);
  EXPECT_EQ(first.result.profiles[0].xml, second.result.profiles[0].xml);
  EXPECT_NE(first.result.profiles[0].xml.find("<key>allowCamera</key>\n\t\t\t<false/>"), std::string::npos);
}

TEST(CompileTest, FilesWithErrorsProduceNoProfileButOthersStillDo) {
  MemoryFileSystem files;
  files.add_file("repo/a.toml", kRestrictions);
  files.add_file("repo/b.toml", "[profile]\nid = \n");
  auto run = testing::compile_tree(files, "repo");
  EXPECT_THAT(run.codes(), ElementsAre("PC0001"));
  ASSERT_EQ(run.result.profiles.size(), 1u);
  EXPECT_EQ(run.result.profiles[0].source_path, "repo/a.toml");
}

TEST(CompileTest, NonPolicyTomlInAFolderIsSkipped) {
  MemoryFileSystem files;
  files.add_file("repo/a.toml", kRestrictions);
  files.add_file("repo/pyproject.toml", "[tool.black]\nline-length = 100\n");
  auto run = testing::compile_tree(files, "repo");
  EXPECT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  EXPECT_EQ(run.result.skipped_non_policies, 1u);
}

TEST(CompileTest, TwoPoliciesWritingTheSameFileCollide) {
  MemoryFileSystem files;
  files.add_file("a/wifi.toml", kRestrictions);
  files.add_file("b/wifi.toml", kRestrictions);
  auto inputs = discover_policies(files, {"a/wifi.toml", "b/wifi.toml"});
  ASSERT_TRUE(inputs.has_value());
  MapEnvironment env;
  SourceMap sources;
  auto result = compile_policies(*inputs, CompileInputs{files, env, SecretMode::kPlaceholder}, sources);
  // The same profile twice: the identical identifiers are the analysis's finding (PC3001).
  ASSERT_EQ(result.diagnostics.all().size(), 2u);
  const Diagnostic& d = result.diagnostics.all()[0];
  EXPECT_EQ(info(d.code).id, "PC0011");
  EXPECT_EQ(info(result.diagnostics.all()[1].code).id, "PC3001");
  EXPECT_EQ(*d.span.path, "b/wifi.toml");
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(*d.notes[0].span.path, "a/wifi.toml");
}

// Issue 15 item 12: on macOS (case-insensitive) one would overwrite the other.
TEST(CompileTest, OutputNamesDifferingOnlyInCaseCollide) {
  MemoryFileSystem files;
  files.add_file("repo/Wifi.toml", kRestrictions);
  std::string other = kRestrictions;
  other.replace(other.find("com.example.r"), 13, "com.example.s");
  files.add_file("repo/wifi.toml", other);
  other.replace(other.find("com.example.s"), 13, "com.example.t");
  files.add_file("repo/sub/WIFI.toml", other);  // another folder: another file
  auto run = testing::compile_tree(files, "repo");
  ASSERT_EQ(run.result.diagnostics.all().size(), 1u) << run.rendered();
  const Diagnostic& d = run.result.diagnostics.all()[0];
  EXPECT_EQ(info(d.code).id, "PC0011");
  EXPECT_EQ(*d.span.path, "repo/wifi.toml");
  EXPECT_EQ(d.message,
            "'wifi.mobileconfig' would be written from this policy and 'Wifi.mobileconfig' from another; "
            "on a case-insensitive file system (macOS, Windows) they are one file");
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(*d.notes[0].span.path, "repo/Wifi.toml");
}

// Issue 15 item 12: build writes NAME.mobileconfig.tmp.XXXXXX first, so a
// name that leaves no room for the suffix must fail check, not build.
TEST(CompileTest, OutputNamesWithoutRoomForTheTemporarySuffixArePC0031) {
  EXPECT_EQ(kMaxWrittenFileNameBytes, 244u);
  MemoryFileSystem files;
  const std::string longest(231, 'a');  // 231 + ".mobileconfig" = 244 bytes
  const std::string too_long(232, 'b');
  files.add_file("repo/" + longest + ".toml", kRestrictions);
  std::string other = kRestrictions;
  other.replace(other.find("com.example.r"), 13, "com.example.s");
  files.add_file("repo/sub/" + too_long + ".toml", other);
  auto run = testing::compile_tree(files, "repo");
  ASSERT_EQ(run.result.diagnostics.all().size(), 1u) << run.rendered();
  const Diagnostic& d = run.result.diagnostics.all()[0];
  EXPECT_EQ(info(d.code).id, "PC0031");
  EXPECT_EQ(*d.span.path, "repo/sub/" + too_long + ".toml");
  EXPECT_EQ(d.message,
            "the output file name would be 245 bytes: with the suffix '.tmp.XXXXXX' of the temporary file "
            "build writes first, that is over the 255 bytes a file name may have");
  EXPECT_EQ(d.help, "shorten the policy's file name to at most 231 bytes before '.toml'");
}

TEST(CompileTest, UnreadablePolicyIsAnIoErrorNotAFinding) {
  MemoryFileSystem files;
  MapEnvironment env;
  SourceMap sources;
  auto result = compile_policies({PolicyInput{"gone.toml", "gone", true}},
                                 CompileInputs{files, env, SecretMode::kPlaceholder}, sources);
  ASSERT_EQ(result.io_errors.size(), 1u);
  EXPECT_EQ(result.io_errors[0].path, "gone.toml");
  EXPECT_TRUE(result.diagnostics.empty());
}

// One run loads each project file once (issue 16): when the command read
// it first (build's [signing]) and the folder walk used it, its findings
// still come out once, where a run of its own would put them, with its text.
TEST(CompileTest, AProjectFileTheCommandReadFirstIsReportedOnceAtItsFirstInput) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", "[signing]\npassword = \"hunter2\"\n");
  files.add_file("repo/a.toml", kRestrictions);
  files.add_file("repo/b.toml", "[profile]\nid = \n");
  MapEnvironment env;
  auto render = [&](ProjectConfigs* shared) {
    auto inputs = discover_policies(files, {"repo"}, {}, shared);
    EXPECT_TRUE(inputs.has_value());
    CompileInputs compile_inputs{files, env, SecretMode::kPlaceholder};
    compile_inputs.projects = shared;
    SourceMap sources;
    CompileResult result = compile_policies(*inputs, compile_inputs, sources);
    std::string out;
    for (const Diagnostic& d : result.diagnostics.all()) out += render_human(d, sources);
    return out;
  };
  ProjectConfigs projects(files);
  ASSERT_NE(projects.for_named_path("repo"), nullptr);
  const std::string shared = render(&projects);
  EXPECT_EQ(shared, render(nullptr));
  const std::size_t first = shared.find("error[PC0003]");
  ASSERT_NE(first, std::string::npos) << shared;
  EXPECT_EQ(shared.find("error[PC0003]", first + 1), std::string::npos) << shared;
  EXPECT_LT(first, shared.find("error[PC0001]")) << shared;                       // at repo/a.toml, the first input
  EXPECT_NE(shared.find("password = \"hunter2\""), std::string::npos) << shared;  // its line is shown
}

std::string restrictions_with_id(const std::string& id) {
  std::string text = kRestrictions;
  return text.replace(text.find("com.example.r"), 13, id);
}

// build's signing step runs in the compile, per profile (sign_profile): the
// identity's certificate is checked first, each profile that compiled is
// signed, and a failure leaves the profile unsigned with the reason.
TEST(CompileTest, EachProfileIsSignedInTheCompileAndAFailureLeavesItUnsigned) {
  MemoryFileSystem files;
  files.add_file("repo/a.toml", restrictions_with_id("com.example.a"));
  files.add_file("repo/b.toml", restrictions_with_id("com.example.b"));
  auto inputs = discover_policies(files, {"repo"});
  ASSERT_TRUE(inputs.has_value());
  MapEnvironment env;
  testing::TestCertificateSpec expired;
  expired.not_after = testing::kTestNow - 86400;
  const sign::SigningIdentity identity = testing::load_test_identity(testing::make_test_identity(expired));
  CompileInputs compile_inputs{files, env, SecretMode::kResolve};
  compile_inputs.expiry.now = testing::kTestNow;
  compile_inputs.jobs = 2;
  compile_inputs.signing.identity = &identity;
  compile_inputs.signing.options.signing_time = testing::kTestNow;
  SourceMap sources;
  CompileResult signed_run = compile_policies(*inputs, compile_inputs, sources);
  ASSERT_EQ(signed_run.diagnostics.all().size(), 1u);
  EXPECT_EQ(signed_run.diagnostics.all()[0].code, DiagnosticCode::PC5001);
  EXPECT_EQ(signed_run.diagnostics.all()[0].span.path_or_empty(), identity.source_path());
  ASSERT_EQ(signed_run.profiles.size(), 2u);
  for (const CompiledProfile& compiled : signed_run.profiles) {
    ASSERT_TRUE(compiled.finished.has_value()) << compiled.source_path;
    auto opened = sign::open_signed(*compiled.finished);
    ASSERT_TRUE(opened.has_value()) << opened.error();
    EXPECT_EQ(opened->state, sign::SignatureState::kValid);
    EXPECT_EQ(opened->content, compiled.xml);
  }

  const std::string not_a_certificate = "not a certificate";
  compile_inputs.signing.device_certificate = &not_a_certificate;
  CompileResult failed = compile_policies(*inputs, compile_inputs, sources);
  ASSERT_EQ(failed.diagnostics.all().size(), 1u);  // the certificate's, as before
  ASSERT_EQ(failed.profiles.size(), 2u);           // compiled, for the analysis; not signed, so never written
  for (const CompiledProfile& compiled : failed.profiles) {
    EXPECT_FALSE(compiled.finished.has_value()) << compiled.source_path;
    EXPECT_THAT(compiled.signing_error, ::testing::StartsWith("the device certificate: ")) << compiled.source_path;
  }
}

// The per-file stages run on every core (CompileInputs::jobs); nothing a
// run reports or writes may depend on the thread count: the same findings in
// the same order (a fragment's problems at its first user in input order, a
// project file's at the input that loaded it), the same profiles.
MemoryFileSystem many_kinds_of_input() {
  MemoryFileSystem files;
  const std::filesystem::path examples = std::filesystem::path(PROFILEC_SOURCE_DIR) / "examples";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(examples)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    files.add_file("repo/" + std::filesystem::relative(entry.path(), examples).generic_string(), text.str());
  }
  files.add_file("repo/broken/profilec.toml",
                 "[profile]\norganization = \"Broken\"\n[rules]\nunknown-key = \"error\"\n");
  files.add_file("repo/broken/fragments/bad.toml",
                 "[fragment]\ntype = \"com.apple.mobiledevice.passwordpolicy\"\n[keys]\nforcePIN = true\n");
  files.add_file("repo/broken/notes.toml", "[tool.black]\nline-length = 100\n");
  for (int i = 0; i < 60; ++i) {
    std::string policy = "[profile]\nid = \"com.broken.p" + std::to_string(i) + "\"\n";
    policy += "[target]\nplatforms = { iOS = \"17.0\" }\nsupervised = true\n";
    policy += "[payload.r]\ntype = \"com.apple.applicationaccess\"\n";
    policy += i % 2 ? "allowCamera = true\n" : "allowCamera = false\n";  // conflicts across profiles
    if (i % 7 == 0) policy += "use = [\"fragments/bad\"]\n";             // of another payload type
    if (i % 11 == 0) policy += "allowCamra = false\n";                   // an unknown key, an error here
    if (i % 13 == 0) policy += "maxInactivity = \"five\"\n";
    files.add_file("repo/broken/policies/p" + std::to_string(100 + i) + ".toml", policy);
  }
  return files;
}

TEST(CompileTest, ResultsDoNotDependOnTheThreadCount) {
  const MemoryFileSystem files = many_kinds_of_input();
  auto inputs = discover_policies(files, {"repo"});
  ASSERT_TRUE(inputs.has_value());
  MapEnvironment env({{"ACME_WIFI_PSK", "x"}, {"ACME_SCEP_CHALLENGE", "y"}, {"NORTHWIND_WIFI_PSK", "z"}});
  auto run = [&](unsigned jobs) {
    CompileInputs compile_inputs{files, env, SecretMode::kResolve};
    compile_inputs.expiry.now = testing::kTestNow;
    compile_inputs.jobs = jobs;
    SourceMap sources;
    CompileResult result = compile_policies(*inputs, compile_inputs, sources);
    std::string out;
    for (const Diagnostic& d : result.diagnostics.all()) out += render_human(d, sources);
    for (const CompiledProfile& p : result.profiles) out += p.output_name + "\n" + p.xml;
    for (const IoError& e : result.io_errors) out += e.path + ": " + e.message + "\n";
    out += "skipped " + std::to_string(result.skipped_non_policies) + "\n";
    return std::make_pair(out, result);
  };
  const auto [serial, result] = run(1);
  // The repository has every kind of finding and still compiles most files.
  EXPECT_GT(result.profiles.size(), 40u);
  EXPECT_EQ(result.skipped_non_policies, 1u);
  std::vector<std::string> codes;
  for (const Diagnostic& d : result.diagnostics.all()) codes.emplace_back(info(d.code).id);
  for (const char* code : {"PC0015", "PC1002", "PC4001", "PC5002"}) {
    EXPECT_NE(std::find(codes.begin(), codes.end(), code), codes.end()) << code << "\n" << serial;
  }
  for (unsigned jobs : {2u, 3u, 16u}) {
    EXPECT_EQ(run(jobs).first, serial) << "jobs " << jobs;
  }
}

// Issue 15 item 3: inputs that link out of the repository are not read,
// so no line of their target is quoted.
TEST(CompileTest, InputsLinkedOutOfTheRepositoryAreRefusedUnread) {
  MemoryFileSystem files;
  const std::string secret = "SIGNING_P12_PASSWORD=hunter2";
  files.add_file("/proc/self/environ", secret);
  files.add_file("repo/profilec.toml", "");
  files.add_file("repo/policies/ok.toml", kRestrictions);
  files.add_symlink("repo/policies/env.toml", "/proc/self/environ");
  files.add_symlink("repo/policies/env.mobileconfig", "/proc/self/environ");
  auto run = testing::compile_tree(files, "repo");
  EXPECT_THAT(run.codes(), ElementsAre("PC0027", "PC0027")) << run.rendered();
  EXPECT_EQ(run.result.profiles.size(), 1u);
  const Diagnostic& d = run.result.diagnostics.all()[0];
  EXPECT_EQ(d.message,
            "'repo/policies/env.mobileconfig' leads outside the repository, to '/proc/self/environ' (a symbolic "
            "link); it was not read");
  EXPECT_FALSE(d.span.begin.known());
  EXPECT_EQ(run.rendered().find("hunter2"), std::string::npos);
  EXPECT_EQ(run.sources.text("repo/policies/env.toml"), nullptr);
}

// A policy that crossed the trust boundary is not compiled, whatever
// [rules] says: lowering PC0028 or PC0026 to a warning or off
// must not build the profile without the refused value (docs/security.md).
TEST(CompileTest, TrustBoundaryErrorsKeepTheirLevelAndTheProfileIsNotBuilt) {
  const std::string wifi =
      "[profile]\nid = \"com.example.w\"\n[payload.w]\ntype = \"com.apple.wifi.managed\"\n"
      "SSID_STR = \"Corp\"\nEncryptionType = \"WPA2\"\nPassword = { env = \"CI_TOKEN\" }\n";
  const std::string clip =
      "[profile]\nid = \"com.example.c\"\n[payload.c]\ntype = \"com.apple.webClip.managed\"\n"
      "URL = \"https://example.com\"\nLabel = \"x\"\nIcon = { file = \"../outside.png\" }\n";
  for (const std::string& rules : {std::string(), std::string("[rules]\nPC0028 = \"warning\"\nPC0026 = \"off\"\n")}) {
    MemoryFileSystem files;
    files.add_file("repo/profilec.toml", rules);
    files.add_file("repo/wifi.toml", wifi);
    files.add_file("repo/clip.toml", clip);
    files.add_file("repo/ok.toml", kRestrictions);
    files.add_file("outside.png", "hunter2");
    auto run = testing::compile_tree(files, "repo", SecretMode::kResolve, {{"CI_TOKEN", "hunter2"}});
    // PC0028 alone: the key stays as a placeholder, so no PC1008 besides it.
    EXPECT_THAT(run.codes(), ElementsAre("PC0026", "PC0028")) << rules << run.rendered();
    for (const Diagnostic& d : run.result.diagnostics.all())
      EXPECT_EQ(d.severity, Severity::kError) << rules << run.rendered();
    ASSERT_EQ(run.result.profiles.size(), 1u) << rules;
    EXPECT_EQ(run.result.profiles[0].source_path, "repo/ok.toml");
  }
}

TEST(CompileTest, FragmentsAndProjectFilesLinkedOutOfTheRepositoryAreRefusedUnread) {
  MemoryFileSystem files;
  files.add_file("/proc/self/environ", "[fragment]\ntype = \"hunter2\"\n");
  files.add_file("repo/profilec.toml", "");
  files.add_symlink("repo/fragments/env.toml", "/proc/self/environ");
  files.add_file("repo/p.toml", R"([profile]
id = "com.example.r"
[payload.restrictions]
type = "com.apple.applicationaccess"
use = ["fragments/env"]
)");
  auto run = testing::compile_paths(files, {"repo/p.toml"});
  ASSERT_THAT(run.codes(), ElementsAre("PC0027")) << run.rendered();
  EXPECT_EQ(run.result.diagnostics.all()[0].span.begin.line, 5u);
  EXPECT_EQ(run.rendered().find("hunter2"), std::string::npos);

  MemoryFileSystem linked;
  linked.add_file("/proc/self/environ", "hunter2 = 1\n");
  linked.add_symlink("repo/profilec.toml", "/proc/self/environ");
  linked.add_file("repo/p.toml", kRestrictions);
  auto project = testing::compile_paths(linked, {"repo/p.toml"});
  ASSERT_THAT(project.codes(), ElementsAre("PC0027")) << project.rendered();
  EXPECT_EQ(project.result.diagnostics.all()[0].message,
            "'repo/profilec.toml' leads outside the repository, to '/proc/self/environ' (a symbolic link); it was "
            "not read");
  EXPECT_EQ(project.rendered().find("hunter2"), std::string::npos);
}

TEST(CompileTest, SigningFilesNamedInsideTheRepositoryMustNotLinkOutOfIt) {
  MemoryFileSystem files;
  files.add_file("/proc/self/environ", "hunter2");
  files.add_file("/secure/ca.pem", "CA");
  files.add_file(
      "repo/profilec.toml",
      "[signing]\npkcs12 = \"keys/signing.p12\"\nchain = \"/secure/ca.pem\"\napns_certificate = \"push.pem\"\n");
  files.add_symlink("repo/keys/signing.p12", "/proc/self/environ");
  files.add_file("repo/push.pem", "PEM");
  files.add_file("repo/p.toml", kRestrictions);
  auto run = testing::compile_paths(files, {"repo/p.toml"});
  // The absolute chain path is the operator's; the file inside is no link.
  ASSERT_THAT(run.codes(), ElementsAre("PC0027")) << run.rendered();
  const Diagnostic& d = run.result.diagnostics.all()[0];
  EXPECT_EQ(d.message,
            "[signing] pkcs12 'repo/keys/signing.p12' leads outside the repository, to '/proc/self/environ' (a "
            "symbolic link)");
  EXPECT_EQ(d.span.begin.line, 2u);
}

}  // namespace
}  // namespace profilec
