"""scripts/lint and unity builds: the Makefile's builds are unity builds, whose
compile_commands.json names batches (build/.../Unity/unity_0_cxx.cxx) rather
than the files, so the default path regex would match nothing and the lint
would pass having linted nothing. scripts/lint refuses such a tree (2) before
running clang-tidy, and lints a tree configured file by file
(docs/development.md#ci-time). No file is compiled or linted here: about a
second.

Run by ctest as scripts.lint, with PROFILEC_SOURCE_DIR; a visible skip (77)
where Debian's clang-tidy-14 is not installed (scripts/install-deps --lint).
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

SOURCE = pathlib.Path(os.environ["PROFILEC_SOURCE_DIR"])
SCRIPT = SOURCE / "scripts" / "lint"


def compile_db(folder, files):
    entries = [{"directory": str(folder), "command": f"/usr/bin/c++ -std=c++20 -c {f} -o x.o", "file": str(f)}
               for f in files]
    (pathlib.Path(folder) / "compile_commands.json").write_text(json.dumps(entries, indent=2))


def run(*args):
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=120)


class LintTreeTest(unittest.TestCase):
    def test_a_unity_build_is_refused_before_clang_tidy_runs(self):
        with tempfile.TemporaryDirectory() as tmp:
            batch = pathlib.Path(tmp) / "compiler/base/CMakeFiles/profilec_base.dir/Unity/unity_0_cxx.cxx"
            compile_db(tmp, [SOURCE / "compiler/base/utf8.cc", batch])
            r = run(tmp)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn(f"lint: {tmp} is a unity build", r.stderr)
            self.assertIn("-DCMAKE_UNITY_BUILD=OFF", r.stderr)
            self.assertFalse((pathlib.Path(tmp) / "lint.log").exists())
            self.assertEqual(r.stdout, "")

    def test_a_tree_configured_file_by_file_is_linted(self):
        with tempfile.TemporaryDirectory() as tmp:
            compile_db(tmp, [SOURCE / "compiler/base/utf8.cc"])
            # A regex no file matches: run-clang-tidy starts and lints nothing.
            r = run(tmp, "/no-such-folder/")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("lint: 0 translation units, no findings", r.stdout)
            self.assertTrue((pathlib.Path(tmp) / "lint.log").exists())


if __name__ == "__main__":
    if shutil.which(os.environ.get("CLANG_TIDY", "clang-tidy-14")) is None:
        print("skipped: clang-tidy-14 is not installed (scripts/install-deps --lint)")
        sys.exit(77)
    unittest.main()
