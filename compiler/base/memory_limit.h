// The memory one run may take (issue 15): a limit on the process's data
// (heap and anonymous mappings, RLIMIT_DATA), so that hostile or enormous
// input ends in a clear error (std::bad_alloc, reported by the CLI) rather
// than in the kernel's OOM killer or in other jobs' memory. docs/robustness.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace profilec {

// 4 GiB: the largest input profilec accepts needs well under half of it
// (docs/performance.md, "Memory"), a repository of 10,000 policies 135 MiB.
inline constexpr std::uint64_t kDefaultMemoryLimit = std::uint64_t{4} << 30;

// Where the limit comes from: the --memory-limit option, else the
// PROFILEC_MEMORY_LIMIT variable, else the default.
inline constexpr std::string_view kMemoryLimitVariable = "PROFILEC_MEMORY_LIMIT";

// "4096" (MiB), "512M", "8G", "1T" (case-insensitive, an optional "B" or
// "iB" after the unit: "8GiB"), or "0" / "none" for no limit. nullopt when
// the text is none of these or the size does not fit 64 bits. 0 means no
// limit.
std::optional<std::uint64_t> parse_memory_size(std::string_view text);

// "4 GiB", "512 MiB", "1536 MiB": how a limit is named in messages.
std::string format_memory_size(std::uint64_t bytes);

// True in builds with AddressSanitizer or ThreadSanitizer, whose shadow
// memory is mapped up front: a data limit would stop them before main.
bool memory_limit_unsupported();

// Lowers the process's RLIMIT_DATA to `bytes` (0: leaves it as it is; a
// limit already lower, such as `ulimit -d`, stands). An empty string, or the
// system's reason it could not be set.
std::string apply_memory_limit(std::uint64_t bytes);

// The RLIMIT_DATA in force, in bytes; 0 when there is none.
std::uint64_t current_memory_limit();

}  // namespace profilec
