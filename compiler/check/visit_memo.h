// What the rules work out once and share while the walker shows them one
// profile (the target rules' platforms and platform facts:
// rules/target_facts.h), kept here so that the visits stay plain data. The
// walker owns one per profile it walks: a file's walk runs on one thread,
// and nothing in it is shared between threads.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <vector>

#include "check/rule.h"

namespace profilec::check {

class VisitMemo {
 public:
  // A key's FactChain on one platform, for the value being shown.
  struct Facts {
    bool known = false;   // worked out for this value
    bool exists = false;  // the key has facts (keys every payload has do not)
    FactChain chain;      // keeps its capacity from value to value
  };

  // The platforms the profile's [target] names, once worked out.
  std::optional<std::vector<TargetedPlatform>>& platforms() { return platforms_; }

  // The facts of `visit` on `platform`; unknown until worked out for it.
  Facts& facts(const ValueVisit& visit, schema::Platform platform) {
    if (&visit != value_) start_value(visit);
    return facts_[static_cast<std::size_t>(platform)];
  }

  // Called by the walker before it shows a value to the rules: the facts
  // worked out so far were another value's (a visit's address is no proof,
  // as siblings take turns at one place on the stack).
  void start_value(const ValueVisit& visit) {
    value_ = &visit;
    for (Facts& f : facts_) f.known = false;
  }

 private:
  std::optional<std::vector<TargetedPlatform>> platforms_;
  const ValueVisit* value_ = nullptr;
  std::array<Facts, schema::kPlatformCount> facts_;
};

}  // namespace profilec::check
