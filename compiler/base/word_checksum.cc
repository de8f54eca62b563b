#include "base/word_checksum.h"

#include <bit>
#include <cstring>

namespace profilec {
namespace {

// xxHash64's primes and round: each word is multiplied before it meets the
// state, and the state after, so the difference one changed word makes
// depends on the data and the next word cannot cancel it. (A first version,
// the state xor the word times a prime then rotated, left a change of a
// word's top bit as one fixed bit that a change of the next word's bit 27
// or 28 undid: two bits of damage the checksum did not see.)
constexpr std::uint64_t kPrime1 = 0x9E3779B185EBCA87ULL;
constexpr std::uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;
constexpr std::uint64_t kPrime3 = 0x165667B19E3779F9ULL;

std::uint64_t round(std::uint64_t state, std::uint64_t word) { return std::rotl(state + word * kPrime2, 31) * kPrime1; }

}  // namespace

std::uint64_t word_checksum(std::string_view bytes) {
  std::uint64_t hash = bytes.size() * kPrime3;
  std::size_t at = 0;
  for (; at + 8 <= bytes.size(); at += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes.data() + at, 8);
    hash = round(hash, word);
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, bytes.data() + at, bytes.size() - at);
  hash = round(hash, tail);
  hash ^= hash >> 33;
  hash *= kPrime2;
  hash ^= hash >> 29;
  hash *= kPrime3;
  return hash ^ (hash >> 32);
}

}  // namespace profilec
