// Transparent huge pages for the heap of a large run (docs/performance.md,
// "Huge pages for the heap"). A build over 10,000 policies touches some
// 100 MB of fresh heap; in 4 KiB pages that is 25,000 page faults, and on a
// virtual machine a fault costs tens of microseconds, a third of such a
// run. glibc puts malloc's heap in huge pages only when GLIBC_TUNABLES says
// so as the process starts (glibc.malloc.hugetlb=1, glibc 2.35 and later),
// so `build` and `check` restart profilec once with it when the folders
// they walk hold kHugePagesFromFiles files or more and the kernel gives
// huge pages on request (transparent_hugepage "madvise"). The restart (a
// second start-up, then 2 MB pages zeroed at first touch) costs some 12 ms
// here: a small repository is faster without it.
// The restarted process puts GLIBC_TUNABLES back as it was before anything
// reads the environment: policies, fragments and the programs profilec runs
// see the user's environment. PROFILEC_HUGE_PAGES=0 turns it off.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/environment.h"

namespace profilec::cli {

inline constexpr std::string_view kHugePagesVariable = "PROFILEC_HUGE_PAGES";
// Set for the restarted process only: "-" when GLIBC_TUNABLES was unset,
// else "=" and its value.
inline constexpr std::string_view kRestartedVariable = "PROFILEC_RESTARTED_WITH_HUGE_PAGES";
inline constexpr std::string_view kHugePagesTunable = "glibc.malloc.hugetlb=1";
// Where the restart pays: about 26 us of a rebuild (14 us of a check) a
// policy saved against its 12 ms (docs/performance.md).
inline constexpr std::size_t kHugePagesFromFiles = 1000;

enum class HugePages {
  kRestart,      // restart with the tunable
  kRestarted,    // this process is the restarted one
  kChosen,       // GLIBC_TUNABLES already names glibc.malloc.hugetlb: the user's choice stands
  kOff,          // PROFILEC_HUGE_PAGES=0
  kSmall,        // fewer than kHugePagesFromFiles files to walk
  kUnavailable,  // not glibc 2.35+, a sanitizer build, LD_PRELOAD set, or the kernel's setting is not "madvise"
};

// What a run that will hold a large heap does. `thp_setting`: the text of
// /sys/kernel/mm/transparent_hugepage/enabled ("" when unreadable), whose
// bracketed word is the kernel's setting; `allocator_takes_tunable`: a glibc
// 2.35+ build without a sanitizer (whose allocator is its own); `files`: how
// many files the run's folders hold (counted up to kHugePagesFromFiles).
HugePages huge_pages_choice(const Environment& environment, std::string_view thp_setting, bool allocator_takes_tunable,
                            std::size_t files);

// The files below the folders among `paths`, counted up to `at_most`;
// hidden files and folders (.git) are skipped, as the folder walk skips them.
std::size_t count_files_up_to(const std::vector<std::string>& paths, std::size_t at_most);

// GLIBC_TUNABLES for the restart: the user's, with the tunable added.
std::string tunables_with_huge_pages(const Environment& environment);

// Restarts this process (/proc/self/exe with `argv`) with huge pages when
// huge_pages_choice says so for a run over `paths`; returns when it does
// not, or when the restart failed (the run goes on as it is). Only before
// the run has done anything.
void restart_with_huge_pages(char** argv, const std::vector<std::string>& paths);

// First thing in every run: in the restarted process, GLIBC_TUNABLES as
// the user had it, and the marker gone.
void restore_environment_after_restart();

}  // namespace profilec::cli
