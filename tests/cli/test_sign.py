"""End-to-end signing, verification and encryption, with the openssl
command-line tool as the independent peer (issue 6)."""

import json
import os
import pathlib
import plistlib
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

PROFILEC = os.environ["PROFILEC"]
SOURCE_DIR = pathlib.Path(os.environ["PROFILEC_SOURCE_DIR"])
EXAMPLE = SOURCE_DIR / "examples" / "acme-corp"
EXAMPLE_ENV = {"ACME_WIFI_PSK": "e2e-test-psk-value", "ACME_SCEP_CHALLENGE": "e2e-test-challenge"}
DAY = 86400

POLICY = """\
[profile]
id = "com.example.sign"
name = "Signed"

[payload.restrictions]
type = "com.apple.applicationaccess"
allowCamera = false
"""


def run(*args, env=None, cwd=None, binary=False):
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "PROFILEC_NOW", "SOURCE_DATE_EPOCH")}
    full_env.update(EXAMPLE_ENV)
    full_env.update(env or {})
    return subprocess.run([PROFILEC, *args], capture_output=True, text=not binary, env=full_env, cwd=cwd, timeout=120)


def openssl(*args, stdin=None):
    return subprocess.run(["openssl", *args], capture_output=True, input=stdin, timeout=120)


def utc(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


class SignTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.keys = pathlib.Path(tempfile.mkdtemp(prefix="profilec-keys-"))
        cls.identity("rsa", "-newkey", "rsa:2048")
        cls.identity("rsb", "-newkey", "rsa:2048")
        cls.identity("ec", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256")
        cls.identity("device", "-newkey", "rsa:2048")
        cls.identity("push", "-newkey", "rsa:2048",
                     subject="/UID=com.apple.mgmt.External.0b7a7a43-2b6d-4e1e-9d5b-3a3e0c0d4a11/CN=APSP:test")
        r = openssl("pkcs12", "-export", "-in", str(cls.keys / "rsa.pem"), "-inkey", str(cls.keys / "rsa.key"),
                    "-out", str(cls.keys / "rsa.p12"), "-passout", "pass:p12-password")
        assert r.returncode == 0, r.stderr

    @classmethod
    def identity(cls, name, *newkey, subject=None, days="365"):
        r = openssl("req", "-x509", *newkey, "-nodes", "-keyout", str(cls.keys / f"{name}.key"), "-out",
                    str(cls.keys / f"{name}.pem"), "-days", days, "-subj", subject or f"/CN=profilec e2e {name}")
        assert r.returncode == 0, r.stderr
        os.chmod(cls.keys / f"{name}.key", 0o600)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.keys, ignore_errors=True)

    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="profilec-sign-"))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def key(self, name, ext):
        return str(self.keys / f"{name}.{ext}")

    def sign_args(self, name):
        return ["--sign", "--sign-cert", self.key(name, "pem"), "--sign-key", self.key(name, "key")]

    def policy(self, text=POLICY):
        path = self.tmp / "src" / "policy.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return path

    def build_example(self, *extra, out="signed"):
        r = run("build", str(EXAMPLE), "-o", str(self.tmp / out), *extra)
        self.assertEqual(r.returncode, 0, r.stderr)
        return sorted((self.tmp / out).rglob("*.mobileconfig"))

    def test_openssl_verifies_our_output_and_yields_the_exact_plist(self):
        for name in ("rsa", "ec"):
            unsigned = self.build_example(out=f"plain-{name}")
            signed = self.build_example(*self.sign_args(name), out=f"signed-{name}")
            self.assertEqual(len(signed), len(unsigned))
            self.assertGreaterEqual(len(signed), 10)
            for plain, sig in zip(unsigned, signed):
                r = openssl("cms", "-verify", "-inform", "DER", "-in", str(sig), "-CAfile", self.key(name, "pem"),
                            "-purpose", "any")
                self.assertEqual(r.returncode, 0, f"{sig}: {r.stderr}")
                self.assertEqual(r.stdout, plain.read_bytes(), sig)
                # SHA-256, the signer and its certificate included.
                dump = openssl("cms", "-cmsout", "-print", "-inform", "DER", "-in", str(sig)).stdout.decode()
                self.assertIn("sha256", dump)
                self.assertIn(f"profilec e2e {name}", dump)

    def test_we_verify_and_unsign_what_openssl_smime_signed(self):
        plain = self.build_example(out="plain")[0]
        for name in ("rsa", "ec"):
            der = self.tmp / f"openssl-{name}.mobileconfig"
            r = openssl("smime", "-sign", "-nodetach", "-outform", "der", "-binary", "-in", str(plain), "-signer",
                        self.key(name, "pem"), "-inkey", self.key(name, "key"), "-out", str(der))
            self.assertEqual(r.returncode, 0, r.stderr)
            v = run("verify", str(der), "--ca", self.key(name, "pem"))
            self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
            self.assertIn("signature valid", v.stdout)
            self.assertIn(f"signer:  CN=profilec e2e {name}", v.stdout)
            u = run("unsign", str(der), "-o", str(self.tmp / f"unsigned-{name}.xml"))
            self.assertEqual(u.returncode, 0, u.stderr)
            self.assertEqual((self.tmp / f"unsigned-{name}.xml").read_bytes(), plain.read_bytes())

    def test_verify_json_names_the_signer(self):
        signed = self.build_example(*self.sign_args("rsa"))[0]
        r = run("verify", str(signed), "--format", "json")
        self.assertEqual(r.returncode, 4, r.stderr)  # no --ca: intact, signer not verified
        doc = json.loads(r.stdout)
        self.assertEqual((doc[0]["valid"], doc[0]["verdict"], doc[0]["chain_checked"]), (False, "intact", False))
        r = run("verify", str(signed), "--format", "json", "--ca", self.key("rsa", "pem"))
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = json.loads(r.stdout)
        self.assertEqual((doc[0]["valid"], doc[0]["verdict"], doc[0]["chain_checked"]), (True, "valid", True))
        self.assertEqual(doc[0]["digest"], "SHA256")
        self.assertEqual(doc[0]["signer"]["subject"], "CN=profilec e2e rsa")
        serial = openssl("x509", "-in", self.key("rsa", "pem"), "-noout", "-serial").stdout.decode()
        self.assertEqual(doc[0]["signer"]["serial"], serial.strip().split("=")[1])
        self.assertEqual(doc[0]["encrypted"], False)

    def test_flipping_any_byte_of_the_content_fails_verification(self):
        signed = self.build_example(*self.sign_args("ec"))[0]
        der = signed.read_bytes()
        content = openssl("cms", "-verify", "-noverify", "-inform", "DER", "-in", str(signed)).stdout
        start = der.find(content)
        self.assertGreater(start, 0)
        # Every byte of the content, in every build (the sanitizers' too): one tampered file per byte, all verified by
        # one run of the binary (a run per file cost a minute of CI, most of it process start-up), which judges each
        # file on its own (command_verify.cc) and reports each: the JSON names each file's verdict and problem, the
        # human output says the same line a run of its own would. The first and the last flip are also verified alone,
        # for the exit code of a single tampered file.
        tampered_dir = self.tmp / "tampered"
        tampered_dir.mkdir()
        tampered = {}
        for i in range(start, start + len(content)):
            data = bytearray(der)
            data[i] ^= 0x20
            tampered[i] = tampered_dir / f"byte-{i}.mobileconfig"
            tampered[i].write_bytes(bytes(data))
        self.assertEqual(len(tampered), len(content))
        paths = [str(path) for path in tampered.values()]
        r = run("verify", "--format", "json", *paths)
        self.assertEqual(r.returncode, 1, r.stderr)
        verdicts = {entry["file"]: entry for entry in json.loads(r.stdout)}
        self.assertEqual(sorted(verdicts), sorted(paths))
        for i, path in tampered.items():
            entry = verdicts[str(path)]
            self.assertEqual((entry["valid"], entry["verdict"]), (False, "INVALID"), f"byte {i}: {entry}")
            self.assertIn("signature does not match the content", entry["problem"], f"byte {i}")
        r = run("verify", *paths)
        self.assertEqual(r.returncode, 1, r.stderr)
        headlines = {line.split(": signature ", 1)[0]: line for line in r.stdout.splitlines()
                     if ": signature " in line and not line.startswith(" ")}
        self.assertEqual(sorted(headlines), sorted(paths))
        for i, path in tampered.items():
            self.assertIn("signature does not match the content", headlines[str(path)], f"byte {i}")
        for i in (start, start + len(content) - 1):
            r = run("verify", str(tampered[i]))
            self.assertEqual(r.returncode, 1, f"byte {i}: {r.stdout}{r.stderr}")
            self.assertIn("signature does not match the content", r.stdout)

    def test_a_signature_by_another_key_fails(self):
        a = self.build_example(*self.sign_args("rsa"), out="a")[0].read_bytes()
        b = self.build_example(*self.sign_args("rsb"), out="b")[0].read_bytes()
        swapped = self.tmp / "swapped.mobileconfig"
        swapped.write_bytes(a[:-256] + b[-256:])  # RSA-2048: the signature is the last 256 bytes
        r = run("verify", str(swapped))
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("INVALID", r.stdout)
        self.assertNotEqual(openssl("cms", "-verify", "-noverify", "-inform", "DER", "-in", str(swapped)).returncode, 0)

    def test_an_expired_signer_is_reported(self):
        signed = self.build_example(*self.sign_args("rsa"))[0]
        later = {"PROFILEC_NOW": utc(time.time() + 400 * DAY)}
        r = run("verify", str(signed), env=later)
        self.assertEqual(r.returncode, 1)
        self.assertIn("signer's certificate expired on", r.stdout)
        # Linting the existing file: devices still install it (not verified), so a warning, exit 0.
        c = run("check", str(signed), env=later)
        self.assertEqual(c.returncode, 0, c.stdout + c.stderr)
        self.assertIn("warning[PC5001]: the signer's certificate expired on", c.stdout + c.stderr)
        self.assertIn("devices still install this profile but show it as not verified", c.stdout + c.stderr)
        # Signing with it then is refused, and nothing is written.
        b = run("build", str(EXAMPLE), "-o", str(self.tmp / "late"), *self.sign_args("rsa"), env=later)
        self.assertEqual(b.returncode, 1, b.stderr)
        self.assertIn("error[PC5001]: the signing certificate expired on", b.stderr)
        self.assertFalse((self.tmp / "late").exists())
        soon = {"PROFILEC_NOW": utc(time.time() + 350 * DAY)}
        w = run("sign", str(self.build_example(out="plain")[0]), "-o", str(self.tmp / "s.mobileconfig"),
                "--sign-cert", self.key("rsa", "pem"), "--sign-key", self.key("rsa", "key"), env=soon)
        self.assertEqual(w.returncode, 0, w.stderr)
        self.assertIn("warning[PC5003]: the signing certificate expires on", w.stderr)

    def test_sign_command_and_pkcs12_identity_with_password_from_env_and_file(self):
        plain = self.build_example(out="plain")[0]
        out = self.tmp / "p12.mobileconfig"
        r = run("sign", str(plain), "-o", str(out), "--sign-p12", self.key("rsa", "p12"),
                "--key-password-env", "P12_PASSWORD", env={"P12_PASSWORD": "p12-password"})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("p12-password", r.stdout + r.stderr)
        self.assertEqual(openssl("cms", "-verify", "-noverify", "-inform", "DER", "-in", str(out)).stdout,
                         plain.read_bytes())
        password_file = self.tmp / "password"
        password_file.write_text("p12-password\n")
        os.chmod(password_file, 0o600)
        out2 = self.tmp / "p12b.mobileconfig"
        r = run("sign", str(plain), "-o", str(out2), "--sign-p12", self.key("rsa", "p12"),
                "--key-password-file", str(password_file))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")

    def test_rsa_signed_output_is_reproducible_with_source_date_epoch(self):
        env = {"SOURCE_DATE_EPOCH": "1767225600"}
        first = self.build_example(*self.sign_args("rsa"), out="one")
        a = [p.read_bytes() for p in self.build_example(*self.sign_args("rsa"), out="two")]
        r1 = run("build", str(EXAMPLE), "-o", str(self.tmp / "r1"), *self.sign_args("rsa"), env=env)
        r2 = run("build", str(EXAMPLE), "-o", str(self.tmp / "r2"), *self.sign_args("rsa"), "-j", "1", env=env)
        self.assertEqual(r1.returncode, 0, r1.stderr)
        self.assertEqual(r2.returncode, 0, r2.stderr)
        one = sorted((self.tmp / "r1").rglob("*.mobileconfig"))
        two = sorted((self.tmp / "r2").rglob("*.mobileconfig"))
        self.assertEqual([p.read_bytes() for p in one], [p.read_bytes() for p in two])
        self.assertEqual(len(first), len(a))

    def test_encrypted_payloads_decrypt_with_openssl_and_the_device_key(self):
        plain = self.build_example(out="plain")
        encrypted = self.build_example("--encrypt-for", self.key("device", "pem"), *self.sign_args("rsa"), out="enc")
        for original, enc in zip(plain, encrypted):
            content = openssl("cms", "-verify", "-noverify", "-inform", "DER", "-in", str(enc)).stdout
            profile = plistlib.loads(content)
            self.assertNotIn("PayloadContent", profile)
            self.assertIs(profile["IsEncrypted"], True)
            blob = self.tmp / "blob.der"
            blob.write_bytes(profile["EncryptedPayloadContent"])
            d = openssl("cms", "-decrypt", "-inform", "DER", "-in", str(blob), "-recip", self.key("device", "pem"),
                        "-inkey", self.key("device", "key"))
            self.assertEqual(d.returncode, 0, d.stderr)
            want = plistlib.loads(original.read_bytes())
            self.assertEqual(plistlib.loads(d.stdout), want["PayloadContent"])
            for key in ("PayloadIdentifier", "PayloadUUID", "PayloadDisplayName"):
                self.assertEqual(profile.get(key), want.get(key))
            v = run("verify", str(enc))
            self.assertIn("payloads encrypted", v.stdout)
            u = run("unsign", str(enc), "-o", str(self.tmp / "u.xml"))
            self.assertIn("the payloads are encrypted", u.stderr)

    def test_encrypted_profiles_are_checked_and_imported_with_the_device_identity(self):
        plain = self.build_example(out="plain")[1]
        encrypted = self.build_example("--encrypt-for", self.key("device", "pem"), out="enc")[1]
        device = ["--device-cert", self.key("device", "pem"), "--device-key", self.key("device", "key")]
        r = run("--format", "json", "check", str(encrypted))
        self.assertEqual([d["code"] for d in json.loads(r.stdout)["diagnostics"]], ["PC0022"])
        r = run("--format", "json", "check", str(encrypted), *device)
        self.assertEqual(json.loads(r.stdout)["diagnostics"], [], r.stderr)
        other = ["--device-cert", self.key("rsa", "pem"), "--device-key", self.key("rsa", "key")]
        r = run("--format", "json", "check", str(encrypted), *other)
        found = json.loads(r.stdout)["diagnostics"]
        self.assertEqual([d["code"] for d in found], ["PC0022"])
        self.assertIn("cannot be decrypted", found[0]["message"])
        # Import with the device identity, build again: the original profile.
        r = run("import", str(encrypted), "-o", str(self.tmp / "src"), *device)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("decrypted with the device identity", r.stderr)
        b = run("build", str(self.tmp / "src"), "-o", str(self.tmp / "rebuilt"))
        self.assertEqual(b.returncode, 0, b.stderr)
        rebuilt = next((self.tmp / "rebuilt").rglob("*.mobileconfig"))
        self.assertEqual(plistlib.loads(rebuilt.read_bytes()), plistlib.loads(plain.read_bytes()))

    def test_apns_topic_and_push_certificate(self):
        policy = self.policy(POLICY.replace("allowCamera = false", "allowCamera = false") + """
[payload.mdm]
type                    = "com.apple.mdm"
IdentityCertificateUUID = "9A3C1F52-6E1B-4C2A-9D0E-7B8F4A1C2D3E"
Topic                   = "com.apple.mgmt.External.ffffffff-2b6d-4e1e-9d5b-3a3e0c0d4a11"
ServerURL               = "https://mdm.example.com/mdm"
AccessRights            = 8191
""")
        r = run("build", str(policy), "-o", str(self.tmp / "out"), "--apns-cert", self.key("push", "pem"))
        self.assertIn("error[PC5007]: Topic 'com.apple.mgmt.External.ffffffff", r.stderr)
        self.assertIn("com.apple.mgmt.External.0b7a7a43-2b6d-4e1e-9d5b-3a3e0c0d4a11", r.stderr)
        self.assertFalse(list((self.tmp / "out").rglob("*.mobileconfig")))
        later = {"PROFILEC_NOW": utc(time.time() + 340 * DAY)}
        r = run("check", str(self.policy(POLICY)), "--apns-cert", self.key("push", "pem"), env=later)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("warning[PC5003]: the APNs push certificate expires on", r.stderr)

    def test_bad_input_is_one_clear_error_and_no_output(self):
        plain = self.build_example(out="plain")[0]
        signed = self.build_example(*self.sign_args("rsa"), out="signed")[0]
        truncated = self.tmp / "truncated.mobileconfig"
        truncated.write_bytes(signed.read_bytes()[:500])
        garbage = self.tmp / "garbage.mobileconfig"
        garbage.write_bytes(b"\x30\x82garbage")
        out = self.tmp / "out.mobileconfig"
        cases = [
            (["verify", str(truncated)], "not a CMS signed profile: the DER is truncated or malformed"),
            (["verify", str(garbage)], "not a CMS signed profile"),
            (["verify", str(plain)], "not signed: the file is not CMS SignedData"),
            (["unsign", str(truncated), "-o", str(out)], "not a CMS signed profile"),
            (["sign", str(plain), "-o", str(out), "--sign-p12", self.key("rsa", "p12"), "--key-password-env", "PW"],
             "wrong password for the PKCS#12 file"),
            (["sign", str(plain), "-o", str(out), "--sign-cert", self.key("rsa", "pem"), "--sign-key",
              self.key("ec", "key")], "the private key does not match the certificate"),
            (["sign", str(plain), "-o", str(out), "--sign-cert", self.key("rsa", "pem"), "--sign-key",
              self.key("rsa", "key"), "--sign-chain", str(self.tmp / "missing-chain.pem")],
             "missing-chain.pem"),
            (["sign", str(signed), "-o", str(out), "--sign-cert", self.key("rsa", "pem"), "--sign-key",
              self.key("rsa", "key")], "already signed"),
            (["sign", str(self.keys / "rsa.pem"), "-o", str(out), "--sign-cert", self.key("rsa", "pem"),
              "--sign-key", self.key("rsa", "key")], "not a property list"),
            (["build", str(EXAMPLE), "-o", str(self.tmp / "dir"), "--sign"], "--sign needs an identity"),
            (["build", str(EXAMPLE), "-o", str(self.tmp / "dir"), "--sign-cert", self.key("rsa", "pem")],
             "a certificate needs its private key"),
        ]
        for args, message in cases:
            r = run(*args, env={"PW": "wrong"})
            self.assertEqual(r.returncode, 2, f"{args}: {r.stdout}{r.stderr}")
            self.assertIn(message, r.stderr, args)
            self.assertEqual(r.stderr.count("error"), 1, r.stderr)
            self.assertFalse(out.exists(), args)
            self.assertFalse((self.tmp / "dir").exists(), args)

    def test_a_key_readable_by_others_is_warned_about(self):
        loose = self.tmp / "loose.key"
        shutil.copy(self.key("rsa", "key"), loose)
        os.chmod(loose, 0o644)
        r = run("sign", str(self.build_example(out="plain")[0]), "-o", str(self.tmp / "s.mobileconfig"),
                "--sign-cert", self.key("rsa", "pem"), "--sign-key", str(loose))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("is readable by every user (mode 644)", r.stderr)
        key_text = pathlib.Path(self.key("rsa", "key")).read_text()
        self.assertNotIn(key_text.splitlines()[1], r.stdout + r.stderr)

    def test_signing_settings_from_profilec_toml(self):
        repo = self.tmp / "repo"
        (repo / "policies").mkdir(parents=True)
        (repo / "keys").mkdir()
        shutil.copy(self.key("rsa", "p12"), repo / "keys" / "signing.p12")
        shutil.copy(self.key("push", "pem"), repo / "keys" / "push.pem")
        (repo / "profilec.toml").write_text(
            '[signing]\npkcs12 = "keys/signing.p12"\npassword_env = "SIGNING_PASSWORD"\n'
            'apns_certificate = "keys/push.pem"\nexpiry_warning_days = 400\n')
        (repo / "policies" / "p.toml").write_text(POLICY)
        r = run("build", str(repo), "-o", str(self.tmp / "out"), "--sign", env={"SIGNING_PASSWORD": "p12-password"})
        self.assertEqual(r.returncode, 0, r.stderr)
        # expiry_warning_days = 400 makes the one-year certificates "expiring".
        self.assertIn("warning[PC5003]: the signing certificate expires on", r.stderr)
        self.assertIn("warning[PC5003]: the APNs push certificate expires on", r.stderr)
        out = self.tmp / "out" / "policies" / "p.mobileconfig"
        self.assertEqual(run("verify", str(out), "--ca", self.key("rsa", "pem")).returncode, 0)
        # The command line wins over the project file.
        r = run("check", str(repo), "--expiry-warning-days", "30")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("PC5003", r.stderr)
        (repo / "profilec.toml").write_text('[signing]\npassword = "hunter2"\n')
        r = run("check", str(repo))
        self.assertEqual(r.returncode, 1)
        self.assertIn("error[PC0003]: 'password' cannot be written in profilec.toml", r.stderr)

    def test_errors_name_where_a_setting_came_from(self):
        # Issue 17: a setting from profilec.toml is named by its key's
        # position there, one from the command line by its flag (never a
        # flag the user did not pass).
        repo = self.tmp / "repo"
        (repo / "policies").mkdir(parents=True)
        (repo / "keys").mkdir()
        shutil.copy(self.key("rsa", "p12"), repo / "keys" / "signing.p12")
        shutil.copy(self.key("rsa", "pem"), repo / "keys" / "signing.pem")
        (repo / "policies" / "p.toml").write_text(POLICY)
        toml = repo / "profilec.toml"
        out = self.tmp / "out"
        cases = [
            ('[signing]\npkcs12 = "keys/signing.p12"\npassword_env = "SIGNING_PASSWORD"\n', {},
             [f"profilec: error: password_env at {toml}:3:1 names 'SIGNING_PASSWORD', which is not set\n"]),
            ('[signing]\npkcs12 = "keys/signing.p12"\n  password_env = "SIGNING_PASSWORD"\n',
             {"SIGNING_PASSWORD": "wrong"},
             [f"profilec: error: {repo}/keys/signing.p12 (pkcs12 at {toml}:2:1): wrong password",
              f"  help: the password is read from $SIGNING_PASSWORD (password_env at {toml}:3:3)\n"]),
            ('[signing]\npkcs12 = "keys/signing.p12"\npassword_file = "keys/password"\n', {},
             [f"profilec: error: cannot read '{repo}/keys/password' (password_file at {toml}:3:1): "]),
            ('[signing]\ncertificate = "keys/signing.pem"\nkey_env = "SIGNING_KEY"\n', {},
             [f"profilec: error: key_env at {toml}:3:1 names 'SIGNING_KEY', which is not set\n"]),
            ('[signing]\ncertificate = "keys/signing.pem"\nkey = "keys/missing.key"\n', {},
             [f"profilec: error: cannot read '{repo}/keys/missing.key' (key at {toml}:3:1): no such file"]),
            ('[signing]\ncertificate = "keys/signing.pem"\n', {},
             ["profilec: error: a certificate needs its private key",
              f"  help: the certificate is '{repo}/keys/signing.pem' (certificate at {toml}:2:1); neither names a "
              "key\n"]),
            ('[signing]\ncertificate = "keys/missing.pem"\nkey = "keys/missing.key"\n', {},
             [f"profilec: error: cannot read '{repo}/keys/missing.pem' (certificate at {toml}:2:1): "]),
            ('[signing]\npkcs12 = "keys/signing.p12"\npassword_env = "P"\nchain = "keys/chain.pem"\n',
             {"P": "p12-password"}, []),  # a chain beside a PKCS#12 file is not read: no error
        ]
        for project, env, messages in cases:
            with self.subTest(project=project):
                toml.write_text(project)
                r = run("build", str(repo), "-o", str(out), "--sign", env=env)
                for message in messages:
                    self.assertIn(message, r.stderr)
                self.assertEqual(r.returncode, 2 if messages else 0, r.stderr)
                self.assertNotIn("--key-password", r.stderr)
                self.assertNotIn("--sign-", r.stderr)
                shutil.rmtree(out, ignore_errors=True)
        toml.write_text('[signing]\napns_certificate = "keys/push.pem"\n')
        for command in ("check", "build"):
            r = run(command, str(repo), "-o", str(out)) if command == "build" else run(command, str(repo))
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn(f"profilec: error: cannot read '{repo}/keys/push.pem' (apns_certificate at {toml}:2:1): ",
                          r.stderr)
        # The same settings as flags are named by their flags.
        for args, message in (
                (["--sign-p12", self.key("rsa", "p12"), "--key-password-env", "NOT_SET"],
                 "profilec: error: --key-password-env names 'NOT_SET', which is not set\n"),
                (["--sign-cert", self.key("rsa", "pem"), "--sign-key-env", "NOT_SET"],
                 "profilec: error: --sign-key-env names 'NOT_SET', which is not set\n"),
                (["--sign-cert", self.key("rsa", "pem"), "--sign-key", str(self.tmp / "missing.key")],
                 f"profilec: error: cannot read '{self.tmp / 'missing.key'}' (--sign-key): "),
                (["--sign-p12", self.key("rsa", "p12"), "--key-password-env", "P", "--sign-cert", self.key("rsa", "pem")],
                 "profilec: error: give either a PKCS#12 file or a certificate and key, not both: --sign-p12 and "
                 "--sign-cert\n")):
            with self.subTest(args=args):
                toml.write_text("")
                r = run("build", str(repo), "-o", str(out), "--sign", *args, env={"P": "p12-password"})
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertIn(message, r.stderr)
                self.assertNotIn("profilec.toml", r.stderr)
        r = run("build", str(repo), "-o", str(out), "--encrypt-for", self.key("rsa", "key"))
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn(f"profilec: error: {self.key('rsa', 'key')} (--encrypt-for): no PEM certificate in it\n",
                      r.stderr)

    def test_build_reads_the_project_file_once_and_reports_it_once(self):
        # Issue 16: [signing], the folder walk and the compile share one load.
        repo = self.tmp / "repo"
        (repo / "policies").mkdir(parents=True)
        (repo / "profilec.toml").write_text('[signing]\npassword = "hunter2"\n')
        (repo / "policies" / "p.toml").write_text(POLICY)
        r = run("build", str(repo), "-o", str(self.tmp / "out"), *self.sign_args("rsa"))
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(r.stderr.count("error[PC0003]: 'password' cannot be written in profilec.toml"), 1, r.stderr)
        self.assertFalse(list((self.tmp / "out").rglob("*.mobileconfig")))

    def test_a_profile_that_cannot_be_signed_or_encrypted_fails_the_build_and_nothing_is_written(self):
        # Issue 16: signing is a step of the compile (sign_profile, on the
        # worker thread); what it cannot do is one error naming the output
        # file, exit 2, unless the sources have findings: exit 1.
        # CMS can neither sign with an Ed25519 key nor encrypt for one.
        self.identity("ed25519", "-newkey", "ed25519")
        policy = self.policy()
        for args, reason in ((["--sign", "--sign-cert", self.key("ed25519", "pem"), "--sign-key",
                               self.key("ed25519", "key")], "cannot sign ("),
                             (["--encrypt-for", self.key("ed25519", "pem")], "cannot encrypt for the device certificate (")):
            out = self.tmp / "out"
            r = run("build", str(policy), "-o", str(out), *args)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn(f"profilec: error: {out / 'policy.mobileconfig'}: {reason}", r.stderr)
            self.assertFalse(list(out.rglob("*.mobileconfig")))
            broken = policy.parent / "broken.toml"
            broken.write_text(POLICY.replace("com.example.sign", "com.example.broken") + "allowCamra = false\n")
            r = run("build", str(policy.parent), "-o", str(out), *args)
            broken.unlink()
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertFalse(list(out.rglob("*.mobileconfig")))
        # The control: the same policy signs and encrypts with RSA.
        r = run("build", str(policy), "-o", str(self.tmp / "fine"), *self.sign_args("rsa"), "--encrypt-for",
                self.key("device", "pem"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue((self.tmp / "fine" / "policy.mobileconfig").exists())

    # Issue 15, items 7 and 8: what `verify` calls valid.

    def issued(self, name, ca, *, ext="keyUsage=critical,digitalSignature", newkey=("rsa:2048",),
               subject=None):
        """A certificate for `name` issued by the identity `ca`, with `ext`."""
        key, csr, pem = (self.tmp / f"{name}.{e}" for e in ("key", "csr", "pem"))
        r = openssl("req", "-new", "-newkey", *newkey, "-nodes", "-keyout", str(key), "-out", str(csr),
                    "-subj", subject or f"/CN={name}")
        self.assertEqual(r.returncode, 0, r.stderr)
        extfile = self.tmp / f"{name}.ext"
        extfile.write_text(ext + "\n")
        r = openssl("x509", "-req", "-in", str(csr), "-CA", ca[0], "-CAkey", ca[1], "-CAcreateserial", "-days", "30",
                    "-extfile", str(extfile), "-out", str(pem))
        self.assertEqual(r.returncode, 0, r.stderr)
        os.chmod(key, 0o600)
        return str(pem), str(key)

    def root(self, name, subject):
        key, pem = self.tmp / f"{name}.key", self.tmp / f"{name}.pem"
        r = openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(pem),
                    "-days", "30", "-subj", subject)
        self.assertEqual(r.returncode, 0, r.stderr)
        return str(pem), str(key)

    def plain_profile(self):
        return self.build_example(out="plain")[0]

    def test_a_look_alike_ca_is_intact_without_ca_and_untrusted_with_the_real_one(self):
        real = self.root("real-ca", "/O=Acme/CN=Acme Root CA")
        attacker = self.root("attacker-ca", "/O=Acme/CN=Acme Root CA")  # the same names
        leaf = self.issued("attacker-leaf", attacker, subject="/O=Acme/CN=Acme Profile Signing")
        out = self.tmp / "forged.mobileconfig"
        r = run("sign", str(self.plain_profile()), "-o", str(out), "--sign-cert", leaf[0], "--sign-key", leaf[1],
                "--sign-chain", attacker[0])
        self.assertEqual(r.returncode, 0, r.stderr)
        r = run("verify", str(out))
        self.assertEqual(r.returncode, 4, r.stdout + r.stderr)
        self.assertIn("signature intact, signer not verified (no --ca)", r.stdout)
        self.assertIn("trust:   not checked", r.stdout)
        self.assertNotIn("signature valid", r.stdout)
        r = run("verify", str(out), "--ca", real[0])
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("signature UNTRUSTED", r.stdout)
        r = run("verify", str(out), "--ca", attacker[0])  # the control: its own CA does chain
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("signature valid", r.stdout)
        self.assertIn(f"trust:   the signer chains to {attacker[0]}", r.stdout)

    def test_sha256_is_valid_sha1_and_md5_are_weak_even_with_ca(self):
        plain = self.plain_profile()
        for md, code in (("sha256", 0), ("sha1", 1), ("md5", 1)):
            der = self.tmp / f"{md}.mobileconfig"
            r = openssl("cms", "-sign", "-nodetach", "-binary", "-outform", "DER", "-md", md, "-in", str(plain),
                        "-signer", self.key("rsa", "pem"), "-inkey", self.key("rsa", "key"), "-out", str(der))
            self.assertEqual(r.returncode, 0, r.stderr)
            v = run("verify", str(der), "--ca", self.key("rsa", "pem"))
            self.assertEqual(v.returncode, code, f"{md}: {v.stdout}{v.stderr}")
            if code:
                self.assertIn(f"signature WEAK: the signature uses {md.upper()}", v.stdout)
            else:
                self.assertIn("signature valid", v.stdout)

    def test_a_1024_bit_signer_is_weak_a_2048_bit_one_is_not(self):
        plain = self.plain_profile()
        for bits, code in ((1024, 1), (2048, 0)):
            self.identity(f"rsa{bits}", "-newkey", f"rsa:{bits}")
            der = self.tmp / f"rsa{bits}.mobileconfig"
            r = openssl("smime", "-sign", "-nodetach", "-outform", "der", "-binary", "-in", str(plain), "-signer",
                        self.key(f"rsa{bits}", "pem"), "-inkey", self.key(f"rsa{bits}", "key"), "-out", str(der))
            self.assertEqual(r.returncode, 0, r.stderr)
            v = run("verify", str(der), "--ca", self.key(f"rsa{bits}", "pem"))
            self.assertEqual(v.returncode, code, f"{bits}: {v.stdout}{v.stderr}")
            if code:
                self.assertIn(f"signature WEAK: the signer's certificate may not sign profiles: it has a {bits}-bit "
                              "RSA key", v.stdout)
                # and `sign` refuses the same certificate up front
                s = run("sign", str(plain), "-o", str(self.tmp / "refused.mobileconfig"), "--sign-cert",
                        self.key(f"rsa{bits}", "pem"), "--sign-key", self.key(f"rsa{bits}", "key"))
                self.assertEqual(s.returncode, 1, s.stderr)
                self.assertIn("error[PC5005]", s.stderr)
                self.assertFalse((self.tmp / "refused.mobileconfig").exists())

    def test_a_code_signing_certificate_that_sign_uses_verifies_with_ca(self):
        ca = self.root("code-ca", "/CN=Code Signing Root")
        leaf = self.issued("code-leaf", ca, ext="keyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning")
        out = self.tmp / "code.mobileconfig"
        r = run("sign", str(self.plain_profile()), "-o", str(out), "--sign-cert", leaf[0], "--sign-key", leaf[1])
        self.assertEqual(r.returncode, 0, r.stderr)
        v = run("verify", str(out), "--ca", ca[0])
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)  # was: "unsuitable certificate purpose"
        self.assertIn("signature valid", v.stdout)
        # openssl's own S/MIME purpose refuses it: profilec's definition is its own.
        o = openssl("cms", "-verify", "-inform", "DER", "-in", str(out), "-CAfile", ca[0], "-out", os.devnull)
        self.assertNotEqual(o.returncode, 0)

    def test_a_time_stamping_certificate_may_not_sign_profiles(self):
        ca = self.root("tsa-ca", "/CN=TSA Root")
        leaf = self.issued("tsa-leaf", ca, ext="keyUsage=critical,digitalSignature\n"
                                               "extendedKeyUsage=critical,timeStamping")
        out = self.tmp / "tsa.mobileconfig"
        r = run("sign", str(self.plain_profile()), "-o", str(out), "--sign-cert", leaf[0], "--sign-key", leaf[1])
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("error[PC5011]: the signing certificate has an extended key usage that does not allow "
                      "signing profiles (timeStamping;", r.stderr)
        self.assertFalse(out.exists())
        der = self.tmp / "tsa-openssl.mobileconfig"
        r = openssl("cms", "-sign", "-nodetach", "-binary", "-outform", "DER", "-in", str(self.plain_profile()),
                    "-signer", leaf[0], "-inkey", leaf[1], "-out", str(der))
        self.assertEqual(r.returncode, 0, r.stderr)
        v = run("verify", str(der), "--ca", ca[0])
        self.assertEqual(v.returncode, 1, v.stdout + v.stderr)
        self.assertIn("signature WEAK: the signer's certificate may not sign profiles: its extended key usage "
                      "(timeStamping)", v.stdout)

    def test_verify_with_a_ca_bundle_checks_the_chain(self):
        signed = self.build_example(*self.sign_args("rsa"))[0]
        ca = self.key("rsa", "pem")
        r = run("verify", str(signed), "--ca", ca)
        self.assertEqual(r.returncode, 0)
        # Issue 17: the human verdict says whether the chain was checked.
        self.assertIn(f"{signed}: signature valid, chain verified against {ca}\n", r.stdout)
        self.assertIn(f"  trust:   the signer chains to {ca}\n", r.stdout)
        r = run("verify", str(signed))
        self.assertEqual(r.returncode, 4)
        self.assertIn(f"{signed}: signature intact, signer not verified (no --ca)\n", r.stdout)
        self.assertIn("give --ca to check who signed\n", r.stdout)
        self.assertNotIn("chain verified", r.stdout)
        r = run("verify", str(signed), "--ca", self.key("ec", "pem"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("does not chain to the given CA bundle", r.stdout)
        self.assertIn(f"  trust:   the signer does not chain to {self.key('ec', 'pem')}\n", r.stdout)
        # A verdict other than valid or intact says it too.
        later = {"PROFILEC_NOW": utc(time.time() + 400 * DAY)}
        r = run("verify", str(signed), env=later)
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stdout, r": signature EXPIRED: the signature matches the content, but the signer's "
                                   r"certificate expired on \S+; chain not checked \(no --ca\)\n")
        # An altered file: the chain is not what failed.
        altered = self.tmp / "altered.mobileconfig"
        data = bytearray(signed.read_bytes())
        at = data.index(b"<key>")
        data[at + 5] ^= 0x20
        altered.write_bytes(bytes(data))
        r = run("verify", str(altered), "--ca", ca)
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"{altered}: signature INVALID: ", r.stdout)
        self.assertIn("  trust:   not checked: the signature itself does not hold\n", r.stdout)
        self.assertNotIn("does not chain", r.stdout)


if __name__ == "__main__":
    unittest.main()
