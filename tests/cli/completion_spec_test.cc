#include "cli/completion_spec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cli/completion_hint.h"
#include "cli/completion_scripts.h"

namespace profilec::cli {
namespace {

using Kind = CompletionValue::Kind;

const CompletionOption* find_option(const CompletionCommand& command, const std::string& name) {
  for (const CompletionOption& option : command.options) {
    if (std::find(option.names.begin(), option.names.end(), name) != option.names.end()) return &option;
  }
  return nullptr;
}

int count_option(const CompletionCommand& command, const std::string& name) {
  return static_cast<int>(std::count_if(command.options.begin(), command.options.end(), [&name](const auto& option) {
    return std::find(option.names.begin(), option.names.end(), name) != option.names.end();
  }));
}

// A small app built as cli/app.cc builds profilec's.
class CompletionSpecTest : public ::testing::Test {
 protected:
  void SetUp() override {
    app.set_version_flag("--version", "tool 1");
    app.fallthrough();
    app.add_option("--format", format, "Findings as")->check(CLI::IsMember({"human", "json"}));
    app.add_flag("-q,--quiet", quiet, "No summary");
    app.add_option("--schema-dir", folders, "Schemas")->check(CLI::ExistingDirectory)->allow_extra_args(false);
    app.add_option("--secret", text, "Hidden")->group("");
    CLI::App* check = app.add_subcommand("check", "Check [things]: 'quoted'");
    check->add_option("paths", paths, "Files")->check(completes(ValueHint::kPolicyPath));
    check->add_option("-o,--output", text, "Out")->check(completes(ValueHint::kFolder));
    check->add_option("--key", text, "Key file");
    check->add_option("-j,--jobs", jobs, "Jobs");
    check->add_option("--key-env", text, "Variable")->check(completes(ValueHint::kEnvironmentVariable));
    CLI::App* schema = app.add_subcommand("schema", "Schemas");
    CLI::App* show = schema->add_subcommand("show", "One type");
    show->add_option("type", text, "Type")->check(completes(ValueHint::kPayloadType));
    show->add_option("--format", format, "human or json")->check(CLI::IsMember({"human", "json", "yaml"}));
    app.add_subcommand("hidden", "Not listed")->group("");
    words.payload_types = {"com.apple.wifi.managed", "com.apple.dock"};
    words.rules = {"PC0001", "toml-syntax"};
    words.platforms = {"iOS", "macOS"};
  }

  CLI::App app{"tool", "profilec"};
  std::string format, text;
  bool quiet = false;
  unsigned jobs = 0;
  std::vector<std::string> folders, paths;
  CompletionWords words;
};

TEST_F(CompletionSpecTest, ReadsCommandsOptionsAndArguments) {
  const CompletionCommand program = describe_command_line(app, words);
  ASSERT_EQ(program.commands.size(), 2U);  // "hidden" is left out
  EXPECT_EQ(program.commands[0].path, std::vector<std::string>{"check"});
  EXPECT_EQ(program.commands[1].commands.at(0).path, (std::vector<std::string>{"schema", "show"}));
  EXPECT_EQ(find_option(program, "--secret"), nullptr);
  ASSERT_NE(find_option(program, "--version"), nullptr);

  const CompletionOption* quiet_flag = find_option(program, "-q");
  ASSERT_NE(quiet_flag, nullptr);
  EXPECT_EQ(quiet_flag->names, (std::vector<std::string>{"-q", "--quiet"}));
  EXPECT_FALSE(quiet_flag->takes_value);

  const CompletionOption* format_option = find_option(program, "--format");
  ASSERT_NE(format_option, nullptr);
  EXPECT_TRUE(format_option->takes_value);
  EXPECT_EQ(format_option->value.kind, Kind::kWords);
  EXPECT_EQ(format_option->value.words, (std::vector<std::string>{"human", "json"}));

  const CompletionOption* schema_dir = find_option(program, "--schema-dir");
  ASSERT_NE(schema_dir, nullptr);
  EXPECT_EQ(schema_dir->value.kind, Kind::kFolders);
  EXPECT_TRUE(schema_dir->repeatable);
}

TEST_F(CompletionSpecTest, CommandsInheritGlobalOptionsWithOneHelp) {
  const CompletionCommand program = describe_command_line(app, words);
  const CompletionCommand& check = program.commands[0];
  EXPECT_EQ(count_option(check, "--help"), 1);
  EXPECT_EQ(count_option(check, "--format"), 1);
  EXPECT_EQ(count_option(check, "--version"), 0);
  EXPECT_NE(find_option(check, "--quiet"), nullptr);
  // show's own --format hides the inherited one.
  const CompletionCommand& show = program.commands[1].commands[0];
  ASSERT_EQ(count_option(show, "--format"), 1);
  EXPECT_EQ(find_option(show, "--format")->value.words, (std::vector<std::string>{"human", "json", "yaml"}));
}

TEST_F(CompletionSpecTest, HintsAndDefaultsGiveWhatAValueCompletes) {
  const CompletionCommand program = describe_command_line(app, words);
  const CompletionCommand& check = program.commands[0];
  ASSERT_EQ(check.arguments.size(), 1U);
  EXPECT_TRUE(check.arguments[0].repeatable);
  EXPECT_EQ(check.arguments[0].value.kind, Kind::kFiles);
  EXPECT_EQ(check.arguments[0].value.extensions, (std::vector<std::string>{"toml", "mobileconfig"}));
  EXPECT_EQ(find_option(check, "--output")->value.kind, Kind::kFolders);
  EXPECT_EQ(find_option(check, "--key")->value.kind, Kind::kFiles);  // text without a hint
  EXPECT_TRUE(find_option(check, "--key")->value.extensions.empty());
  EXPECT_EQ(find_option(check, "--jobs")->value.kind, Kind::kNothing);  // a number
  EXPECT_EQ(find_option(check, "--key-env")->value.kind, Kind::kEnvironmentVariables);
  const CompletionCommand& show = program.commands[1].commands[0];
  ASSERT_EQ(show.arguments.size(), 1U);
  EXPECT_FALSE(show.arguments[0].repeatable);
  EXPECT_EQ(show.arguments[0].value.words, words.payload_types);
}

TEST_F(CompletionSpecTest, HintsLeaveHelpAndParsingAlone) {
  CLI::App plain{"tool", "profilec"};
  std::string value;
  plain.add_option("-o,--output", value, "Out");
  EXPECT_NE(app.get_subcommand("check")->help().find("-o,--output TEXT"), std::string::npos);
  EXPECT_EQ(app.get_subcommand("check")->get_option("-o")->get_type_name(), plain.get_option("-o")->get_type_name());
  // check -o "any thing" "a b.toml"; CLI11 takes a vector reversed.
  app.parse(std::vector<std::string>{"a b.toml", "any thing", "-o", "check"});
  EXPECT_EQ(text, "any thing");
  EXPECT_EQ(paths, std::vector<std::string>{"a b.toml"});
}

TEST_F(CompletionSpecTest, ScriptsQuoteDescriptions) {
  const CompletionCommand program = describe_command_line(app, words);
  const std::string zsh = zsh_completion(program);
  EXPECT_NE(zsh.find("'check:Check [things]: '\\''quoted'\\'''"), std::string::npos) << zsh;
  const std::string fish = fish_completion(program);
  EXPECT_NE(fish.find("-a check -d 'Check [things]: \\'quoted\\''"), std::string::npos) << fish;
  const std::string bash = bash_completion(program);
  EXPECT_NE(bash.find("'schema show')\n      commands=''"), std::string::npos) << bash;
  EXPECT_NE(bash.find("compgen -W 'com.apple.wifi.managed com.apple.dock'"), std::string::npos) << bash;
  for (const std::string& script : {bash, zsh, fish}) {
    EXPECT_EQ(script.find("hidden"), std::string::npos);
    EXPECT_EQ(script.find("--secret"), std::string::npos);
  }
}

}  // namespace
}  // namespace profilec::cli
