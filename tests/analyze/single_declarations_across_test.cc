// PC6020 across policies (analyze/rules/duplicate_single_declaration.cc):
// declarations of an `apply: single` type in policies whose targets share a
// device kind, and not when they share none.
#include <gtest/gtest.h>

#include <memory>

#include "analyze/declarations.h"

namespace profilec::analyze {
namespace {

constexpr std::string_view kScreenSharing = "com.apple.configuration.screensharing.host.settings";

struct Policy {
  ir::Target target;
  std::vector<ir::Declaration> declarations;
};

Policy policy(std::string_view path, std::vector<std::string> platforms, ir::Enrollment enrollment,
              std::string_view type = kScreenSharing) {
  Policy p;
  for (std::string& platform : platforms) p.target.platforms.push_back({std::move(platform), "14.0", {}});
  p.target.supervised = true;
  p.target.enrollment = enrollment;
  ir::Declaration d;
  d.name = "sharing";
  d.type = std::string(type);
  d.type_span.path = std::make_shared<const std::string>(path);
  d.type_span.begin = {5, 8};
  p.declarations.push_back(std::move(d));
  return p;
}

Diagnostics analyse(const std::vector<const Policy*>& policies) {
  static const schema::SchemaSet kSchemas = schema::SchemaSet::embedded();
  std::vector<PolicyDeclarations> in;
  for (const Policy* p : policies) in.push_back({&p->target, &p->declarations});
  Diagnostics out;
  check_single_declarations_across(in, kSchemas, out);
  return out;
}

TEST(SingleDeclarationsAcrossTest, TwoPoliciesThatShareAMacAreAnError) {
  const Policy a = policy("a.toml", {"macOS"}, ir::Enrollment::kDevice);
  const Policy b = policy("b.toml", {"macOS"}, ir::Enrollment::kAutomated);
  const Diagnostics found = analyse({&a, &b});
  ASSERT_EQ(found.all().size(), 1U);
  const Diagnostic& d = found.all()[0];
  EXPECT_EQ(d.code, DiagnosticCode::PC6020);
  EXPECT_EQ(d.severity, Severity::kError);
  EXPECT_EQ(d.span.path_or_empty(), "b.toml");
  EXPECT_NE(d.message.find("(macOS)"), std::string::npos) << d.message;
  ASSERT_EQ(d.notes.size(), 1U);
  EXPECT_EQ(d.notes[0].span.path_or_empty(), "a.toml");
}

TEST(SingleDeclarationsAcrossTest, PoliciesThatShareNoDeviceKindAreNot) {
  // User enrollment meets only user enrollment.
  const Policy automated = policy("a.toml", {"macOS"}, ir::Enrollment::kAutomated);
  const Policy user = policy("b.toml", {"macOS"}, ir::Enrollment::kUser);
  EXPECT_TRUE(analyse({&automated, &user}).empty());
  // An iPhone never has the Mac's screen sharing type: the platforms differ.
  const Policy mac = policy("a.toml", {"macOS"}, ir::Enrollment::kDevice);
  const Policy iphone = policy("b.toml", {"iOS"}, ir::Enrollment::kDevice);
  EXPECT_TRUE(analyse({&mac, &iphone}).empty());
  // One policy alone is check's (PC6020 in a policy), not the analysis's.
  Policy both = policy("a.toml", {"macOS"}, ir::Enrollment::kDevice);
  both.declarations.push_back(both.declarations.front());
  EXPECT_TRUE(analyse({&both}).empty());
  // A type that is not `apply: single` is never reported.
  const Policy p1 = policy("a.toml", {"macOS"}, ir::Enrollment::kDevice, "com.apple.configuration.passcode.settings");
  const Policy p2 = policy("b.toml", {"macOS"}, ir::Enrollment::kDevice, "com.apple.configuration.passcode.settings");
  EXPECT_TRUE(analyse({&p1, &p2}).empty());
}

TEST(SingleDeclarationsAcrossTest, APolicyWithoutPlatformsMakesItAWarning) {
  const Policy mac = policy("a.toml", {"macOS"}, ir::Enrollment::kDevice);
  const Policy anywhere = policy("b.toml", {}, ir::Enrollment::kDevice);
  const Diagnostics found = analyse({&mac, &anywhere});
  ASSERT_EQ(found.all().size(), 1U);
  EXPECT_EQ(found.all()[0].severity, Severity::kWarning);
  EXPECT_NE(found.all()[0].help.find("states no platforms"), std::string::npos);
}

TEST(SingleDeclarationsAcrossTest, ThreePoliciesAreOneFindingWithTwoNotes) {
  const Policy a = policy("a.toml", {"macOS"}, ir::Enrollment::kDevice);
  const Policy b = policy("b.toml", {"macOS"}, ir::Enrollment::kDevice);
  const Policy c = policy("c.toml", {"macOS"}, ir::Enrollment::kDevice);
  const Diagnostics found = analyse({&a, &b, &c});
  ASSERT_EQ(found.all().size(), 1U);
  EXPECT_EQ(found.all()[0].notes.size(), 2U);
}

}  // namespace
}  // namespace profilec::analyze
