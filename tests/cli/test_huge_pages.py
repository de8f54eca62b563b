"""Huge pages for the heap of a large run (compiler/cli/huge_pages.h,
docs/performance.md "Huge pages for the heap"): `build`, and `check` of a
folder, restart once with GLIBC_TUNABLES=glibc.malloc.hugetlb=1 where the
kernel gives transparent huge pages on request. The restarted process puts
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

    @unittest.skipUnless(kernel_gives_huge_pages_on_request(), "the kernel's transparent_hugepage is not madvise")
    @unittest.skipIf(os.environ.get("PROFILEC_SANITIZED") == "1", "a sanitizer build's allocator takes no tunable")
    def test_a_build_restarts_itself_once_with_the_tunable(self):
        # The build waits for the output folder while another holds it (an exclusive flock, as a build that
        # cleans does): meanwhile /proc/<pid>/environ shows the environment its image started with, which
        # for the restarted process holds the marker.
        out = self.tmp / "out"
        out.mkdir()
        folder = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
        fcntl.flock(folder, fcntl.LOCK_EX)
        full = {k: v for k, v in os.environ.items() if k not in ("GLIBC_TUNABLES", MARKER, "PROFILEC_HUGE_PAGES")}
        full["GLIBC_TUNABLES"] = "glibc.malloc.perturb=0"
        process = subprocess.Popen([PROFILEC, "build", "repo", "-o", "out", "--no-cache"], cwd=self.tmp, env=full,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            variables = {}
            deadline = time.monotonic() + 60
            while MARKER.encode() not in variables and time.monotonic() < deadline:
                environ = pathlib.Path(f"/proc/{process.pid}/environ").read_bytes()
                variables = dict(v.split(b"=", 1) for v in environ.split(b"\0") if b"=" in v)
                time.sleep(0.02)
            # The marker holds the user's GLIBC_TUNABLES for the restarted process to put back. (The tunables
            # themselves are not compared here: glibc rewrites GLIBC_TUNABLES in the start-up block as it reads
            # it, and which tunables it leaves there differs between its versions.)
            self.assertEqual(variables.get(MARKER.encode()), b"=glibc.malloc.perturb=0")
            self.assertIsNone(process.poll())  # still waiting for the folder: restarted once, not in a loop
        finally:
            os.close(folder)
            stdout, stderr = process.communicate(timeout=120)
        self.assertEqual(process.returncode, 0, stderr)
        self.assertEqual(self.password(), "glibc.malloc.perturb=0")


if __name__ == "__main__":
    unittest.main()
