// OS versions as the schemas write them: "17.0", "10.13.4", "n/a" (not
// available on the platform), "all" (since the first version).
#pragma once

#include <array>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace profilec::schema {

class OsVersion {
 public:
  static std::optional<OsVersion> parse(std::string_view text);
  static OsVersion not_available();
  static OsVersion since_first();

  bool is_not_available() const { return kind_ == Kind::kNotAvailable; }
  std::string text() const;

  // Orders real versions numerically ("10.9" < "10.13"); "all" is before
  // every version. Not meaningful for n/a.
  std::strong_ordering operator<=>(const OsVersion& other) const;
  bool operator==(const OsVersion& other) const { return (*this <=> other) == 0; }

 private:
  enum class Kind { kVersion, kNotAvailable, kSinceFirst };
  Kind kind_ = Kind::kVersion;
  std::array<int, 3> parts_{};
};

}  // namespace profilec::schema
