// What the plist readers accept at most, so that hostile or broken input
// gets one clear error instead of exhausting memory or the stack
// (docs/reading.md, "Limits").
#pragma once

#include <cstddef>

namespace profilec {

// Arrays and dictionaries nested deeper than this are refused. Real
// profiles stay under 10 levels; 512 leaves room for any generator while
// keeping the recursive stages after the reader (checks, writer) far from
// the end of the stack.
inline constexpr std::size_t kMaxPlistDepth = 512;

// Larger files are refused before they are parsed. The largest real
// profiles (embedded certificates, app bundles in <data>) stay under a few
// MiB.
inline constexpr std::size_t kMaxPlistBytes = std::size_t{64} * 1024 * 1024;

// A binary plist may share objects between containers; expanded into a
// tree, it may hold at most this many values (a few shared arrays would
// otherwise describe 2^500 of them).
inline constexpr std::size_t kMaxPlistValues = std::size_t{16} * 1024 * 1024;

}  // namespace profilec
