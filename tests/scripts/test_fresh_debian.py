"""scripts/fresh-debian's refusals, which come before it needs root, the
mirror or debootstrap: a wrong option is a usage error (2), and a folder
that is not empty is refused (1) and left as it was. The proof itself (a
debootstrap chroot running make demo and make test, about 25 minutes) is
run by hand before a release (docs/development.md), never by the suite.

Run by ctest as scripts.fresh_debian, with PROFILEC_SOURCE_DIR.
"""
import os
import pathlib
import subprocess
import tempfile
import unittest

SCRIPT = pathlib.Path(os.environ["PROFILEC_SOURCE_DIR"]) / "scripts" / "fresh-debian"


def run(*args):
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=60)


class FreshDebianTest(unittest.TestCase):
    def test_an_unknown_option_is_a_usage_error(self):
        r = run("--no-such-option")
        self.assertEqual(r.returncode, 2)
        self.assertIn("usage: scripts/fresh-debian", r.stderr)
        self.assertEqual(r.stdout, "")

    def test_two_folders_are_a_usage_error(self):
        r = run("one", "two")
        self.assertEqual(r.returncode, 2)
        self.assertIn("usage: scripts/fresh-debian", r.stderr)

    def test_a_folder_that_is_not_empty_is_refused_and_left_alone(self):
        with tempfile.TemporaryDirectory() as tmp:
            keep = pathlib.Path(tmp) / "keep.txt"
            keep.write_text("mine\n")
            r = run(tmp)
            self.assertEqual(r.returncode, 1)
            self.assertIn(f"fresh-debian: {os.path.realpath(tmp)} is not empty", r.stderr)
            self.assertEqual(sorted(p.name for p in pathlib.Path(tmp).iterdir()), ["keep.txt"])
            self.assertEqual(keep.read_text(), "mine\n")
            self.assertEqual(r.stdout, "")


if __name__ == "__main__":
    unittest.main()
