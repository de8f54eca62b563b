"""Declaration JSON files and legacy profiles end to end (issue 19, docs/ddm.md
"Declaration files" and "Legacy profiles"): `check` finds declaration files
in a repository by their content, reports each PC6xxx rule at its line and
column of the JSON, leaves every other JSON file alone and does not report
a policy's built declarations twice; `import` turns a declaration file into
policy source that builds back into the same Payload (compared with
python3's json); `{ profile = "NAME" }` becomes the URL of the profile built
in the same run. A few dozen runs of the binary on small files."""
import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import unittest

PROFILEC = os.environ["PROFILEC"]
FINDING = re.compile(r"^([^:\n]+):(\d+):(\d+): \w+\[(PC\d{4})\]", re.M)

PASSCODE = """\
{
  "Type": "com.apple.configuration.passcode.settings",
  "Identifier": "passcode-1",
  "ServerToken": "token-1",
  "Payload": {
    "MinimumLength": 8,
    "RequireAlphanumericPasscode": true
  }
}
"""

# Each: a declaration file's text, and the findings it must produce as (line, column, code).
BAD = [
    (PASSCODE.replace("passcode.settings", "passcode.setting"), [(2, 11, "PC6001")]),
    (PASSCODE.replace('"MinimumLength"', '"MinimumLenght"'), [(6, 5, "PC6002")]),
    (PASSCODE.replace('"MinimumLength": 8', '"MinimumLength": "8"'), [(6, 22, "PC6003")]),
    (PASSCODE.replace('"MinimumLength": 8', '"MinimumLength": 20'), [(6, 22, "PC6005")]),
    ('{\n  "Type": "com.apple.configuration.softwareupdate.enforcement.specific",\n  "Identifier": "u",\n'
     '  "ServerToken": "t",\n  "Payload": {\n    "TargetLocalDateTime": "2030-01-01T09:00:00"\n  }\n}\n',
     [(5, 14, "PC6006")]),
    (PASSCODE.replace("true\n", "true,\n"), [(8, 3, "PC6040")]),
    (PASSCODE.replace('  "ServerToken": "token-1",\n', ""), [(1, 1, "PC6041")]),
    (PASSCODE.replace('  "Payload"', '  "MinimumLength": 8,\n  "Payload"'), [(5, 3, "PC6041")]),
    (PASSCODE.replace('"RequireAlphanumericPasscode": true', '"RequireAlphanumericPasscode": null'),
     [(7, 36, "PC6041")]),
    (PASSCODE.replace('"RequireAlphanumericPasscode": true', '"MinimumLength": 9'), [(7, 5, "PC6041")]),
]

# JSON a repository holds that is no declaration: never a finding.
UNRELATED = {
    "package.json": '{"name": "x", "version": "1.0.0"}\n',
    "tsconfig.json": '{\n  // comments and trailing commas: not RFC 8259\n  "compilerOptions": {},\n}\n',
    "data/types.json": '{"Type": "com.apple.wifi.managed"}\n',
    "data/list.json": '[{"Type": "com.apple.configuration.passcode.settings"}]\n',
    "data/binary.json": "\x00\x01 not json at all",
}


def run(*args, cwd=None):
    return subprocess.run([PROFILEC, *args], capture_output=True, text=True, cwd=cwd, timeout=60,
                          env={**os.environ, "NO_COLOR": "1"})


def findings(output):
    return [(path, int(line), int(col), code) for path, line, col, code in FINDING.findall(output)]


class RepositoryTest(unittest.TestCase):
    def setUp(self):
        self.repo = pathlib.Path(tempfile.mkdtemp(prefix="profilec-ddm-files-"))
        self.addCleanup(shutil.rmtree, self.repo)
        (self.repo / "profilec.toml").write_text('[profile]\norganization = "Example"\n')

    def write(self, name, text):
        path = self.repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return path


class CheckTest(RepositoryTest):
    def test_each_rule_fires_at_its_line_and_column_of_the_json(self):
        for text, expected in BAD:
            with self.subTest(expected=expected):
                self.write("declarations/d.json", text)
                for named in (".", "declarations/d.json"):
                    r = run("check", named, cwd=self.repo)
                    self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
                    self.assertEqual(findings(r.stdout + r.stderr),
                                     [("declarations/d.json", *where) for where in expected], r.stdout)

    def test_a_clean_declaration_and_unrelated_json_check_clean(self):
        self.write("declarations/passcode.json", PASSCODE)
        for name, text in UNRELATED.items():
            self.write(name, text)
        r = run("check", ".", cwd=self.repo)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "", ""))
        # The checks did run: the same file with a wrong value fails.
        self.write("declarations/passcode.json", PASSCODE.replace(": 8", ": 99"))
        self.assertEqual(run("check", ".", cwd=self.repo).returncode, 1)

    def test_unrelated_json_named_on_the_command_line_is_reported(self):
        self.write("package.json", UNRELATED["package.json"])
        r = run("check", "package.json", cwd=self.repo)
        self.assertEqual(r.returncode, 1)
        self.assertIn("[PC6041]", r.stderr)
        self.assertNotIn("PC0001", r.stderr)  # not read as TOML
        self.write("declarations/list.json", UNRELATED["data/list.json"])
        r = run("check", "declarations/list.json", cwd=self.repo)
        self.assertEqual(r.returncode, 1)
        self.assertIn("[PC6041]", r.stderr)

    def test_the_target_of_profilec_toml_applies(self):
        self.write("profilec.toml", '[[targets]]\npaths = ["declarations/"]\nplatforms = { tvOS = "17.0" }\n')
        self.write("declarations/passcode.json", PASSCODE)
        r = run("check", ".", cwd=self.repo)
        self.assertEqual(findings(r.stdout + r.stderr), [("declarations/passcode.json", 2, 11, "PC6010")], r.stdout)
        self.write("profilec.toml", '[[targets]]\npaths = ["declarations/"]\nplatforms = { iOS = "17.0" }\n')
        self.assertEqual(run("check", ".", cwd=self.repo).returncode, 0)

    def test_rules_of_profilec_toml_apply(self):
        self.write("profilec.toml", '[rules]\nPC6005 = "warning"\n')
        self.write("declarations/passcode.json", PASSCODE.replace(": 8", ": 99"))
        r = run("check", ".", cwd=self.repo)
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertIn("warning[PC6005]", r.stderr)

    def test_built_declarations_are_not_reported_twice(self):
        policy = ('[declaration.passcode]\ntype = "com.apple.configuration.passcode.settings"\n'
                  'MinimumLength = 99\n')
        self.write("policies/passcode.toml", policy)
        # What `build -o .` would leave beside the policy: its own output.
        self.write("policies/passcode.declarations/passcode.json", PASSCODE.replace(": 8", ": 99"))
        r = run("check", ".", cwd=self.repo)
        self.assertEqual([f[0] for f in findings(r.stdout + r.stderr)], ["policies/passcode.toml"], r.stdout)
        # The output folder of a real build: marked, skipped by `check .`, checked on its own.
        self.write("policies/passcode.toml", policy.replace("99", "8"))
        (self.repo / "policies" / "passcode.declarations" / "passcode.json").unlink()
        self.assertEqual(run("build", ".", "-o", "out", cwd=self.repo).returncode, 0)
        self.write("policies/passcode.toml", policy)
        built = self.repo / "out" / "policies" / "passcode.declarations" / "passcode.json"
        built.write_text(built.read_text().replace(": 8", ": 99"))
        r = run("check", ".", cwd=self.repo)
        self.assertEqual([f[0] for f in findings(r.stdout + r.stderr)], ["policies/passcode.toml"], r.stdout)
        r = run("check", "out", cwd=self.repo)
        self.assertEqual(findings(r.stdout + r.stderr), [("out/policies/passcode.declarations/passcode.json", 4, 22, "PC6005")],
                         r.stdout)


class ImportTest(RepositoryTest):
    def test_import_builds_back_into_the_same_payload(self):
        text = json.dumps({
            "Type": "com.apple.configuration.account.mail",
            "Identifier": "mail-1",
            "ServerToken": "t",
            "Payload": {
                "VisibleName": "Corp\nmail",
                "UserIdentityAssetReference": "jane-1",
                "IncomingServer": {"ServerType": "IMAP", "HostName": "imap.example.com",
                                   "AuthenticationMethod": "None", "PortNumber": 993},
                "OutgoingServer": {"HostName": "smtp.example.com", "AuthenticationMethod": "None"},
            },
        }, indent=2)
        self.write("in/mail.json", text)
        self.write("in/package.json", UNRELATED["package.json"])
        r = run("import", "in", "-o", "policies", cwd=self.repo)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        source = (self.repo / "policies" / "mail.toml").read_text()
        self.assertIn("[declaration.mail]", source)
        self.assertFalse((self.repo / "policies" / "package.toml").exists())
        r = run("build", "policies", "-o", "out", cwd=self.repo)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        built = json.loads((self.repo / "out" / "mail.declarations" / "mail.json").read_text())
        original = json.loads(text)
        self.assertEqual(built["Type"], original["Type"])
        self.assertEqual(built["Payload"], original["Payload"])
        self.assertNotEqual(built["Identifier"], original["Identifier"])  # build derives its own

    def test_a_malformed_declaration_is_not_imported(self):
        self.write("in/d.json", BAD[5][0])
        r = run("import", "in/d.json", "-o", "policies", cwd=self.repo)
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertEqual(findings(r.stdout + r.stderr), [("in/d.json", 8, 3, "PC6040")], r.stdout)
        self.assertFalse((self.repo / "policies").exists())


LEGACY = '[declaration.wifi]\ntype = "com.apple.configuration.legacy"\nProfileURL = { profile = "PROFILE" }\n'
WIFI = ('[profile]\nid = "com.example.wifi"\n\n[payload.corp]\ntype = "com.apple.wifi.managed"\n'
        'SSID_STR = "Corp Net"\nEncryptionType = "None"\n')


class LegacyProfileTest(RepositoryTest):
    def setUp(self):
        super().setUp()
        self.write("profilec.toml", '[declarations]\nprofile_url = "https://mdm.example.com/profiles"\n')
        self.write("policies/corp wifi.toml", WIFI)

    def test_the_url_is_the_base_joined_with_the_built_profile(self):
        self.write("policies/legacy.toml", LEGACY.replace("PROFILE", "corp wifi"))
        r = run("check", ".", cwd=self.repo)
        self.assertEqual((r.returncode, r.stdout), (0, ""), r.stderr)
        r = run("build", ".", "-o", "out", cwd=self.repo)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        built = json.loads((self.repo / "out" / "policies" / "legacy.declarations" / "wifi.json").read_text())
        self.assertEqual(built["Payload"]["ProfileURL"],
                         "https://mdm.example.com/profiles/policies/corp%20wifi.mobileconfig")
        self.assertTrue((self.repo / "out" / "policies" / "corp wifi.mobileconfig").is_file())

    def test_a_name_in_another_folder(self):
        self.write("policies/ios/legacy.toml", LEGACY.replace("PROFILE", "../corp wifi"))
        r = run("build", ".", "-o", "out", cwd=self.repo)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        built = json.loads((self.repo / "out" / "policies" / "ios" / "legacy.declarations" / "wifi.json").read_text())
        self.assertEqual(built["Payload"]["ProfileURL"],
                         "https://mdm.example.com/profiles/policies/corp%20wifi.mobileconfig")

    def test_unresolved_references_are_located(self):
        cases = [
            ("corp wfi", "policies/legacy.toml"),       # no such policy
            ("../../elsewhere", "policies/legacy.toml"),  # out of the folder being built
        ]
        for name, path in cases:
            with self.subTest(name=name):
                self.write("policies/legacy.toml", LEGACY.replace("PROFILE", name))
                r = run("check", ".", cwd=self.repo)
                self.assertEqual(r.returncode, 1)
                self.assertEqual(findings(r.stdout + r.stderr), [(path, 3, 14, "PC6050")], r.stdout)
        self.write("profilec.toml", "")
        self.write("policies/legacy.toml", LEGACY.replace("PROFILE", "corp wifi"))
        r = run("check", ".", cwd=self.repo)
        self.assertEqual(findings(r.stdout + r.stderr), [("policies/legacy.toml", 3, 14, "PC6050")], r.stdout)
        self.assertIn("profile_url", r.stderr)

    def test_a_profile_reference_outside_a_declaration(self):
        self.write("policies/p.toml", WIFI.replace('"Corp Net"', '{ profile = "corp wifi" }'))
        r = run("check", ".", cwd=self.repo)
        self.assertEqual(findings(r.stdout + r.stderr), [("policies/p.toml", 6, 12, "PC6050")], r.stdout)

    def test_profile_url_must_be_a_url(self):
        self.write("profilec.toml", '[declarations]\nprofile_url = "mdm.example.com"\n')
        r = run("check", ".", cwd=self.repo)
        self.assertEqual(findings(r.stdout + r.stderr), [("profilec.toml", 2, 15, "PC0004")], r.stdout)


if __name__ == "__main__":
    unittest.main()
