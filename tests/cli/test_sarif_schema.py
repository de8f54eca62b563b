"""`--format sarif` output against the published SARIF 2.1.0 JSON schema.

The schema is Microsoft's sarif-2.1.0.json (the OASIS schema with its
errata), which scripts/install-deps fetches from the npm registry into
build/tools/ because no Debian package ships it; the validator is Debian's
python3-jsonschema. When either is missing this exits 77, which ctest reports
as skipped, after saying so loudly. PROFILEC_REQUIRE_TEST_INPUTS=1 (CI) does
not turn this skip into a failure: the schema comes from npm, which a clean
Debian machine does not have, unlike ../shared, which CI always has.

Run by ctest as cli.sarif_schema, with PROFILEC, PROFILEC_SOURCE_DIR and
PROFILEC_SARIF_SCHEMA set.
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

import e2e_support

PROFILEC = os.environ["PROFILEC"]
SOURCE_DIR = pathlib.Path(os.environ["PROFILEC_SOURCE_DIR"])
SCHEMA_PATH = pathlib.Path(os.environ.get("PROFILEC_SARIF_SCHEMA", SOURCE_DIR / "build/tools/sarif-2.1.0.json"))


def skip_loudly(why):
    e2e_support.skip_loudly("cli.sarif_schema", why, "SARIF output was NOT validated against the SARIF 2.1.0 schema.",
                            "Run scripts/install-deps (it fetches the schema and installs python3-jsonschema).")


def load_validator():
    try:
        import jsonschema
    except ImportError:
        skip_loudly(f"{sys.executable} has no jsonschema module (Debian: python3-jsonschema)")
    if not SCHEMA_PATH.is_file():
        skip_loudly(f"no schema at {SCHEMA_PATH}")
    schema = json.loads(SCHEMA_PATH.read_bytes().decode("utf-8-sig"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=jsonschema.FormatChecker())


VALIDATOR = None


def run(*args, cwd=None):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    return subprocess.run([PROFILEC, *args], capture_output=True, env=env, cwd=cwd, timeout=60)


class SarifSchemaTest(unittest.TestCase):
    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="profilec-sarif-"))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, relative, data):
        path = self.tmp / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return path

    def sarif_of(self, *args, cwd=None, expected_exit=None):
        result = run("--format", "sarif", *args, cwd=cwd)
        if expected_exit is not None:
            self.assertEqual(result.returncode, expected_exit, result.stderr)
        document = json.loads(result.stdout.decode("utf-8"))  # strict: invalid UTF-8 fails here
        return document

    def assert_valid(self, document):
        errors = sorted(VALIDATOR.iter_errors(document), key=lambda e: list(e.path))
        self.assertEqual([], [f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors])

    def assert_consistent(self, document):
        """What the schema cannot say: indexes and levels agree with the rules."""
        run_ = document["runs"][0]
        rules = run_["tool"]["driver"]["rules"]
        self.assertEqual(len({r["id"] for r in rules}), len(rules))
        for result in run_["results"]:
            self.assertEqual(rules[result["ruleIndex"]]["id"], result["ruleId"])
            self.assertIn(result["level"], ("error", "warning", "note"))
            for location in result["locations"]:
                uri = location["physicalLocation"]["artifactLocation"]["uri"]
                self.assertNotIn("\\", uri)
                self.assertNotIn(" ", uri)

    def test_the_validator_rejects_what_it_should(self):
        # Without this, a validator that accepts anything would pass the rest.
        self.write("bad.toml", "[profile]\nid = 42\n")
        document = self.sarif_of("check", "bad.toml", cwd=self.tmp, expected_exit=1)
        self.assert_valid(document)
        for breakage in (
            lambda d: d["runs"][0]["results"][0].__setitem__("level", "fatal"),
            lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].__setitem__("startLine", 0),
            lambda d: d.__setitem__("version", "2.0.0"),
            lambda d: d["runs"][0]["tool"]["driver"].pop("name"),
            lambda d: d["runs"][0]["results"][0].__setitem__("extra", 1),
        ):
            broken = json.loads(json.dumps(document))
            breakage(broken)
            self.assertTrue(list(VALIDATOR.iter_errors(broken)), "the validator accepted a broken document")

    def test_clean_examples(self):
        document = self.sarif_of("check", str(SOURCE_DIR / "examples"), expected_exit=0)
        self.assert_valid(document)
        self.assertEqual(document["runs"][0]["results"], [])
        self.assertEqual(len(document["runs"][0]["tool"]["driver"]["rules"]),
                         len(list((SOURCE_DIR / "docs/rules").glob("PC*.md"))))

    def test_every_kind_of_location_and_hostile_input(self):
        policy = ('[profile]\nid = "com.example.r"\n\n[payload.r]\ntype = "com.apple.applicationaccess"\n'
                  "allowCamra = false\n")
        self.write("repo/a/wifi.toml", policy)
        self.write("repo/b/wifi.toml", policy.replace("allowCamra", "allowCamera"))
        self.write("repo/c/wifi.toml", policy.replace("allowCamra", "allowCamera"))
        self.write("repo/we ird#%/\u00c4.toml", "[profile\n")                          # syntax error, odd path
        self.write("repo/empty.toml", '[profile]  # profilec: allow nope, 100%\nid = "com.example.e"\n')
        self.write("repo/hostile.toml", b'[profile]\nid = "x"\n\x1b[31m\xff\xfe = 1\n')
        # Findings with regions, whole-file findings with notes (collisions),
        # warnings, invalid suppressions, relative and absolute paths.
        repo = self.tmp / "repo"
        for args in (("check", "."),
                     ("build", "b/wifi.toml", "c/wifi.toml", "a/wifi.toml", "-o", str(self.tmp / "out")),
                     ("check", str(repo))):
            with self.subTest(args=args):
                document = self.sarif_of(*args, cwd=repo)
                self.assert_valid(document)
                self.assert_consistent(document)
                self.assertTrue(document["runs"][0]["results"])
        collisions = self.sarif_of("build", "b/wifi.toml", "c/wifi.toml", "-o", str(self.tmp / "out"), cwd=repo)
        results = collisions["runs"][0]["results"]
        # The same profile in two files: also the same identifier (PC3001, from the analysis).
        self.assertEqual([r["ruleId"] for r in results], ["PC0011", "PC3001"])
        self.assertEqual(results[0]["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"], "b/wifi.toml")
        absolute = self.sarif_of("check", str(repo / "a/wifi.toml"))
        uri = absolute["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        self.assertEqual(uri, {"uri": (repo / "a/wifi.toml").as_uri()})


    def test_stdlib_locations(self):
        # A finding inside a stdlib fragment: at the use entry, the stdlib
        # line a related location relative to run.originalUriBaseIds.
        self.write("repo/profilec.toml", "")
        self.write("repo/old.toml", '[profile]\nid = "com.example.old"\n\n[target]\nplatforms = { iOS = "12.0" }\n\n'
                   '[payload.r]\ntype = "com.apple.applicationaccess"\nuse = ["stdlib:restrictions/ios-baseline"]\n')
        document = self.sarif_of("check", ".", cwd=self.tmp / "repo", expected_exit=0)
        self.assert_valid(document)
        self.assert_consistent(document)
        self.assertIn("PROFILEC_STDLIB", document["runs"][0]["originalUriBaseIds"])
        related = document["runs"][0]["results"][0]["relatedLocations"][0]["physicalLocation"]["artifactLocation"]
        self.assertEqual(related, {"uri": "restrictions/ios-baseline.toml", "uriBaseId": "PROFILEC_STDLIB"})

if __name__ == "__main__":
    VALIDATOR = load_validator()
    unittest.main(verbosity=2)
