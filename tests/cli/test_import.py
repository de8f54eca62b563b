"""End-to-end tests of `profilec import`: .mobileconfig -> policy source ->
`profilec build` -> the same plist, read back with python3's plistlib and
compared with its types; secrets, data files, .env.example, --force,
--keep-secrets, signed and binary input, and bad input that must leave
nothing behind.
"""
import datetime
import os
import pathlib
import plistlib
import shutil
import subprocess
import tempfile
import tomllib
import unittest

from import_support import first_difference, load_plist, run, secret_values, tagged


def profile(payloads, **envelope):
    top = {
        "PayloadType": "Configuration",
        "PayloadVersion": 1,
        "PayloadIdentifier": "com.example.imported",
        "PayloadUUID": "6F9E1C2A-3B4D-4E5F-8A9B-0C1D2E3F4A5B",
        "PayloadDisplayName": "Imported",
        "PayloadContent": payloads,
    }
    top.update(envelope)
    return top


def payload(payload_type, identifier, uuid, **keys):
    return {"PayloadType": payload_type, "PayloadIdentifier": identifier, "PayloadUUID": uuid, "PayloadVersion": 1,
            **keys}


WIFI = payload("com.apple.wifi.managed", "com.example.imported.corp", "0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D",
               SSID_STR="Corp", EncryptionType="WPA2", AutoJoin=True, Password="correct horse battery staple")
CUSTOM = payload("com.apple.ManagedClient.preferences", "com.example.imported.app",
                 "1B2C3D4E-5F6A-4B7C-9D8E-0F1A2B3C4D5E",
                 PayloadContent={"com.example.app": {"Forced": [{"mcx_preference_settings": {
                     "ServerURL": "https://mdm.example.com/api",
                     "ApiToken": "tok-12345",
                     "Ratio": 0.1,
                     "Negative": -0.0,
                     "Count": -7,
                     "Enabled": False,
                     "Since": datetime.datetime(2024, 2, 29, 12, 30, 5),
                     "Blob": bytes(range(256)),
                     "Tiny": b"\x00\x01",
                     "Note": "line one\nline \"two\"\r\nGr\u00fc\u00dfe \u2713",
                     "Empty": {},
                     "Nothing": [],
                     "Mixed": [1, "a", True, {"k": 1.5}, [2, []]],
                     "key with spaces": {"": "empty key"},
                 }}]}})


def openssl(*args, stdin=None):
    result = subprocess.run(["openssl", *args], capture_output=True, input=stdin, timeout=60)
    if result.returncode != 0:
        raise AssertionError(result.stderr.decode(errors="replace"))
    return result.stdout


class ImportTest(unittest.TestCase):
    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="profilec-import-"))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write_profile(self, name, value, fmt=plistlib.FMT_XML):
        path = self.tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(plistlib.dumps(value, fmt=fmt))
        return path

    def files(self, folder):
        folder = pathlib.Path(folder)
        return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) if folder.exists() else []

    def build_and_load(self, policies, env):
        out = self.tmp / "built"
        shutil.rmtree(out, ignore_errors=True)
        result = run("build", str(policies), "-o", str(out), env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        built = list(out.rglob("*.mobileconfig"))
        self.assertEqual(len(built), 1)
        with built[0].open("rb") as fh:
            return plistlib.load(fh)

    def assert_same_plist(self, original, rebuilt):
        self.assertIsNone(first_difference(tagged(original), tagged(rebuilt)))

    def test_round_trip_with_secrets_data_and_every_value_type(self):
        source = self.write_profile("corp.mobileconfig", profile([WIFI, CUSTOM], PayloadOrganization="Example",
                                                                 PayloadRemovalDisallowed=True,
                                                                 ConsentText={"default": "Accept?"}))
        original = load_plist(source)  # an XML parser reads the CR LF in Note as LF
        policies = self.tmp / "policies"
        result = run("import", str(source), "-o", str(policies))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.files(policies), [".env.example", "corp-app-Blob.bin", "corp.toml"])
        self.assertIn(f"wrote {policies / 'corp.toml'}", result.stdout)
        text = (policies / "corp.toml").read_text()
        # Secrets are never written, and the user is told which variables to set.
        self.assertNotIn("correct horse", text)
        self.assertNotIn("tok-12345", text)
        self.assertIn('Password = { env = "PROFILEC_CORP_CORP_PASSWORD" }', text)
        self.assertIn("PROFILEC_CORP_CORP_PASSWORD", result.stdout)
        self.assertIn("PROFILEC_CORP_APP_APITOKEN", result.stdout)
        env_example = (policies / ".env.example").read_text()
        self.assertIn("# corp.toml: [payload.corp] Password\nPROFILEC_CORP_CORP_PASSWORD=\n", env_example)
        self.assertIn("PROFILEC_CORP_APP_APITOKEN=\n", env_example)
        self.assertNotIn("correct horse", env_example)
        self.assertEqual((policies / "corp-app-Blob.bin").read_bytes(), bytes(range(256)))
        # Identity is pinned and the source is valid TOML.
        parsed = tomllib.loads(text)
        self.assertEqual(parsed["profile"]["uuid"], original["PayloadUUID"])
        self.assertEqual(parsed["payload"]["corp"]["PayloadUUID"], WIFI["PayloadUUID"])
        env = secret_values(policies / "corp.toml", original)
        self.assertEqual(env["PROFILEC_CORP_CORP_PASSWORD"], "correct horse battery staple")
        self.assert_same_plist(original, self.build_and_load(policies, env))

    def test_build_without_the_secret_fails_and_names_the_variable(self):
        policies = self.tmp / "policies"
        self.assertEqual(run("import", str(self.write_profile("w.mobileconfig", profile([WIFI]))), "-o",
                             str(policies)).returncode, 0)
        result = run("build", str(policies), "-o", str(self.tmp / "built"))
        self.assertEqual(result.returncode, 1)
        self.assertIn("PROFILEC_W_CORP_PASSWORD", result.stderr)

    def test_keep_secrets_writes_them_inline_with_a_warning(self):
        original = profile([WIFI])
        policies = self.tmp / "policies"
        result = run("import", "--keep-secrets", str(self.write_profile("w.mobileconfig", original)), "-o",
                     str(policies))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("warning: --keep-secrets", result.stderr)
        self.assertIn("do not commit it", result.stderr)
        self.assertIn('Password = "correct horse battery staple"', (policies / "w.toml").read_text())
        self.assertEqual(self.files(policies), ["w.toml"])  # no .env.example
        self.assert_same_plist(original, self.build_and_load(policies, {}))

    def test_existing_files_are_never_replaced_without_force(self):
        source = self.write_profile("w.mobileconfig", profile([WIFI]))
        other = self.write_profile("other.mobileconfig", profile([], PayloadIdentifier="com.example.other",
                                                                 PayloadUUID="5B6C7D8E-9F0A-4B1C-8D2E-3F4A5B6C7D8E"))
        policies = self.tmp / "policies"
        self.assertEqual(run("import", str(source), "-o", str(policies)).returncode, 0)
        (policies / "w.toml").write_text("# edited by hand\n")
        before = {name: (policies / name).read_bytes() for name in self.files(policies)}

        result = run("import", str(other), str(source), "-o", str(policies))
        self.assertEqual(result.returncode, 2)
        self.assertIn(f"'{policies / 'w.toml'}' already exists", result.stderr)
        self.assertIn("nothing written", result.stderr)
        self.assertEqual({name: (policies / name).read_bytes() for name in self.files(policies)}, before)

        result = run("import", "--force", str(source), "-o", str(policies))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn("edited by hand", (policies / "w.toml").read_text())
        # .env.example keeps what it had and lists each variable once.
        self.assertEqual((policies / ".env.example").read_text().count("PROFILEC_W_CORP_PASSWORD="), 1)

    def test_env_example_gains_the_variables_of_later_imports(self):
        policies = self.tmp / "policies"
        self.assertEqual(run("import", str(self.write_profile("a.mobileconfig", profile([WIFI]))), "-o",
                             str(policies)).returncode, 0)
        (policies / ".env.example").write_text((policies / ".env.example").read_text() + "# mine\nMY_VAR=\n")
        second = profile([WIFI], PayloadIdentifier="com.example.b")
        self.assertEqual(run("import", str(self.write_profile("b.mobileconfig", second)), "-o",
                             str(policies)).returncode, 0)
        text = (policies / ".env.example").read_text()
        for line in ("PROFILEC_A_CORP_PASSWORD=", "MY_VAR=", "PROFILEC_B_CORP_PASSWORD="):
            self.assertIn(line, text)

    def test_env_example_comments_hold_key_names_on_one_line(self):
        # Issue 15 item 10: a key name with newlines used to start lines of
        # its own in .env.example (here a forged EVIL=1 variable).
        eap = dict(WIFI, EAPClientConfiguration={"AcceptEAPTypes": [25], "X\nEVIL=1\nUserPassword": "hunter2"})
        policies = self.tmp / "policies"
        result = run("import", str(self.write_profile("n.mobileconfig", profile([eap]))), "-o", str(policies))
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = (policies / ".env.example").read_text().splitlines()
        self.assertIn("# n.toml: [payload.corp] EAPClientConfiguration.X\\nEVIL=1\\nUserPassword", lines)
        variables = [line for line in lines if line and not line.startswith("#")]
        self.assertEqual(variables, ["PROFILEC_N_CORP_PASSWORD=", "PROFILEC_N_CORP_X_EVIL_1_USERPASSWORD="])
        self.assertNotIn("\nEVIL=1", result.stdout)

    def test_env_example_that_is_not_a_regular_file_is_refused_and_nothing_written(self):
        # Issue 15 items 10 and 12: a symbolic link used to be followed (its
        # target copied into the new .env.example); a folder made the write
        # fail after the policy was in place ("nothing written" was false, and
        # the rerun said "already exists").
        source = self.write_profile("w.mobileconfig", profile([WIFI]))
        secret_file = self.tmp / "secret.txt"
        secret_file.write_text("TOP_SECRET=1\n")
        policies = self.tmp / "policies"
        for make, reason in ((lambda p: p.symlink_to(secret_file), "is a symbolic link"),
                             (lambda p: p.mkdir(), "is a directory"),
                             (lambda p: os.mkfifo(p), "not a regular file")):
            shutil.rmtree(policies, ignore_errors=True)
            policies.mkdir()
            make(policies / ".env.example")
            result = run("import", str(source), "-o", str(policies))
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn(reason, result.stderr)
            self.assertIn("nothing written", result.stderr)
            self.assertEqual(sorted(p.name for p in policies.iterdir()), [".env.example"])
        # Once the folder is gone, the rerun works.
        (policies / ".env.example").unlink()
        result = run("import", str(source), "-o", str(policies))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn("TOP_SECRET", (policies / ".env.example").read_text())

    def test_what_check_reads_but_policy_source_cannot_hold_is_refused_at_its_place(self):
        # Issue 15 item 12: these made import say "this is a bug in profilec
        # import"; check reads them, import refuses them (PC0030, located).
        def with_value(xml):
            text = plistlib.dumps(profile([payload("com.apple.applicationaccess", "com.example.imported.r",
                                                   "0B7D8E52-37A4-4C0E-8D53-6C1B1F2D3E44", Since="VALUE")])).decode()
            return text.replace("<string>VALUE</string>", xml)
        deep = lambda n, open_, close: open_ * n + "<true/>" + close * n
        cases = [
            ("<date>2024-02-30T00:00:00Z</date>", "the date 2024-02-30T00:00:00Z does not exist on the calendar"),
            ("<date>2016-12-31T23:59:60Z</date>", "the date 2016-12-31T23:59:60Z does not exist on the calendar"),
            (deep(129, "<dict><key>k</key>", "</dict>"), "arrays and dictionaries nested more than 128 levels deep"),
            (deep(129, "<array>", "</array>"), "arrays and dictionaries nested more than 128 levels deep"),
            (deep(508, "<array>", "</array>"), "arrays and dictionaries nested more than 128 levels deep"),
            ("<string>" + "a" * (9 * 1024 * 1024) + "</string>", "the policy would be 94"),
        ]
        for xml, message in cases:
            source = self.tmp / "v.mobileconfig"
            source.write_text(with_value(xml))
            checked = run("check", str(source))
            self.assertNotIn("error", checked.stderr.replace("0 errors", ""), checked.stderr[:300])
            policies = self.tmp / "policies"
            result = run("import", str(source), "-o", str(policies))
            self.assertEqual(result.returncode, 2, result.stderr[-500:])
            self.assertIn(f"error[PC0030]: {message}", result.stderr[:2000])
            self.assertRegex(result.stderr[:300], r"v\.mobileconfig:\d+:\d+: error\[PC0030\]")
            self.assertNotIn("bug in profilec", result.stderr)
            self.assertFalse(policies.exists())
        # The deepest that policy source holds, and the last day of February
        # in a leap year, import and build back.
        for xml in (deep(128, "<dict><key>k</key>", "</dict>"), deep(128, "<array>", "</array>"),
                    "<date>2024-02-29T23:59:59Z</date>"):
            source = self.tmp / "v.mobileconfig"
            source.write_text(with_value(xml))
            policies = self.tmp / "ok"
            shutil.rmtree(policies, ignore_errors=True)
            result = run("import", str(source), "-o", str(policies))
            self.assertEqual(result.returncode, 0, result.stderr[-500:])

    def test_unreadable_and_malformed_input_writes_nothing(self):
        good = self.write_profile("good.mobileconfig", profile([WIFI]))
        broken = self.tmp / "broken.mobileconfig"
        broken.write_text('<?xml version="1.0"?>\n<plist version="1.0">\n<dict>\n  <key>a</key>\n</plist>\n')
        policies = self.tmp / "policies"
        for inputs, located in (([str(self.tmp / "missing.mobileconfig")], "cannot read"),
                                ([str(good), str(broken)], f"{broken}:5:"),
                                ([str(self.write_profile("list.mobileconfig", ["not", "a", "profile"]))], "error")):
            result = run("import", *inputs, "-o", str(policies))
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn(located, result.stderr)
            self.assertIn("nothing written", result.stderr)
            self.assertFalse(policies.exists(), self.files(policies))
        result = run("import", str(good), str(broken), "-o", str(policies))
        self.assertTrue(result.stderr.endswith("profilec: nothing written: 1 of 2 files could not be imported\n"),
                        result.stderr)

    def test_what_policy_source_cannot_hold_is_refused_at_its_place(self):
        source = self.write_profile("noid.mobileconfig", {"PayloadType": "Configuration", "PayloadContent": []})
        result = run("import", str(source), "-o", str(self.tmp / "policies"))
        self.assertEqual(result.returncode, 2)
        self.assertIn(f"{source}:", result.stderr)
        self.assertIn("error[PC0030]: the profile has no PayloadIdentifier", result.stderr)
        self.assertFalse((self.tmp / "policies").exists())

    def test_signed_and_binary_profiles_import_like_xml(self):
        original = profile([WIFI, CUSTOM])
        key, cert = self.tmp / "key.pem", self.tmp / "cert.pem"
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", str(key),
                "-out", str(cert), "-days", "30", "-subj", "/CN=profilec import test")
        signed = self.tmp / "signed.mobileconfig"
        # -binary: the content is signed as it is (no S/MIME line-end canonicalization).
        signed.write_bytes(openssl("smime", "-sign", "-binary", "-nodetach", "-outform", "DER", "-signer", str(cert),
                                   "-inkey", str(key), stdin=plistlib.dumps(original)))
        binary = self.write_profile("binary.mobileconfig", original, fmt=plistlib.FMT_BINARY)
        for source, is_signed in ((signed, True), (binary, False)):
            read = load_plist(source, signed=is_signed)  # the signed XML: CR LF in Note read as LF
            policies = self.tmp / f"policies-{source.stem}"
            result = run("import", str(source), "-o", str(policies))
            self.assertEqual(result.returncode, 0, result.stderr)
            toml = policies / f"{source.stem}.toml"
            self.assert_same_plist(read, self.build_and_load(policies, secret_values(toml, read)))

    def test_a_signature_that_does_not_verify_is_reported_and_the_content_imported(self):
        original = profile([WIFI])
        key, cert = self.tmp / "key.pem", self.tmp / "cert.pem"
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", str(key),
                "-out", str(cert), "-days", "30", "-subj", "/CN=profilec import test")
        der = openssl("smime", "-sign", "-nodetach", "-outform", "DER", "-signer", str(cert), "-inkey", str(key),
                      stdin=plistlib.dumps(original))
        tampered = der.replace(b"<string>Corp</string>", b"<string>Evil</string>")
        self.assertNotEqual(tampered, der)
        source = self.tmp / "tampered.mobileconfig"
        source.write_bytes(tampered)
        policies = self.tmp / "policies"
        result = run("import", str(source), "-o", str(policies))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("warning[PC0020]", result.stderr)
        self.assertIn('SSID_STR = "Evil"', (policies / "tampered.toml").read_text())

    def test_certificates_go_to_cer_files(self):
        key, cert = self.tmp / "key.pem", self.tmp / "cert.pem"
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", str(key),
                "-out", str(cert), "-days", "3650", "-subj", "/CN=Example Root CA")
        der = openssl("x509", "-in", str(cert), "-outform", "DER")
        original = profile([payload("com.apple.security.root", "com.example.imported.root",
                                    "2C3D4E5F-6A7B-4C8D-8E9F-0A1B2C3D4E5F", PayloadCertificateFileName="Example Root.cer",
                                    PayloadContent=der)])
        policies = self.tmp / "policies"
        result = run("import", str(self.write_profile("ca.mobileconfig", original)), "-o", str(policies))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual((policies / "ca-Example-Root.cer").read_bytes(), der)
        self.assertIn('PayloadContent = { file = "ca-Example-Root.cer" }', (policies / "ca.toml").read_text())
        self.assert_same_plist(original, self.build_and_load(policies, {}))

    def test_two_inputs_with_the_same_name_get_different_policies(self):
        a = self.write_profile("a/wifi.mobileconfig", profile([WIFI]))
        b = self.write_profile("b/wifi.mobileconfig", profile([], PayloadIdentifier="com.example.other",
                                                              PayloadUUID="5B6C7D8E-9F0A-4B1C-8D2E-3F4A5B6C7D8E"))
        policies = self.tmp / "policies"
        result = run("import", str(a), str(b), "-o", str(policies))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual([p for p in self.files(policies) if p.endswith(".toml")], ["wifi-2.toml", "wifi.toml"])
        self.assertIn("id = \"com.example.other\"", (policies / "wifi-2.toml").read_text())

    def test_a_folder_imports_as_the_same_tree_and_builds(self):
        repo = self.tmp / "repo"
        self.write_profile("repo/ios/wifi.mobileconfig", profile([WIFI]))
        self.write_profile("repo/mac/notes/other.mobileconfig",
                           profile([], PayloadIdentifier="com.example.other",
                                   PayloadUUID="7A0F2D3B-4C5E-4F60-9B1C-2D3E4F5A6B7C"))
        self.write_profile("repo/.git/hidden.mobileconfig", profile([]))
        (repo / "README.md").write_text("not a profile\n")
        policies = self.tmp / "policies"
        result = run("import", str(repo), "-o", str(policies))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual([p for p in self.files(policies) if p.endswith(".toml")],
                         ["ios/wifi.toml", "mac/notes/other.toml"])
        built = run("build", str(policies), "-o", str(self.tmp / "built"),
                    env={"PROFILEC_WIFI_CORP_PASSWORD": "correct horse battery staple"})
        self.assertEqual(built.returncode, 0, built.stderr)
        self.assertEqual(self.files(self.tmp / "built"), [".profilec-build-cache", ".profilec-build.json", ".profilec-output", "ios/wifi.mobileconfig", "mac/notes/other.mobileconfig"])

    def test_the_target_profilec_toml_states_for_a_file_is_written_as_its_target(self):
        repo = self.tmp / "repo"
        self.write_profile("repo/ios/wifi.mobileconfig", profile([WIFI]))
        self.write_profile("repo/mac/other.mobileconfig",
                           profile([], PayloadIdentifier="com.example.other",
                                   PayloadUUID="7A0F2D3B-4C5E-4F60-9B1C-2D3E4F5A6B7C"))
        (repo / "profilec.toml").write_text('[[targets]]\npaths = ["ios"]\nplatforms = { iOS = "17.0", macOS = "14.0" }\n'
                                            'supervised = true\nenrollment = "automated"\n')
        policies = self.tmp / "policies"
        result = run("import", str(repo), "-o", str(policies))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('\n[target]\nplatforms = { iOS = "17.0", macOS = "14.0" }\nsupervised = true\n'
                      'enrollment = "automated"\n', (policies / "ios/wifi.toml").read_text())
        other = (policies / "mac/other.toml").read_text()
        self.assertNotIn("[target]\n", other)
        self.assertIn("# [target] is not recorded in a .mobileconfig", other)
        built = run("build", str(policies), "-o", str(self.tmp / "built"),
                    env={"PROFILEC_WIFI_CORP_PASSWORD": "correct horse battery staple"})
        self.assertEqual(built.returncode, 0, built.stderr)

    def test_a_folder_without_profiles_is_an_error(self):
        (self.tmp / "empty").mkdir()
        result = run("import", str(self.tmp / "empty"), "-o", str(self.tmp / "policies"))
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr,
                         f"profilec: error: '{self.tmp / 'empty'}' holds no .mobileconfig or declaration files\n")

    @staticmethod
    def top_level_line(path, key):
        """The line of the top-level <key>KEY</key> plistlib wrote (one tab in)."""
        lines = path.read_text().splitlines()
        return lines.index(f"\t<key>{key}</key>") + 1

    def test_files_that_would_not_build_together_are_named_at_their_lines(self):
        # One UUID for two different profiles: an error whatever their targets.
        a = self.write_profile("repo/a.mobileconfig", profile([]))
        b = self.write_profile("repo/b/b.mobileconfig", profile([], PayloadIdentifier="com.example.other"))
        policies = self.tmp / "policies"
        result = run("import", str(self.tmp / "repo"), "-o", str(policies))
        self.assertEqual(result.returncode, 1, result.stderr)
        line_a, line_b = self.top_level_line(a, "PayloadUUID"), self.top_level_line(b, "PayloadUUID")
        self.assertIn(f"{b}:{line_b + 1}:2: error[PC3002]: profile UUID 6F9E1C2A-3B4D-4E5F-8A9B-0C1D2E3F4A5B is also "
                      f"the UUID of a profile at {a}:{line_a + 1}\n", result.stderr)
        self.assertIn(f"{a}:{line_a + 1}:2: note: the profile with the same UUID\n", result.stderr)
        self.assertTrue(result.stderr.endswith(
            "profilec: nothing written: the imported policies would not build together: 1 error across files, in "
            "the .mobileconfig files themselves (above); fix it there, or import the files concerned into separate "
            "folders\n"), result.stderr)
        self.assertFalse(policies.exists(), self.files(policies))
        # One at a time, each imports: the problem is between them.
        self.assertEqual(run("import", str(a), "-o", str(self.tmp / "one")).returncode, 0)

    def test_top_level_keys_that_are_not_apples_are_carried_over_in_profile_extra(self):
        source = self.write_profile("odd.mobileconfig", profile([], payloadScope="System", label="Corp"))
        policies = self.tmp / "policies"
        result = run("import", str(source), "-o", str(policies))
        self.assertEqual(result.returncode, 0, result.stderr)
        text = (policies / "odd.toml").read_text()
        self.assertIn("[profile.extra]\nlabel = \"Corp\"\n# profilec: allow PC1002 -- imported as found\n"
                      "payloadScope = \"System\"\n", text)
        self.assertEqual(result.stdout, f"wrote {policies / 'odd.toml'}\n"
                         f"{policies / 'odd.toml'}: kept as found, with `# profilec: allow` comments: "
                         f"PC1002 unknown-key\n"
                         f"{policies / 'odd.toml'}: 2 warnings: see `profilec check {policies / 'odd.toml'}`\n")
        self.assert_same_plist(plistlib.loads(source.read_bytes()), self.build_and_load(policies, {}))
        # check says of the .mobileconfig what import kept.
        checked = run("check", str(source))
        self.assertEqual(checked.returncode, 1)
        self.assertIn("error[PC1002]: unknown key 'payloadScope' in the profile's top level", checked.stderr)
        self.assertIn("warning[PC1002]: key 'label' is not in Apple's schema data for the profile's top level",
                      checked.stderr)


if __name__ == "__main__":
    unittest.main()
