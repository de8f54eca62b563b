"""The trust boundary (docs/security.md), end to end with real symbolic links.

Issue 15 items 1 and 3: a pull request must not make profilec copy a file or
variable of the build machine into a profile, nor quote one in its output.
Every run below has a canary secret in its environment (so in
/proc/self/environ) and asserts that no output of any format holds it.
"""
import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import unittest

PROFILEC = os.environ["PROFILEC"]
CANARY = "canary-7f3a9c-signing-password"
FORMATS = ("human", "json", "sarif", "github")

PROFILE = """\
[profile]
id = "com.example.{name}"

"""
WEB_CLIP = PROFILE.format(name="clip") + """\
[payload.clip]
type = "com.apple.webClip.managed"
URL = "https://intranet.example.com"
Label = "Intranet"
Icon = { file = "../certs/icon.png" }
"""
WIFI = PROFILE.format(name="wifi") + """\
[payload.wifi]
type = "com.apple.wifi.managed"
SSID_STR = "Corp"
EncryptionType = "WPA2"
Password = { env = "%s" }
"""
RESTRICTIONS = PROFILE.format(name="restrictions") + """\
[payload.restrictions]
type = "com.apple.applicationaccess"
allowCamera = false
"""


def run(*args, cwd, env=None):
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full_env.update({"SIGNING_P12_PASSWORD": CANARY, "SIGNING_P12_BASE64": CANARY})
    full_env.update(env or {})
    return subprocess.run([PROFILEC, *args], capture_output=True, text=True, env=full_env, cwd=cwd, timeout=60)


class TrustBoundaryTest(unittest.TestCase):
    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="profilec-security-"))
        self.repo = self.tmp / "repo"
        self.write("profilec.toml", "")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, relative, text):
        path = self.repo / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return path

    def link(self, relative, target):
        path = self.repo / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)
        return path

    def check_every_format(self, code, *args):
        """check in every format: exit 1, the finding, never the canary."""
        for fmt in FORMATS:
            result = run("--format", fmt, "check", *args, cwd=self.repo)
            output = result.stdout + result.stderr
            self.assertEqual(result.returncode, 1, f"{fmt}: {output}")
            self.assertIn(code, output, fmt)
            self.assertNotIn(CANARY, output, fmt)
        human = run("--color", "never", "check", *args, cwd=self.repo)
        return human.stdout + human.stderr

    def assert_build_writes_nothing(self, *args):
        out = self.tmp / "out"
        result = run("build", ".", "-o", str(out), *args, cwd=self.repo)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertNotIn(CANARY, result.stdout + result.stderr)
        written = list(out.rglob("*.mobileconfig")) if out.exists() else []
        self.assertEqual(written, [])
        return result

    def test_the_issues_icon_linked_to_proc_self_environ(self):
        self.write("policies/clip.toml", WEB_CLIP)
        self.link("certs/icon.png", "/proc/self/environ")
        human = self.check_every_format("PC0026", ".")
        self.assertIn("policies/clip.toml:8:8: error[PC0026]: 'certs/icon.png' leads outside the repository, to "
                      "'/proc/", human)
        self.assert_build_writes_nothing()
        effective = run("--format", "json", "effective", ".", "--platform", "iOS", cwd=self.repo)
        self.assertNotIn(CANARY, effective.stdout + effective.stderr)
        self.assertIn("PC0026", effective.stderr)

    def test_a_data_file_linked_outside_the_repository_or_named_outside_it(self):
        outside = self.tmp / "outside.txt"
        outside.write_text(CANARY)
        self.write("policies/clip.toml", WEB_CLIP)
        self.link("certs/icon.png", outside)
        self.check_every_format("PC0026", ".")
        self.assert_build_writes_nothing()
        for spelling in (str(outside), "../../outside.txt"):
            self.write("policies/clip.toml", WEB_CLIP.replace("../certs/icon.png", spelling))
            self.check_every_format("PC0026", ".")

    def test_links_that_stay_inside_the_repository_are_still_read(self):
        self.write("policies/clip.toml", WEB_CLIP)
        self.write("assets/icon.png", "PNG bytes")
        self.link("certs/icon.png", "../assets/icon.png")
        out = self.tmp / "out"
        result = run("build", ".", "-o", str(out), cwd=self.repo)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(b"UE5HIGJ5dGVz", (out / "policies/clip.mobileconfig").read_bytes())  # base64 of "PNG bytes"

    def test_a_fifo_or_a_device_is_not_a_data_file_and_does_not_hang(self):
        self.write("policies/clip.toml", WEB_CLIP)
        (self.repo / "certs").mkdir()
        os.mkfifo(self.repo / "certs/icon.png")
        human = self.check_every_format("PC0026", ".")
        self.assertIn("'certs/icon.png' is not a regular file", human)

    def test_the_issues_signing_variable_is_refused_in_check_and_build(self):
        self.write("policies/wifi.toml", WIFI % "SIGNING_P12_BASE64")
        human = self.check_every_format("PC0028", ".")
        self.assertIn("policies/wifi.toml:8:12: error[PC0028]: environment variable 'SIGNING_P12_BASE64' is not "
                      "allowed", human)
        self.assert_build_writes_nothing()

    def test_signing_variables_are_refused_whatever_the_allow_list_says(self):
        self.write("profilec.toml", '[secrets]\nallow_env = ["SIGNING_*"]\n[signing]\npassword_env = '
                                    '"SIGNING_P12_PASSWORD"\n')
        self.write("policies/wifi.toml", WIFI % "SIGNING_P12_PASSWORD")
        human = self.check_every_format("PC0028", ".")
        self.assertIn("holds the signing identity's key material ([signing] password_env in 'profilec.toml')",
                      human)
        self.assert_build_writes_nothing()
        # The command line's signing variables too.
        self.write("profilec.toml", '[secrets]\nallow_env = ["PROFILEC_*"]\n')
        self.write("policies/wifi.toml", WIFI % "PROFILEC_DEVICE_KEY")
        human = self.check_every_format("PC0028", ".", "--device-key-env", "PROFILEC_DEVICE_KEY")
        self.assertIn("(--device-key-env)", human)

    def test_allowed_variables_still_build(self):
        self.write("profilec.toml", '[secrets]\nallow_env = ["ACME_*"]\n')
        self.write("policies/wifi.toml", WIFI % "ACME_WIFI_PSK")
        out = self.tmp / "out"
        result = run("build", ".", "-o", str(out), cwd=self.repo, env={"ACME_WIFI_PSK": "psk-value"})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(b"psk-value", (out / "policies/wifi.mobileconfig").read_bytes())

    def test_inputs_linked_to_proc_self_environ_are_refused_unread(self):
        # Issue 15 item 3: a policy, a .mobileconfig and a fragment.
        self.write("policies/ok.toml", RESTRICTIONS)
        self.link("policies/env.toml", "/proc/self/environ")
        self.link("policies/env.mobileconfig", "/proc/self/environ")
        self.link("fragments/env.toml", "/proc/self/environ")
        self.write("policies/uses.toml", RESTRICTIONS.replace("com.example.restrictions", "com.example.uses")
                   + 'use = ["fragments/env"]\n')
        human = self.check_every_format("PC0027", ".")
        for path in ("policies/env.toml", "policies/env.mobileconfig"):
            self.assertIn(f"{path}: error[PC0027]: '{path}' leads outside the repository, to '/proc/", human)
        self.assertIn("policies/uses.toml:7:8: error[PC0027]: fragment 'fragments/env' leads outside the "
                      "repository", human)
        # Named on the command line (a pre-commit hook passes files along).
        named = self.check_every_format("PC0027", "policies/env.toml")
        self.assertIn("policies/env.toml: error[PC0027]", named)
        self.assert_build_writes_nothing()

    def test_a_profilec_toml_linked_out_of_the_repository_is_refused_unread(self):
        (self.repo / "profilec.toml").unlink()
        self.link("profilec.toml", "/proc/self/environ")
        self.write("policies/ok.toml", RESTRICTIONS)
        human = self.check_every_format("PC0027", ".")
        self.assertIn("profilec.toml: error[PC0027]: 'profilec.toml' leads outside the repository", human)

    def test_a_policy_linked_to_a_file_outside_the_repository(self):
        outside = self.tmp / "outside.toml"
        outside.write_text(f"# {CANARY}\n[profile\n")
        self.link("policies/p.toml", outside)
        self.check_every_format("PC0027", ".")

    def test_the_json_output_names_the_rules(self):
        self.write("policies/clip.toml", WEB_CLIP)
        self.link("certs/icon.png", "/proc/self/environ")
        self.write("policies/wifi.toml", WIFI % "SIGNING_P12_BASE64")
        result = run("--format", "json", "check", ".", cwd=self.repo)
        codes = sorted(d["code"] for d in json.loads(result.stdout)["diagnostics"])
        self.assertEqual(codes, ["PC0026", "PC0028"])


if __name__ == "__main__":
    unittest.main()
