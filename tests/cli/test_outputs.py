"""What profilec leaves on disk (issue 15, item 9): owner-only outputs when
they hold a secret, no temporary files after a kill or on the next build,
and a clear error under `ulimit -f` instead of death by SIGXFSZ."""
import fcntl
import os
import pathlib
import shutil
import signal
import stat
import subprocess
import tempfile
import time
import unittest

PROFILEC = os.environ["PROFILEC"]

WIFI = """\
[profile]
id = "com.example.wifi"
name = "Wi-Fi"

[payload.wifi]
type = "com.apple.wifi.managed"
SSID_STR = "Corp"
EncryptionType = "WPA2"
Password = { env = "PROFILEC_TEST_WIFI_PSK" }
"""

RESTRICTIONS = """\
[profile]
id = "com.example.restrictions%s"
name = "Restrictions %s"

[payload.restrictions]
type = "com.apple.applicationaccess"
allowCamera = false
"""

ENV = {"PROFILEC_TEST_WIFI_PSK": "correct horse battery staple"}


def run(*args, cwd=None, umask=0o022):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(ENV)
    return subprocess.run([PROFILEC, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300,
                          preexec_fn=lambda: os.umask(umask))


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def temporaries(folder):
    return sorted(str(p) for p in pathlib.Path(folder).rglob("*.tmp.*"))


class OutputTest(unittest.TestCase):
    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="profilec-outputs-"))
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.src = self.tmp / "src"
        self.src.mkdir()
        self.out = self.tmp / "out"

    def policies(self, count, body=""):
        for i in range(count):
            (self.src / f"p{i:05}.toml").write_text(RESTRICTIONS % (i, i) + body)

    def test_a_profile_holding_a_secret_is_0600_the_others_follow_the_umask(self):
        (self.src / "wifi.toml").write_text(WIFI)
        self.policies(1)
        r = run("build", str(self.src), "-o", str(self.out))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(oct(mode(self.out / "wifi.mobileconfig")), oct(0o600))
        self.assertEqual(oct(mode(self.out / "p00000.mobileconfig")), oct(0o644))
        # Rebuilt over an existing 0644 file: replaced by a 0600 one (a
        # profile holding a secret is written again even when unchanged).
        os.chmod(self.out / "wifi.mobileconfig", 0o644)
        self.policies(2)
        r = run("build", str(self.src), "-o", str(self.out), umask=0o002)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, f"{self.out}: 2 written, 1 unchanged, 0 removed\n")
        self.assertEqual(oct(mode(self.out / "wifi.mobileconfig")), oct(0o600))
        # An unchanged profile is not written again (docs/cli.md,
        # "Incremental builds"): it keeps its mode; a new one follows the umask.
        self.assertEqual(oct(mode(self.out / "p00000.mobileconfig")), oct(0o644))
        self.assertEqual(oct(mode(self.out / "p00001.mobileconfig")), oct(0o664))

    def test_import_keep_secrets_writes_the_policy_0600(self):
        (self.src / "wifi.toml").write_text(WIFI)
        self.assertEqual(run("build", str(self.src), "-o", str(self.out)).returncode, 0)
        profile = self.out / "wifi.mobileconfig"
        kept = self.tmp / "kept"
        r = run("import", str(profile), "-o", str(kept), "--keep-secrets")
        self.assertEqual(r.returncode, 0, r.stderr)
        policy = kept / "wifi.toml"
        self.assertIn("correct horse battery staple", policy.read_text())
        self.assertEqual(oct(mode(policy)), oct(0o600))
        referenced = self.tmp / "referenced"
        r = run("import", str(profile), "-o", str(referenced))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("correct horse battery staple", (referenced / "wifi.toml").read_text())
        self.assertEqual(oct(mode(referenced / "wifi.toml")), oct(0o644))
        self.assertEqual(oct(mode(referenced / ".env.example")), oct(0o644))  # names only, no values

    def test_the_next_build_removes_what_a_killed_one_left_and_nothing_else(self):
        self.policies(2)
        self.out.mkdir()
        (self.out / "sub").mkdir()
        left = [self.out / "p00000.mobileconfig.tmp.Ab3xYz", self.out / "sub" / "gone.mobileconfig.tmp.000000",
                self.out / ".profilec-output.tmp.QQQQQQ"]
        kept = [self.out / "notes.tmp.txt", self.out / "short.tmp.abcde", self.out / "long.tmp.abcdefg",
                self.out / "dash.tmp.abc-de"]
        for p in left + kept:
            p.write_text("x")
        r = run("build", str(self.src), "-o", str(self.out))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual([p for p in left if p.exists()], [])
        self.assertEqual([p for p in kept if not p.exists()], [])

    def test_a_build_running_in_the_same_folder_keeps_its_temporary_files(self):
        self.policies(1)
        self.out.mkdir()
        busy = self.out / "p00000.mobileconfig.tmp.Ab3xYz"
        busy.write_text("x")
        # Another profilec holding the folder (the lock a build takes).
        fd = os.open(self.out, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
            r = run("build", str(self.src), "-o", str(self.out))
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertTrue(busy.exists())
        finally:
            os.close(fd)
        r = run("build", str(self.src), "-o", str(self.out))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertFalse(busy.exists())

    def test_sigterm_and_sigint_mid_build_leave_no_temporary_file(self):
        # Big enough that writing takes a while: 400 profiles of ~40 KB.
        blob = "[payload.blob]\ntype = \"com.example.blob\"\nData = { base64 = \"%s\" }\n" % ("QUJD" * 10000)
        self.policies(400, blob)
        for sig in (signal.SIGTERM, signal.SIGINT):
            seen = False
            for attempt in range(20):
                shutil.rmtree(self.out, ignore_errors=True)
                env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
                proc = subprocess.Popen([PROFILEC, "build", str(self.src), "-o", str(self.out), "-j", "2"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
                deadline = time.time() + 120
                while proc.poll() is None and time.time() < deadline:
                    if self.out.exists() and any(self.out.glob("*.tmp.*")):
                        proc.send_signal(sig)
                        seen = True
                        break
                    time.sleep(0.002)
                proc.communicate(timeout=120)
                if seen:
                    self.assertEqual(proc.returncode, -sig, f"{sig!r}: ended by the signal it got")
                    self.assertEqual(temporaries(self.out), [], f"{sig!r}: attempt {attempt}")
                    break
            self.assertTrue(seen, f"{sig!r}: never caught the build while it wrote")

    def test_ulimit_f_is_a_clear_error_and_nothing_is_written(self):
        self.policies(1, "[payload.blob]\ntype = \"com.example.blob\"\nData = { base64 = \"%s\" }\n" % ("QUJD" * 2000))
        r = subprocess.run(["bash", "-c", 'ulimit -f 1; exec "$0" build "$1" -o "$2"', PROFILEC, str(self.src),
                            str(self.out)], capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 2, r.stderr)  # was: killed by SIGXFSZ (-25), nothing said
        self.assertIn("cannot write '", r.stderr)
        self.assertIn("file too large: the file size limit of this process (ulimit -f) is 1024 bytes", r.stderr)
        self.assertEqual(list(self.out.rglob("*.mobileconfig")) if self.out.exists() else [], [])
        self.assertEqual(temporaries(self.out) if self.out.exists() else [], [])


if __name__ == "__main__":
    unittest.main()
