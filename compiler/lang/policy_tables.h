// The names of the policy language that are not [profile] fields
// (lang/profile_fields.def has those): its top-level tables, the fields of
// [target] and their words, a payload table's own fields. Parsing reads
// them, and the language server completes from them.
#pragma once

#include <array>
#include <string_view>

namespace profilec::lang {

inline constexpr std::array<std::string_view, 3> kTopLevelTables = {"profile", "target", "payload"};
inline constexpr std::array<std::string_view, 2> kProfileTableFields = {"omit", "extra"};
inline constexpr std::array<std::string_view, 5> kTargetFields = {"platforms", "supervised", "enrollment",
                                                                  "shared_ipad", "install"};
inline constexpr std::array<std::string_view, 3> kEnrollmentWords = {"device", "user", "automated"};
inline constexpr std::array<std::string_view, 2> kInstallWords = {"mdm", "manual"};
// A [payload.NAME] table's own fields; every other key is the payload's.
inline constexpr std::array<std::string_view, 3> kPayloadTableFields = {"type", "use", "omit"};

}  // namespace profilec::lang
