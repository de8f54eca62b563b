"""Nothing lost (issue 9): `profilec build` of a large generated repository
(bench/gen_repo.py) into a folder that holds a complete earlier build,
SIGKILLed at several moments. Afterwards every output is byte-identical to
its old or to its new version, never truncated or missing; temporary files
(`<name>.tmp.XXXXXX`) may remain, a folder walk does not take them for
profiles, and the next build into the folder removes them (issue 15). A build that fails leaves the earlier build
untouched.

Smaller cases live elsewhere: a failed build writes nothing
(test_cli.py: test_syntax_error_names_file_line_and_column_and_writes_nothing,
test_existing_output_survives_a_failed_build; tests/bad/ cases marked
`absent`), and `import` never replaces a policy without --force
(test_import.py: test_existing_files_are_never_replaced_without_force).

Environment: PROFILEC, PROFILEC_SOURCE_DIR; PROFILEC_NOTHING_LOST_POLICIES
(default 3000).
"""

import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

PROFILEC = os.environ["PROFILEC"]
SOURCE_DIR = pathlib.Path(os.environ["PROFILEC_SOURCE_DIR"])
COUNT = int(os.environ.get("PROFILEC_NOTHING_LOST_POLICIES", "3000"))
# When to kill: as fractions of one uninterrupted build's duration (the
# write phase is at the end of a build, so most points are late), and
# FIRST_TEMPORARY, the moment the first temporary file shows in the output
# folder. Timings alone miss the write phase on a loaded or sanitized run
# (a CI run killed at 0.5-1.3 and never mid-write); the watched point lands
# in it on any machine, because every temporary is written before the first
# rename.
FIRST_TEMPORARY = "first temporary"
MANIFEST = ".profilec-build.json"
RESULT_CACHE = ".profilec-build-cache"
KILL_POINTS = [0.5, 0.9, 1.3, FIRST_TEMPORARY]


def snapshot(folder):
    """{relative path: bytes} of every profile written, temporary files,
    build's .profilec-output marker (the same text on every build), its
    manifest (manifest()) and its result cache (docs/cli.md, "The result
    cache": written in the same all-or-nothing write, and only an
    optimisation) left out."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".tmp." not in p.name and p.name not in (".profilec-output", MANIFEST, RESULT_CACHE)}


def manifest(folder):
    """build's manifest (docs/cli.md, "Incremental builds"): written with the
    profiles, so it too is old or new after a kill. Compared without the
    entries' "stamp" (size, inode, mtime, ctime of the file as it is on this
    disk), which differs between two builds of the same files: each build's
    own stamps are checked against its files by stamps_are_true."""
    data = json.loads((folder / MANIFEST).read_bytes())
    for entry in data["files"]:
        entry.pop("stamp", None)
    return data


def stamps_are_true(folder):
    """Every stamp the manifest records is the stat of the file it names."""
    data = json.loads((folder / MANIFEST).read_bytes())
    for entry in data["files"]:
        if "stamp" in entry:
            info = (folder / entry["name"]).stat()
            if entry["stamp"] != [info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns]:
                return False
    return True


def temporaries(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.tmp.*"))


def has_temporary(folder):
    for _root, _dirs, names in os.walk(folder):
        if any(".tmp." in name for name in names):
            return True
    return False


def wait_for_kill_point(process, out, point, duration):
    """Returns when `point` is reached, or when the process has ended."""
    if point != FIRST_TEMPORARY:
        time.sleep(duration * point)
        return
    deadline = time.monotonic() + 600
    while process.poll() is None and time.monotonic() < deadline:
        if has_temporary(out):
            return
        time.sleep(0.001)


def build(repo, out):
    return subprocess.run([PROFILEC, "--quiet", "build", str(repo / "policies"), "-o", str(out)],
                          capture_output=True, text=True, cwd=repo, timeout=600)


class NothingLostTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = pathlib.Path(tempfile.mkdtemp(prefix="profilec-nothing-lost-"))
        cls.repo = cls.tmp / "repo"
        subprocess.run([sys.executable, str(SOURCE_DIR / "bench" / "gen_repo.py"), str(COUNT), str(cls.repo)],
                       check=True, capture_output=True)
        cls.old_out = cls.tmp / "old"
        result = build(cls.repo, cls.old_out)
        assert result.returncode == 0, result.stderr
        cls.old = snapshot(cls.old_out)
        cls.old_manifest = manifest(cls.old_out)
        # The new version: every policy's display name changes, so every
        # output's bytes change.
        for policy in (cls.repo / "policies").rglob("*.toml"):
            text = policy.read_text()
            policy.write_text(text.replace('name = "', 'name = "v2 ', 1))
        start = time.monotonic()
        result = build(cls.repo, cls.tmp / "new")
        cls.duration = time.monotonic() - start
        assert result.returncode == 0, result.stderr
        cls.new = snapshot(cls.tmp / "new")
        cls.new_manifest = manifest(cls.tmp / "new")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_the_fixture_changes_every_output(self):
        self.assertEqual(len(self.old), COUNT)
        self.assertEqual(sorted(self.old), sorted(self.new))
        self.assertTrue(all(self.old[name] != self.new[name] for name in self.old))
        self.assertNotEqual(self.old_manifest, self.new_manifest)

    def test_sigkill_leaves_every_output_old_or_new(self):
        mid_write = []  # kills that left a mixture or temporary files
        resumed = False
        for fraction in KILL_POINTS:
            out = self.tmp / f"killed-{fraction}".replace(" ", "-")
            shutil.copytree(self.old_out, out)
            process = subprocess.Popen([PROFILEC, "--quiet", "build", str(self.repo / "policies"), "-o", str(out)],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=self.repo)
            wait_for_kill_point(process, out, fraction, self.duration)
            process.send_signal(signal.SIGKILL)
            process.wait()
            after = snapshot(out)
            self.assertEqual(sorted(after), sorted(self.old), f"outputs missing or added after a kill at {fraction}")
            self.assertIn(manifest(out), (self.old_manifest, self.new_manifest), f"manifest after a kill at {fraction}")
            if manifest(out) == self.new_manifest:
                self.assertTrue(stamps_are_true(out), f"a stamp that is not its file's after a kill at {fraction}")
            new_count = 0
            for name, contents in after.items():
                if contents == self.new[name]:
                    new_count += 1
                else:
                    self.assertEqual(contents, self.old[name], f"{name}: neither old nor new after a kill at {fraction}")
            left = temporaries(out)
            if left or 0 < new_count < len(after):
                mid_write.append((fraction, new_count, len(left)))
            # Once: a folder walk does not take the leftovers for profiles,
            # and the next build completes the job beside them.
            if left and not resumed:
                resumed = True
                checked = subprocess.run([PROFILEC, "check", str(out)], capture_output=True, text=True, timeout=600)
                self.assertNotEqual(checked.returncode, 2, checked.stderr)  # no I/O error
                self.assertNotIn(".tmp.", checked.stdout + checked.stderr)
                result = build(self.repo, out)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(snapshot(out), self.new)
                self.assertEqual(temporaries(out), [], "the next build removes what the killed one left")
            shutil.rmtree(out)
        print(f"\n{COUNT} policies, build {self.duration * 1000:.0f} ms; kills during the write phase "
              f"(fraction, outputs already new, temporary files): {mid_write}", file=sys.stderr)
        self.assertIn(FIRST_TEMPORARY, [point for point, _, _ in mid_write],
                      "the kill at the first temporary file did not land during the write phase")

    def test_a_failed_build_leaves_the_earlier_build_untouched(self):
        repo = self.tmp / "failing"
        shutil.copytree(self.repo, repo)
        (repo / "policies" / "zz-broken.toml").write_text('[profile]\nid = "com.example.broken"\nname = \n')
        out = self.tmp / "failed-out"
        shutil.copytree(self.old_out, out)
        result = build(repo, out)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("zz-broken.toml:3:", result.stderr)
        self.assertEqual(snapshot(out), self.old)
        self.assertEqual(manifest(out), self.old_manifest)
        self.assertEqual(temporaries(out), [])


if __name__ == "__main__":
    unittest.main()
