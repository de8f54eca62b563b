#include "cli/huge_pages.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

#include "base/memory_limit.h"

namespace profilec::cli {
namespace {

constexpr const char* kTunablesVariable = "GLIBC_TUNABLES";

// This process is the restarted one (its marker already taken away).
bool restarted = false;

bool allocator_takes_tunable() {
#if defined(__linux__) && defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 35))
  return !memory_limit_unsupported();  // a sanitizer build's allocator is its own
#else
  return false;
#endif
}

std::string kernel_thp_setting() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

HugePages huge_pages_choice(const Environment& environment, std::string_view thp_setting, bool allocator_takes_tunable,
                            std::size_t files) {
  if (environment.get(std::string(kRestartedVariable))) return HugePages::kRestarted;
  if (environment.get(std::string(kHugePagesVariable)) == "0") return HugePages::kOff;
  if (files < kHugePagesFromFiles) return HugePages::kSmall;
  if (!allocator_takes_tunable || thp_setting.find("[madvise]") == std::string_view::npos)
    return HugePages::kUnavailable;
  // A preloaded library may be another allocator (valgrind's, jemalloc),
  // which the tunable does not reach; valgrind would not follow the restart.
  if (const auto preload = environment.get("LD_PRELOAD"); preload && !preload->empty()) return HugePages::kUnavailable;
  const auto tunables = environment.get(kTunablesVariable);
  if (tunables && tunables->find("glibc.malloc.hugetlb=") != std::string::npos) return HugePages::kChosen;
  return HugePages::kRestart;
}

std::string tunables_with_huge_pages(const Environment& environment) {
  const auto tunables = environment.get(kTunablesVariable);
  if (!tunables || tunables->empty()) return std::string(kHugePagesTunable);
  return *tunables + ":" + std::string(kHugePagesTunable);
}

std::size_t count_files_up_to(const std::vector<std::string>& paths, std::size_t at_most) {
  std::size_t files = 0;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!std::filesystem::is_directory(path, ec)) continue;
    for (std::filesystem::recursive_directory_iterator it(path, ec), end; !ec && it != end && files < at_most;
         it.increment(ec)) {
      // As the folder walk: a hidden file or folder (.git) is not looked at.
      if (it->path().filename().string().starts_with('.')) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec)) ++files;
    }
  }
  return std::min(files, at_most);
}

void restart_with_huge_pages(char** argv, const std::vector<std::string>& paths) {
  if (restarted || argv == nullptr) return;
  const ProcessEnvironment environment;
  const std::size_t files = count_files_up_to(paths, kHugePagesFromFiles);
  if (huge_pages_choice(environment, kernel_thp_setting(), allocator_takes_tunable(), files) != HugePages::kRestart)
    return;
  const auto before = environment.get(kTunablesVariable);
  const std::string marker = before ? "=" + *before : "-";
  const std::string tunables = tunables_with_huge_pages(environment);
  if (::setenv(std::string(kRestartedVariable).c_str(), marker.c_str(), 1) != 0) return;
  if (::setenv(kTunablesVariable, tunables.c_str(), 1) == 0) ::execv("/proc/self/exe", argv);
  // No restart (no /proc, a failed exec): this process goes on as it is.
  restore_environment_after_restart();
}

void restore_environment_after_restart() {
  const char* marker = std::getenv(std::string(kRestartedVariable).c_str());
  if (marker == nullptr) return;
  restarted = true;
  const std::string before = marker;
  if (before.starts_with("=")) ::setenv(kTunablesVariable, before.c_str() + 1, 1);
  else ::unsetenv(kTunablesVariable);
  ::unsetenv(std::string(kRestartedVariable).c_str());
}

}  // namespace profilec::cli
