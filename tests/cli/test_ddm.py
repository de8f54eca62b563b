"""Declarative Device Management end to end (issue 19, docs/ddm.md): `build`
writes each declaration as JSON that python3's own parser reads, in the
documented layout, byte for byte the same on every build, with a ServerToken
that changes exactly when the content does; `check` reports each PC6xxx rule
at its line and column and nothing on a clean policy; `schema list --kind
declaration` tells declarations apart. About a second: a few dozen runs of
the binary on small files."""
import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import unittest
import uuid

PROFILEC = os.environ["PROFILEC"]
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "profilec")

CLEAN = """\
[target]
platforms = { iOS = "17.0" }

[declaration.passcode]
type = "com.apple.configuration.passcode.settings"
MinimumLength = 8      # a comment
RequireAlphanumericPasscode = true

[declaration.jane]
type         = "com.apple.asset.useridentity"
FullName     = "Jane Appleseed"
EmailAddress = "jane@example.com"

[declaration.mail]
type = "com.apple.configuration.account.mail"
UserIdentityAssetReference = { declaration = "jane" }

[declaration.mail.IncomingServer]
ServerType           = "IMAP"
HostName             = "imap.example.com"
AuthenticationMethod = "None"

[declaration.mail.OutgoingServer]
HostName             = "smtp.example.com"
AuthenticationMethod = "None"

[declaration.update]
type                = "com.apple.configuration.softwareupdate.enforcement.specific"
TargetOSVersion     = "17.4"
TargetLocalDateTime = "2030-01-01T09:00:00"

[declaration.activate]
type = "com.apple.activation.simple"
StandardConfigurations = [{ declaration = "passcode" }, { declaration = "mail" }, { declaration = "update" }]
Predicate = '@status(device.model.family) IN {"iPad", "iPhone"} AND @status(device.operating-system.version) >= "17"'
"""

# A passcode and an activation of it, five lines; a Predicate line follows.
ACTIVATION = ('[declaration.p]\ntype = "com.apple.configuration.passcode.settings"\n'
              '[declaration.a]\ntype = "com.apple.activation.simple"\n'
              'StandardConfigurations = [{ declaration = "p" }]\n')

# Each line: a policy, and the findings it must produce as (line, column, code).
BAD = [
    ('[declaration.p]\ntype = "com.apple.configuration.passcode.setting"\n', [(2, 8, "PC6001")]),
    ('[declaration.p]\ntype = "com.apple.configuration.passcode.settings"\nMinimumLenght = 8\n', [(3, 1, "PC6002")]),
    ('[declaration.p]\ntype = "com.apple.configuration.passcode.settings"\nMinimumLength = "8"\n', [(3, 17, "PC6003")]),
    ('[declaration.p]\ntype = "com.apple.configuration.passcode.settings"\nMinimumLength = 20\n', [(3, 17, "PC6005")]),
    ('[declaration.u]\ntype = "com.apple.configuration.softwareupdate.enforcement.specific"\n'
     'TargetLocalDateTime = "2030-01-01T09:00:00"\n', [(1, 14, "PC6006")]),
    ('[declaration.a]\ntype = "com.apple.activation.simple"\nStandardConfigurations = [{ declaration = "nope" }]\n',
     [(3, 27, "PC6007")]),
    ('[declaration.p]\ntype = "com.apple.configuration.passcode.settings"\n\n'
     '[declaration.m]\ntype = "com.apple.configuration.account.mail"\nUserIdentityAssetReference = { declaration = "p" }\n'
     'IncomingServer = { ServerType = "IMAP", HostName = "i", AuthenticationMethod = "None" }\n'
     'OutgoingServer = { HostName = "s", AuthenticationMethod = "None" }\n', [(6, 30, "PC6008")]),
    ('[declaration.u]\ntype = "com.apple.configuration.softwareupdate.enforcement.specific"\n'
     'TargetOSVersion = "17.4"\nTargetLocalDateTime = "2030-01-01 09:00"\n', [(4, 23, "PC6031")]),
    ('[declaration.u]\ntype = "com.apple.configuration.softwareupdate.enforcement.specific"\n'
     'TargetOSVersion = "16.4"\nTargetLocalDateTime = "2030-01-01T09:00:00"\n', [(3, 19, "PC6030")]),
    # A reference inside a dictionary is checked against the key's own asset types.
    ('[declaration.p]\ntype = "com.apple.configuration.passcode.settings"\n\n'
     '[declaration.m]\ntype = "com.apple.configuration.account.mail"\n'
     'IncomingServer = { ServerType = "IMAP", HostName = "i", AuthenticationMethod = "Password", '
     'AuthenticationCredentialsAssetReference = { declaration = "p" } }\n'
     'OutgoingServer = { HostName = "s", AuthenticationMethod = "None" }\n', [(6, 134, "PC6008")]),
    # Column 13 is the quote; the comparison operator is missing at offset 29 of the predicate.
    (ACTIVATION + 'Predicate = \'@status(device.model.family) "iPad"\'\n', [(6, 43, "PC6060")]),
]
TARGET = '[target]\nplatforms = { iOS = "17.0" }\n\n'
FINDING = re.compile(r"^[^:\n]+:(\d+):(\d+): \w+\[(PC\d{4})\]", re.M)


def run(*args, cwd=None, env=None):
    return subprocess.run([PROFILEC, *args], capture_output=True, text=True, cwd=cwd, timeout=60,
                          env={**os.environ, "NO_COLOR": "1", **(env or {})})


def findings(output, offset=0):
    return [(int(line) - offset, int(col), code) for line, col, code in FINDING.findall(output)]


class DeclarationTest(unittest.TestCase):
    def setUp(self):
        self.repo = pathlib.Path(tempfile.mkdtemp(prefix="profilec-ddm-"))
        self.addCleanup(shutil.rmtree, self.repo)
        (self.repo / "profilec.toml").write_text('[profile]\norganization = "Example"\n')
        (self.repo / "policies").mkdir()

    def write(self, text, name="policies/ddm.toml"):
        path = self.repo / name
        path.write_text(text)
        return path

    def build(self, out="out"):
        r = run("build", ".", "-o", out, cwd=self.repo)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        folder = self.repo / out / "policies" / "ddm.declarations"
        return {p.name: p.read_bytes() for p in sorted(folder.glob("*.json"))}

    def test_a_clean_policy_checks_clean_and_builds_json_in_the_documented_layout(self):
        self.write(CLEAN)
        r = run("check", ".", cwd=self.repo)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "", ""))
        built = self.build()
        self.assertEqual(sorted(built), ["activate.json", "jane.json", "mail.json", "passcode.json", "update.json"])
        self.assertFalse((self.repo / "out" / "policies" / "ddm.mobileconfig").exists(), "declarations only")
        docs = {name: json.loads(data) for name, data in built.items()}  # python3's own parser
        for name, doc in docs.items():
            self.assertEqual(list(doc), ["Identifier", "Payload", "ServerToken", "Type"], name)
            stem = name.removesuffix(".json")
            self.assertEqual(doc["Identifier"],
                             str(uuid.uuid5(NAMESPACE, f"declaration:policies/ddm:{stem}")).upper())
            self.assertTrue(built[name].endswith(b"}\n"))
        self.assertEqual(docs["passcode.json"]["Payload"], {"MinimumLength": 8, "RequireAlphanumericPasscode": True})
        self.assertEqual(docs["mail.json"]["Payload"]["UserIdentityAssetReference"], docs["jane.json"]["Identifier"])
        self.assertEqual(docs["activate.json"]["Payload"]["StandardConfigurations"],
                         [docs[n]["Identifier"] for n in ("passcode.json", "mail.json", "update.json")])

    def test_the_example_of_docs_ddm_md_is_what_build_writes(self):
        page = (pathlib.Path(os.environ["PROFILEC_SOURCE_DIR"]) / "docs" / "ddm.md").read_text()
        documented = re.search(r"```json\n(.*?)```", page, re.S).group(1)
        (self.repo / "policies" / "passcode.toml").write_text(
            '[target]\nplatforms = { iOS = "17.0" }\n\n[declaration.passcode]\n'
            'type = "com.apple.configuration.passcode.settings"\nMinimumLength = 8\n')
        r = run("build", ".", "-o", "out", cwd=self.repo)
        self.assertEqual(r.returncode, 0, r.stderr)
        written = (self.repo / "out" / "policies" / "passcode.declarations" / "passcode.json").read_text()
        self.assertEqual(written, documented)

    def test_output_is_deterministic_and_the_server_token_follows_the_content_only(self):
        self.write(CLEAN)
        first = self.build("a")
        self.assertEqual(self.build("b"), first, "the same source gives the same bytes")
        # Reordered keys and another comment: same content, same tokens.
        self.write(CLEAN.replace("MinimumLength = 8      # a comment\nRequireAlphanumericPasscode = true",
                                 "RequireAlphanumericPasscode = true\nMinimumLength = 8"))
        self.assertEqual(self.build("c"), first)
        # One value changed: that declaration's token changes, its Identifier and the others do not.
        self.write(CLEAN.replace("MinimumLength = 8", "MinimumLength = 10"))
        changed = self.build("d")
        old, new = json.loads(first["passcode.json"]), json.loads(changed["passcode.json"])
        self.assertNotEqual(old["ServerToken"], new["ServerToken"])
        self.assertEqual(old["Identifier"], new["Identifier"])
        for name in first:
            if name != "passcode.json":
                self.assertEqual(changed[name], first[name], name)

    def test_each_rule_fires_at_its_line_and_column(self):
        offset = TARGET.count("\n")
        for text, expected in BAD:
            with self.subTest(expected=expected):
                self.write(TARGET + text)
                r = run("check", "policies/ddm.toml", cwd=self.repo)
                self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
                self.assertEqual(findings(r.stdout + r.stderr, offset), expected, r.stdout + r.stderr)

    def test_target_rules(self):
        cases = [
            ('platforms = { iOS = "16.0" }', "com.apple.configuration.softwareupdate.enforcement.specific",
             'TargetOSVersion = "17.4"\nTargetLocalDateTime = "2030-01-01T09:00:00"', "PC6010"),
            ('platforms = { tvOS = "17.0" }', "com.apple.configuration.passcode.settings", "", "PC6010"),
            ('platforms = { macOS = "14.0" }\nenrollment = "user"', "com.apple.configuration.passcode.settings", "",
             "PC6011"),
            ('platforms = { iOS = "17.0" }\nshared_ipad = true', "com.apple.configuration.passcode.settings", "",
             "PC6011"),
        ]
        for target, dtype, keys, code in cases:
            with self.subTest(target=target):
                self.write(f'[target]\n{target}\n\n[declaration.x]\ntype = "{dtype}"\n{keys}\n')
                r = run("check", "policies/ddm.toml", cwd=self.repo)
                self.assertEqual(findings(r.stdout + r.stderr), [(5 + target.count("\n"), 8, code)], r.stderr)

    def test_two_single_declarations_and_a_date_in_the_past(self):
        self.write('[target]\nplatforms = { macOS = "14.0" }\nsupervised = true\n\n'
                   '[declaration.a]\ntype = "com.apple.configuration.screensharing.host.settings"\n\n'
                   '[declaration.b]\ntype = "com.apple.configuration.screensharing.host.settings"\n')
        r = run("check", "policies/ddm.toml", cwd=self.repo)
        self.assertEqual(findings(r.stdout + r.stderr), [(9, 8, "PC6020")], r.stdout + r.stderr)
        update = TARGET + ('[declaration.u]\ntype = "com.apple.configuration.softwareupdate.enforcement.specific"\n'
                           'TargetOSVersion = "17.4"\nTargetLocalDateTime = "2026-01-01T09:00:00"\n')
        self.write(update)
        past = run("check", "policies/ddm.toml", cwd=self.repo, env={"PROFILEC_NOW": "2026-06-01T00:00:00Z"})
        self.assertEqual(findings(past.stdout + past.stderr), [(7, 23, "PC6031")], past.stderr)
        ahead = run("check", "policies/ddm.toml", cwd=self.repo, env={"PROFILEC_NOW": "2025-06-01T00:00:00Z"})
        self.assertEqual((ahead.returncode, findings(ahead.stdout + ahead.stderr)), (0, []), ahead.stderr)

    def test_predicate_findings_point_into_the_string(self):
        offset = TARGET.count("\n")
        cases = [
            # An unknown status item is a warning (exit 0) at the name, with the closest name as help.
            ('Predicate = \'@status(device.operating-system.famly) == "iOS"\'', [(6, 22, "PC6061")], 0,
             "did you mean 'device.operating-system.family'"),
            # Escapes: the source does not map one to one, so the finding is at the quote.
            ('Predicate = "@status(device.model.family) \\"iPad\\""', [(6, 13, "PC6060")], 1, "expected a comparison"),
            # Both sides of each rule: a known item, and a predicate that parses.
            ('Predicate = \'@status(device.operating-system.family) == "iOS"\'', [], 0, ""),
            ('Predicate = "@property(team) == \\"sales\\""', [], 0, ""),
            ('Predicate = \'@status(device.model.family) == "iPad" AND\'', [(6, 56, "PC6060")], 1,
             "expected a value"),
        ]
        for line, expected, code, text in cases:
            with self.subTest(line=line):
                self.write(TARGET + ACTIVATION + line + "\n")
                r = run("check", "policies/ddm.toml", cwd=self.repo)
                self.assertEqual(r.returncode, code, r.stdout + r.stderr)
                self.assertEqual(findings(r.stdout + r.stderr, offset), expected, r.stdout + r.stderr)
                self.assertIn(text, r.stdout + r.stderr)

    def test_single_declarations_across_policies_and_the_effective_merge(self):
        sharing = ('[target]\nplatforms = {{ macOS = "14.0" }}\nsupervised = true\n{}\n'
                   '[declaration.sharing]\ntype = "com.apple.configuration.screensharing.host.settings"\n')
        self.write(sharing.format(""), "policies/a.toml")
        self.write(sharing.format(""), "policies/b.toml")
        r = run("check", ".", cwd=self.repo)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(FINDING.findall(r.stdout + r.stderr), [("6", "8", "PC6020")], r.stderr)
        self.assertIn("policies/b.toml:6:8", r.stdout + r.stderr)
        self.assertIn("policies/a.toml:6:8", r.stdout + r.stderr)  # the note
        # Targets that share no device: tests/analyze/single_declarations_across_test.cc (on the command
        # line each would need an enrollment that the type refuses in the policy itself).
        (self.repo / "policies" / "a.toml").unlink()
        (self.repo / "policies" / "b.toml").unlink()

        updates = ('[target]\nplatforms = {{ iOS = "18.0" }}\nsupervised = true\n\n'
                   '[declaration.updates]\ntype = "com.apple.configuration.softwareupdate.settings"\n'
                   'Notifications = {}\nAutomaticActions = {{ Download = "{}" }}\n')
        self.write(updates.format("true", "AlwaysOn"), "policies/a.toml")
        self.write(updates.format("false", "Allowed"), "policies/b.toml")
        self.assertEqual(run("check", ".", cwd=self.repo).returncode, 0)
        human = run("effective", ".", "--platform", "iOS", "--supervised", cwd=self.repo)
        self.assertEqual(human.returncode, 0, human.stderr)
        self.assertEqual(human.stdout, """\
effective policy for iOS, supervised, device enrollment: 0 profiles

declarations: configurations of 2 policies

com.apple.configuration.softwareupdate.settings
  AutomaticActions.Download = "AlwaysOn"  (policies/a.toml:8)  [enum-last]
    overrides "Allowed" (policies/b.toml:8)
  Notifications = false  (policies/b.toml:7)  [boolean-and]
    overrides true (policies/a.toml:7)
""")
        doc = json.loads(run("--format", "json", "effective", ".", "--platform", "iOS", "--supervised",
                             cwd=self.repo).stdout)
        self.assertEqual(doc["declaration_policies"], ["policies/a.toml", "policies/b.toml"])
        first = doc["declarations"][0]
        self.assertEqual((first["declaration"], first["key"], first["value"], first["resolution"], first["rule"]),
                         ("com.apple.configuration.softwareupdate.settings", "AutomaticActions.Download",
                          "AlwaysOn", "combined", "enum-last"))
        self.assertEqual(first["source"]["file"], "policies/a.toml")
        # Unsupervised devices receive neither policy: the declaration keys are left out.
        none = json.loads(run("--format", "json", "effective", ".", "--platform", "iOS", cwd=self.repo).stdout)
        self.assertNotIn("declarations", none)

    def test_schema_list_tells_declarations_apart(self):
        r = run("schema", "list", "--kind", "declaration")
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0].split()[:4], ["declaration", "type", "class", "apply"])
        row = next(line for line in lines if line.startswith("com.apple.configuration.passcode.settings "))
        self.assertEqual(row.split()[1:3], ["configuration", "combined"])
        self.assertRegex(lines[-1], r"^\d+ declaration types")
        self.assertNotIn("com.apple.wifi.managed", r.stdout)
        payloads = run("schema", "list")
        self.assertNotIn("com.apple.configuration.passcode.settings", payloads.stdout)
        shown = json.loads(run("schema", "show", "com.apple.configuration.passcode.settings", "--format", "json").stdout)
        self.assertEqual((shown["kind"], shown["class"], shown["apply"]), ("declaration", "configuration", "combined"))
        self.assertEqual(shown["platforms"]["macOS"]["enrollment_user"], False)


if __name__ == "__main__":
    unittest.main()
