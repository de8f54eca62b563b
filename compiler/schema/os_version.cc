#include "schema/os_version.h"

#include <fmt/format.h>

#include <charconv>

namespace profilec::schema {

std::optional<OsVersion> OsVersion::parse(std::string_view text) {
  if (text == "n/a") return not_available();
  if (text == "all") return since_first();
  OsVersion version;
  std::size_t part = 0;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  while (true) {
    if (part == 3 || p == end) return std::nullopt;
    int value = 0;
    const auto result = std::from_chars(p, end, value);
    if (result.ec != std::errc() || value < 0) return std::nullopt;
    version.parts_[part++] = value;
    p = result.ptr;
    if (p == end) break;
    if (*p != '.') return std::nullopt;
    ++p;
  }
  return version;
}

OsVersion OsVersion::not_available() {
  OsVersion v;
  v.kind_ = Kind::kNotAvailable;
  return v;
}

OsVersion OsVersion::since_first() {
  OsVersion v;
  v.kind_ = Kind::kSinceFirst;
  return v;
}

std::string OsVersion::text() const {
  switch (kind_) {
    case Kind::kNotAvailable: return "n/a";
    case Kind::kSinceFirst: return "all";
    case Kind::kVersion: break;
  }
  if (parts_[2] != 0) return fmt::format("{}.{}.{}", parts_[0], parts_[1], parts_[2]);
  return fmt::format("{}.{}", parts_[0], parts_[1]);
}

std::strong_ordering OsVersion::operator<=>(const OsVersion& other) const {
  const auto rank = [](Kind k) { return k == Kind::kSinceFirst ? 0 : k == Kind::kVersion ? 1 : 2; };
  if (kind_ != other.kind_) return rank(kind_) <=> rank(other.kind_);
  return parts_ <=> other.parts_;
}

}  // namespace profilec::schema
