// The stdlib fragments built into the binary: each is well-formed, uses only
// real keys of its payload type, explains every key (baselines name the
// source), compiles without a finding in the example policy its header
// holds, and is listed in stdlib/README.md (conventions: stdlib/README.md).
#include "lang/stdlib.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "ir/profile.h"
#include "lang/parse_fragment.h"
#include "schema/schema_set.h"
#include "support/pipeline.h"
#include "support/test_certificates.h"

namespace profilec::lang {
namespace {

using ::testing::Contains;

constexpr std::string_view kExampleMarker = "# Example policy (compiled by tests/lang/stdlib_test.cc):";

std::string text_of(const std::string& name) { return std::string(*find_stdlib_fragment(name)); }

FragmentFile parse(const std::string& name) {
  Diagnostics ignored;
  auto fragment = parse_fragment(text_of(name), "stdlib:" + name + ".toml", ignored);
  return fragment ? std::move(*fragment) : FragmentFile{};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The comment lines above [fragment].
std::string header_of(const std::string& text) {
  std::string out;
  for (const std::string& line : lines_of(text)) {
    if (line.rfind("#", 0) != 0) break;
    out += line + "\n";
  }
  return out;
}

// The example policy in the header: the comment lines after the marker,
// "#   " stripped ("#" alone is a blank line), up to the first non-comment.
std::string example_of(const std::string& text) {
  std::string out;
  bool in_example = false;
  for (const std::string& line : lines_of(text)) {
    if (!in_example) {
      in_example = line == kExampleMarker;
      continue;
    }
    if (line == "#") out += "\n";
    else if (line.rfind("#   ", 0) == 0) out += line.substr(4) + "\n";
    else break;
  }
  return out;
}

// A test certificate for every { file = "..." } of the example, stored where
// the policy (policies/test.toml) finds it.
std::map<std::string, std::string> files_for(const std::string& example) {
  static const std::string der = [] {
    testing::TestCertificateSpec spec;
    spec.common_name = "stdlib example CA";
    return testing::make_test_identity(spec).certificate_der;
  }();
  std::map<std::string, std::string> files;
  static const std::regex file_ref(R"re(file\s*=\s*"([^"]+)")re");
  for (std::sregex_iterator it(example.begin(), example.end(), file_ref), end; it != end; ++it) {
    std::vector<std::string> parts{"policies"};
    std::istringstream segments((*it)[1].str());
    for (std::string part; std::getline(segments, part, '/');) {
      if (part == "..") parts.pop_back();
      else if (part != ".") parts.push_back(part);
    }
    std::string path;
    for (const auto& part : parts) path += (path.empty() ? "" : "/") + part;
    files[path] = der;
  }
  return files;
}

bool is_template(const FragmentFile& fragment) {
  return fragment.description && fragment.description->value.rfind("Template:", 0) == 0;
}

// The keys a fragment sets, its uses' included.
std::set<std::string> keys_with_uses(const std::string& name) {
  std::set<std::string> keys;
  const FragmentFile fragment = parse(name);
  for (const auto& use : fragment.uses) {
    auto used = keys_with_uses(use.value.substr(std::string_view("stdlib:").size()));
    keys.insert(used.begin(), used.end());
  }
  for (const Entry& entry : fragment.keys) keys.insert(entry.key);
  return keys;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

// The cells of the README table row of `name`, trimmed; empty if none.
std::vector<std::string> readme_row(const std::string& name) {
  static const std::string readme = read_text(std::string(PROFILEC_SOURCE_DIR) + "/stdlib/README.md");
  for (const std::string& line : lines_of(readme)) {
    if (line.rfind("| `stdlib:" + name + "` |", 0) != 0) continue;
    std::vector<std::string> cells;
    std::istringstream in(line.substr(1));
    for (std::string cell; std::getline(in, cell, '|');) {
      const auto first = cell.find_first_not_of(' ');
      const auto last = cell.find_last_not_of(' ');
      cells.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
    }
    return cells;
  }
  return {};
}

TEST(StdlibTest, HoldsTheDocumentedFragments) {
  const auto names = stdlib_fragment_names();
  EXPECT_THAT(names, Contains("restrictions/ios-baseline"));
  EXPECT_THAT(names, Contains("passcode/baseline"));
  for (const char* baseline :
       {"restrictions/ios-high-security", "restrictions/macos-baseline", "restrictions/macos-high-security",
        "passcode/ios-high-security", "passcode/macos-baseline", "passcode/macos-high-security"}) {
    EXPECT_THAT(names, Contains(baseline));
  }
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_FALSE(find_stdlib_fragment("passcode/nope"));
  EXPECT_FALSE(find_stdlib_fragment("passcode/baseline.toml")) << "names have no extension";
}

TEST(StdlibTest, TheReadmeListsNoFragmentThatDoesNotExist) {
  const std::string readme = read_text(std::string(PROFILEC_SOURCE_DIR) + "/stdlib/README.md");
  ASSERT_FALSE(readme.empty());
  static const std::regex row(R"(^\| `stdlib:([^`]+)` \|)");
  int rows = 0;
  for (const std::string& line : lines_of(readme)) {
    std::smatch match;
    if (!std::regex_search(line, match, row)) continue;
    ++rows;
    EXPECT_TRUE(find_stdlib_fragment(match[1].str())) << match[1];
  }
  EXPECT_EQ(rows, static_cast<int>(stdlib_fragment_names().size()));
}

TEST(StdlibTest, TheExampleExtractionFollowsTheConvention) {
  const std::string text = std::string(kExampleMarker) +
                           "\n#\n#   [profile]\n#   id = \"a.b\"\n#\n# prose\n[fragment]\n";
  EXPECT_EQ(example_of(text), "\n[profile]\nid = \"a.b\"\n\n");
  EXPECT_EQ(example_of("# no example\n[fragment]\n"), "");
  EXPECT_EQ(files_for(R"(x = { file = "../certs/a.cer" })").count("certs/a.cer"), 1u);
}

class StdlibFragmentTest : public ::testing::TestWithParam<std::string> {};

TEST_P(StdlibFragmentTest, IsWellFormedAndUsesRealKeysOfItsType) {
  const std::string path = "stdlib:" + GetParam() + ".toml";
  const auto text = find_stdlib_fragment(GetParam());
  ASSERT_TRUE(text);
  Diagnostics diagnostics;
  auto fragment = parse_fragment(*text, path, diagnostics);
  ASSERT_TRUE(fragment);
  EXPECT_TRUE(diagnostics.empty());
  ASSERT_TRUE(fragment->type);
  EXPECT_TRUE(fragment->description) << "say what the fragment is for";
  EXPECT_FALSE(fragment->platforms.empty()) << "say which platforms it is for";
  EXPECT_FALSE(fragment->keys.empty());
  static const schema::SchemaSet schemas = schema::SchemaSet::embedded();
  // A payload type, or a declaration type (docs/ddm.md).
  const schema::PayloadSchema* schema = schemas.find(fragment->type->value);
  if (!schema) schema = schemas.find_declaration(fragment->type->value);
  ASSERT_NE(schema, nullptr) << fragment->type->value;
  for (const Entry& entry : fragment->keys) {
    EXPECT_FALSE(schema->top_level(entry.key).empty()) << entry.key << " is not a key of " << schema->payload_type;
    EXPECT_NE(entry.value.kind, Value::Kind::kFileRef) << "the stdlib has no files to read";
  }
  for (const auto& use : fragment->uses) EXPECT_EQ(use.value.rfind("stdlib:", 0), 0u) << use.value;
}

TEST_P(StdlibFragmentTest, EveryKeyHasACommentSayingWhyAndABaselineItsSource) {
  const bool baseline = !is_template(parse(GetParam()));
  std::string previous;
  bool in_keys = false;
  int keys = 0;
  for (const std::string& line : lines_of(text_of(GetParam()))) {
    if (line.rfind("[", 0) == 0) {
      in_keys = line == "[keys]" || line.rfind("[keys.", 0) == 0;
    } else if (in_keys && !line.empty() && (std::isalpha(static_cast<unsigned char>(line[0])) || line[0] == '"')) {
      ++keys;
      EXPECT_EQ(previous.rfind("# ", 0), 0u) << GetParam() << ": no comment above '" << line << "'";
      if (baseline) {
        EXPECT_TRUE(previous.find("(mSCP ") != std::string::npos || previous.find("(CIS ") != std::string::npos)
            << GetParam() << ": a baseline names the source of '" << line << "'";
      }
    }
    previous = line;
  }
  EXPECT_GT(keys, 0);
}

TEST_P(StdlibFragmentTest, TheExampleInItsHeaderCompilesWithoutAFinding) {
  const FragmentFile fragment = parse(GetParam());
  ASSERT_TRUE(fragment.type);
  const std::string example = example_of(text_of(GetParam()));
  ASSERT_FALSE(example.empty()) << "the header has no example policy";
  EXPECT_NE(example.find("\"stdlib:" + GetParam() + "\""), std::string::npos) << "the example uses the fragment";
  for (const auto& platform : fragment.platforms) {
    EXPECT_NE(example.find(platform.value + " = \""), std::string::npos)
        << "the example targets every platform of the fragment: " << platform.value;
  }

  auto run = testing::compile_policy_text(example, SecretMode::kPlaceholder, {}, files_for(example));
  EXPECT_TRUE(run.result.diagnostics.empty()) << example << run.rendered();
  const std::set<std::string> keys = keys_with_uses(GetParam());
  if (!run.result.declarations.empty()) {  // a declaration's fragment: its example is a policy of declarations
    const auto& declarations = run.result.declarations[0].declarations;
    EXPECT_TRUE(std::any_of(declarations.begin(), declarations.end(), [&](const ir::Declaration& declaration) {
      return declaration.type == fragment.type->value &&
             std::all_of(keys.begin(), keys.end(), [&](const auto& key) { return declaration.payload.find(key); });
    })) << "a declaration of the example has every key of the fragment";
    return;
  }
  ASSERT_EQ(run.result.profiles.size(), 1u) << run.rendered();
  const auto& payloads = run.result.profiles[0].profile.payloads;
  const bool all_there = std::any_of(payloads.begin(), payloads.end(), [&](const ir::Payload& payload) {
    return payload.type == fragment.type->value &&
           std::all_of(keys.begin(), keys.end(), [&](const auto& key) { return payload.content.find(key); });
  });
  EXPECT_TRUE(all_there) << "a payload of the example has every key of the fragment";
}

TEST_P(StdlibFragmentTest, SaysWhetherItNeedsSupervisedDevices) {
  const std::string example = example_of(text_of(GetParam()));
  const std::string supervised_line = "supervised = true\n";
  const auto at = example.find(supervised_line);
  const bool example_supervised = at != std::string::npos;
  bool needs_supervision = false;
  if (example_supervised) {
    std::string unsupervised = example;
    unsupervised.erase(at, supervised_line.size());
    const auto run = testing::compile_policy_text(unsupervised, SecretMode::kPlaceholder, {}, files_for(example));
    needs_supervision = run.has_code("PC2008") || run.has_code("PC6011");
  }
  const bool header_says_so = header_of(text_of(GetParam())).find("SUPERVISED") != std::string::npos;
  EXPECT_EQ(example_supervised, header_says_so)
      << "a fragment for supervised devices says SUPERVISED in its header and its example targets them";
  if (example_supervised && !is_template(parse(GetParam()))) {
    EXPECT_TRUE(needs_supervision) << "a baseline for supervised devices has a key that needs them";
  }
  const auto row = readme_row(GetParam());
  ASSERT_GE(row.size(), 6u) << GetParam() << " has no row in stdlib/README.md";
  EXPECT_EQ(row[3], example_supervised ? "yes" : "no") << GetParam();
}

TEST_P(StdlibFragmentTest, IsListedInTheReadmeWithItsTypeAndPlatforms) {
  const FragmentFile fragment = parse(GetParam());
  ASSERT_TRUE(fragment.type);
  const auto row = readme_row(GetParam());
  ASSERT_GE(row.size(), 6u) << GetParam() << " has no row in stdlib/README.md";
  EXPECT_EQ(row[1], "`" + fragment.type->value + "`");
  std::string platforms;
  for (const auto& p : fragment.platforms) platforms += (platforms.empty() ? "" : ", ") + p.value;
  EXPECT_EQ(row[2], platforms);
  EXPECT_EQ(row[4] == "template", is_template(fragment)) << "strength: " << row[4];
  EXPECT_FALSE(row[5].empty());
}

INSTANTIATE_TEST_SUITE_P(All, StdlibFragmentTest, ::testing::ValuesIn(stdlib_fragment_names()),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace profilec::lang
