"""Huge pages for the heap of a large run (compiler/cli/huge_pages.h,
docs/performance.md "Huge pages for the heap"): `build` and `check` of
folders holding 1,000 files or more restart once with
GLIBC_TUNABLES=glibc.malloc.hugetlb=1 where the kernel gives transparent
huge pages on request. The restarted process puts
the user's environment back before anything reads it, so a policy's
{ env = } sees GLIBC_TUNABLES as the user set it (or not set), and the
restart's marker never; PROFILEC_HUGE_PAGES=0 changes no output."""

import fcntl
import os
import pathlib
import plistlib
import shutil
import subprocess
import tempfile
import time
import unittest

PROFILEC = os.environ["PROFILEC"]
MARKER = "PROFILEC_RESTARTED_WITH_HUGE_PAGES"


def kernel_gives_huge_pages_on_request():
    try:
        return "[madvise]" in pathlib.Path("/sys/kernel/mm/transparent_hugepage/enabled").read_text()
    except OSError:
        return False


class HugePagesTest(unittest.TestCase):
    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="profilec-huge-pages-"))
        repo = self.tmp / "repo"
        repo.mkdir()
        (repo / "profilec.toml").write_text(f'[secrets]\nallow_env = ["GLIBC_TUNABLES", "{MARKER}"]\n')
        (repo / "wifi.toml").write_text('[profile]\nid = "com.example.wifi"\nname = "Wi-Fi"\n\n'
                                        '[payload.wifi]\ntype = "com.apple.wifi.managed"\nSSID_STR = "Office"\n'
                                        'EncryptionType = "WPA2"\nPassword = { env = "GLIBC_TUNABLES" }\n')

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def build(self, env, out="out", path="repo"):
        full = {k: v for k, v in os.environ.items() if k not in ("GLIBC_TUNABLES", MARKER, "PROFILEC_HUGE_PAGES")}
        full.update(env)
        return subprocess.run([PROFILEC, "build", path, "-o", out, "--no-cache"], capture_output=True, text=True,
                              cwd=self.tmp, env=full, timeout=120)

    def password(self, out="out"):
        with open(self.tmp / out / "wifi.mobileconfig", "rb") as f:
            return plistlib.load(f)["PayloadContent"][0]["Password"]

    def test_the_policy_sees_the_users_tunables_not_the_restarts(self):
        self.assertTrue(pathlib.Path(PROFILEC).exists())
        result = self.build({"GLIBC_TUNABLES": "glibc.malloc.perturb=0"})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.password(), "glibc.malloc.perturb=0")

    def test_unset_tunables_stay_unset_for_the_policy(self):
        result = self.build({})
        self.assertNotEqual(result.returncode, 0, result.stdout)
        self.assertIn("GLIBC_TUNABLES", result.stderr)  # the variable the policy names is not set
        self.assertFalse((self.tmp / "out" / "wifi.mobileconfig").exists())

    def test_the_restarted_process_puts_the_environment_back_first(self):
        # What the restart hands over: the marker holding the user's GLIBC_TUNABLES ("=" and the value, or
        # "-" for none). Given here by hand, the process restores from it as a restarted one does.
        (self.tmp / "repo" / "marker.toml").write_text(
            '[profile]\nid = "com.example.marker"\nname = "marker"\n\n'
            '[payload.wifi]\ntype = "com.apple.wifi.managed"\nSSID_STR = "M"\n'
            f'EncryptionType = "WPA2"\nPassword = {{ env = "{MARKER}" }}\n')
        result = self.build({MARKER: "=glibc.malloc.perturb=0", "GLIBC_TUNABLES": "glibc.malloc.hugetlb=1"})
        self.assertNotEqual(result.returncode, 0, result.stdout)
        self.assertIn(MARKER, result.stderr)  # the marker is gone before any policy reads the environment
        (self.tmp / "repo" / "marker.toml").unlink()
        result = self.build({MARKER: "=glibc.malloc.perturb=0", "GLIBC_TUNABLES": "glibc.malloc.hugetlb=1"})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.password(), "glibc.malloc.perturb=0")
        result = self.build({MARKER: "-", "GLIBC_TUNABLES": "glibc.malloc.hugetlb=1"}, out="out2")
        self.assertNotEqual(result.returncode, 0, result.stdout)
        self.assertIn("GLIBC_TUNABLES", result.stderr)

    def test_turned_off_the_outputs_are_the_same(self):
        env = {"GLIBC_TUNABLES": "glibc.malloc.perturb=0"}
        on = self.build(env, out="on")
        off = self.build({**env, "PROFILEC_HUGE_PAGES": "0"}, out="off")
        self.assertEqual((on.returncode, on.stdout.replace("on:", ""), on.stderr),
                         (off.returncode, off.stdout.replace("off:", ""), off.stderr))
        self.assertEqual((self.tmp / "on" / "wifi.mobileconfig").read_bytes(),
                         (self.tmp / "off" / "wifi.mobileconfig").read_bytes())

    def environ_of_a_waiting_build(self, files):
        """The start-up environment of a build of the repository with `files` more files in it, read while the
        build waits for its output folder (held here with an exclusive flock, as a build that cleans holds it):
        by then it has restarted, or will not."""
        notes = self.tmp / "repo" / "notes"
        notes.mkdir()
        for i in range(files):
            (notes / f"{i}.txt").write_text("not a policy\n")
        out = self.tmp / "out"
        out.mkdir()
        folder = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
        fcntl.flock(folder, fcntl.LOCK_EX)
        full = {k: v for k, v in os.environ.items() if k not in ("GLIBC_TUNABLES", MARKER, "PROFILEC_HUGE_PAGES")}
        full["GLIBC_TUNABLES"] = "glibc.malloc.perturb=0"
        process = subprocess.Popen([PROFILEC, "build", "repo", "-o", "out", "--no-cache"], cwd=self.tmp, env=full,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 60
            waiting = False
            while not waiting and time.monotonic() < deadline and process.poll() is None:
                locks = pathlib.Path("/proc/locks").read_text().splitlines()
                waiting = any("->" in line and f" {process.pid} " in line for line in locks)
                time.sleep(0.02)
            self.assertTrue(waiting, "the build never waited for its folder")
            environ = pathlib.Path(f"/proc/{process.pid}/environ").read_bytes()
            variables = dict(v.split(b"=", 1) for v in environ.split(b"\0") if b"=" in v)
        finally:
            os.close(folder)
            _, stderr = process.communicate(timeout=120)
        self.assertEqual(process.returncode, 0, stderr)
        self.assertEqual(self.password(), "glibc.malloc.perturb=0")
        return variables

    @unittest.skipUnless(kernel_gives_huge_pages_on_request(), "the kernel's transparent_hugepage is not madvise")
    @unittest.skipIf(os.environ.get("PROFILEC_SANITIZED") == "1", "a sanitizer build's allocator takes no tunable")
    def test_a_build_over_a_thousand_files_restarts_itself_once(self):
        variables = self.environ_of_a_waiting_build(998)  # and wifi.toml and profilec.toml: 1,000 files
        # The marker holds the user's GLIBC_TUNABLES for the restarted process to put back. (The tunables
        # themselves are not compared: glibc rewrites GLIBC_TUNABLES in the start-up block as it reads it,
        # and which tunables it leaves there differs between its versions.)
        self.assertEqual(variables.get(MARKER.encode()), b"=glibc.malloc.perturb=0")

    def test_a_build_under_a_thousand_files_does_not_restart(self):
        variables = self.environ_of_a_waiting_build(997)  # 999 files
        self.assertNotIn(MARKER.encode(), variables)
        self.assertEqual(variables.get(b"GLIBC_TUNABLES"), b"glibc.malloc.perturb=0")


if __name__ == "__main__":
    unittest.main()
