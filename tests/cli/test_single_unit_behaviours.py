"""End-to-end cases, through the built binary, for behaviours that a single
unit test held before: patch-level OS comparison, the set-intersection
combine rule, `# profilec: allow-file`, and what `[rules]` in profilec.toml
cannot lower (the trust boundary). Written in the style of test_cli.py.
"""
import json
import os
import pathlib
import subprocess
import unittest

from e2e_support import TempDirCase

PROFILEC = os.environ["PROFILEC"]


def run(*args, env=None, cwd=None):
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CI_TOKEN")}
    full_env.update(env or {})
    return subprocess.run([PROFILEC, *args], capture_output=True, text=True, env=full_env, cwd=cwd, timeout=60)


def codes(result):
    """The codes of the findings of a `--format json` run, in order."""
    return [finding["code"] for finding in json.loads(result.stdout)["diagnostics"]]


class PatchLevelVersionTest(TempDirCase):
    """com.apple.security.certificatetransparency was introduced in iOS 12.1.1:
    the third number counts, both ways."""

    def policy(self, version):
        return self.write(f"ct-{version}.toml", f"""\
[profile]
id = "com.example.ct"
[target]
platforms = {{ iOS = "{version}" }}
[payload.ct]
type = "com.apple.security.certificatetransparency"
""")

    def test_a_target_one_patch_below_is_refused(self):
        result = run("check", str(self.policy("12.1")))
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("error[PC2003]: payload 'com.apple.security.certificatetransparency' was introduced in iOS "
                      "12.1.1; the target allows iOS 12.1", result.stderr)
        self.assertIn('(iOS = "12.1.1")', result.stderr)

    def test_the_patch_itself_and_later_versions_pass(self):
        for version in ("12.1.1", "12.1.2", "12.2"):
            result = run("check", str(self.policy(version)))
            self.assertEqual((result.returncode, result.stderr), (0, ""), version)


class SetIntersectionTest(TempDirCase):
    """allowListedAppBundleIDs combines by set intersection on iPhone and
    iPad: two lists that reach the same devices leave the items both hold."""

    def policy(self, name, ids):
        items = ", ".join(f'"{i}"' for i in ids)
        return self.write(f"repo/{name}.toml", f"""\
[profile]
id = "com.example.{name}"
[target]
platforms = {{ iOS = "17.0" }}
supervised = true
[payload.r]
type = "com.apple.applicationaccess"
allowListedAppBundleIDs = [{items}]
""")

    def test_the_effective_value_is_the_intersection(self):
        self.policy("a", ["com.example.one", "com.example.two"])
        self.policy("b", ["com.example.two", "com.example.three"])
        result = run("check", "repo", cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)  # a warning on iOS
        self.assertIn('b.toml:8:1: warning[PC4001]: allowListedAppBundleIDs resolves to ["com.example.two"]: the '
                      'most restrictive value wins', result.stderr)
        self.assertIn("on iPhone and iPad only the items every list has remain", result.stderr)
        self.assertEqual(result.stderr.count("warning[PC4001]"), 1)

    def test_equal_lists_do_not_conflict(self):
        self.policy("a", ["com.example.one", "com.example.two"])
        self.policy("b", ["com.example.one", "com.example.two"])
        result = run("check", "repo", cwd=self.tmp)
        self.assertEqual((result.returncode, result.stderr), (0, ""))


class AllowFileTest(TempDirCase):
    POLICY = """\
[profile]
id = "com.example.{name}"

[payload.r]
type = "com.apple.applicationaccess"
allowCamra = false
allowAirDorp = false
"""

    def test_allow_file_silences_the_rule_on_every_line_of_its_file_only(self):
        allowed = self.write("a.toml", self.POLICY.format(name="a") + "# profilec: allow-file unknown-key\n")
        other = self.write("b.toml", self.POLICY.format(name="b"))
        result = run("--format", "json", "check", str(allowed), str(other))
        self.assertEqual(result.returncode, 1, result.stderr)
        findings = json.loads(result.stdout)["diagnostics"]
        self.assertEqual([(f["code"], pathlib.Path(f["path"]).name, f["line"]) for f in findings],
                         [("PC1002", "b.toml", 6), ("PC1002", "b.toml", 7)])
        alone = run("check", str(allowed))
        self.assertEqual((alone.returncode, alone.stderr), (0, ""))

    def test_allow_file_naming_a_rule_with_no_finding_is_reported(self):
        path = self.write("a.toml", self.POLICY.format(name="a") +
                          "# profilec: allow-file unknown-key\n# profilec: allow-file PC2007\n")
        result = run("check", str(path))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("a.toml:9:24: warning[PC0025]: unused suppression: no 'PC2007' finding in this file",
                      result.stderr)
        self.assertNotIn("PC1002", result.stderr)


class RulesExceptionTest(TempDirCase):
    """[rules] in profilec.toml changes the level of ordinary rules, but the
    trust boundary (PC0026 data files outside the repository, PC0028
    environment variables outside the allow-list) keeps its errors and its
    profiles are not built (docs/security.md)."""

    def setUp(self):
        super().setUp()
        self.write("outside.png", "hunter2")
        self.write("repo/clip.toml", """\
[profile]
id = "com.example.c"
[payload.c]
type = "com.apple.webClip.managed"
URL = "https://example.com"
Label = "x"
Icon = { file = "../outside.png" }
""")
        self.write("repo/wifi.toml", """\
[profile]
id = "com.example.w"
[payload.w]
type = "com.apple.wifi.managed"
SSID_STR = "Corp"
EncryptionType = "WPA2"
Password = { env = "CI_TOKEN" }
""")
        self.write("repo/typo.toml", """\
[profile]
id = "com.example.t"
[payload.r]
type = "com.apple.applicationaccess"
allowCamra = false
""")

    def check(self, rules):
        self.write("repo/profilec.toml", rules)
        return run("--format", "json", "check", "repo", cwd=self.tmp, env={"CI_TOKEN": "hunter2"})

    def test_trust_boundary_errors_cannot_be_lowered(self):
        plain = self.check("")
        self.assertEqual(codes(plain), ["PC0026", "PC1002", "PC0028"])
        lowered = self.check('[rules]\nPC0026 = "off"\nPC0028 = "warning"\nunknown-key = "off"\n')
        self.assertEqual(lowered.returncode, 1, lowered.stderr)
        findings = json.loads(lowered.stdout)["diagnostics"]
        # unknown-key is off; the two trust-boundary findings are still errors.
        self.assertEqual([(f["code"], f["severity"]) for f in findings], [("PC0026", "error"), ("PC0028", "error")])
        self.assertNotIn("hunter2", lowered.stdout + lowered.stderr)

    def test_a_lowered_ordinary_rule_is_lowered(self):
        result = self.check('[rules]\nunknown-key = "warning"\n')
        findings = json.loads(result.stdout)["diagnostics"]
        self.assertIn(("PC1002", "warning"), [(f["code"], f["severity"]) for f in findings])

    def test_build_writes_no_profile_that_crossed_the_boundary(self):
        self.write("repo/profilec.toml", '[rules]\nPC0026 = "off"\nPC0028 = "off"\nunknown-key = "off"\n')
        out = self.tmp / "out"
        result = run("build", "repo", "-o", str(out), cwd=self.tmp, env={"CI_TOKEN": "hunter2"})
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("error[PC0026]", result.stderr)
        self.assertIn("error[PC0028]", result.stderr)
        written = [p.name for p in out.rglob("*.mobileconfig")] if out.exists() else []
        self.assertNotIn("clip.mobileconfig", written)
        self.assertNotIn("wifi.mobileconfig", written)
        for path in out.rglob("*") if out.exists() else []:
            if path.is_file():
                self.assertNotIn(b"hunter2", path.read_bytes())


if __name__ == "__main__":
    unittest.main()
