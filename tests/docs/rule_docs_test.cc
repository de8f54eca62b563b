// Every registered diagnostic has its page, the index lists it, and the
// examples on the page behave as the page says (ShellCheck-style: a `toml
// bad` block must produce the code, a `toml good` block must not).
//
// Each example is compiled as policies/test.toml; an ```xml bad / ```xml
// good block is a .mobileconfig, checked as policies/test.mobileconfig, a
// ```json one a declaration file, checked as policies/test.json. A block opened with
// ```toml file=PATH is not an example but a file beside it, at PATH from
// the repository root (profilec.toml, fragments/wifi.toml), for every
// example on the page. A file at policies/NAME.toml is a policy: it is
// compiled with each example (after it), so that the rules across profiles
// (PC3xxx, PC4xxx) can be shown; a `toml good` example must then be clean
// together with it.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "diag/code_severities.h"
#include "diag/diagnostic.h"
#include "support/pipeline.h"

namespace profilec {
namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string page_path(const DiagnosticInfo& d) {
  return fmt::format("{}/docs/rules/{}-{}.md", PROFILEC_SOURCE_DIR, d.id, d.name);
}

struct Example {
  std::string file;  // file=PATH: an extra file, not an example
  // ```xml: a .mobileconfig, checked as policies/test.mobileconfig; ```json:
  // a declaration file, checked as policies/test.json; "": a policy.
  std::string raw_path;
  bool bad = false;
  bool build = false;                      // compile as `build` (secrets resolved)
  std::map<std::string, std::string> env;  // env=NAME sets NAME to a dummy value
  std::string text;
};

std::vector<Example> examples_of(const std::string& page) {
  std::vector<Example> out;
  std::istringstream in(page);
  std::string line;
  Example* current = nullptr;
  while (std::getline(in, line)) {
    if (current) {
      if (line == "```") current = nullptr;
      else current->text += line + "\n";
      continue;
    }
    const bool xml = line.rfind("```xml ", 0) == 0;
    const bool json = line.rfind("```json ", 0) == 0;
    if (line.rfind("```toml ", 0) != 0 && !xml && !json) continue;
    Example example;
    if (xml) example.raw_path = "policies/test.mobileconfig";
    if (json) example.raw_path = "policies/test.json";
    std::istringstream words(line.substr(xml ? 7 : 8));
    std::string word;
    while (words >> word) {
      if (word == "bad") example.bad = true;
      else if (word == "build") example.build = true;
      else if (word.rfind("env=", 0) == 0) example.env[word.substr(4)] = "dummy";
      else if (word.rfind("file=", 0) == 0) example.file = word.substr(5);
    }
    out.push_back(example);
    current = &out.back();
  }
  return out;
}

// An ```xml or ```json example: checked as the file `path` (a .mobileconfig
// or a declaration file), with the page's other files beside it (policies
// among them checked too).
testing::PipelineRun check_raw_text(const std::string& raw_path, const std::string& text,
                                    const std::map<std::string, std::string>& files) {
  MemoryFileSystem fs;
  fs.add_file(raw_path, text);
  std::vector<std::string> paths{raw_path};
  for (const auto& [path, contents] : files) {
    fs.add_file(path, contents);
    if (path.starts_with("policies/") && path.ends_with(".toml")) paths.push_back(path);
  }
  return testing::compile_paths(fs, paths);
}

}  // namespace

// Test names show the code, not a byte dump.
void PrintTo(const DiagnosticInfo& d, std::ostream* os) { *os << d.id; }

namespace {

class RuleDocsTest : public ::testing::TestWithParam<DiagnosticInfo> {};

TEST_P(RuleDocsTest, PageExistsWithTheRegisteredFacts) {
  const DiagnosticInfo& d = GetParam();
  const std::string page = read_text(page_path(d));
  ASSERT_FALSE(page.empty()) << "missing page " << page_path(d);
  EXPECT_EQ(page.rfind(fmt::format("# {} {}\n", d.id, d.name), 0), 0u) << "first line must be '# CODE name'";
  EXPECT_NE(page.find(fmt::format("**Default severity:** {}", severity_name(d.default_severity))), std::string::npos);
  for (const char* section : {"## What it does", "## Why it matters", "## Example"}) {
    EXPECT_NE(page.find(section), std::string::npos) << d.id << " lacks " << section;
  }
}

// The line says every severity codes.def lets the code take, and when: a page
// cannot call a code an error while its rule also reports it as a warning.
TEST_P(RuleDocsTest, DefaultSeverityLineSaysEverySeverityTheCodeMayTake) {
  const DiagnosticInfo& d = GetParam();
  const std::string page = read_text(page_path(d));
  const std::string_view prefix = "**Default severity:** ";
  const auto at = page.find(prefix);
  ASSERT_NE(at, std::string::npos) << d.id;
  const auto begin = at + prefix.size();
  const std::string line = page.substr(begin, page.find('\n', begin) - begin);
  if (!other_severities(d.code).empty()) {
    EXPECT_EQ(line, severity_description(d)) << d.id << ": codes.def's PROFILEC_SEVERITY lines and the page differ";
    return;
  }
  // A code that does not vary may add a remark ("(reported by `build` only)"), but no other severity.
  EXPECT_TRUE(line == severity_description(d) || line.starts_with(severity_description(d) + " (")) << d.id;
  for (Severity other : {Severity::kNote, Severity::kWarning, Severity::kError}) {
    if (other == d.default_severity) continue;
    EXPECT_EQ(line.find(severity_name(other)), std::string::npos)
        << d.id << ": the page names " << severity_name(other) << " but codes.def has no PROFILEC_SEVERITY for it";
  }
}

TEST_P(RuleDocsTest, ExamplesBehaveAsDocumented) {
  const DiagnosticInfo& d = GetParam();
  const std::string page = read_text(page_path(d));
  const auto examples = examples_of(page);
  if (page.find("<!-- examples: none (") != std::string::npos) {
    EXPECT_TRUE(examples.empty());
    return;
  }
  std::map<std::string, std::string> files;
  for (const Example& example : examples) {
    if (!example.file.empty()) files[example.file] = example.text;
  }
  bool has_bad = false, has_good = false;
  for (const Example& example : examples) {
    if (!example.file.empty()) continue;
    auto run = !example.raw_path.empty()
                   ? check_raw_text(example.raw_path, example.text, files)
                   : testing::compile_policy_text(example.text,
                                                  example.build ? SecretMode::kResolve : SecretMode::kPlaceholder,
                                                  example.env, files);
    if (example.bad) {
      has_bad = true;
      EXPECT_TRUE(run.has_code(d.id)) << d.id << " bad example does not trigger it:\n" << example.text;
    } else {
      has_good = true;
      EXPECT_FALSE(run.has_code(d.id)) << d.id << " good example triggers it:\n" << run.rendered();
      EXPECT_TRUE(run.result.diagnostics.empty()) << d.id << " good example has findings:\n" << run.rendered();
    }
  }
  EXPECT_TRUE(has_bad) << d.id << " has no `toml bad` example";
  EXPECT_TRUE(has_good) << d.id << " has no `toml good` example";
}

TEST_P(RuleDocsTest, IndexListsTheRule) {
  const DiagnosticInfo& d = GetParam();
  const std::string index = read_text(std::string(PROFILEC_SOURCE_DIR) + "/docs/rules/README.md");
  const std::string row = fmt::format("| [{}]({}-{}.md) | {} | {} | {} |", d.id, d.id, d.name, d.name,
                                      severity_name(d.default_severity), d.summary);
  EXPECT_NE(index.find(row), std::string::npos) << "docs/rules/README.md lacks the row:\n" << row;
}

INSTANTIATE_TEST_SUITE_P(AllRules, RuleDocsTest, ::testing::ValuesIn(all_diagnostics()),
                         [](const auto& param_info) { return std::string(param_info.param.id); });

}  // namespace
}  // namespace profilec
