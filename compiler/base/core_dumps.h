// Keeping key material out of core files (sign/identity.h,
// protect_key_material; docs/signing.md). Two ways, chosen by
// platform_calls() (base/platform.h):
//
// - kNotDumpable (Linux): prctl(PR_SET_DUMPABLE, 0), which also keeps other
//   processes of the same user from reading this one's memory through /proc
//   or ptrace, and the core size limit set to 0.
// - kCoreLimit (POSIX): the core size limit set to 0 (soft and hard), so
//   no core file is written on a crash. It promises no more: another
//   process of the same user with the rights to attach a debugger (on
//   macOS, the developer tools' entitlement or root) may still read memory.
#pragma once

namespace profilec {

enum class CoreDumpProtection {
  kNotDumpable,  // prctl + the core limit: Linux only
  kCoreLimit,    // the core limit: POSIX
};

// kNotDumpable when platform_calls() is kLinux, else kCoreLimit.
CoreDumpProtection default_core_dump_protection();

// From here on, no core file of this process (and with kNotDumpable, not
// dumpable). Idempotent; true when every part of it held (kNotDumpable
// where prctl does not exist: false).
bool forbid_core_dumps(CoreDumpProtection protection);

}  // namespace profilec
