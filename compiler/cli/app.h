#pragma once

namespace profilec::cli {

// Parses argv, runs the subcommand, returns the process exit code. Never
// throws.
int run(int argc, char** argv);

}  // namespace profilec::cli
