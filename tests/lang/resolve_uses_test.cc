#include "lang/resolve_uses.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lang/stdlib.h"
#include "lang/toml_limits.h"
#include "support/pipeline.h"
#include "support/test_certificates.h"

namespace profilec {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr const char* kProject = "[profile]\norganization = \"Example Corp\"\n";

// A policy with one restrictions payload using `uses`, plus `keys`.
std::string restrictions_policy(const std::string& uses, const std::string& keys = "", const std::string& target = "") {
  return "[profile]\nid = \"com.example.r\"\n" + target + "\n[payload.restrictions]\n" +
         "type = \"com.apple.applicationaccess\"\nuse = [" + uses + "]\n" + keys;
}

std::string restrictions_fragment(const std::string& keys, const std::string& uses = "") {
  std::string text = "[fragment]\ntype = \"com.apple.applicationaccess\"\n";
  if (!uses.empty()) text += "use = [" + uses + "]\n";
  return text + "\n[keys]\n" + keys;
}

// The first payload's dictionary in the run's first profile.
const ir::Value& payload_of(const testing::PipelineRun& run) {
  return run.result.profiles.at(0).profile.payloads.at(0).content;
}

const ir::DictEntry* entry_of(const ir::Value& dict, std::string_view key) {
  for (const ir::DictEntry& e : dict.dict()) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

TEST(ResolveUsesTest, FragmentsMergeInListOrderAndThePayloadWins) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  files.add_file("repo/fragments/a.toml",
                 restrictions_fragment("allowCamera = true\nallowAirDrop = true\nratingApps = 200\n"));
  files.add_file("repo/fragments/b.toml", restrictions_fragment("allowAirDrop = false\nratingApps = 300\n"));
  files.add_file("repo/policies/r.toml", restrictions_policy("\"fragments/a\", \"fragments/b\"", "ratingApps = 100\n"));
  auto run = testing::compile_tree(files, "repo");
  ASSERT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  const ir::Value& payload = payload_of(run);
  EXPECT_TRUE(payload.find("allowCamera")->boolean());    // only in a
  EXPECT_FALSE(payload.find("allowAirDrop")->boolean());  // b over a
  EXPECT_EQ(payload.find("ratingApps")->integer(), 100);  // the payload over both
}

TEST(ResolveUsesTest, KeysKeepTheSpansOfTheFileTheyWereWrittenIn) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  files.add_file("repo/fragments/a.toml", restrictions_fragment("allowCamera = true\nallowAirDrop = true\n"));
  files.add_file("repo/r.toml", restrictions_policy("\"fragments/a\"", "allowAirDrop = false\n"));
  auto run = testing::compile_tree(files, "repo");
  ASSERT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  const ir::DictEntry* camera = entry_of(payload_of(run), "allowCamera");
  ASSERT_NE(camera, nullptr);
  EXPECT_EQ(*camera->key_span.path, "repo/fragments/a.toml");
  EXPECT_EQ(camera->key_span.begin.line, 5u);
  EXPECT_EQ(camera->key_span.begin.column, 1u);
  EXPECT_EQ(*camera->value.span.path, "repo/fragments/a.toml");
  const ir::DictEntry* airdrop = entry_of(payload_of(run), "allowAirDrop");
  ASSERT_NE(airdrop, nullptr);
  EXPECT_EQ(*airdrop->key_span.path, "repo/r.toml");
}

TEST(ResolveUsesTest, FindingsInAFragmentPointIntoItWithANoteAtTheUse) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  files.add_file("repo/fragments/a.toml", restrictions_fragment("allowCamra = false\n"));
  files.add_file("repo/r.toml", restrictions_policy("\"fragments/a\""));
  auto run = testing::compile_tree(files, "repo");
  ASSERT_THAT(run.codes(), ElementsAre("PC1002"));
  const Diagnostic& d = *run.first("PC1002");
  EXPECT_EQ(*d.span.path, "repo/fragments/a.toml");
  EXPECT_EQ(d.span.begin.line, 5u);
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].message, "'fragments/a' is used here");
  EXPECT_EQ(*d.notes[0].span.path, "repo/r.toml");
  EXPECT_EQ(d.notes[0].span.begin.line, 6u);
  // The renderer shows the fragment's own line: it is in the SourceMap.
  EXPECT_THAT(run.rendered(), HasSubstr("repo/fragments/a.toml:5:1: error[PC1002]"));
  EXPECT_THAT(run.rendered(), HasSubstr("5 | allowCamra = false\n"));
  EXPECT_THAT(run.rendered(), HasSubstr("6 | use = [\"fragments/a\"]\n"));
  EXPECT_TRUE(run.result.profiles.empty());
}

// The 1-based line of the stdlib fragment `name` on which `text` starts.
std::uint32_t stdlib_line(std::string_view name, std::string_view text) {
  const std::string_view fragment = *lang::find_stdlib_fragment(name);
  const std::size_t at = fragment.find(text);
  EXPECT_NE(at, std::string_view::npos) << text << " is not in stdlib:" << name;
  return static_cast<std::uint32_t>(std::count(fragment.begin(), fragment.begin() + static_cast<std::ptrdiff_t>(at),
                                               '\n') +
                                    1);
}

constexpr const char* kOldIos = "[target]\nplatforms = { iOS = \"12.0\" }\nsupervised = true\n";

// A finding inside a stdlib fragment is no file of the repository: it is
// reported at the `use` entry, with the stdlib line as a note.
TEST(ResolveUsesTest, FindingsInAStdlibFragmentMoveToTheUseEntry) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  files.add_file("repo/r.toml", restrictions_policy("\"stdlib:restrictions/ios-baseline\"", "", kOldIos));
  auto run = testing::compile_tree(files, "repo");
  ASSERT_THAT(run.codes(), ElementsAre("PC2004")) << run.rendered();
  const Diagnostic& d = *run.first("PC2004");
  EXPECT_THAT(d.message, HasSubstr("requireManagedPasteboard"));
  EXPECT_EQ(*d.span.path, "repo/r.toml");
  EXPECT_EQ(d.span.begin, (SourcePosition{9, 8}));  // the string naming the fragment
  const std::uint32_t line = stdlib_line("restrictions/ios-baseline", "requireManagedPasteboard =");
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(*d.notes[0].span.path, "stdlib:restrictions/ios-baseline.toml");
  EXPECT_EQ(d.notes[0].span.begin, (SourcePosition{line, 1}));
  EXPECT_EQ(d.notes[0].message, fmt::format("set by stdlib:restrictions/ios-baseline at line {}", line));
  // The human output shows the use line and, from the binary, the stdlib line.
  EXPECT_THAT(run.rendered(), HasSubstr("repo/r.toml:9:8: warning[PC2004]"));
  EXPECT_THAT(run.rendered(), HasSubstr("9 | use = [\"stdlib:restrictions/ios-baseline\"]\n"));
  EXPECT_THAT(run.rendered(), HasSubstr(fmt::format("{} | requireManagedPasteboard = true\n", line)));
  EXPECT_EQ(run.result.profiles.size(), 1u);  // a warning: still built
}

// policy -> fragment of the repository -> stdlib -> stdlib: the finding is
// at the repository fragment's entry naming the first stdlib fragment.
TEST(ResolveUsesTest, AStdlibChainIsReportedAtTheLastEntryInTheRepository) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  files.add_file("repo/fragments/corp.toml",
                 restrictions_fragment("allowCamera = false\n", "\"stdlib:restrictions/ios-high-security\""));
  files.add_file("repo/r.toml", restrictions_policy("\"fragments/corp\"", "", kOldIos));
  auto run = testing::compile_tree(files, "repo");
  const Diagnostic* d = nullptr;
  for (const Diagnostic& each : run.result.diagnostics.all()) {
    if (each.message.find("requireManagedPasteboard") != std::string::npos) d = &each;
  }
  ASSERT_NE(d, nullptr) << run.rendered();
  EXPECT_EQ(*d->span.path, "repo/fragments/corp.toml");
  EXPECT_EQ(d->span.begin, (SourcePosition{3, 8}));
  const std::uint32_t line = stdlib_line("restrictions/ios-baseline", "requireManagedPasteboard =");
  ASSERT_EQ(d->notes.size(), 2u);
  EXPECT_EQ(*d->notes[0].span.path, "stdlib:restrictions/ios-baseline.toml");
  EXPECT_EQ(d->notes[0].span.begin.line, line);
  EXPECT_EQ(d->notes[0].message, fmt::format("set by stdlib:restrictions/ios-baseline at line {}, which "
                                             "'stdlib:restrictions/ios-high-security' uses",
                                             line));
  EXPECT_EQ(*d->notes[1].span.path, "repo/r.toml");
  EXPECT_EQ(d->notes[1].span.begin, (SourcePosition{9, 8}));
  EXPECT_EQ(d->notes[1].message,
            "'stdlib:restrictions/ios-high-security' comes in through 'fragments/corp', used here");
  // No finding is left in the stdlib.
  for (const Diagnostic& each : run.result.diagnostics.all())
    EXPECT_EQ(each.span.path->rfind("stdlib:", 0), std::string::npos) << each.message;
}

constexpr const char* kPasscodePolicy = R"([profile]
id = "com.example.{}"

[target]
platforms = {{ macOS = "14.0" }}

[payload.passcode]
type = "com.apple.mobiledevice.passwordpolicy"
{}
)";

// Across files, each side that comes from the stdlib is placed at the `use`
// entry of its own policy, also when several policies use the fragment.
TEST(ResolveUsesTest, ConflictsWithStdlibValuesArePlacedAtEachPolicysUse) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  files.add_file("repo/a.toml", fmt::format(kPasscodePolicy, "a", "minLength = 8"));
  files.add_file("repo/b.toml", fmt::format(kPasscodePolicy, "b", "use = [\"stdlib:passcode/baseline\"]"));
  files.add_file("repo/c.toml", fmt::format(kPasscodePolicy, "c", "use = [\"stdlib:passcode/baseline\"]"));
  auto run = testing::compile_tree(files, "repo");
  const std::uint32_t line = stdlib_line("passcode/baseline", "minLength =");
  std::vector<std::string> places;
  for (const Diagnostic& d : run.result.diagnostics.all()) {
    if (d.code != DiagnosticCode::PC4002 || d.message.find("minLength") == std::string::npos) continue;
    places.push_back(fmt::format("{}:{}:{}", *d.span.path, d.span.begin.line, d.span.begin.column));
    ASSERT_GE(d.notes.size(), 2u);
    EXPECT_EQ(*d.notes[0].span.path, "stdlib:passcode/baseline.toml");
    EXPECT_EQ(d.notes[0].span.begin.line, line);
    EXPECT_EQ(d.notes[0].message, fmt::format("set by stdlib:passcode/baseline at line {}", line));
    EXPECT_EQ(*d.notes[1].span.path, "repo/a.toml");  // the other side, in the repository already
  }
  EXPECT_THAT(places, ElementsAre("repo/b.toml:9:8", "repo/c.toml:9:8")) << run.rendered();

  // The stdlib side as the note: it moves to the use entry too, and the
  // stdlib line follows it.
  MemoryFileSystem swapped;
  swapped.add_file("repo/profilec.toml", kProject);
  swapped.add_file("repo/a.toml", fmt::format(kPasscodePolicy, "a", "use = [\"stdlib:passcode/baseline\"]"));
  swapped.add_file("repo/b.toml", fmt::format(kPasscodePolicy, "b", "minLength = 8"));
  run = testing::compile_tree(swapped, "repo");
  const Diagnostic* d = nullptr;
  for (const Diagnostic& each : run.result.diagnostics.all()) {
    if (each.code == DiagnosticCode::PC4002 && each.message.find("minLength") != std::string::npos) d = &each;
  }
  ASSERT_NE(d, nullptr) << run.rendered();
  EXPECT_EQ(*d->span.path, "repo/b.toml");
  ASSERT_EQ(d->notes.size(), 2u);
  EXPECT_EQ(*d->notes[0].span.path, "repo/a.toml");
  EXPECT_EQ(d->notes[0].span.begin, (SourcePosition{9, 8}));
  EXPECT_EQ(d->notes[0].message, "minLength is set to 6 here (by stdlib:passcode/baseline, used here)");
  EXPECT_EQ(*d->notes[1].span.path, "stdlib:passcode/baseline.toml");
  EXPECT_EQ(d->notes[1].message, fmt::format("set by stdlib:passcode/baseline at line {}", line));
}

// Across files, a finding in a fragment of the repository stays there and
// gains the note at the `use` entry, as a finding in one file does.
TEST(ResolveUsesTest, ConflictsInRepositoryFragmentsGainTheUseNote) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  files.add_file("repo/fragments/p.toml",
                 "[fragment]\ntype = \"com.apple.mobiledevice.passwordpolicy\"\n\n[keys]\nminLength = 6\n");
  files.add_file("repo/a.toml", fmt::format(kPasscodePolicy, "a", "minLength = 8"));
  files.add_file("repo/b.toml", fmt::format(kPasscodePolicy, "b", "use = [\"fragments/p\"]"));
  auto run = testing::compile_tree(files, "repo");
  const Diagnostic* d = run.first("PC4002");
  ASSERT_NE(d, nullptr) << run.rendered();
  EXPECT_EQ(*d->span.path, "repo/fragments/p.toml");
  ASSERT_EQ(d->notes.size(), 2u);
  EXPECT_EQ(*d->notes[0].span.path, "repo/a.toml");
  EXPECT_EQ(*d->notes[1].span.path, "repo/b.toml");
  EXPECT_EQ(d->notes[1].message, "'fragments/p' is used here");
}

TEST(ResolveUsesTest, NestedTablesMergeKeyByKeyAndArraysAreReplaced) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  files.add_file("repo/fragments/eap.toml", R"([fragment]
type = "com.apple.wifi.managed"

[keys]
EncryptionType = "WPA2"
EAPClientConfiguration = { AcceptEAPTypes = [25], TLSTrustedServerNames = ["radius.example.com"], UserName = "fragment" }
)");
  files.add_file("repo/wifi.toml", R"([profile]
id = "com.example.wifi"

[payload.wifi]
type = "com.apple.wifi.managed"
use = ["fragments/eap"]
SSID_STR = "Corp"
EAPClientConfiguration = { UserName = "payload", AcceptEAPTypes = [13] }
)");
  auto run = testing::compile_tree(files, "repo");
  ASSERT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  const ir::Value* eap = payload_of(run).find("EAPClientConfiguration");
  ASSERT_NE(eap, nullptr);
  ASSERT_TRUE(eap->is_dict());
  EXPECT_EQ(eap->find("UserName")->string(), "payload");
  ASSERT_EQ(eap->find("AcceptEAPTypes")->array().size(), 1u);  // replaced, not [25, 13]
  EXPECT_EQ(eap->find("AcceptEAPTypes")->array()[0].integer(), 13);
  ASSERT_NE(eap->find("TLSTrustedServerNames"), nullptr);  // kept from the fragment
  EXPECT_EQ(eap->find("TLSTrustedServerNames")->array()[0].string(), "radius.example.com");
  EXPECT_EQ(payload_of(run).find("EncryptionType")->string(), "WPA2");
}

TEST(ResolveUsesTest, AFragmentBuildsOnOthersAndItsOwnKeysWin) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  files.add_file("repo/fragments/base.toml", restrictions_fragment("allowCamera = true\nallowAirDrop = false\n"));
  files.add_file("repo/fragments/strict.toml", restrictions_fragment("allowCamera = false\n", "\"fragments/base\""));
  files.add_file("repo/r.toml", restrictions_policy("\"fragments/strict\""));
  auto run = testing::compile_tree(files, "repo");
  ASSERT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  EXPECT_FALSE(payload_of(run).find("allowCamera")->boolean());
  EXPECT_FALSE(payload_of(run).find("allowAirDrop")->boolean());
}

TEST(ResolveUsesTest, ACycleIsAnErrorNamingTheChainReportedOnce) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  files.add_file("repo/fragments/a.toml", restrictions_fragment("allowCamera = false\n", "\"fragments/b\""));
  files.add_file("repo/fragments/b.toml", restrictions_fragment("allowAirDrop = false\n", "\"fragments/a\""));
  files.add_file("repo/p1.toml", restrictions_policy("\"fragments/a\""));
  files.add_file("repo/p2.toml", restrictions_policy("\"fragments/a\""));
  auto run = testing::compile_paths(files, {"repo/p1.toml", "repo/p2.toml"});
  ASSERT_THAT(run.codes(), ElementsAre("PC0014"));
  const Diagnostic& d = *run.first("PC0014");
  EXPECT_EQ(d.message, "use cycle: fragments/a -> fragments/b -> fragments/a");
  EXPECT_EQ(*d.span.path, "repo/fragments/b.toml");  // the use that closes it
  EXPECT_EQ(d.span.begin.line, 3u);
  EXPECT_FALSE(d.help.empty());
  EXPECT_TRUE(run.result.profiles.empty()) << "neither policy may compile";
}

TEST(ResolveUsesTest, AFragmentUsingItselfIsACycle) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  files.add_file("repo/fragments/a.toml", restrictions_fragment("allowCamera = false\n", "\"./fragments/a.toml\""));
  files.add_file("repo/r.toml", restrictions_policy("\"fragments/a\""));
  auto run = testing::compile_tree(files, "repo");
  ASSERT_THAT(run.codes(), ElementsAre("PC0014"));
  EXPECT_EQ(run.first("PC0014")->message, "use cycle: fragments/a -> fragments/a");
}

TEST(ResolveUsesTest, UnknownStdlibNameSuggestsTheClosest) {
  auto run = testing::compile_policy_text(restrictions_policy("\"stdlib:restrictions/ios-basline\""));
  ASSERT_THAT(run.codes(), ElementsAre("PC0013"));
  const Diagnostic& d = *run.first("PC0013");
  EXPECT_EQ(d.message, "no stdlib fragment 'stdlib:restrictions/ios-basline'");
  EXPECT_EQ(d.help, "did you mean 'stdlib:restrictions/ios-baseline'?");
  EXPECT_EQ(d.span.begin.line, 6u);
  EXPECT_EQ(d.span.begin.column, 8u);
  EXPECT_TRUE(run.result.profiles.empty());
}

TEST(ResolveUsesTest, UnknownStdlibNameWithNothingCloseListsTheStdlib) {
  auto run = testing::compile_policy_text(restrictions_policy("\"stdlib:zzz\", \"stdlib:../passcode/baseline\""));
  ASSERT_THAT(run.codes(), ElementsAre("PC0013", "PC0013"));
  // The first names, in order, then "..." once there are more than 8.
  const auto names = lang::stdlib_fragment_names();
  ASSERT_GT(names.size(), 8u);
  EXPECT_THAT(run.first("PC0013")->help, HasSubstr("the stdlib has " + names[0] + ", " + names[1] + ", "));
  EXPECT_THAT(run.first("PC0013")->help, HasSubstr(names[7] + ", ..."));
}

// repo/r.toml using `use`, in a repository that holds one more file.
testing::PipelineRun compile_use(const std::string& use, const std::string& path, std::string contents) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  files.add_file(path, std::move(contents));
  files.add_file("repo/r.toml", restrictions_policy("\"" + use + "\""));
  return testing::compile_paths(files, {"repo/r.toml"});
}

TEST(ResolveUsesTest, UnknownRepositoryNameSuggestsTheClosestFile) {
  auto run = compile_use("fragments/wifi-comon", "repo/fragments/wifi-common.toml",
                         restrictions_fragment("allowCamera = false\n"));
  ASSERT_THAT(run.codes(), ElementsAre("PC0013"));
  EXPECT_EQ(run.first("PC0013")->message, "cannot find fragment 'fragments/wifi-comon'");
  EXPECT_EQ(run.first("PC0013")->help, "did you mean 'fragments/wifi-common'?");
}

TEST(ResolveUsesTest, AFragmentNameThatIsAFolderSaysSo) {
  auto run = compile_use("fragments/f", "repo/fragments/f.toml/inner.toml",
                         restrictions_fragment("allowCamera = false\n"));
  ASSERT_THAT(run.codes(), ElementsAre("PC0013"));
  EXPECT_EQ(run.first("PC0013")->message, "fragment 'fragments/f' is a folder, not a file");
  EXPECT_EQ(run.first("PC0013")->help, "'repo/fragments/f.toml' is a folder; a fragment is a TOML file");
}

TEST(ResolveUsesTest, AFragmentOverTheTomlSizeLimitIsRefusedBeforeItIsParsed) {
  auto run = compile_use("fragments/big", "repo/fragments/big.toml", std::string(lang::kMaxTomlBytes + 1, '#'));
  ASSERT_THAT(run.codes(), ElementsAre("PC0001"));
  const Diagnostic& d = *run.first("PC0001");
  EXPECT_EQ(d.span.path_or_empty(), "repo/fragments/big.toml");
  EXPECT_FALSE(d.span.begin.known());  // the whole file
  EXPECT_EQ(d.message, "the file is 8388609 bytes (8.0 MiB); profilec reads TOML files up to 8 MiB (8388608 bytes)");
}

TEST(ResolveUsesTest, UnknownNameWithNothingCloseSaysWhereItLooked) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  files.add_file("repo/r.toml", restrictions_policy("\"shared/zzz\""));
  auto run = testing::compile_paths(files, {"repo/r.toml"});
  ASSERT_THAT(run.codes(), ElementsAre("PC0013"));
  EXPECT_EQ(run.first("PC0013")->help,
            "there is no 'repo/shared/zzz.toml' (names are relative to the folder of 'repo/profilec.toml')");
}

TEST(ResolveUsesTest, PlainNamesNeedAProjectFile) {
  MemoryFileSystem files;
  files.add_file("repo/fragments/a.toml", restrictions_fragment("allowCamera = false\n"));
  files.add_file("repo/r.toml", restrictions_policy("\"fragments/a\""));
  auto run = testing::compile_paths(files, {"repo/r.toml"});
  ASSERT_THAT(run.codes(), ElementsAre("PC0013"));
  EXPECT_THAT(run.first("PC0013")->message, HasSubstr("no profilec.toml marks the repository root"));
  EXPECT_THAT(run.first("PC0013")->help, HasSubstr("create profilec.toml"));
}

TEST(ResolveUsesTest, NamesMustStayInsideTheRepository) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  files.add_file("outside.toml", restrictions_fragment("allowCamera = false\n"));
  files.add_file("repo/r.toml", restrictions_policy("\"../outside\", \"/etc/passwd\", \"\", \"fragments/\""));
  auto run = testing::compile_paths(files, {"repo/r.toml"});
  EXPECT_THAT(run.codes(), ElementsAre("PC0013", "PC0013", "PC0013", "PC0013"));
  EXPECT_THAT(run.first("PC0013")->message, HasSubstr("is not a fragment name"));
}

TEST(ResolveUsesTest, AFragmentForAnotherTypeIsAnErrorAndItsKeysStayOut) {
  auto run = testing::compile_policy_text(restrictions_policy("\"stdlib:passcode/baseline\""));
  ASSERT_THAT(run.codes(), ElementsAre("PC0015")) << "no PC1002 for the passcode keys";
  const Diagnostic& d = *run.first("PC0015");
  EXPECT_EQ(d.message,
            "fragment 'stdlib:passcode/baseline' is for com.apple.mobiledevice.passwordpolicy, "
            "not com.apple.applicationaccess");
  ASSERT_EQ(d.notes.size(), 2u);
  EXPECT_EQ(*d.notes[0].span.path, "stdlib:passcode/baseline.toml");
  EXPECT_THAT(run.rendered(), HasSubstr("type        = \"com.apple.mobiledevice.passwordpolicy\""));
  EXPECT_TRUE(run.result.profiles.empty());
}

TEST(ResolveUsesTest, AFragmentUsingAFragmentOfAnotherTypeIsAnError) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  files.add_file("repo/fragments/a.toml",
                 restrictions_fragment("allowCamera = false\n", "\"stdlib:passcode/baseline\""));
  files.add_file("repo/r.toml", restrictions_policy("\"fragments/a\""));
  auto run = testing::compile_tree(files, "repo");
  ASSERT_THAT(run.codes(), ElementsAre("PC0015"));
  EXPECT_EQ(*run.first("PC0015")->span.path, "repo/fragments/a.toml");
  EXPECT_TRUE(run.result.profiles.empty());
}

TEST(ResolveUsesTest, StdlibFragmentsComeFromTheBinary) {
  auto run = testing::compile_policy_text(R"([profile]
id = "com.example.passcode"

[payload.passcode]
type = "com.apple.mobiledevice.passwordpolicy"
use  = ["stdlib:passcode/baseline"]
minLength = 8
)");
  ASSERT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  const ir::Value& payload = payload_of(run);
  EXPECT_TRUE(payload.find("forcePIN")->boolean());
  EXPECT_EQ(payload.find("minLength")->integer(), 8);
  EXPECT_EQ(*entry_of(payload, "forcePIN")->key_span.path, "stdlib:passcode/baseline.toml");
  EXPECT_NE(run.sources.line("stdlib:passcode/baseline.toml", 1), std::nullopt);
}

TEST(ResolveUsesTest, PlatformMismatchWarnsOnlyWhenTheTargetNamesAnotherPlatform) {
  const std::string use = "\"stdlib:restrictions/ios-baseline\"";
  auto both = testing::compile_policy_text(
      restrictions_policy(use, "", "[target]\nplatforms = { iOS = \"17.0\", macOS = \"14.0\" }\n"));
  ASSERT_TRUE(both.has_code("PC0016")) << both.rendered();
  const Diagnostic& d = *both.first("PC0016");
  EXPECT_EQ(d.severity, Severity::kWarning);
  EXPECT_EQ(d.message,
            "fragment 'stdlib:restrictions/ios-baseline' is meant for iOS, but the profile also targets macOS");
  EXPECT_EQ(both.result.profiles.size(), 1u) << "a warning does not stop the build";

  auto ios = testing::compile_policy_text(restrictions_policy(use, "", "[target]\nplatforms = { iOS = \"17.0\" }\n"));
  EXPECT_FALSE(ios.has_code("PC0016")) << ios.rendered();
  auto any = testing::compile_policy_text(restrictions_policy(use));
  EXPECT_FALSE(any.has_code("PC0016")) << any.rendered();
}

TEST(ResolveUsesTest, PlatformMismatchThroughAnotherFragmentNamesIt) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  files.add_file("repo/fragments/corp.toml",
                 restrictions_fragment("allowCamera = true\n", "\"stdlib:restrictions/ios-baseline\""));
  files.add_file("repo/r.toml",
                 restrictions_policy("\"fragments/corp\"", "", "[target]\nplatforms = { macOS = \"14.0\" }\n"));
  auto run = testing::compile_tree(files, "repo");
  ASSERT_TRUE(run.has_code("PC0016")) << run.rendered();
  EXPECT_THAT(run.first("PC0016")->message, HasSubstr("(used by 'fragments/corp')"));
}

TEST(ResolveUsesTest, ABrokenFragmentIsReportedOnceAndFailsEveryPolicyUsingIt) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  files.add_file("repo/fragments/a.toml", "[fragment]\ntype = \"com.apple.applicationaccess\"\ndescripton = \"x\"\n");
  files.add_file("repo/p1.toml", restrictions_policy("\"fragments/a\""));
  files.add_file("repo/p2.toml", restrictions_policy("\"fragments/a\""));
  auto run = testing::compile_paths(files, {"repo/p1.toml", "repo/p2.toml"});
  ASSERT_THAT(run.codes(), ElementsAre("PC0003"));
  EXPECT_EQ(run.first("PC0003")->help, "did you mean 'description'?");
  EXPECT_TRUE(run.result.profiles.empty());
}

TEST(ResolveUsesTest, FragmentSyntaxErrorsPointIntoTheFragment) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  files.add_file("repo/fragments/a.toml", "[fragment]\ntype = \n");
  files.add_file("repo/r.toml", restrictions_policy("\"fragments/a\""));
  auto run = testing::compile_paths(files, {"repo/r.toml"});
  ASSERT_THAT(run.codes(), ElementsAre("PC0001"));
  EXPECT_EQ(*run.first("PC0001")->span.path, "repo/fragments/a.toml");
  EXPECT_TRUE(run.result.profiles.empty());
}

TEST(ResolveUsesTest, FragmentFilesAreCheckedOnTheirOwnButNeverCompiled) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  files.add_file("repo/fragments/ok.toml", restrictions_fragment("allowCamera = false\n"));
  files.add_file("repo/fragments/bad.toml", restrictions_fragment("allowCamera = false\n", "\"fragments/nope\""));
  files.add_file("repo/fragments/headless.toml", "[keys]\nallowCamera = false\n[fragment]\n");
  auto walked = testing::compile_tree(files, "repo");
  EXPECT_THAT(walked.codes(), ElementsAre("PC0013", "PC0005")) << walked.rendered();
  EXPECT_TRUE(walked.result.profiles.empty());
  auto named = testing::compile_paths(files, {"repo/fragments/ok.toml"});
  EXPECT_TRUE(named.result.diagnostics.empty()) << named.rendered();
  EXPECT_TRUE(named.result.profiles.empty());
}

TEST(ResolveUsesTest, FragmentFilesAndReservedKeysAreChecked) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  files.add_file("repo/fragments/a.toml", R"([fragment]
type = "com.apple.applicationaccess"
platforms = ["iOS", "macOs"]
use = "stdlib:restrictions/ios-baseline"

[keys]
type = "x"
PayloadIdentifier = "com.example.shared"
allowCamera = false

[payload]
)");
  auto run = testing::compile_paths(files, {"repo/fragments/a.toml"});
  EXPECT_THAT(run.codes(), ElementsAre("PC0004", "PC0004", "PC0003", "PC0003", "PC0002")) << run.rendered();
  EXPECT_EQ(run.result.diagnostics.all()[0].help, "did you mean 'macOS'?");
}

TEST(ResolveUsesTest, UseMustBeAnArrayOfStrings) {
  auto run = testing::compile_policy_text(R"([profile]
id = "com.example.r"
[payload.r]
type = "com.apple.applicationaccess"
use = "stdlib:restrictions/ios-baseline"
)");
  ASSERT_THAT(run.codes(), ElementsAre("PC0004"));
  EXPECT_EQ(run.first("PC0004")->message, "payload.r.use must be an array of strings, found string");
}

TEST(ResolveUsesTest, FileReferencesInAFragmentAreRelativeToTheFragment) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  const std::string der = testing::make_test_identity({}).certificate_der;
  files.add_file("repo/certs/ca.cer", der);
  files.add_file("repo/fragments/trust/ca.toml", R"([fragment]
type = "com.apple.security.root"

[keys]
PayloadCertificateFileName = "ca.cer"
PayloadContent = { file = "../../certs/ca.cer" }
)");
  files.add_file("repo/policies/shared/trust.toml", R"([profile]
id = "com.example.trust"

[payload.root-ca]
type = "com.apple.security.root"
use = ["fragments/trust/ca"]
)");
  auto run = testing::compile_tree(files, "repo");
  ASSERT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  const ir::Value* content = payload_of(run).find("PayloadContent");
  ASSERT_NE(content, nullptr);
  EXPECT_EQ(content->data().bytes, der);
}

// A chain of 2,000 fragments (each using the next) resolves with every key
// of every level, the nearest level winning, and a table that every level
// adds a key to merged across all of them. It used to keep a copy of the
// chain's keys per level: 5.6 s and 533 MB, growing quadratically.
TEST(ResolveUsesTest, AChainOfTwoThousandFragmentsResolvesEveryLevel) {
  constexpr int kDepth = 2000;
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  for (int i = 0; i < kDepth; ++i) {
    const std::string use = i + 1 < kDepth ? fmt::format("\"fragments/f{}\"", i + 1) : "";
    files.add_file(fmt::format("repo/fragments/f{}.toml", i),
                   restrictions_fragment(fmt::format("level{} = {}\nnearest = {}\nshared = {{ k{} = {} }}\n", i, i, i,
                                                     i, i),
                                         use));
  }
  files.add_file("repo/r.toml", restrictions_policy("\"fragments/f0\""));
  auto run = testing::compile_tree(files, "repo");
  ASSERT_FALSE(run.result.diagnostics.has_errors()) << run.rendered();
  const ir::Value& payload = payload_of(run);
  for (int i = 0; i < kDepth; ++i) {
    const ir::Value* level = payload.find(fmt::format("level{}", i));
    ASSERT_NE(level, nullptr) << i;
    EXPECT_EQ(level->integer(), i);
  }
  EXPECT_EQ(payload.find("nearest")->integer(), 0);  // f0's own keys come after all it uses
  const ir::Value* shared = payload.find("shared");
  ASSERT_NE(shared, nullptr);
  ASSERT_EQ(shared->dict().size(), static_cast<std::size_t>(kDepth));
  EXPECT_EQ(shared->dict().front().key, fmt::format("k{}", kDepth - 1));  // the deepest level's comes first
  EXPECT_EQ(shared->dict().back().key, "k0");
  // Each key keeps the span of the fragment that wrote it.
  EXPECT_EQ(*entry_of(payload, "level1234")->key_span.path, "repo/fragments/f1234.toml");
  EXPECT_EQ(*entry_of(payload, "nearest")->key_span.path, "repo/fragments/f0.toml");
}

// Uses are followed with a stack of their own: a chain of 60,000 fragments
// overflowed the call stack (SIGSEGV) when each level was a call.
TEST(ResolveUsesTest, AChainOfFiftyThousandFragmentsCostsNoCallStack) {
  constexpr int kDepth = 50000;
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  for (int i = 0; i + 1 < kDepth; ++i) {
    files.add_file(fmt::format("repo/f/{}.toml", i),
                   restrictions_fragment("allowCamera = true\n", fmt::format("\"f/{}\"", i + 1)));
  }
  files.add_file(fmt::format("repo/f/{}.toml", kDepth - 1), restrictions_fragment("allowAirDrop = false\n"));
  files.add_file("repo/r.toml", restrictions_policy("\"f/0\""));
  auto run = testing::compile_tree(files, "repo");
  ASSERT_TRUE(run.result.diagnostics.empty()) << run.rendered();
  EXPECT_FALSE(payload_of(run).find("allowAirDrop")->boolean());  // from the deepest
  EXPECT_EQ(*entry_of(payload_of(run), "allowCamera")->key_span.path, "repo/f/0.toml");
}

// A fragment that two others use is merged into each as its own effective
// keys, whatever came before: the result is what merging each fragment's
// effective keys gives (docs/language.md), not a replay of every file.
TEST(ResolveUsesTest, AFragmentUsedTwiceBringsItsKeysToEachUser) {
  MemoryFileSystem files;
  files.add_file("repo/profilec.toml", kProject);
  files.add_file("repo/fragments/d.toml", restrictions_fragment("x = 1\nflip = 5\n"));
  files.add_file("repo/fragments/b.toml", restrictions_fragment("x = 2\n", "\"fragments/d\""));
  files.add_file("repo/fragments/c.toml", restrictions_fragment("flip = { b = 1 }\n", "\"fragments/d\""));
  files.add_file("repo/fragments/t.toml", restrictions_fragment("flip = { a = 1 }\n"));
  files.add_file("repo/fragments/f.toml",
                 restrictions_fragment("", "\"fragments/t\", \"fragments/b\", \"fragments/c\""));
  files.add_file("repo/r.toml", restrictions_policy("\"fragments/f\", \"fragments/d\""));
  auto run = testing::compile_tree(files, "repo");
  ASSERT_FALSE(run.result.diagnostics.has_errors()) << run.rendered();
  const ir::Value& payload = payload_of(run);
  // f = t, then b = {x = 2, flip = 5}, then c = {x = 1, flip = {b = 1}};
  // then the payload's second use, d = {x = 1, flip = 5}.
  EXPECT_EQ(payload.find("x")->integer(), 1);
  EXPECT_EQ(payload.find("flip")->integer(), 5);
  // The keys of `flip` and the value of `x` in a payload using `uses`.
  const auto flip_and_x = [&files](const std::string& uses) {
    files.add_file("repo/r.toml", restrictions_policy(uses));
    auto compiled = testing::compile_tree(files, "repo");
    EXPECT_FALSE(compiled.result.diagnostics.has_errors()) << compiled.rendered();
    std::string out;
    const ir::Value* flip = payload_of(compiled).find("flip");
    if (flip && flip->is_dict()) {
      for (const ir::DictEntry& e : flip->dict()) out += e.key + " ";
    }
    return out + fmt::format("x={}", payload_of(compiled).find("x") ? payload_of(compiled).find("x")->integer() : -1);
  };
  // c's table lands on b's scalar 5: it replaces it whole, so t's a = 1 is gone.
  EXPECT_EQ(flip_and_x("\"fragments/f\""), "b x=1");
  // Through g = [t, c], c's effective flip is the table {b = 1} (it replaced
  // d's 5 inside c), so it merges into t's: {a = 1, b = 1}. Replaying the
  // files in order (t, d, c) would have lost a.
  files.add_file("repo/fragments/g.toml", restrictions_fragment("x = 3\n", "\"fragments/t\", \"fragments/c\""));
  EXPECT_EQ(flip_and_x("\"fragments/g\""), "a b x=3");
}

TEST(MergeEntriesTest, TablesMergeRecursivelyAndEverythingElseIsReplaced) {
  auto table = [](std::vector<lang::Entry> entries) {
    lang::Value v;
    v.kind = lang::Value::Kind::kTable;
    v.entries = std::move(entries);
    return v;
  };
  auto integer = [](std::int64_t n) {
    lang::Value v;
    v.kind = lang::Value::Kind::kInteger;
    v.integer = n;
    return v;
  };
  std::vector<lang::Entry> base = {
      {"d", {}, table({{"x", {}, integer(1)}, {"inner", {}, table({{"y", {}, integer(2)}})}})},
      {"n", {}, integer(1)},
      {"t", {}, table({{"z", {}, integer(3)}})},
  };
  std::vector<lang::Entry> overlay = {
      {"d", {}, table({{"inner", {}, table({{"w", {}, integer(4)}})}, {"x", {}, integer(5)}})},
      {"t", {}, integer(6)},  // a table replaced by a scalar
      {"new", {}, integer(7)},
  };
  lang::merge_entries(base, overlay);
  ASSERT_EQ(base.size(), 4u);
  EXPECT_EQ(base[0].key, "d");
  ASSERT_EQ(base[0].value.entries.size(), 2u);
  EXPECT_EQ(base[0].value.entries[0].value.integer, 5);
  ASSERT_EQ(base[0].value.entries[1].value.entries.size(), 2u);  // inner: y and w
  EXPECT_EQ(base[0].value.entries[1].value.entries[1].key, "w");
  EXPECT_EQ(base[1].value.integer, 1);
  EXPECT_EQ(base[2].value.kind, lang::Value::Kind::kInteger);
  EXPECT_EQ(base[3].key, "new");
}

}  // namespace
}  // namespace profilec
