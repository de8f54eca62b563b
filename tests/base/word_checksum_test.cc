#include "base/word_checksum.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace profilec {
namespace {

TEST(WordChecksum, EveryBitFlippedChangesIt) {
  std::string bytes;
  for (int i = 0; i < 37; ++i) bytes += static_cast<char>(i * 7 + 1);  // four words and a tail of five
  const std::uint64_t sum = word_checksum(bytes);
  EXPECT_EQ(word_checksum(std::string(bytes)), sum);
  std::set<std::uint64_t> seen{sum};
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string changed = bytes;
      changed[at] = static_cast<char>(changed[at] ^ (1 << bit));
      EXPECT_TRUE(seen.insert(word_checksum(changed)).second) << at << " " << bit;
    }
  }
}

// Two bits changed, anywhere in the first three words: never unseen (a
// first version missed a word's top bit changed with the next word's bit
// 27 or 28).
TEST(WordChecksum, EveryTwoBitsFlippedChangeIt) {
  std::string bytes(24, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 37 + 11);
  const std::uint64_t sum = word_checksum(bytes);
  int unseen = 0;
  for (std::size_t a = 0; a < bytes.size() * 8; ++a) {
    for (std::size_t b = a + 1; b < bytes.size() * 8; ++b) {
      std::string changed = bytes;
      changed[a / 8] = static_cast<char>(changed[a / 8] ^ (1 << (a % 8)));
      changed[b / 8] = static_cast<char>(changed[b / 8] ^ (1 << (b % 8)));
      if (word_checksum(changed) == sum) ++unseen;
    }
  }
  EXPECT_EQ(unseen, 0);
}

TEST(WordChecksum, LengthCountsEvenForZeroBytes) {
  std::set<std::uint64_t> seen;
  for (std::size_t n = 0; n <= 17; ++n) EXPECT_TRUE(seen.insert(word_checksum(std::string(n, '\0'))).second) << n;
}

}  // namespace
}  // namespace profilec
