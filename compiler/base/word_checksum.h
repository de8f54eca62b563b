// A fast checksum of a file's bytes, for the caches profilec writes (the
// manifest cache, manifest/manifest_cache.h; build's result cache,
// project/result_cache.h). Not a cryptographic hash: it tells a damaged
// file, not a forged one (a cache is its user's own). Eight bytes a step,
// in xxHash64's round (two multiplies and a rotation): a run checks the
// whole file, and std::hash's byte-wise loop was a fifth of a warm `check`
// run's instructions (docs/performance.md). The bytes are read as this
// machine keeps a word: a file is checked by the build that wrote it.
#pragma once

#include <cstdint>
#include <string_view>

namespace profilec {

std::uint64_t word_checksum(std::string_view bytes);

}  // namespace profilec
