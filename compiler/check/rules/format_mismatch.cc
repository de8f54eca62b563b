// PC1006 format-mismatch: a string that does not match the key's pattern.
//
// Patterns are Apple's, compiled once each with std::regex (ECMAScript). A
// pattern std::regex cannot compile is skipped rather than guessed at; the
// test suite lists every upstream pattern and requires them all to compile.
#include <fmt/format.h>

#include <map>
#include <mutex>
#include <regex>

#include "check/rules/rules.h"

namespace profilec::check::rules {
namespace {

class FormatMismatch final : public Rule {
 public:
  void check_value(const ValueVisit& visit, Diagnostics& diagnostics) const override {
    if (visit.key.format.empty() || !visit.value.is_string() || visit.unknown_secret()) return;
    const std::string& text = visit.value.string();
    if (has_mdm_variable(text)) return;
    const std::regex* pattern = compiled(visit.key.format);
    if (!pattern || std::regex_search(text, *pattern)) return;
    diagnostics.report(DiagnosticCode::PC1006, visit.value.span,
                       fmt::format("'{}' does not match the format Apple gives for it", visit.path),
                       fmt::format("expected a value matching {}", visit.key.format));
  }

  static const std::regex* compiled(const std::string& pattern) {
    static std::mutex mutex;
    static std::map<std::string, std::optional<std::regex>> cache;
    std::lock_guard lock(mutex);
    auto it = cache.find(pattern);
    if (it == cache.end()) {
      std::optional<std::regex> re;
      try {
        re.emplace(pattern, std::regex::ECMAScript);
      } catch (const std::regex_error&) {
      }
      it = cache.emplace(pattern, std::move(re)).first;
    }
    return it->second ? &*it->second : nullptr;
  }
};

}  // namespace

const Rule& format_mismatch() {
  static const FormatMismatch rule;
  return rule;
}

bool format_pattern_compiles(const std::string& pattern) { return FormatMismatch::compiled(pattern) != nullptr; }

}  // namespace profilec::check::rules
