#include "analyze/analyze.h"

#include <algorithm>
#include <tuple>

#include "analyze/index.h"
#include "analyze/rules/rules.h"

namespace profilec::analyze {

void analyze_profiles(const std::vector<const ir::Profile*>& profiles, const schema::SchemaSet& schemas,
                      Diagnostics& diagnostics) {
  const Index index = build_index(profiles, schemas);
  Diagnostics found;
  check_duplicate_profile_identifiers(index, found);
  check_duplicate_uuids(index, found);
  check_duplicate_payload_identifiers(index, found);
  check_dangling_references(index, found);
  check_duplicate_payload_types(index, found);
  check_exclusive_payloads(index, found);
  check_conflicting_values(index, found);
  // By place, so the output does not depend on which rule or hash bucket came first.
  auto& all = found.mutable_all();
  std::stable_sort(all.begin(), all.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::forward_as_tuple(a.span.path_or_empty(), a.span.begin.line, a.span.begin.column) <
           std::forward_as_tuple(b.span.path_or_empty(), b.span.begin.line, b.span.begin.column);
  });
  diagnostics.append(found);
}

}  // namespace profilec::analyze
