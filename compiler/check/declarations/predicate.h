// The predicate of an activation (com.apple.activation.simple, `Predicate`):
// an NSPredicate format string (Apple's "Predicate Programming Guide") that
// the device evaluates against its status items (`@status(name)`) and the
// management properties (`@property(name)`) before it installs the
// activation's configurations. A predicate that does not parse makes the
// activation fail on the device, so it is checked here, with the offset of
// the first problem. What is accepted is written in docs/ddm.md
// ("Activation predicates").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace profilec::check {

// A name a predicate reads: @status(device.model.family) or @property(name).
struct PredicateReference {
  enum class Kind { kStatusItem, kProperty };
  Kind kind = Kind::kStatusItem;
  std::string name;        // without surrounding blanks
  std::size_t offset = 0;  // of the name's first byte in the predicate
  std::size_t length = 0;  // of the name, in bytes
};

struct PredicateError {
  std::size_t offset = 0;  // byte offset in the predicate where the problem is seen
  std::string message;     // lowercase, no final period
};

struct ParsedPredicate {
  std::optional<PredicateError> error;         // the first problem; none when it parses
  std::vector<PredicateReference> references;  // in order of appearance, up to the error
};

// Parses the whole text; never throws. Nesting deeper than a fixed limit is
// an error (as from an untrusted source), not a stack overflow.
ParsedPredicate parse_predicate(std::string_view text);

}  // namespace profilec::check
