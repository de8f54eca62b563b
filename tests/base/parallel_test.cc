// parallel_for: every item once, in its own slot, on any thread count; an
// exception reaches the caller instead of ending the process.
#include "base/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace profilec {
namespace {

TEST(ParallelFor, CallsEveryItemOnceWhateverTheThreadCount) {
  for (unsigned jobs : {0u, 1u, 2u, 8u, 64u}) {
    for (std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{1000}}) {
      std::vector<int> calls(count, 0);
      parallel_for(count, jobs, [&](std::size_t i) { ++calls[i]; });
      for (std::size_t i = 0; i < count; ++i) EXPECT_EQ(calls[i], 1) << "jobs " << jobs << " item " << i;
    }
  }
}

TEST(ParallelFor, UsesSeveralThreadsWhenAsked) {
  std::mutex mutex;
  std::vector<std::thread::id> seen;
  std::atomic<int> waiting{0};
  parallel_for(2, 2, [&](std::size_t) {
    {
      std::lock_guard lock(mutex);
      seen.push_back(std::this_thread::get_id());
    }
    // Both items are in flight at once only if two threads run them.
    ++waiting;
    for (int spin = 0; waiting.load() < 2 && spin < 2000000; ++spin) std::this_thread::yield();
  });
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_NE(seen[0], seen[1]);
}

TEST(ParallelFor, AnExceptionReachesTheCaller) {
  for (unsigned jobs : {1u, 2u, 8u}) {
    std::atomic<int> started{0};
    EXPECT_THROW(parallel_for(1000, jobs,
                              [&](std::size_t i) {
                                ++started;
                                if (i == 10) throw std::runtime_error("item 10");
                                // Later items take a while, so the other threads cannot
                                // run all of them before the failing one stops the work,
                                // however the scheduler treats it (it was flaky on a
                                // loaded machine without this).
                                if (i > 10) std::this_thread::sleep_for(std::chrono::milliseconds(1));
                              }),
                 std::runtime_error)
        << "jobs " << jobs;
    // Items after the failure are not all started (the threads stop taking work).
    EXPECT_LT(started.load(), 1000) << "jobs " << jobs;
  }
}

}  // namespace
}  // namespace profilec
