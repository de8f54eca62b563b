// Runs independent work items on several threads. Each item writes only its
// own slot, so results come out in input order whatever the thread count:
// the output of a run never depends on -j.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace profilec {

// The thread count for "every core" (-j 0 or no -j).
inline unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

// Calls work(i) once for every i in [0, count), on up to `jobs` threads
// (the calling thread is one of them). jobs 0 means default_jobs().
// `work` must be safe to call concurrently for different i. If it throws,
// no further item is started, every thread is joined, and the first
// exception is rethrown here, as a serial loop would (never std::terminate).
template <typename Work>
void parallel_for(std::size_t count, unsigned jobs, Work&& work) {
  if (jobs == 0) jobs = default_jobs();
  const std::size_t threads = std::min<std::size_t>(jobs, count);
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) work(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  auto drain = [&] {
    for (std::size_t i = next.fetch_add(1, std::memory_order_relaxed); i < count;
         i = next.fetch_add(1, std::memory_order_relaxed)) {
      try {
        work(i);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next.store(count, std::memory_order_relaxed);  // start nothing more
        return;
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  try {
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(drain);
  } catch (const std::system_error&) {
    // No more threads to be had: the ones running (and this one) finish the work.
  }
  drain();
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace profilec
