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
"""

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
