#include "base/memory_limit.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <cerrno>
#include <charconv>
#include <cstring>

namespace profilec {

namespace {

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::optional<std::uint64_t> parse_memory_size(std::string_view text) {
  std::string lower;
  for (const char c : text) lower += ascii_lower(c);
  if (lower == "none") return 0;
  std::uint64_t number = 0;
  const auto [end, error] = std::from_chars(lower.data(), lower.data() + lower.size(), number);
  if (error != std::errc() || end == lower.data()) return std::nullopt;
  std::string_view unit(end, static_cast<std::size_t>(lower.data() + lower.size() - end));
  if (unit.ends_with("ib")) unit.remove_suffix(2);
  else if (unit.size() > 1 && unit.ends_with("b")) unit.remove_suffix(1);
  int shift = 0;
  if (unit.empty() || unit == "m") shift = 20;
  else if (unit == "k") shift = 10;
  else if (unit == "g") shift = 30;
  else if (unit == "t") shift = 40;
  else return std::nullopt;
  if (number > (UINT64_MAX >> shift)) return std::nullopt;
  return number << shift;
}

std::string format_memory_size(std::uint64_t bytes) {
  constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;
  constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;
  if (bytes >= kGiB && bytes % kGiB == 0) return fmt::format("{} GiB", bytes / kGiB);
  if (bytes >= kMiB && bytes % kMiB == 0) return fmt::format("{} MiB", bytes / kMiB);
  return fmt::format("{} bytes", bytes);
}

bool memory_limit_unsupported() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
  return true;
#else
  return false;
#endif
#else
  return false;
#endif
}

std::string apply_memory_limit(std::uint64_t bytes) {
  if (bytes == 0) return {};
  rlimit limit{};
  if (getrlimit(RLIMIT_DATA, &limit) != 0) return std::strerror(errno);
  const auto wanted = static_cast<rlim_t>(bytes);
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur <= wanted) return {};  // a lower limit stands (ulimit -d)
  limit.rlim_cur = wanted;
  if (setrlimit(RLIMIT_DATA, &limit) != 0) return std::strerror(errno);
  return {};
}

std::uint64_t current_memory_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_DATA, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 0;
  return static_cast<std::uint64_t>(limit.rlim_cur);
}

}  // namespace profilec
