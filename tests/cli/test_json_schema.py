"""`profilec schema export --json-schema` (docs/json-schema.md) checked by the
validators editors use.

`python3 test_json_schema.py` (ctest cli.json_schema): each exported schema
is a valid draft-07 schema (the meta-schema, with Debian's
python3-jsonschema), and with that validator every policy of examples/ and
every fragment of examples/ and stdlib/ passes, while bad policies (a wrong
type, a value outside the allowed ones, a misspelt field or, with
--refuse-unknown-keys, a misspelt payload key) fail.

`python3 test_json_schema.py taplo` (ctest cli.json_schema_taplo): the same
files through Taplo itself (`taplo lint --schema`), the engine of VS Code's
Even Better TOML, which scripts/install-deps fetches from the npm registry
into build/tools/taplo. Without node or Taplo this exits 77 (skipped, said
loudly); like cli.sarif_schema the skip stays a skip under
PROFILEC_REQUIRE_TEST_INPUTS=1, as Taplo comes from npm. Two Taplo runs,
each a few seconds (most of it node loading Taplo's WebAssembly).

Run with PROFILEC and PROFILEC_SOURCE_DIR set (and PROFILEC_TAPLO_DIR).
"""
import datetime
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import tomllib
import unittest

import e2e_support

PROFILEC = os.environ["PROFILEC"]
SOURCE_DIR = pathlib.Path(os.environ["PROFILEC_SOURCE_DIR"])
TAPLO_DIR = pathlib.Path(os.environ.get("PROFILEC_TAPLO_DIR", SOURCE_DIR / "build/tools/taplo"))
TAPLO_MODE = sys.argv[1:] == ["taplo"]


def policies():
    """Every policy of examples/ (a TOML file with a [profile] table)."""
    found = [p for p in sorted((SOURCE_DIR / "examples").rglob("*.toml"))
             if p.name != "profilec.toml" and "profile" in tomllib.loads(p.read_text())]
    assert len(found) >= 10, found  # the examples are there: not an empty pass
    return found


def fragments():
    """Every fragment of examples/ and stdlib/."""
    found = [p for p in sorted(list((SOURCE_DIR / "examples").rglob("*.toml")) +
                               list((SOURCE_DIR / "stdlib").rglob("*.toml")))
             if "fragment" in tomllib.loads(p.read_text())]
    assert len(found) >= 20, found
    return found


# Bad policies: each must fail (name -> text). The payload keys are Apple's.
HEADER = '[profile]\nid = "com.example.bad"\n\n'
BAD = {
    "wrong-type.toml": HEADER + '[payload.r]\ntype = "com.apple.applicationaccess"\nallowCamera = "no"\n',
    "unknown-enum.toml": HEADER + '[payload.w]\ntype = "com.apple.wifi.managed"\nSSID_STR = "Corp"\n'
                                  'EncryptionType = "WPA9"\n',
    "misspelt-field.toml": '[profile]\nid = "com.example.bad"\norganisation = "Example"\n',
    "misspelt-target.toml": HEADER + '[target]\nsupervized = true\n',
    "unknown-enrollment.toml": HEADER + '[target]\nenrollment = "byod"\n',
    "bad-version.toml": HEADER + '[target]\nplatforms = { iOS = "seventeen" }\n',
    "data-as-string.toml": HEADER + '[payload.ca]\ntype = "com.apple.security.root"\nPayloadContent = "MIIB"\n',
    "env-for-data.toml": HEADER + '[payload.ca]\ntype = "com.apple.security.root"\n'
                                  'PayloadContent = { env = "PROFILEC_CA" }\n',
    "nested-wrong-type.toml": HEADER + '[payload.w]\ntype = "com.apple.wifi.managed"\nSSID_STR = "Corp"\n'
                                       '[payload.w.EAPClientConfiguration]\nAcceptEAPTypes = "13"\n',
}
# A key Apple's data lacks: open by default (profilec warns, PC1002), refused
# with --refuse-unknown-keys.
UNKNOWN_KEY = HEADER + '[payload.r]\ntype = "com.apple.applicationaccess"\nallowCamra = false\n'
# The value forms where they belong, and a custom preference domain.
GOOD = HEADER + '''[target]
platforms = { iOS = "17.0", macOS = "14" }
supervised = true
enrollment = "device"

[payload.w]
type = "com.apple.wifi.managed"
SSID_STR = "Corp"
EncryptionType = "WPA2"
Password = { env = "PROFILEC_WIFI_PSK" }
PayloadCertificateUUID = { payload = "ca" }

[payload.ca]
type = "com.apple.security.root"
PayloadContent = { base64 = "MIIB" }

[payload.custom]
type = "com.example.app"
AnythingGoes = 1
'''


def export(*args):
    result = subprocess.run([PROFILEC, "schema", "export", "--json-schema", *args], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def as_json(value):
    """A TOML document as Taplo hands it to its validator: dates as text."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return value


class JsonSchemaTest(e2e_support.TempDirCase):
    prefix = "profilec-json-schema-"

    @classmethod
    def setUpClass(cls):
        import jsonschema
        cls.jsonschema = jsonschema
        cls.schemas = {}
        for name, args in {"policy": [], "fragment": ["--for", "fragment"],
                           "strict": ["--refuse-unknown-keys"]}.items():
            cls.schemas[name] = json.loads(export(*args))
            jsonschema.Draft7Validator.check_schema(cls.schemas[name])

    def errors(self, schema, text):
        validator = self.jsonschema.Draft7Validator(self.schemas[schema])
        return [e.message for e in validator.iter_errors(as_json(tomllib.loads(text)))]

    def test_the_output_is_deterministic_and_written_to_a_file(self):
        out = self.tmp / "policy.schema.json"
        subprocess.run([PROFILEC, "schema", "export", "--json-schema", "-o", str(out)], check=True, timeout=60)
        self.assertEqual(out.read_bytes(), export())
        self.assertEqual(export(), export())

    def test_an_output_that_cannot_be_written_is_exit_2_and_nothing(self):
        blocker = self.tmp / "a-file"
        blocker.write_text("")
        result = subprocess.run([PROFILEC, "schema", "export", "--json-schema", "-o", str(blocker / "x.json")],
                                capture_output=True, text=True, timeout=60)
        self.assertEqual((result.returncode, result.stdout), (2, ""))
        self.assertIn(str(blocker), result.stderr)
        self.assertEqual(blocker.read_text(), "")

    def test_examples_and_stdlib_are_valid(self):
        for path in policies():
            with self.subTest(path=str(path)):
                self.assertEqual(self.errors("policy", path.read_text()), [])
                self.assertEqual(self.errors("strict", path.read_text()), [])
        for path in fragments():
            with self.subTest(path=str(path)):
                self.assertEqual(self.errors("fragment", path.read_text()), [])

    def test_value_forms_and_custom_domains_are_valid(self):
        self.assertEqual(self.errors("policy", GOOD), [])

    def test_bad_policies_are_invalid(self):
        for name, text in BAD.items():
            with self.subTest(name=name):
                self.assertNotEqual(self.errors("policy", text), [])

    def test_unknown_payload_keys_are_refused_only_when_asked(self):
        self.assertEqual(self.errors("policy", UNKNOWN_KEY), [])
        self.assertTrue(any("allowCamra" in e for e in self.errors("strict", UNKNOWN_KEY)))

    def test_a_fragment_keys_follow_its_type(self):
        fragment = '[fragment]\ntype = "com.apple.wifi.managed"\n\n[keys]\nEncryptionType = "WPA9"\n'
        self.assertNotEqual(self.errors("fragment", fragment), [])
        self.assertEqual(self.errors("fragment", fragment.replace("WPA9", "WPA2")), [])
        self.assertNotEqual(self.errors("fragment", '[fragment]\ntype = "x"\nplatform = ["iOS"]\n'), [])


class TaploTest(e2e_support.TempDirCase):
    """The same through Taplo: one run over every good file, one over the bad.

    The files are copied into a temporary folder: Taplo applies a
    .taplo.toml's globs to the files below it."""

    prefix = "profilec-taplo-"

    def taplo(self, files, *options):
        node = shutil.which("node")
        result = subprocess.run([node, str(TAPLO_DIR / "cli.js"), "lint", "--colors", "never", *options,
                                 *map(str, files)],
                                capture_output=True, text=True, timeout=300, cwd=self.tmp)
        return result.returncode, result.stdout + result.stderr

    def schema(self, name, *args):
        path = self.tmp / f"{name}.schema.json"
        path.write_bytes(export(*args))
        return path

    def test_taplo_accepts_the_examples_and_refuses_bad_policies(self):
        # The set-up docs/json-schema.md gives: a .taplo.toml that picks the
        # schema by file glob (policies/, fragments/).
        self.schema("policy")
        self.schema("fragment", "--for", "fragment")
        (self.tmp / ".taplo.toml").write_text(
            '[[rule]]\ninclude = ["policies/**/*.toml"]\nschema.path = "./policy.schema.json"\n\n'
            '[[rule]]\ninclude = ["fragments/**/*.toml"]\nschema.path = "./fragment.schema.json"\n')
        copies = []
        for folder, paths in {"policies": policies(), "fragments": fragments()}.items():
            for i, path in enumerate(paths):
                copies.append(self.tmp / folder / f"{i}-{path.name}")
                copies[-1].parent.mkdir(exist_ok=True)
                shutil.copyfile(path, copies[-1])
        copies.append(self.tmp / "policies" / "good.toml")
        copies[-1].write_text(GOOD)
        code, output = self.taplo(copies)
        self.assertEqual(code, 0, output)
        self.assertIn(f"found files total={len(copies)} excluded=0", output)

        bad = []
        for name, text in {**BAD, "unknown-key.toml": UNKNOWN_KEY}.items():
            bad.append(self.tmp / name)
            bad[-1].write_text(text)
        strict = self.schema("strict", "--refuse-unknown-keys")
        code, output = self.taplo(bad, "--no-auto-config", "--schema", strict.as_uri())
        self.assertNotEqual(code, 0, output)
        for path in bad:  # each file failed, not only one of them
            self.assertIn(f'invalid file error=schema validation failed path="{path}"', output)


if __name__ == "__main__":
    if TAPLO_MODE:
        if not shutil.which("node") or not (TAPLO_DIR / "cli.js").is_file():
            e2e_support.skip_loudly("cli.json_schema_taplo", f"no node, or no Taplo at {TAPLO_DIR}/cli.js",
                                    "The JSON Schema export was NOT checked with Taplo.",
                                    "Run scripts/install-deps (it fetches @taplo/cli from the npm registry).")
        suite = unittest.TestLoader().loadTestsFromTestCase(TaploTest)
    else:
        suite = unittest.TestLoader().loadTestsFromTestCase(JsonSchemaTest)
    sys.exit(0 if unittest.TextTestRunner(verbosity=2).run(suite).wasSuccessful() else 1)
