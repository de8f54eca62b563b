// The report's model (compiler/report/report_model.h): the kinds of device,
// conflicts, baseline and certificates; and its HTML (render_html.h).
#include "report/report_model.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "base/base64.h"
#include "base/file_system.h"
#include "report/baseline.h"
#include "report/render_html.h"
#include "support/pipeline.h"
#include "support/test_certificates.h"

namespace profilec {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kJan2027 = 1798761600;  // 2027-01-01T00:00:00Z

std::string restrictions(std::string_view id, std::string_view target, std::string_view keys) {
  return fmt::format(
      "[profile]\nid = \"{}\"\n\n[target]\n{}\n\n[payload.restrictions]\n"
      "type = \"com.apple.applicationaccess\"\n{}\n",
      id, target, keys);
}

std::string root_certificate(std::string_view id, std::int64_t not_after) {
  testing::TestCertificateSpec spec;
  spec.common_name = "Example Root";
  spec.not_before = kJan2027 - 365 * kDay;
  spec.not_after = not_after;
  const auto identity = testing::make_test_identity(spec);
  return fmt::format(
      "[profile]\nid = \"{}\"\n\n[target]\nplatforms = {{ iOS = \"17.0\" }}\n\n[payload.root]\n"
      "type = \"com.apple.security.root\"\nPayloadContent = {{ base64 = \"{}\" }}\n",
      id, encode_base64(identity.certificate_der));
}

struct Fixture {
  testing::PipelineRun run;
  std::vector<const ir::Profile*> profiles;
  schema::SchemaSet schemas = schema::SchemaSet::embedded();
};

std::unique_ptr<Fixture> compile(std::initializer_list<std::pair<std::string, std::string>> files) {
  MemoryFileSystem fs;
  for (const auto& [path, text] : files) fs.add_file(path, text);
  auto f = std::make_unique<Fixture>();
  f->run = testing::compile_tree(fs, "repo");
  for (const CompiledProfile& c : f->run.result.profiles) f->profiles.push_back(&c.profile);
  return f;
}

report::ReportModel model_of(const Fixture& f, const report::Baseline* baseline = nullptr, std::int64_t as_of = 0) {
  report::ReportInputs inputs;
  inputs.profiles = f.profiles;
  inputs.schemas = &f.schemas;
  inputs.baseline = baseline;
  inputs.as_of = as_of;
  return report::build_report_model(inputs);
}

TEST(ReportModelTest, KindsOfDeviceThatGetTheSameProfilesAreOne) {
  auto f = compile(
      {{"repo/all.toml", restrictions("com.example.all", "platforms = { iOS = \"17.0\" }", "allowCamera = true")},
       {"repo/supervised.toml",
        restrictions("com.example.sup", "platforms = { iOS = \"17.0\" }\nsupervised = true", "allowCamera = false")}});
  ASSERT_EQ(f->profiles.size(), 2u);
  const auto model = model_of(*f);
  ASSERT_EQ(model.device_classes.size(), 2u);
  EXPECT_EQ(report::describe_device_class(model.device_classes[0]),
            "iOS: device or automated enrollment, unsupervised");
  EXPECT_EQ(report::describe_device_class(model.device_classes[1]), "iOS: device or automated enrollment, supervised");
  EXPECT_EQ(model.device_classes[0].policy.profiles.size(), 1u);
  EXPECT_TRUE(model.device_classes[0].conflicts.empty());
  // The supervised iPhone gets both: allowCamera is set twice, false wins.
  ASSERT_EQ(model.device_classes[1].conflicts.size(), 1u);
  const auto& camera = model.device_classes[1].policy.settings[model.device_classes[1].conflicts[0]];
  EXPECT_EQ(camera.key, "allowCamera");
  EXPECT_EQ(camera.rule, "boolean-and");
  EXPECT_EQ(model.profiles.size(), 2u);
  EXPECT_EQ(model.profiles[1].target, "iOS 17.0; supervised; device enrollment");
}

TEST(ReportModelTest, OneProfileForEveryDeviceIsOneClassPerPlatform) {
  auto f = compile({{"repo/all.toml",
                     restrictions("com.example.all", "platforms = { macOS = \"14.0\" }", "allowCamera = true")}});
  const auto model = model_of(*f);
  ASSERT_EQ(model.device_classes.size(), 1u);
  EXPECT_EQ(report::describe_device_class(model.device_classes[0]),
            "macOS: device or automated enrollment, supervised or not");
}

TEST(ReportModelTest, BaselineSettingsAreMetOverriddenOrMissed) {
  auto f = compile({{"repo/passcode.toml",
                     "[profile]\nid = \"com.example.passcode\"\n\n[target]\nplatforms = { iOS = \"17.0\" }\n\n"
                     "[payload.passcode]\ntype = \"com.apple.mobiledevice.passwordpolicy\"\n"
                     "forcePIN = true\nminLength = 4\n"}});
  MemoryFileSystem files;
  const auto baseline = report::load_baseline("passcode/baseline", files, f->schemas);
  ASSERT_TRUE(baseline) << baseline.error();
  EXPECT_EQ(baseline->name, "stdlib:passcode/baseline");
  EXPECT_EQ(baseline->payload_type, "com.apple.mobiledevice.passwordpolicy");
  ASSERT_EQ(baseline->settings.size(), 5u);  // not the payload's PayloadIdentifier, PayloadUUID, ...
  const auto model = model_of(*f, &*baseline);
  ASSERT_EQ(model.device_classes.size(), 1u);
  const auto& rows = model.device_classes[0].baseline;
  ASSERT_EQ(rows.size(), 5u);
  std::map<std::string, report::BaselineStatus> status;
  for (const auto& row : rows) status[row.setting->key] = row.status;
  EXPECT_EQ(status["forcePIN"], report::BaselineStatus::kMeets);
  EXPECT_EQ(status["minLength"], report::BaselineStatus::kOverrides);
  EXPECT_EQ(status["maxFailedAttempts"], report::BaselineStatus::kMisses);
}

TEST(ReportModelTest, ABaselineForAnotherPlatformDoesNotApply) {
  auto f = compile({{"repo/r.toml",
                     restrictions("com.example.r", "platforms = { iOS = \"17.0\" }", "allowCamera = true")}});
  MemoryFileSystem files;
  const auto baseline = report::load_baseline("stdlib:restrictions/macos-baseline", files, f->schemas);
  ASSERT_TRUE(baseline) << baseline.error();
  const auto model = model_of(*f, &*baseline);
  ASSERT_EQ(model.device_classes.size(), 1u);
  EXPECT_FALSE(model.device_classes[0].baseline_applies);
  EXPECT_TRUE(model.device_classes[0].baseline.empty());
}

TEST(ReportModelTest, ABaselineFileAndItsErrors) {
  auto f = compile({});
  MemoryFileSystem files;
  files.add_file("frag/pass.toml",
                 "[fragment]\ntype = \"com.apple.mobiledevice.passwordpolicy\"\n\n[keys]\nminLength = 8\n");
  files.add_file("frag/bad.toml", "[fragment]\ntype = \"com.apple.mobiledevice.passwordpolicy\"\n[keys\n");
  const auto baseline = report::load_baseline("frag/pass.toml", files, f->schemas);
  ASSERT_TRUE(baseline) << baseline.error();
  ASSERT_EQ(baseline->settings.size(), 1u);
  EXPECT_EQ(baseline->settings[0].key, "minLength");
  EXPECT_EQ(baseline->settings[0].span.path_or_empty(), "frag/pass.toml");
  EXPECT_EQ(baseline->settings[0].span.begin.line, 5u);
  const auto bad = report::load_baseline("frag/bad.toml", files, f->schemas);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().find("frag/bad.toml:3:"), std::string::npos) << bad.error();
  const auto missing = report::load_baseline("no/such-baseline", files, f->schemas);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().find("neither a stdlib fragment"), std::string::npos) << missing.error();
}

TEST(ReportModelTest, CertificatesAreJudgedOnTheGivenDay) {
  auto f = compile({{"repo/valid.toml", root_certificate("com.example.valid", kJan2027 + 400 * kDay)},
                    {"repo/soon.toml", root_certificate("com.example.soon", kJan2027 + 10 * kDay)},
                    {"repo/old.toml", root_certificate("com.example.old", kJan2027 - kDay)}});
  ASSERT_EQ(f->profiles.size(), 3u);
  const auto undated = model_of(*f);
  ASSERT_EQ(undated.certificates.size(), 3u);
  for (const auto& c : undated.certificates) EXPECT_EQ(c.status, report::CertificateStatus::kUndated);
  const auto model = model_of(*f, nullptr, kJan2027);
  std::map<std::string, report::CertificateRow> by_profile;
  for (const auto& c : model.certificates) by_profile[c.profile] = c;
  EXPECT_EQ(by_profile["repo/valid.toml"].status, report::CertificateStatus::kValid);
  EXPECT_EQ(by_profile["repo/valid.toml"].days_left, 400);
  EXPECT_EQ(by_profile["repo/soon.toml"].status, report::CertificateStatus::kExpiring);
  EXPECT_EQ(by_profile["repo/soon.toml"].days_left, 10);
  EXPECT_EQ(by_profile["repo/old.toml"].status, report::CertificateStatus::kExpired);
  ASSERT_TRUE(by_profile["repo/old.toml"].info.has_value());
  EXPECT_EQ(by_profile["repo/old.toml"].info->subject, "CN=Example Root");
}

TEST(RenderHtmlTest, EverySectionUserTextEscapedSameBytes) {
  std::string policy = restrictions("com.example.a", "platforms = { iOS = \"17.0\" }", "allowCamera = true");
  policy.insert(policy.find("\n") + 1, "name = \"Team <A> & 'co'\"\n");
  auto f = compile({{"repo/a.toml", policy}});
  ASSERT_EQ(f->profiles.size(), 1u);
  report::ReportInputs inputs;
  inputs.profiles = f->profiles;
  inputs.schemas = &f->schemas;
  inputs.title = "Acme & <Co>";
  const std::string html = report::render_html(report::build_report_model(inputs));
  for (const auto& section : report::kSections) {
    EXPECT_NE(html.find(fmt::format(R"(<section id="{0}" data-section="{0}">)", section.id)), std::string::npos)
        << section.id;
  }
  EXPECT_NE(html.find("<title>Acme &amp; &lt;Co&gt;</title>"), std::string::npos);
  EXPECT_NE(html.find("Team &lt;A&gt; &amp; &#39;co&#39;"), std::string::npos);
  EXPECT_EQ(html.find("Team <A>"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);  // nothing outside the file
  EXPECT_EQ(html, report::render_html(report::build_report_model(inputs)));
}

}  // namespace
}  // namespace profilec
