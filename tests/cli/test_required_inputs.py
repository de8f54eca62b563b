"""The one switch that turns a skip for a missing input into a failure:
PROFILEC_REQUIRE_TEST_INPUTS=1 (set by .ci/run, where ../shared/corpus and
../shared/upstream are always there). Each skipping runner is run here on an
input that does not exist, with and without the switch: 77 (ctest: skipped)
without it, 1 with it.
"""
import os
import pathlib
import subprocess
import sys
import tempfile
import unittest

HERE = pathlib.Path(__file__).resolve().parent
TESTS = HERE.parent
SKIP = 77


class RequiredInputsTest(unittest.TestCase):
    def setUp(self):
        self.missing = pathlib.Path(tempfile.mkdtemp(prefix="profilec-no-input-")) / "absent"
        self.env = {k: v for k, v in os.environ.items() if k != "PROFILEC_REQUIRE_TEST_INPUTS"}

    def tearDown(self):
        self.missing.parent.rmdir()

    def exit_codes(self, command, env):
        """The exit code of `command` without the switch, then with it."""
        codes = []
        for extra in ({}, {"PROFILEC_REQUIRE_TEST_INPUTS": "1"}):
            result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=dict(env, **extra),
                                    cwd=HERE)
            codes.append(result.returncode)
            self.assertNotIn("Traceback", result.stderr + result.stdout)
        return codes

    def test_upstream_wrapper(self):
        # The command after the data folder would succeed: only the missing data decides.
        command = ["sh", str(TESTS / "schema" / "if_upstream.sh"), str(self.missing), "true"]
        self.assertEqual(self.exit_codes(command, self.env), [SKIP, 1])

    def test_upstream_wrapper_runs_the_command_when_the_data_is_there(self):
        folder = self.missing.parent
        (folder / "profiles").mkdir()
        try:
            for command, expected in ((["true"], 0), (["false"], 1)):
                self.assertEqual(self.exit_codes(["sh", str(TESTS / "schema" / "if_upstream.sh"), str(folder)] +
                                                 command, self.env), [expected, expected])
        finally:
            (folder / "profiles").rmdir()

    def test_corpus_runners(self):
        env = dict(self.env, PROFILEC_CORPUS=str(self.missing), PROFILEC=os.environ.get("PROFILEC", "profilec"),
                   PROFILEC_SOURCE_DIR=str(TESTS.parent))
        for runner in ("test_corpus.py", "test_corpus_repositories.py", "test_import_corpus.py",
                       "test_import_repos.py"):
            with self.subTest(runner=runner):
                self.assertEqual(self.exit_codes([sys.executable, str(HERE / runner)], env), [SKIP, 1])

    def test_neovim_is_required(self):
        # scripts/install-deps installs Debian's neovim: missing, it fails CI.
        env = dict(self.env, PROFILEC=os.environ.get("PROFILEC", "profilec"), PROFILEC_SOURCE_DIR=str(TESTS.parent),
                   PROFILEC_NVIM=str(self.missing))
        self.assertEqual(self.exit_codes([sys.executable, str(TESTS / "lsp" / "test_neovim.py")], env), [SKIP, 1])

    def test_chromium_is_required(self):
        # scripts/install-deps installs Debian's chromium: missing, it fails CI.
        env = dict(self.env, PROFILEC=os.environ.get("PROFILEC", "profilec"), PROFILEC_SOURCE_DIR=str(TESTS.parent),
                   PROFILEC_CHROMIUM=str(self.missing))
        self.assertEqual(self.exit_codes([sys.executable, str(HERE / "test_report_browser.py")], env), [SKIP, 1])

    def test_sarif_schema_is_not_required(self):
        # npm (where the schema comes from) is not on every CI machine: the
        # test stays a visible skip with the switch set.
        env = dict(self.env, PROFILEC=os.environ.get("PROFILEC", "profilec"), PROFILEC_SOURCE_DIR=str(TESTS.parent),
                   PROFILEC_SARIF_SCHEMA=str(self.missing))
        self.assertEqual(self.exit_codes([sys.executable, str(HERE / "test_sarif_schema.py")], env), [SKIP, SKIP])


    def test_workflow_linter_is_not_required(self):
        # Like the SARIF schema, the workflow linter comes from npm.
        env = dict(self.env, PROFILEC=os.environ.get("PROFILEC", "profilec"), PROFILEC_SOURCE_DIR=str(TESTS.parent),
                   PROFILEC_ACTIONLINT_DIR=str(self.missing))
        self.assertEqual(self.exit_codes([sys.executable, str(HERE / "test_workflow_lint.py")], env), [SKIP, SKIP])

if __name__ == "__main__":
    unittest.main()
