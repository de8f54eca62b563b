"""End-to-end tests of `profilec check` on existing .mobileconfig files.

Profiles are written with python3's plistlib (XML and binary) and signed
with the openssl command, both independent of profilec. Every bad input
must give one clear located error and a stable exit code, never a crash.
"""
import json
import os
import plistlib
import shutil
import subprocess
import unittest

from e2e_support import TempDirCase

PROFILEC = os.environ["PROFILEC"]
OPENSSL = shutil.which("openssl")


def run(*args, cwd=None):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    return subprocess.run([PROFILEC, *args], capture_output=True, env=env, cwd=cwd, timeout=120)


def findings(result):
    return json.loads(result.stdout)["diagnostics"]


def profile(payloads, identifier="com.example.imported", **envelope):
    top = {
        "PayloadContent": payloads,
        "PayloadIdentifier": identifier,
        "PayloadType": "Configuration",
        "PayloadUUID": "0C8551DD-D9E6-4E8E-989C-103467F2E2BD",
        "PayloadVersion": 1,
    }
    top.update(envelope)
    return top


def restrictions(camera=False, uuid="5C7E1B1E-3F0B-4C55-9D7B-2C1D8A0F6E11", **keys):
    payload = {
        "PayloadIdentifier": "com.example.imported.restrictions",
        "PayloadType": "com.apple.applicationaccess",
        "PayloadUUID": uuid,
        "PayloadVersion": 1,
        "allowCamera": camera,
    }
    payload.update(keys)
    return payload


# A payload only macOS installs.
FIREWALL = {
    "PayloadIdentifier": "com.example.imported.firewall",
    "PayloadType": "com.apple.security.firewall",
    "PayloadUUID": "7D0F3A52-9C1E-4B6A-8F2D-1E3C5A7B9D0F",
    "PayloadVersion": 1,
    "EnableFirewall": True,
}


class ReaderTest(TempDirCase):
    prefix = "profilec-reader-"

    def check_json(self, *args, cwd=None):
        result = run("--format", "json", "check", *args, cwd=cwd or self.tmp)
        self.assertIn(result.returncode, (0, 1, 2), result.stderr)
        self.assertNotIn(b"internal error", result.stderr)
        return result

    def only_error(self, name, data):
        """The one finding a bad file gives: located, an error, exit 1."""
        self.write(name, data)
        result = self.check_json(name)
        self.assertEqual(result.returncode, 1, result.stderr)
        diagnostics = findings(result)
        self.assertEqual(len(diagnostics), 1, diagnostics)
        self.assertEqual(diagnostics[0]["severity"], "error")
        self.assertEqual(diagnostics[0]["path"], name)
        return diagnostics[0]

    # --- well-formed profiles -------------------------------------------------

    def test_a_clean_xml_profile_is_clean(self):
        self.write("clean.mobileconfig", plistlib.dumps(profile([restrictions()])))
        result = self.check_json("clean.mobileconfig")
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertEqual(findings(result), [])

    def test_findings_point_into_the_xml(self):
        data = plistlib.dumps(profile([restrictions(allowCamra=True)]))
        self.write("typo.mobileconfig", data)
        result = self.check_json("typo.mobileconfig")
        self.assertEqual(result.returncode, 1)
        [finding] = [d for d in findings(result) if d["code"] == "PC1002"]
        lines = data.decode().splitlines()
        self.assertIn("<key>allowCamra</key>", lines[finding["line"] - 1])
        self.assertEqual(lines[finding["line"] - 1].index("<key>") + 1, finding["column"])

    def test_a_binary_profile_is_read(self):
        data = plistlib.dumps(profile([restrictions(allowCamra=True)]), fmt=plistlib.FMT_BINARY)
        self.write("binary.mobileconfig", data)
        result = self.check_json("binary.mobileconfig")
        self.assertEqual([d["code"] for d in findings(result)], ["PC1002"])
        self.assertIsNone(findings(result)[0]["line"])  # a binary file has no lines

    def test_target_flags_drive_the_target_checks(self):
        self.write("mac.mobileconfig", plistlib.dumps(profile([FIREWALL])))
        self.assertEqual(self.check_json("mac.mobileconfig").returncode, 0)
        on_ios = self.check_json("mac.mobileconfig", "--platform", "iOS:17.0")
        self.assertEqual(on_ios.returncode, 1)
        self.assertIn("PC2001", [d["code"] for d in findings(on_ios)])
        on_mac = self.check_json("mac.mobileconfig", "--platform", "macOS:14.0", "--supervised")
        self.assertEqual(on_mac.returncode, 0, on_mac.stdout)

    def test_target_from_profilec_toml_applies_to_mobileconfig_files(self):
        self.write("repo/profilec.toml", '[target]\nplatforms = { iOS = "17.0" }\n')
        self.write("repo/mac.mobileconfig", plistlib.dumps(profile([FIREWALL])))
        result = self.check_json("repo")
        self.assertIn("PC2001", [d["code"] for d in findings(result)])
        # The command line wins over profilec.toml.
        self.assertEqual(self.check_json("repo", "--platform", "macOS:14.0").returncode, 0)

    def test_bad_target_flags_are_usage_errors(self):
        self.write("a.mobileconfig", plistlib.dumps(profile([restrictions()])))
        # (`--platform iOS`, without a version, is any version: tests/cli/test_cli.py PlatformOptionTest.)
        for flags in (["--platform", "Android:1"], ["--platform", "iOS:x"], ["--platform", "iOS:"],
                      ["--enrollment", "byod"]):
            result = run("check", "a.mobileconfig", *flags, cwd=self.tmp)
            self.assertEqual(result.returncode, 2, flags)
            self.assertTrue(result.stderr, flags)

    def test_a_named_file_is_read_by_its_content(self):
        self.write("exported.plist", plistlib.dumps(profile([restrictions(uuid="${uuid_1}")])))
        result = self.check_json("exported.plist")
        self.assertEqual([d["code"] for d in findings(result)], ["PC1011"])

    def test_a_mixed_repository_is_analysed_together(self):
        self.write("repo/profilec.toml", '[target]\nplatforms = { iOS = "17.0" }\n')
        self.write("repo/policies/camera.toml",
                   '[profile]\nid = "com.example.policy"\n\n[payload.restrictions]\n'
                   'type = "com.apple.applicationaccess"\nallowCamera = true\n')
        self.write("repo/legacy/old.mobileconfig", plistlib.dumps(profile([restrictions(camera=False)])))
        result = self.check_json("repo")
        conflicts = [d for d in findings(result) if d["code"] == "PC4001"]
        self.assertEqual(len(conflicts), 1, findings(result))
        places = {conflicts[0]["path"]} | {n["path"] for n in conflicts[0]["notes"]}
        self.assertEqual(places, {"repo/policies/camera.toml", "repo/legacy/old.mobileconfig"})

    def test_build_never_writes_mobileconfig_inputs(self):
        self.write("repo/policies/camera.toml",
                   '[profile]\nid = "com.example.policy"\n\n[payload.restrictions]\n'
                   'type = "com.apple.applicationaccess"\nallowCamera = true\n')
        self.write("repo/legacy/old.mobileconfig", plistlib.dumps(profile([restrictions(camera=True)])))
        result = run("build", "repo", "-o", "out", cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)
        written = sorted(p.relative_to(self.tmp / "out").as_posix() for p in (self.tmp / "out").rglob("*") if p.is_file())
        self.assertEqual(written, [".profilec-build-cache", ".profilec-build.json", ".profilec-output",
                                   "policies/camera.mobileconfig"])

    def test_a_broken_mobileconfig_stops_build_writing_anything(self):
        self.write("repo/policies/camera.toml",
                   '[profile]\nid = "com.example.policy"\n\n[payload.restrictions]\n'
                   'type = "com.apple.applicationaccess"\nallowCamera = true\n')
        self.write("repo/legacy/broken.mobileconfig", "<plist><dict><key>a</key></plist>")
        result = run("build", "repo", "-o", "out", cwd=self.tmp)
        self.assertEqual(result.returncode, 1)
        self.assertFalse((self.tmp / "out").exists())

    def test_xml_suppression_comments(self):
        text = plistlib.dumps(profile([restrictions(allowCamra=True)])).decode()
        text = text.replace("<key>allowCamra</key>", "<!-- profilec: allow PC1002 -->\n\t\t\t<key>allowCamra</key>")
        self.write("allowed.mobileconfig", text)
        result = self.check_json("allowed.mobileconfig")
        self.assertEqual(result.returncode, 0, result.stdout)

    # --- signed profiles --------------------------------------------------------

    def sign(self, content, name):
        if not OPENSSL:
            self.skipTest("no openssl command")
        key, cert = self.tmp / "key.pem", self.tmp / "cert.pem"
        if not cert.exists():
            subprocess.run([OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                            "-days", "365", "-subj", "/CN=profilec test signer"], check=True, capture_output=True)
        source = self.write(name + ".content", content)
        out = self.tmp / name
        subprocess.run([OPENSSL, "cms", "-sign", "-nodetach", "-binary", "-outform", "DER", "-in", source,
                        "-signer", cert, "-inkey", key, "-out", out], check=True, capture_output=True)
        return out

    def test_a_signed_profile_is_read_and_its_findings_located(self):
        data = plistlib.dumps(profile([restrictions(allowCamra=True)]))
        self.sign(data, "signed.mobileconfig")
        result = self.check_json("signed.mobileconfig")
        codes = [d["code"] for d in findings(result)]
        self.assertEqual(codes, ["PC1002"], result.stdout)
        line = findings(result)[0]["line"]
        self.assertIn("<key>allowCamra</key>", data.decode().splitlines()[line - 1])

    def test_a_tampered_signature_is_reported_and_the_content_still_checked(self):
        data = plistlib.dumps(profile([restrictions()]))
        path = self.sign(data, "tampered.mobileconfig")
        raw = bytearray(path.read_bytes())
        at = raw.index(b"<false/>")
        raw[at:at + 8] = b"<true/> "
        path.write_bytes(bytes(raw))
        result = self.check_json("tampered.mobileconfig")
        codes = [d["code"] for d in findings(result)]
        self.assertIn("PC0020", codes)
        self.assertEqual(result.returncode, 1)
        [bad] = [d for d in findings(result) if d["code"] == "PC0020"]
        self.assertIn("profilec test signer", bad["message"])

    def test_truncated_der_is_one_error(self):
        path = self.sign(plistlib.dumps(profile([restrictions()])), "full.mobileconfig")
        finding = self.only_error("truncated.mobileconfig", path.read_bytes()[:200])
        self.assertEqual(finding["code"], "PC0021")

    def test_signed_content_that_is_not_a_plist(self):
        path = self.sign(b"hello, world\n", "text.mobileconfig")
        finding = self.only_error("text2.mobileconfig", path.read_bytes())
        self.assertEqual(finding["code"], "PC0017")
        self.assertEqual(finding["message"], "the signed content is not a property list")

    # --- bad input: one clear error each, never a crash -------------------------

    def test_malformed_xml(self):
        finding = self.only_error("m.mobileconfig", "<plist>\n<dict>\n<key>a</key>\n<string>x</strng>\n</dict>\n</plist>\n")
        self.assertEqual((finding["code"], finding["line"], finding["column"]), ("PC0017", 4, 10))

    def test_billion_laughs(self):
        doctype = '<?xml version="1.0"?>\n<!DOCTYPE plist [\n<!ENTITY a "aaaaaaaaaa">\n'
        for i in range(1, 10):
            prev = "a" if i == 1 else f"a{i - 1}"
            doctype += f'<!ENTITY a{i} "{("&" + prev + ";") * 10}">\n'
        finding = self.only_error("laughs.mobileconfig", doctype + "]>\n<plist><string>&a9;</string></plist>\n")
        self.assertEqual(finding["code"], "PC0017")
        self.assertIn("&a9;", finding["message"])

    def test_unknown_element(self):
        finding = self.only_error("u.mobileconfig", "<plist><dict><key>a</key><bool>1</bool></dict></plist>")
        self.assertEqual(finding["message"], "unknown element <bool>")

    def test_deeply_nested_arrays(self):
        deep = "<plist>" + "<array>" * 100000 + "</array>" * 100000 + "</plist>"
        finding = self.only_error("deep.mobileconfig", deep)
        self.assertEqual(finding["code"], "PC0018")

    def test_deeply_nested_binary(self):
        value = []
        for _ in range(600):
            value = [value]
        try:
            data = plistlib.dumps(profile(value), fmt=plistlib.FMT_BINARY)
        except RecursionError:
            self.skipTest("python cannot write it")
        finding = self.only_error("deep-binary.mobileconfig", data)
        self.assertEqual(finding["code"], "PC0018")

    def test_a_file_of_hundreds_of_megabytes(self):
        path = self.tmp / "huge.mobileconfig"
        with path.open("wb") as out:
            out.write(b"<plist><array>")
            out.truncate(200 * 1024 * 1024)  # sparse: 200 MiB without writing them
        result = self.check_json("huge.mobileconfig")
        self.assertEqual(result.returncode, 1)
        [finding] = findings(result)
        self.assertEqual(finding["code"], "PC0018")
        self.assertIn("200.0 MiB", finding["message"])

    def test_empty_and_not_a_profile(self):
        self.assertEqual(self.only_error("empty.mobileconfig", "")["message"], "the file is empty")
        self.assertEqual(self.only_error("root.mobileconfig", plistlib.dumps(["a"]))["code"], "PC0023")

    def test_unreadable_file_is_exit_2(self):
        result = run("check", "missing.mobileconfig", cwd=self.tmp)
        self.assertEqual(result.returncode, 2)


if __name__ == "__main__":
    unittest.main()
