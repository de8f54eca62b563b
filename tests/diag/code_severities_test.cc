#include "diag/code_severities.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace profilec {
namespace {

Diagnostic reported(DiagnosticCode code) {
  Diagnostics d;
  d.report(code, {}, "message");
  return d.all().front();
}

TEST(CodeSeveritiesTest, TakesASeverityCodesDefAllows) {
  Diagnostic d = reported(DiagnosticCode::PC1001);  // error; warning or note in the cases codes.def names
  regrade(d, Severity::kNote);
  EXPECT_EQ(d.severity, Severity::kNote);
  regrade(d, Severity::kWarning);
  EXPECT_EQ(d.severity, Severity::kWarning);
  regrade(d, Severity::kError);  // the default is always allowed
  EXPECT_EQ(d.severity, Severity::kError);
}

TEST(CodeSeveritiesTest, RefusesASeverityCodesDefDoesNotAllow) {
  Diagnostic d = reported(DiagnosticCode::PC0001);  // error, and nothing else
  EXPECT_THROW(regrade(d, Severity::kWarning), std::logic_error);
  EXPECT_EQ(d.severity, Severity::kError);
  Diagnostic uuid = reported(DiagnosticCode::PC1011);  // warning, or note: never error
  EXPECT_THROW(regrade(uuid, Severity::kError), std::logic_error);
  EXPECT_NO_THROW(regrade(uuid, Severity::kNote));
}

TEST(CodeSeveritiesTest, EveryLineOfCodesDefBelongsToItsCodeAndDiffersFromTheDefault) {
  std::size_t varying = 0, lines = 0;
  for (const DiagnosticInfo& rule : all_diagnostics()) {
    for (const SeverityVariation& v : other_severities(rule.code)) {
      EXPECT_EQ(v.code, rule.code) << rule.id;
      EXPECT_NE(v.severity, rule.default_severity) << rule.id << ": a variation to its own default";
      EXPECT_TRUE(v.when.starts_with("for ") || v.when.starts_with("when ") || v.when.starts_with("in "))
          << rule.id << ": '" << v.when << "' does not read after the severity";
      ++lines;
    }
    varying += other_severities(rule.code).empty() ? 0 : 1;
  }
  EXPECT_EQ(lines, all_severity_variations().size()) << "a PROFILEC_SEVERITY line is not with its code's others";
  // The codes whose rules regrade a finding (grep 'regrade(' compiler/): 18 when this was written, 19 with
  // PC6020 across policies.
  EXPECT_EQ(varying, 19u);
}

TEST(CodeSeveritiesTest, SeverityDescriptionListsTheVariationsInOrder) {
  EXPECT_EQ(severity_description(info(DiagnosticCode::PC0001)), "error");
  EXPECT_EQ(severity_description(info(DiagnosticCode::PC1010)), "error (warning for a `<real>`)");
  EXPECT_EQ(severity_description(info(DiagnosticCode::PC1001)),
            "error (warning for a custom preference domain on a profile that cannot reach a Mac; note for an Apple "
            "type profilec cannot place; warning for such an Apple type on a profile that cannot reach a Mac)");
}

}  // namespace
}  // namespace profilec
