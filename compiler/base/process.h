// Running another program and collecting what it prints (`diff` reads git
// revisions through git itself). POSIX only: posix_spawnp, pipes and poll,
// no shell, so no argument is ever interpreted by one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/expected.h"
#include "base/file_system.h"

namespace profilec {

struct ProcessResult {
  int exit_code = 0;  // the program's exit status; 128 + N when signal N ended it
  std::string out;    // standard output
  std::string err;    // standard error
};

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  // Runs argv[0] (looked up in PATH) with `input` on its standard input
  // and waits for it. An IoError (path: argv[0]) only when the program
  // could not be started or its pipes failed; a program that ran and
  // failed is a result with its exit code.
  virtual Expected<ProcessResult, IoError> run(const std::vector<std::string>& argv, std::string_view input) const = 0;
};

// Spawns real processes in the current directory. Input is written while
// output is read (poll), so neither side waits on a full pipe whatever the
// sizes. SIGPIPE is ignored while the input is written (a program that
// exits before reading all of it is an ordinary result), and restored.
class PosixProcessRunner final : public ProcessRunner {
 public:
  Expected<ProcessResult, IoError> run(const std::vector<std::string>& argv, std::string_view input) const override;
};

}  // namespace profilec
