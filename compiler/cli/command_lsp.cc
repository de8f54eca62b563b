#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/load_schemas.h"
#include "cli/report.h"
#include "cli/signing_options.h"
#include "lsp/server.h"

namespace profilec::cli {

std::function<int()> setup_lsp(CLI::App* /*sub: no options*/, const GlobalOptions& globals) {
  return [&globals]() -> int {
    auto schemas = load_schemas(globals);
    if (!schemas) return static_cast<int>(kExitUsage);
    // The certificate clock `check` uses (PROFILEC_NOW), warning 30 days ahead.
    auto expiry = expiry_policy(CertificateClock{});
    if (!expiry) return static_cast<int>(kExitUsage);
    DiskFileSystem files;
    ProcessEnvironment environment;
    lsp::Server server(lsp::ServerOptions{files, environment, *schemas, *expiry, tool_info()});
    // The protocol's bytes, unchanged: no locale, no newline translation.
    std::ios::sync_with_stdio(false);
    return server.run(std::cin, std::cout);
  };
}

}  // namespace profilec::cli
