// What a command built up and the process is about to exit with: freeing
// it node by node (10,000 profiles with their spans, the source texts, the
// result cache) is work whose only effect is on memory the exit returns at
// once. A command hands such values here as its last step; they stay
// reachable until the exit (so a leak checker sees no leak) and are never
// destroyed. Only the CLI uses this, and only on its way out.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <utility>

namespace profilec::cli {

namespace detail {
// Raw pointers in an array without a destructor: still holding them when a
// leak checker looks, after the static destructors.
inline std::array<void*, 16> left_values{};
inline std::atomic<std::size_t> left_count{0};
}  // namespace detail

// Moves `value` out of the caller's scope into storage that lives until the
// process exits; past the first 16 values, `value` is left as it is.
template <typename T>
void leave_to_exit(T& value) {
  const std::size_t slot = detail::left_count.fetch_add(1);
  if (slot >= detail::left_values.size()) return;
  detail::left_values[slot] = new T(std::move(value));
}

}  // namespace profilec::cli
