// Making written files durable before and after they are renamed into
// place (DiskFileSystem::write_files_atomically, docs/robustness.md): after
// a crash or a power loss every output is its old bytes or its complete new
// bytes. Two ways, chosen by platform_calls() (base/platform.h):
//
// - kFileSystem (Linux): syncfs(2) once per file system before the renames
//   (every temporary file's data) and once after (the renames): two calls
//   however many files were written.
// - kEachFile (POSIX): fsync(2) of each temporary file before the renames,
//   and of each folder that received a rename after them (POSIX makes a
//   rename durable only through its folder). On macOS fsync leaves the data
//   in the drive's cache; fcntl(F_FULLFSYNC) is used where it exists, so a
//   power loss keeps the promise there too.
#pragma once

#include <optional>
#include <string>

#include "base/file_system.h"

namespace profilec {

enum class FlushMethod {
  kFileSystem,  // syncfs: Linux only
  kEachFile,    // fsync (F_FULLFSYNC) of each file and folder: POSIX
};

// kFileSystem when platform_calls() is kLinux, else kEachFile.
FlushMethod default_flush_method();

// Flushes the whole file system holding `path` (syncfs). On a system
// without syncfs, an IoError ("syncfs is not available here").
std::optional<IoError> flush_file_system(const std::string& path);

// Flushes one open file or folder to the device (F_FULLFSYNC where the
// system has it, else fsync): 0, or the errno it failed with.
int flush_descriptor(int fd);

// flush_descriptor of the file or folder `path`.
std::optional<IoError> flush_one(const std::string& path);

}  // namespace profilec
