"""End-to-end tests of the built profilec binary.

Outputs are parsed with python3's plistlib, an independent parser, and UUIDs
are recomputed with python3's uuid module.
"""
import json
import os
import pathlib
import plistlib
import re
import shutil
import subprocess
import tempfile
import unittest
import uuid

PROFILEC = os.environ["PROFILEC"]
SOURCE_DIR = pathlib.Path(os.environ["PROFILEC_SOURCE_DIR"])
EXAMPLES = SOURCE_DIR / "examples"
STDLIB = SOURCE_DIR / "stdlib"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "profilec")
UUID_RE = re.compile(r"^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$")
EXAMPLE_ENV = {"ACME_WIFI_PSK": "e2e-test-psk-value", "ACME_SCEP_CHALLENGE": "e2e-test-challenge",
               "NORTHWIND_WIFI_PSK": "e2e-test-northwind-psk"}

RESTRICTIONS = """\
[profile]
id = "com.example.restrictions"
name = "Restrictions"

[payload.restrictions]
type = "com.apple.applicationaccess"
allowCamera = false
"""


def run(*args, env=None, cwd=None):
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full_env.update(env or {})
    return subprocess.run([PROFILEC, *args], capture_output=True, text=True, env=full_env, cwd=cwd, timeout=60)


def is_fragment(path):
    return any(line.strip() == "[fragment]" for line in path.read_text().splitlines())


def derived_uuid(identifier):
    return str(uuid.uuid5(NAMESPACE, identifier)).upper()


class TempDirTest(unittest.TestCase):
    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="profilec-e2e-"))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, relative, text):
        path = self.tmp / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return path

    def outputs(self, root):
        """The profiles below `root` (build's .profilec-output marker, manifest and result cache left out)."""
        return sorted(p for p in pathlib.Path(root).rglob("*") if p.is_file() and p.name not in (
            ".profilec-output", ".profilec-build.json", ".profilec-build-cache"))


class ExamplesTest(TempDirTest):
    def test_every_example_builds_into_well_formed_profiles(self):
        examples = sorted(p for p in EXAMPLES.iterdir() if p.is_dir())
        self.assertTrue(examples, "no examples")
        for example in examples:
            out = self.tmp / example.name
            result = run("build", str(example), "-o", str(out), env=EXAMPLE_ENV)
            self.assertEqual(result.returncode, 0, result.stderr)
            policies = sorted(example.rglob("*.toml"))
            policies = [p for p in policies if p.name != "profilec.toml" and not is_fragment(p)]
            # Declarations (docs/ddm.md) are written beside the profiles as JSON.
            written = [p for p in self.outputs(out) if p.suffix != ".json"]
            for declaration in (p for p in self.outputs(out) if p.suffix == ".json"):
                self.assertIn("ServerToken", json.loads(declaration.read_text()), declaration)
            self.assertEqual(len(written), len(policies))
            for path in written:
                with path.open("rb") as fh:
                    profile = plistlib.load(fh)
                self.check_profile(path, profile)

    def check_profile(self, path, profile):
        self.assertEqual(profile["PayloadType"], "Configuration", path)
        self.assertEqual(profile["PayloadVersion"], 1)
        identifier = profile["PayloadIdentifier"]
        self.assertEqual(profile["PayloadUUID"], derived_uuid(identifier))
        self.assertTrue(profile["PayloadDisplayName"])
        self.assertIsInstance(profile["PayloadContent"], list)
        self.assertTrue(profile["PayloadContent"])
        seen = set()
        for payload in profile["PayloadContent"]:
            for key in ("PayloadType", "PayloadIdentifier", "PayloadUUID", "PayloadVersion"):
                self.assertIn(key, payload, path)
            self.assertTrue(payload["PayloadIdentifier"].startswith(identifier + "."))
            self.assertRegex(payload["PayloadUUID"], UUID_RE)
            self.assertEqual(payload["PayloadUUID"], derived_uuid(payload["PayloadIdentifier"]))
            self.assertNotIn(payload["PayloadUUID"], seen)
            seen.add(payload["PayloadUUID"])

    def test_builds_are_byte_identical(self):
        for name in ("first", "second"):
            result = run("build", str(EXAMPLES), "-o", str(self.tmp / name), env=EXAMPLE_ENV)
            self.assertEqual(result.returncode, 0, result.stderr)
        first = self.outputs(self.tmp / "first")
        second = self.outputs(self.tmp / "second")
        self.assertEqual([p.relative_to(self.tmp / "first") for p in first],
                         [p.relative_to(self.tmp / "second") for p in second])
        for a, b in zip(first, second):
            self.assertEqual(a.read_bytes(), b.read_bytes(), a)

    def test_secret_is_written_to_the_profile_but_never_printed(self):
        out = self.tmp / "out"
        result = run("build", str(EXAMPLES), "-o", str(out), env=EXAMPLE_ENV)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn(EXAMPLE_ENV["ACME_WIFI_PSK"], result.stdout + result.stderr)
        wifi = [p for p in self.outputs(out) if p.name == "wifi.mobileconfig"]
        self.assertEqual(len(wifi), 1)
        with wifi[0].open("rb") as fh:
            payload = plistlib.load(fh)["PayloadContent"][0]
        self.assertEqual(payload["Password"], EXAMPLE_ENV["ACME_WIFI_PSK"])

    def test_check_passes_on_the_examples_without_secrets(self):
        result = run("check", str(EXAMPLES))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")


class CommandLineTest(TempDirTest):
    def test_help_and_version(self):
        result = run("--help")
        self.assertEqual(result.returncode, 0)
        for command in ("build", "check"):
            self.assertIn(command, result.stdout)
        result = run("--version")
        self.assertEqual(result.returncode, 0)
        # The version, then the Apple data release the schemas came from
        # (tests/cli/test_release.py: that it is schemas/UPSTREAM's).
        self.assertRegex(result.stdout.strip(),
                         r"^profilec \d+\.\d+\.\d+ \(Apple device-management data [A-Za-z0-9._-]+, [0-9a-f]{7}\)$")

    def test_usage_errors_exit_2(self):
        self.assertEqual(run().returncode, 2)
        self.assertEqual(run("frobnicate").returncode, 2)
        self.assertEqual(run("build", str(EXAMPLES)).returncode, 2)  # no -o
        self.assertEqual(run("--color", "sometimes", "check", str(EXAMPLES)).returncode, 2)


class BadInputTest(TempDirTest):
    def test_a_file_name_with_a_newline_is_printed_on_one_line(self):
        # A pull request can name a file so that a raw "wrote PATH" line
        # would become a GitHub Actions workflow command (build names each
        # file with --verbose).
        self.write("repo/evil\n::error::forged.toml", RESTRICTIONS)
        result = run("build", "--verbose", str(self.tmp / "repo"), "-o", str(self.tmp / "out"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertFalse(any(line.startswith("::error::") for line in result.stdout.splitlines()), result.stdout)
        self.assertIn(f"wrote {self.tmp / 'out'}/evil\\n::error::forged.mobileconfig\n", result.stdout)
        self.assertEqual(len(self.outputs(self.tmp / "out")), 1)

    def test_missing_file_exits_2_and_names_it(self):
        missing = self.tmp / "nope.toml"
        out = self.tmp / "out"
        result = run("build", str(missing), "-o", str(out))
        self.assertEqual(result.returncode, 2)
        self.assertIn(str(missing), result.stderr)
        self.assertIn("no such file or directory", result.stderr)
        self.assertFalse(out.exists())

    def test_unreadable_file_exits_2(self):
        if os.geteuid() == 0:
            self.skipTest("root reads every file; covered by test_special_file_exits_2")
        path = self.write("locked.toml", RESTRICTIONS)
        path.chmod(0)
        try:
            result = run("check", str(path))
            self.assertEqual(result.returncode, 2)
            self.assertIn("permission denied", result.stderr)
        finally:
            path.chmod(0o644)

    def test_special_file_exits_2(self):
        fifo = self.tmp / "policy.toml"
        os.mkfifo(fifo)
        result = run("check", str(fifo))
        self.assertEqual(result.returncode, 2)
        self.assertIn(str(fifo), result.stderr)
        self.assertIn("not a regular file or directory", result.stderr)

    def test_syntax_error_names_file_line_and_column_and_writes_nothing(self):
        self.write("repo/good.toml", RESTRICTIONS)
        bad = self.write("repo/bad.toml", '[profile]\nid = "com.example.bad"\nname = \n')
        out = self.tmp / "out"
        result = run("--color", "never", "build", str(self.tmp / "repo"), "-o", str(out))
        self.assertEqual(result.returncode, 1)
        self.assertRegex(result.stderr, re.escape(str(bad)) + r":3:\d+: error\[PC0001\]: ")
        self.assertIn("3 | name = ", result.stderr)
        self.assertIn("^", result.stderr)
        self.assertFalse(out.exists(), "nothing is written when any policy has an error")

    def test_existing_output_survives_a_failed_build(self):
        policy = self.write("p.toml", RESTRICTIONS)
        out = self.tmp / "out"
        self.assertEqual(run("build", str(policy), "-o", str(out)).returncode, 0)
        before = (out / "p.mobileconfig").read_bytes()
        policy.write_text(RESTRICTIONS + "allowAirDrop = \n")
        self.assertEqual(run("build", str(policy), "-o", str(out)).returncode, 1)
        self.assertEqual((out / "p.mobileconfig").read_bytes(), before)
        self.assertEqual([p.name for p in self.outputs(out)], ["p.mobileconfig"])

    def test_unset_secret_fails_the_build_but_not_the_check(self):
        policy = self.write("wifi.toml", RESTRICTIONS.replace("allowCamera = false",
                                                              'Password = { env = "PROFILEC_E2E_UNSET" }'))
        out = self.tmp / "out"
        result = run("build", str(policy), "-o", str(out))
        self.assertEqual(result.returncode, 1)
        self.assertIn("error[PC0006]", result.stderr)
        self.assertIn("PROFILEC_E2E_UNSET", result.stderr)
        self.assertFalse(out.exists())
        self.assertEqual(run("check", str(policy)).returncode, 0)

    def test_unwritable_output_exits_2_without_partial_files(self):
        policy = self.write("p.toml", RESTRICTIONS)
        blocker = self.write("out", "a file where the output folder should be")
        result = run("build", str(policy), "-o", str(blocker))
        self.assertEqual(result.returncode, 2)
        self.assertIn("cannot write", result.stderr)
        self.assertEqual(sorted(p.name for p in self.tmp.iterdir()), ["out", "p.toml"])

    def test_warnings_do_not_fail(self):
        policy = self.write("empty.toml", '[profile]\nid = "com.example.empty"\n')
        result = run("--color", "never", "check", str(policy))
        self.assertEqual(result.returncode, 0)
        self.assertIn("warning[PC0010]", result.stderr)
        self.assertIn("1 warning", result.stderr)

    def test_non_policy_toml_in_a_folder_is_skipped_but_not_when_named(self):
        self.write("repo/p.toml", RESTRICTIONS)
        other = self.write("repo/pyproject.toml", "[tool.black]\nline-length = 100\n")
        self.assertEqual(run("check", str(self.tmp / "repo")).returncode, 0)
        result = run("check", str(other))
        self.assertEqual(result.returncode, 1)
        self.assertIn("error[PC0002]", result.stderr)

    def test_colour(self):
        policy = self.write("bad.toml", "[profle]\n")
        plain = run("--color", "never", "check", str(policy))
        self.assertNotIn("\x1b[", plain.stderr)
        coloured = run("--color", "always", "check", str(policy))
        self.assertIn("\x1b[", coloured.stderr)
        no_color = run("--color", "always", "check", str(policy), env={"NO_COLOR": "1"})
        self.assertIn("\x1b[", no_color.stderr, "--color always beats NO_COLOR")
        auto = run("check", str(policy), env={"NO_COLOR": "1"})
        self.assertNotIn("\x1b[", auto.stderr)

    def test_hostile_bytes_never_crash(self):
        cases = {
            "nul.toml": b"[profile]\nid = \"a\x00b\"\n",
            "utf8.toml": b"[profile]\nid = \"\xff\xfe\"\n",
            "deep.toml": b"[profile]\nid = \"x\"\n[payload.a]\ntype = \"t\"\nk = " + b"[" * 5000 + b"]" * 5000 + b"\n",
            "huge-int.toml": b"[profile]\nid = \"x\"\n[payload.a]\ntype = \"t\"\nk = 99999999999999999999\n",
            "bom.toml": b"\xef\xbb\xbf" + RESTRICTIONS.encode(),
            "crlf.toml": RESTRICTIONS.replace("\n", "\r\n").encode(),
            "empty.toml": b"",
            "huge.toml": (RESTRICTIONS + "".join(f"unknownKey{i} = {i}\n" for i in range(20000))).encode(),
            "deep-tables.toml": b"[profile]\nid = \"x\"\n[payload.a]\ntype = \"t\"\n" + b"[payload.a" + b"".join(
                b".t%d" % i for i in range(300)) + b"]\nk = 1\n",
        }
        for name, data in cases.items():
            path = self.tmp / name
            path.write_bytes(data)
            result = run("check", str(path))
            self.assertIn(result.returncode, (0, 1), f"{name}: {result.stderr}")
            self.assertNotIn("internal error", result.stderr, name)
            if result.returncode == 1:  # every error names the file and a line
                self.assertRegex(result.stderr, re.escape(str(path)) + r":\d+(:\d+)?: error\[PC\d{4}\]", name)


CUSTOM_SCHEMA = """\
format = 1
kind = "payload"
payloadtype = "com.example.agent"
title = "Example agent"

[[groups]]
[groups.os.macOS]
introduced = "13.0"

[[groups.keys]]
name = "ServerURL"
type = "string"
presence = "required"
"""


class SchemaCommandTest(TempDirTest):
    def test_list_and_filter_by_platform(self):
        result = run("schema", "list")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("com.apple.wifi.managed", result.stdout)
        self.assertIn("com.apple.security.firewall", result.stdout)
        ios = run("schema", "list", "--platform", "iOS")
        self.assertIn("com.apple.wifi.managed", ios.stdout)
        self.assertNotIn("com.apple.security.firewall", ios.stdout, "the firewall payload is macOS-only")
        listed = json.loads(run("schema", "list", "--format", "json").stdout)
        types = [entry["payloadtype"] for entry in listed]
        self.assertEqual(types, sorted(types))
        self.assertIn("com.apple.mdm", types)
        self.assertNotIn("TopLevel", types)

    def test_show_a_type_and_a_nested_key(self):
        result = run("schema", "show", "com.apple.wifi.managed")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("SSID_STR", result.stdout)
        self.assertIn("https://developer.apple.com/documentation/devicemanagement/wifi", result.stdout)
        self.assertIn("secret    Password", result.stdout)
        shown = json.loads(run("schema", "show", "com.apple.wifi.managed", "--format", "json").stdout)
        self.assertEqual(shown["payloadtype"], "com.apple.wifi.managed")
        self.assertTrue(shown["platforms"]["iOS"]["supported"])
        key = run("schema", "show", "com.apple.wifi.managed", "EAPClientConfiguration.UserPassword")
        self.assertEqual(key.returncode, 0, key.stderr)
        self.assertIn("type: string", key.stdout)
        airdrop = json.loads(run("schema", "show", "com.apple.applicationaccess", "allowAirDrop",
                                 "--format", "json").stdout)
        facts = airdrop["key"][0]["platforms"]
        self.assertTrue(facts["iOS"]["supervised"])
        self.assertFalse(facts["tvOS"]["supported"])

    def test_unknown_type_or_key_exits_2_with_a_suggestion(self):
        result = run("schema", "show", "com.apple.wifi.manged")
        self.assertEqual(result.returncode, 2)
        self.assertIn("did you mean 'com.apple.wifi.managed'?", result.stderr)
        result = run("schema", "show", "com.apple.wifi.managed", "NoSuchKey")
        self.assertEqual(result.returncode, 2)
        self.assertIn("has no key 'NoSuchKey'", result.stderr)

    def test_show_prints_apple_descriptions_wrapped_and_in_json(self):
        result = run("schema", "show", "com.apple.wifi.managed")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("\nUse this section to define Wi-Fi settings\n\nplatforms:", result.stdout)
        key = run("schema", "show", "com.apple.wifi.managed", "AutoJoin")
        self.assertEqual(key.returncode, 0, key.stderr)
        # Apple's paragraphs stay lines of their own.
        self.assertIn("\nIf 'true', the device joins the network automatically.\n"
                      "If 'false', the user must tap the network name to join it.\n", key.stdout)
        longest = run("schema", "show", "com.apple.applicationaccess", "allowAirDrop")
        prose = longest.stdout.split("\nplatforms", 1)[0].splitlines()[3:]
        self.assertTrue(prose, longest.stdout)
        self.assertTrue(all(0 < len(line) <= 80 for line in prose if line), prose)
        shown = json.loads(run("schema", "show", "com.apple.wifi.managed", "--format", "json").stdout)
        self.assertEqual(shown["description"], "Use this section to define Wi-Fi settings")
        self.assertEqual(shown["groups"][0]["description"], "Use this section to define Wi-Fi settings")
        ssid = next(k for k in shown["groups"][0]["keys"] if k["name"] == "SSID_STR")
        self.assertTrue(ssid["description"].startswith("The SSID of the Wi-Fi network to use."), ssid)
        one = json.loads(run("schema", "show", "com.apple.wifi.managed", "AutoJoin", "--format", "json").stdout)
        self.assertIn("joins the network automatically", one["key"][0]["description"])

    def test_show_key_paths_reach_items_maps_variants_and_common_keys(self):
        for type_, path, expect in (
                ("com.apple.wifi.managed", "EAPClientConfiguration.TLSTrustedServerNames", "type: array"),
                ("com.apple.wifi.managed", "EAPClientConfiguration.TLSTrustedServerNames.TLSTrustedServerName",
                 "type: string"),
                ("com.apple.extensiblesso", "ExtensionData.principalName", "type: string"),
                ("com.apple.ManagedClient.preferences", "PayloadContent.com.example.app", None),
                ("com.apple.wifi.managed", "PayloadDisplayName", "type: string")):
            result = run("schema", "show", type_, path)
            if expect is None:  # a key name holding '.' cannot be addressed
                self.assertEqual(result.returncode, 2, path)
                continue
            self.assertEqual(result.returncode, 0, f"{path}: {result.stderr}")
            self.assertIn(expect, result.stdout, path)
        mapped = run("schema", "show", "com.apple.ManagedClient.preferences", "PayloadContent.anydomain.Forced")
        self.assertEqual(mapped.returncode, 0, mapped.stderr)
        self.assertIn("type: array", mapped.stdout)

    def test_did_you_mean_prefers_a_longer_name_over_a_close_spelling(self):
        result = run("schema", "show", "com.apple.wifi")
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr, "profilec: error: unknown payload type 'com.apple.wifi' "
                                        "(did you mean 'com.apple.wifi.managed'?)\n")
        result = run("schema", "show", "com.apple.applicationaccess", "allowAirDorp")
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr, "profilec: error: com.apple.applicationaccess has no key 'allowAirDorp' "
                                        "(did you mean 'allowAirDrop'?)\n")
        result = run("schema", "show", "com.apple.wifi.managed", "EAPClientConfiguration.UserPasword")
        self.assertEqual(result.returncode, 2)
        self.assertIn("(did you mean 'EAPClientConfiguration.UserPassword'?)", result.stderr)

    def test_schema_dir_adds_types(self):
        self.write("schemas/com.example.agent.toml", CUSTOM_SCHEMA)
        result = run("--schema-dir", str(self.tmp / "schemas"), "schema", "show", "com.example.agent")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("ServerURL", result.stdout)
        self.assertIn(str(self.tmp / "schemas" / "com.example.agent.toml"), result.stdout)

    def test_bad_schema_dir_file_is_reported_with_its_location(self):
        bad = self.write("schemas/bad.toml", CUSTOM_SCHEMA.replace('type = "string"', 'type = "text"'))
        for command in (["schema", "list"], ["check", str(EXAMPLES)]):
            result = run("--schema-dir", str(self.tmp / "schemas"), *command)
            self.assertEqual(result.returncode, 2, command)
            self.assertIn(f"{bad}:12:8: error: invalid schema: key 'ServerURL' has unknown type 'text'", result.stderr)
        result = run("--schema-dir", str(self.tmp / "nope"), "schema", "list")
        self.assertEqual(result.returncode, 2)


REUSE_PROJECT = """\
[profile]
organization = "Example Corp"
id_prefix = "com.example"

[target]
platforms = { iOS = "17.0" }
supervised = true
"""

REUSE_FRAGMENT = """\
[fragment]
type = "com.apple.applicationaccess"
use = ["stdlib:restrictions/ios-baseline"]

[keys]
allowCamera = false
allowAirDrop = false
"""

REUSE_POLICY = """\
[profile]
id = ".restrictions"

[payload.restrictions]
type = "com.apple.applicationaccess"
use = ["fragments/corp"]
allowCamera = true
"""


class AppSchemaTest(TempDirTest):
    """App schemas from profilec.toml's [schemas] and --schema-dir (docs/app-schemas.md), with the test
    manifests of tests/manifest/data/ (ours)."""

    POLICY = """\
[profile]
id = "com.example.browser"

[target]
platforms = { macOS = "14.0" }

[payload.browser]
type = "com.example.browser"
Channel = "Nightly"

[payload.prefs]
type = "com.apple.ManagedClient.preferences"

[[payload.prefs.PayloadContent."com.example.updater".Forced]]
mcx_preference_settings = { ChannelName = "Insider" }
"""

    def setUp(self):
        super().setUp()
        self.copy_apps()

    def copy_apps(self):
        """tests/manifest/data/ as apps/, and POLICY, which uses its manifests."""
        data = SOURCE_DIR / "tests" / "manifest" / "data"
        self.assertTrue((data / "pfm" / "com.example.browser.plist").is_file(), "missing test input")
        shutil.copytree(data, self.tmp / "apps")
        self.write("policies/apps.toml", AppSchemaTest.POLICY)

    def test_without_app_schemas_nothing_is_reported(self):
        result = run("check", "policies/apps.toml", cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_profilec_toml_and_schema_dir_give_the_same_findings(self):
        self.write("profilec.toml", '[schemas]\ndirs = ["apps/pfm", "apps/jamf"]\n')
        from_project = run("--format", "json", "check", "policies/apps.toml", cwd=self.tmp)
        self.assertEqual(from_project.returncode, 1, from_project.stderr)
        codes = [(d["code"], d["line"]) for d in json.loads(from_project.stdout)["diagnostics"]]
        self.assertEqual(codes, [("PC1004", 9), ("PC1004", 15)])
        (self.tmp / "profilec.toml").unlink()
        from_option = run("--schema-dir", "apps", "--format", "json", "check", "policies/apps.toml", cwd=self.tmp)
        self.assertEqual(from_option.stdout, from_project.stdout)

    def test_a_malformed_manifest_stops_the_run_at_its_place(self):
        self.write("apps/jamf/com.example.broken.json", '{"properties": {\n  "A": {"type": "strng"}}}')
        result = run("--schema-dir", "apps", "check", "policies/apps.toml", cwd=self.tmp)
        self.assertEqual(result.returncode, 2)
        self.assertIn("apps/jamf/com.example.broken.json:2:17: error[PC0042]: unknown type 'strng' at A",
                      result.stderr)

    def test_schema_list_marks_the_source(self):
        listed = run("--schema-dir", "apps", "schema", "list", cwd=self.tmp).stdout
        self.assertRegex(listed, r"com\.example\.browser .*\[ProfileManifests\]")
        self.assertRegex(listed, r"com\.example\.updater .*\[JSON Schema manifest\]")
        self.assertNotIn("[", [line for line in listed.splitlines() if "com.apple.wifi.managed" in line][0])


class ManifestCacheTest(TempDirTest):
    """The cache of parsed manifests (docs/app-schemas.md#the-cache): where it goes, that it never changes a
    finding (cold, warm, damaged, unwritable, turned off, written by runs in parallel)."""

    def setUp(self):
        super().setUp()
        AppSchemaTest.copy_apps(self)
        self.cache = self.tmp / "cache"
        self.env = {"PROFILEC_CACHE_DIR": str(self.cache), "PROFILEC_NO_MANIFEST_CACHE": ""}

    def check(self, *extra, env=None):
        result = run("--schema-dir", "apps", *extra, "--format", "json", "check", "policies/apps.toml",
                     cwd=self.tmp, env={**self.env, **(env or {})})
        self.assertEqual(result.returncode, 1, result.stderr)
        return result.stdout

    def cache_files(self):
        return sorted(self.cache.glob("manifests-*.cache")) if self.cache.is_dir() else []

    def test_cold_and_warm_runs_find_the_same(self):
        uncached = self.check("--no-manifest-cache")
        self.assertEqual(self.cache_files(), [], "--no-manifest-cache wrote a cache")
        self.assertIn("PC1004", uncached)
        self.assertEqual(self.check(), uncached)
        self.assertEqual(len(self.cache_files()), 1)
        self.assertEqual(self.check(), uncached)
        self.assertEqual(self.check(env={"PROFILEC_NO_MANIFEST_CACHE": "1"}), uncached)

    def test_a_changed_manifest_is_read_again(self):
        before = json.loads(self.check())["diagnostics"]
        self.assertEqual(len(before), 2)
        browser = self.tmp / "apps" / "pfm" / "com.example.browser.plist"
        browser.write_text(browser.read_text().replace("<string>Beta</string>", "<string>Nightly</string>"))
        after = json.loads(self.check())["diagnostics"]
        self.assertEqual(len(after), 1, after)  # Channel = "Nightly" is allowed now

    def test_a_damaged_or_unwritable_cache_changes_nothing(self):
        expected = self.check()
        (cache_file,) = self.cache_files()
        good = cache_file.read_bytes()
        for damaged in (b"", good[: len(good) // 2], good[:40] + bytes([good[40] ^ 0xFF]) + good[41:], b"x" * 100):
            cache_file.write_bytes(damaged)
            self.assertEqual(self.check(), expected)
        # A cache folder that cannot be made (a file is in the way).
        blocker = self.tmp / "blocker"
        blocker.write_text("a file, not a folder")
        self.assertEqual(self.check(env={"PROFILEC_CACHE_DIR": str(blocker / "cache")}), expected)

    def test_runs_in_parallel_leave_a_whole_cache(self):
        expected = self.check("--no-manifest-cache")
        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        env.update(self.env)
        runs = [subprocess.Popen([PROFILEC, "--schema-dir", "apps", "--format", "json", "check", "policies/apps.toml"],
                                 cwd=self.tmp, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _ in range(8)]
        for process in runs:
            out, err = process.communicate(timeout=60)
            self.assertEqual(process.returncode, 1, err)
            self.assertEqual(out, expected)
        self.assertEqual(len(self.cache_files()), 1)
        self.assertEqual([p.name for p in self.cache.iterdir() if ".tmp." in p.name], [], "a temporary file was left")
        self.assertEqual(self.check(), expected)


class ReuseTest(TempDirTest):
    """profilec.toml defaults and `use = [...]` fragments, in a repository on disk."""

    def make_repo(self, fragment=REUSE_FRAGMENT, policy=REUSE_POLICY, project=REUSE_PROJECT):
        self.write("repo/profilec.toml", project)
        self.write("repo/fragments/corp.toml", fragment)
        return self.write("repo/policies/ios/restrictions.toml", policy)

    def test_defaults_and_fragments_reach_the_built_profile(self):
        self.make_repo()
        out = self.tmp / "out"
        result = run("build", str(self.tmp / "repo"), "-o", str(out))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual([p.relative_to(out).as_posix() for p in self.outputs(out)],
                         ["policies/ios/restrictions.mobileconfig"], "fragments are not profiles")
        with (out / "policies/ios/restrictions.mobileconfig").open("rb") as fh:
            profile = plistlib.load(fh)
        self.assertEqual(profile["PayloadIdentifier"], "com.example.restrictions")
        self.assertEqual(profile["PayloadUUID"], derived_uuid("com.example.restrictions"))
        self.assertEqual(profile["PayloadOrganization"], "Example Corp")
        payload = profile["PayloadContent"][0]
        self.assertIs(payload["allowCamera"], True, "the payload's own key wins")
        self.assertIs(payload["allowAirDrop"], False, "from fragments/corp")
        self.assertIs(payload["forceEncryptedBackup"], True, "from the stdlib, through fragments/corp")
        self.assertEqual(payload["PayloadIdentifier"], "com.example.restrictions.restrictions")

    def test_the_project_file_is_found_from_a_named_file_and_from_inside_the_repo(self):
        policy = self.make_repo()
        result = run("check", str(policy))
        self.assertEqual(result.returncode, 0, result.stderr)
        result = run("check", "policies/ios/restrictions.toml", cwd=self.tmp / "repo")
        self.assertEqual(result.returncode, 0, result.stderr)
        result = run("check", "profilec.toml", "fragments/corp.toml", cwd=self.tmp / "repo")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")

    def test_a_finding_in_a_fragment_points_into_it(self):
        self.make_repo(fragment=REUSE_FRAGMENT.replace("allowAirDrop", "allowAirDorp"))
        result = run("--color", "never", "check", ".", cwd=self.tmp / "repo")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("fragments/corp.toml:7:1: error[PC1002]: unknown key 'allowAirDorp'", result.stderr)
        self.assertIn("7 | allowAirDorp = false", result.stderr)
        self.assertIn("policies/ios/restrictions.toml:6:8: note: 'fragments/corp' is used here", result.stderr)

    def test_unresolved_uses_cycles_and_wrong_types_fail_with_their_codes(self):
        self.make_repo(policy=REUSE_POLICY.replace('["fragments/corp"]',
                                                   '["fragments/crop", "stdlib:passcode/baseline"]'))
        self.write("repo/fragments/a.toml", '[fragment]\ntype = "com.apple.applicationaccess"\nuse = ["fragments/b"]\n')
        self.write("repo/fragments/b.toml", '[fragment]\ntype = "com.apple.applicationaccess"\nuse = ["fragments/a"]\n')
        result = run("--color", "never", "build", ".", "-o", str(self.tmp / "out"), cwd=self.tmp / "repo")
        self.assertEqual(result.returncode, 1)
        self.assertFalse((self.tmp / "out").exists())
        self.assertIn("error[PC0014]: use cycle: fragments/a -> fragments/b -> fragments/a", result.stderr)
        self.assertIn("error[PC0013]: cannot find fragment 'fragments/crop'", result.stderr)
        self.assertIn("help: did you mean 'fragments/corp'?", result.stderr)
        self.assertIn("error[PC0015]: fragment 'stdlib:passcode/baseline' is for", result.stderr)
        self.assertIn("stdlib:passcode/baseline.toml:17:15: note: the fragment's type is set here", result.stderr)

    def test_the_project_file_is_checked_strictly(self):
        self.make_repo(project=REUSE_PROJECT + '\n[rules]\nPC9999 = "off"\n')
        result = run("--color", "never", "check", str(self.tmp / "repo"))
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"{self.tmp}/repo/profilec.toml:10:1: error[PC0003]: unknown rule 'PC9999' in [rules]",
                      result.stderr)

    def test_plain_names_need_a_project_file(self):
        policy = self.write("loose/p.toml", REUSE_POLICY.replace('id = ".restrictions"', 'id = "com.example.r"'))
        result = run("--color", "never", "check", str(policy))
        self.assertEqual(result.returncode, 1)
        self.assertIn("error[PC0013]: cannot resolve 'fragments/corp': no profilec.toml marks the repository root",
                      result.stderr)


STDLIB_OLD_IOS = """\
[profile]
id = "com.example.old"

[target]
platforms = { iOS = "12.0" }

[payload.restrictions]
type = "com.apple.applicationaccess"
use  = ["stdlib:restrictions/ios-baseline"]
"""

STDLIB_PASSCODE = """\
[profile]
id = "com.example.{name}"

[target]
platforms = {{ macOS = "14.0" }}

[payload.passcode]
type = "com.apple.mobiledevice.passwordpolicy"
{keys}
"""


PAYLOAD_REFERENCE_POLICY = """[profile]
id = "com.example.dns"

[target]
platforms = { iOS = "17.0" }

[payload.identity]
type = "com.apple.security.scep"
PayloadContent = { URL = "https://scep.example.com/scep", Subject = [[["CN", "dns"]]], Keysize = 2048 }

[payload.root]
type = "com.apple.security.root"
PayloadContent = { file = "root.cer" }

[payload.doh]
type = "com.apple.dnsSettings.managed"
PayloadCertificateUUID = { payload = "identity" }
DNSSettings = { DNSProtocol = "HTTPS", ServerURL = "https://dns.example.com/dns-query" }
"""


class PayloadReferenceTest(TempDirTest):
    """{ payload = "NAME" } (docs/language.md, Payload references) through the CLI."""

    def setUp(self):
        super().setUp()
        shutil.copy(SOURCE_DIR / "examples/acme-corp/certs/acme-root-ca.cer", self.tmp / "root.cer")

    def test_a_reference_builds_into_the_uuid_of_the_payload_it_names(self):
        self.write("dns.toml", PAYLOAD_REFERENCE_POLICY)
        out = self.tmp / "out"
        result = run("build", "dns.toml", "-o", str(out), cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)
        with (out / "dns.mobileconfig").open("rb") as fh:
            profile = plistlib.load(fh)
        identity, _, doh = profile["PayloadContent"]
        self.assertEqual(identity["PayloadUUID"], derived_uuid("com.example.dns.identity"))
        self.assertEqual(doh["PayloadCertificateUUID"], identity["PayloadUUID"])

    def test_import_writes_the_reference_back_and_builds_the_same_bytes(self):
        self.write("dns.toml", PAYLOAD_REFERENCE_POLICY)
        result = run("build", "dns.toml", "-o", "out", cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)
        result = run("import", "out/dns.mobileconfig", "-o", "imported", cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)
        source = (self.tmp / "imported/dns.toml").read_text()
        self.assertIn('PayloadCertificateUUID = { payload = "identity" }\n', source)
        result = run("build", "imported/dns.toml", "-o", "rebuilt", cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual([p.relative_to(self.tmp).as_posix() for p in self.outputs(self.tmp / "rebuilt")],
                         ["rebuilt/dns.mobileconfig"])
        self.assertEqual((self.tmp / "rebuilt/dns.mobileconfig").read_bytes(),
                         (self.tmp / "out/dns.mobileconfig").read_bytes())

    def test_unresolved_and_wrong_type_references_fail_at_the_reference(self):
        self.write("typo.toml", PAYLOAD_REFERENCE_POLICY.replace('{ payload = "identity" }', '{ payload = "identiy" }'))
        self.write("root.toml", PAYLOAD_REFERENCE_POLICY.replace('{ payload = "identity" }', '{ payload = "root" }'))
        for name, expected in (("typo.toml", "typo.toml:17:26: error[PC0033]: no payload 'identiy' in this policy"),
                               ("root.toml", "root.toml:17:26: error[PC3004]: PayloadCertificateUUID names payload "
                                             "'root', a com.apple.security.root payload, which cannot serve here")):
            result = run("--color", "never", "build", name, "-o", str(self.tmp / "out"), cwd=self.tmp)
            self.assertEqual(result.returncode, 1, result.stderr)
            self.assertIn(expected, result.stderr)
            self.assertFalse((self.tmp / "out" / name.replace(".toml", ".mobileconfig")).exists())
        result = run("--color", "never", "check", "typo.toml", cwd=self.tmp)
        self.assertIn("help: did you mean 'identity'?", result.stderr)
        result = run("explain", "PC0033")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("unresolved-payload-reference", result.stdout)


def stdlib_line(name, text):
    """The 1-based line of stdlib/NAME.toml on which `text` starts."""
    lines = (SOURCE_DIR / "stdlib" / f"{name}.toml").read_text().splitlines()
    found = [i + 1 for i, line in enumerate(lines) if line.startswith(text)]
    assert len(found) == 1, (name, text, found)
    return found[0]


class StdlibFindingTest(TempDirTest):
    """Findings inside stdlib fragments are placed at the repository's `use`
    entry, the stdlib line a note, in every format (docs/language.md,
    "Findings inside fragments"; docs/cli.md, "Output formats")."""

    def make_repo(self):
        self.write("repo/profilec.toml", "")
        self.write("repo/policies/old.toml", STDLIB_OLD_IOS)  # PC2004 on a stdlib key
        # PC4002: p.toml's own value against the stdlib's, q.toml's stdlib value against p.toml's.
        self.write("repo/policies/p.toml", STDLIB_PASSCODE.format(name="p", keys="minLength = 8"))
        self.write("repo/policies/q.toml", STDLIB_PASSCODE.format(name="q", keys='use = ["stdlib:passcode/baseline"]'))
        return self.tmp / "repo"

    def test_human(self):
        result = run("--color", "never", "check", ".", cwd=self.make_repo())
        self.assertEqual(result.returncode, 1, result.stderr)
        pasteboard = stdlib_line("restrictions/ios-baseline", "requireManagedPasteboard =")
        self.assertIn("policies/old.toml:9:9: warning[PC2004]: key 'requireManagedPasteboard' was introduced in "
                      "iOS 15.0", result.stderr)
        self.assertIn('9 | use  = ["stdlib:restrictions/ios-baseline"]\n', result.stderr)
        self.assertIn(f"stdlib:restrictions/ios-baseline.toml:{pasteboard}:1: note: set by "
                      f"stdlib:restrictions/ios-baseline at line {pasteboard}\n", result.stderr)
        self.assertIn(f"{pasteboard} | requireManagedPasteboard = true\n", result.stderr)  # the embedded text
        self.assertIn("policies/q.toml:9:8: error[PC4002]: minLength is 6 here but 8 at policies/p.toml:9",
                      result.stderr)
        headers = [m for m in map(HUMAN_HEADER.match, result.stderr.splitlines()) if m]
        self.assertEqual(len(headers), 2)
        for header in headers:
            self.assertFalse(header["path"].startswith("stdlib:"), header.string)

    def test_json(self):
        result = run("--format", "json", "check", ".", cwd=self.make_repo())
        self.assertEqual(result.returncode, 1, result.stderr)
        findings = json.loads(result.stdout)["diagnostics"]
        self.assertEqual([(f["code"], f["path"], f["line"], f["column"]) for f in findings],
                         [("PC2004", "policies/old.toml", 9, 9), ("PC4002", "policies/q.toml", 9, 8)])
        minimum = stdlib_line("passcode/baseline", "minLength =")
        conflict = findings[1]
        self.assertEqual(conflict["notes"][0], {"path": "stdlib:passcode/baseline.toml", "line": minimum, "column": 1,
                                                "message": f"set by stdlib:passcode/baseline at line {minimum}"})
        self.assertEqual(conflict["notes"][1]["path"], "policies/p.toml")

    def test_sarif(self):
        result = run("--format", "sarif", "check", ".", cwd=self.make_repo())
        self.assertEqual(result.returncode, 1, result.stderr)
        run_ = json.loads(result.stdout)["runs"][0]
        self.assertEqual(run_["originalUriBaseIds"]["PROFILEC_STDLIB"]["uri"][-len("/blob/main/stdlib/"):],
                         "/blob/main/stdlib/")
        for finding in run_["results"]:
            where = finding["locations"][0]["physicalLocation"]["artifactLocation"]
            self.assertEqual(where["uriBaseId"], "%SRCROOT%")
            self.assertTrue(where["uri"].startswith("policies/"), where)
            related = [r["physicalLocation"]["artifactLocation"] for r in finding["relatedLocations"]]
            self.assertIn("PROFILEC_STDLIB", [r["uriBaseId"] for r in related])
        first = run_["results"][0]["relatedLocations"][0]
        self.assertEqual(first["physicalLocation"]["artifactLocation"],
                         {"uri": "restrictions/ios-baseline.toml", "uriBaseId": "PROFILEC_STDLIB"})
        self.assertTrue(first["message"]["text"].startswith("set by stdlib:restrictions/ios-baseline at line "))

    def test_github(self):
        result = run("--format", "github", "check", ".", cwd=self.make_repo())
        self.assertEqual(result.returncode, 1, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual(len(lines), 2)
        files = []
        for line in lines:
            match = GITHUB_LINE.match(line)
            self.assertIsNotNone(match, line)
            files.append(dict(p.split("=", 1) for p in match["properties"].split(","))["file"])
            self.assertIn("%0Anote: stdlib:", match["data"])  # the stdlib line: a note only
        self.assertEqual(files, ["policies/old.toml", "policies/q.toml"])

    def test_a_suppression_on_the_use_line_covers_the_stdlib_finding(self):
        repo = self.make_repo()
        self.write("repo/policies/old.toml", STDLIB_OLD_IOS.replace(
            'ios-baseline"]', 'ios-baseline"]  # profilec: allow PC2004 -- old iPads kept on purpose'))
        result = run("--format", "json", "check", "policies/old.toml", cwd=repo)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout)["diagnostics"], [])


# --format, explain and suppression comments (docs/cli.md).
TYPO_POLICY = RESTRICTIONS + "allowCamra = true\n"
HUMAN_HEADER = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|note)"
                          r"\[(?P<code>PC\d{4})\]: (?P<message>.*)$")
GITHUB_LINE = re.compile(r"^::(?P<command>error|warning|notice) (?P<properties>[^:]*)::(?P<data>.*)$")


def run_bytes(*args, cwd=None):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    return subprocess.run([PROFILEC, *args], capture_output=True, env=env, cwd=cwd, timeout=60)


class OutputFormatTest(TempDirTest):
    def make_findings(self):
        """A repository with an error with a span, a warning, and a help line."""
        self.write("repo/policies/typo.toml", TYPO_POLICY)
        self.write("repo/policies/id.toml", '[profile]\nid = 42  # profilec: allow nothing-like-this\n')
        return self.tmp / "repo"

    def test_json_matches_the_human_output_finding_for_finding(self):
        repo = self.make_findings()
        human = run("--color", "never", "check", ".", cwd=repo)
        result = run("check", "--format", "json", ".", cwd=repo)
        self.assertEqual(result.returncode, human.returncode)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr, "")
        document = json.loads(result.stdout)
        self.assertEqual(document["version"], 1)
        headers = [m.groupdict() for m in map(HUMAN_HEADER.match, human.stderr.splitlines()) if m]
        self.assertEqual(len(headers), len(document["diagnostics"]))
        self.assertGreaterEqual(len(headers), 3)
        fields = {"code", "name", "severity", "message", "path", "line", "column", "end_line", "end_column",
                  "help", "notes", "doc"}
        for header, finding in zip(headers, document["diagnostics"]):
            self.assertEqual(set(finding), fields)
            self.assertEqual(header["path"], finding["path"])
            self.assertEqual(int(header["line"]), finding["line"])
            self.assertEqual(int(header["column"]), finding["column"])
            self.assertEqual(header["severity"], finding["severity"])
            self.assertEqual(header["code"], finding["code"])
            self.assertEqual(header["message"], finding["message"])
            page = f"docs/rules/{finding['code']}-{finding['name']}.md"
            self.assertTrue((SOURCE_DIR / page).is_file(), page)
            self.assertTrue(finding["doc"].endswith("/" + page), finding["doc"])
            if finding["help"] is not None:
                self.assertIn(f"  help: {finding['help']}", human.stderr)
        summary = document["summary"]
        for severity, key in (("error", "errors"), ("warning", "warnings"), ("note", "notes")):
            self.assertEqual(summary[key], sum(f["severity"] == severity for f in document["diagnostics"]))
        self.assertIn(f"{summary['errors']} error", human.stderr.splitlines()[-1])

    def test_github_annotations_one_per_finding(self):
        repo = self.make_findings()
        expected = json.loads(run("--format", "json", "check", ".", cwd=repo).stdout)["diagnostics"]
        result = run("--format", "github", "check", ".", cwd=repo)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr, "")  # no summary line
        lines = result.stdout.splitlines()
        self.assertEqual(len(lines), len(expected))
        words = {"error": "error", "warning": "warning", "note": "notice"}
        for line, finding in zip(lines, expected):
            match = GITHUB_LINE.match(line)
            self.assertIsNotNone(match, line)
            self.assertEqual(match["command"], words[finding["severity"]])
            properties = dict(p.split("=", 1) for p in match["properties"].split(","))
            self.assertEqual(properties["file"], finding["path"])
            self.assertEqual(int(properties["line"]), finding["line"])
            self.assertEqual(int(properties["col"]), finding["column"])
            self.assertEqual(properties["title"], f"{finding['code']} {finding['name']}")
            self.assertTrue(match["data"].startswith(finding["message"].replace("%", "%25")))
            if finding["help"]:
                self.assertIn("%0Ahelp: ", match["data"])

    def test_github_escapes_what_github_would_misread(self):
        self.write("we,ird:name.toml", "[profile]  # profilec: allow 100%,x\nid = \"com.example.e\"\n")
        result = run("--format", "github", "check", "we,ird:name.toml", cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)  # warnings only
        lines = result.stdout.splitlines()
        self.assertTrue(lines)
        for line in lines:
            self.assertTrue(line.startswith("::warning file=we%2Cird%3Aname.toml,line="), line)
        self.assertTrue(any("unknown rule '100%25'" in line for line in lines), lines)

    def test_format_before_or_after_the_command_and_bad_values(self):
        repo = self.make_findings()
        before = run("--format", "json", "check", ".", cwd=repo)
        after = run("check", ".", "--format", "json", cwd=repo)
        self.assertEqual(before.stdout, after.stdout)
        self.assertEqual(run("--format", "xml", "check", ".", cwd=repo).returncode, 2)
        self.assertEqual(run("check", "--format", cwd=repo).returncode, 2)

    def test_clean_runs_give_empty_documents(self):
        for fmt in ("json", "sarif", "github"):
            with self.subTest(fmt=fmt):
                result = run("--format", fmt, "check", str(EXAMPLES))
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stderr, "")
                if fmt == "json":
                    document = json.loads(result.stdout)
                    self.assertEqual(document["diagnostics"], [])
                    self.assertEqual(document["summary"], {"errors": 0, "warnings": 0, "notes": 0})
                elif fmt == "sarif":
                    self.assertEqual(json.loads(result.stdout)["runs"][0]["results"], [])
                else:
                    self.assertEqual(result.stdout, "")

    def test_build_keeps_standard_output_a_document(self):
        out = self.tmp / "out"
        result = run("--format", "json", "build", "-v", str(EXAMPLES), "-o", str(out), env=EXAMPLE_ENV)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout)["diagnostics"], [])
        written = [line for line in result.stderr.splitlines() if line.startswith("wrote ")]
        self.assertEqual(len(written), len(self.outputs(out)))
        self.assertTrue(written)
        self.assertIn(f"{out}: {len(written)} written, 0 unchanged, 0 removed\n", result.stderr)

    def test_quiet_and_the_summary_are_for_human_output(self):
        repo = self.make_findings()
        loud = run("--color", "never", "check", ".", cwd=repo)
        quiet = run("--color", "never", "-q", "check", ".", cwd=repo)
        self.assertRegex(loud.stderr.splitlines()[-1], r"^\d+ errors?(, \d+ warnings?)?$")
        self.assertEqual(quiet.stderr, "\n".join(loud.stderr.splitlines()[:-1]) + "\n")

    def test_hostile_bytes_give_valid_utf8_json(self):
        self.write("h.toml", "")
        (self.tmp / "h.toml").write_bytes(b'[profile]\nid = "\xff"\n\x1b]0;owned\x07 = 1\n[\xfe\n')
        for fmt in ("json", "sarif", "github"):
            with self.subTest(fmt=fmt):
                result = run_bytes("--format", fmt, "check", "h.toml", cwd=self.tmp)
                self.assertEqual(result.returncode, 1, result.stderr)
                text = result.stdout.decode("utf-8")  # strict
                self.assertNotIn("\x1b", text)
                self.assertNotIn("\x07", text)
                if fmt != "github":
                    json.loads(text)


class ExplainTest(TempDirTest):
    def pages(self):
        return sorted((SOURCE_DIR / "docs/rules").glob("PC*.md"))

    def test_every_rule_page_is_embedded(self):
        # A copy of the binary in an empty folder: the pages come from inside it.
        binary = self.tmp / "profilec"
        shutil.copy(PROFILEC, binary)
        pages = self.pages()
        self.assertTrue(pages)
        for page in pages:
            code, name = page.stem.split("-", 1)
            for key in (code, name, code.lower()):
                result = subprocess.run([str(binary), "explain", key], capture_output=True, text=True, cwd=self.tmp,
                                        timeout=60)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stdout, page.read_text(), key)

    def test_without_an_argument_every_rule_is_listed(self):
        result = run("explain")
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        pages = self.pages()
        self.assertEqual(len(lines), len(pages))
        for line, page in zip(lines, pages):
            code, name = page.stem.split("-", 1)
            severity = re.search(r"\*\*Default severity:\*\* (\w+)", page.read_text()).group(1)
            self.assertRegex(line, rf"^{code}  {re.escape(name)} +{severity} +\S")

    def test_unknown_rule_exits_2_with_a_suggestion(self):
        for wrong, suggestion in (("toml-syntx", "toml-syntax"), ("PC00O1", "PC0001"), ("empty-profiel", "empty-profile")):
            result = run("explain", wrong)
            self.assertEqual(result.returncode, 2)
            self.assertEqual(result.stdout, "")
            self.assertEqual(result.stderr, f"profilec: error: unknown rule '{wrong}' (did you mean '{suggestion}'?)\n")
        result = run("explain", "key-needs-supervison")
        self.assertEqual(result.stderr, "profilec: error: unknown rule 'key-needs-supervison' "
                                        "(did you mean 'key-needs-supervision'?)\n")
        result = run("explain", "completely-unrelated-words")
        self.assertEqual(result.returncode, 2)
        self.assertIn("unknown rule 'completely-unrelated-words'", result.stderr)
        self.assertIn("'profilec explain' lists every rule", result.stderr)


    def test_a_topic_word_lists_the_rules_that_mention_it(self):
        result = run("explain", "supervision")
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual(lines[0], "rules that mention 'supervision' ('profilec explain RULE' shows one):")
        codes = [line.split()[0] for line in lines[1:]]
        self.assertIn("PC2008", codes)
        # Name or summary matches come first (in code order), then the rules whose page mentions it.
        self.assertEqual(codes[:2], ["PC2007", "PC2008"], lines)
        self.assertLess(len(codes), len(run("explain").stdout.splitlines()))
        for code in codes:
            page = next(p for p in self.pages() if p.stem.startswith(code + "-"))
            self.assertRegex(page.read_text() + lines[1 + codes.index(code)], r"(?i)\bsupervision", code)
        self.assertEqual(run("explain", "SUPERVISION").stdout.splitlines()[1:], lines[1:], "any letter case")


class StdlibCommandTest(TempDirTest):
    def test_list_names_every_fragment_with_its_facts(self):
        fragments = sorted(p.relative_to(STDLIB).with_suffix("").as_posix() for p in STDLIB.rglob("*.toml"))
        self.assertTrue(fragments)
        listed = json.loads(run("stdlib", "list", "--format", "json").stdout)
        self.assertEqual([entry["name"] for entry in listed], [f"stdlib:{name}" for name in fragments])
        by_name = {entry["name"]: entry for entry in listed}
        high = by_name["stdlib:restrictions/ios-high-security"]
        self.assertEqual(high["type"], "com.apple.applicationaccess")
        self.assertEqual(high["platforms"], ["iOS"])
        self.assertTrue(high["supervised"])
        self.assertEqual(high["use"], ["stdlib:restrictions/ios-baseline"])
        self.assertFalse(by_name["stdlib:passcode/baseline"]["supervised"])
        self.assertTrue(by_name["stdlib:proxy/global-pac"]["supervised"], "the global proxy needs supervision on iOS")
        text = run("stdlib", "list")
        self.assertEqual(text.returncode, 0, text.stderr)
        self.assertRegex(text.stdout, r"stdlib:passcode/baseline +com\.apple\.mobiledevice\.passwordpolicy +iOS, macOS +no\n")
        self.assertIn(f"\n{len(fragments)} fragments (", text.stdout)

    def test_show_merges_what_a_fragment_uses_with_source_lines(self):
        shown = json.loads(run("stdlib", "show", "restrictions/ios-high-security", "--format", "json").stdout)
        keys = {k["key"]: k for k in shown["keys"]}
        own = (STDLIB / "restrictions/ios-high-security.toml").read_text().splitlines()
        base = (STDLIB / "restrictions/ios-baseline.toml").read_text().splitlines()
        airdrop = keys["allowAirDrop"]
        self.assertEqual(airdrop["value"], "false")
        file, line = airdrop["source"].rsplit(":", 1)
        self.assertEqual(file, "stdlib:restrictions/ios-high-security.toml")
        self.assertTrue(own[int(line) - 1].startswith("allowAirDrop"), own[int(line) - 1])
        inherited = [k for k in shown["keys"] if k["source"].startswith("stdlib:restrictions/ios-baseline.toml:")]
        self.assertTrue(inherited, "the baseline's keys come in through use")
        for k in inherited:
            line = int(k["source"].rsplit(":", 1)[1])
            self.assertTrue(base[line - 1].startswith(k["key"]), (k, base[line - 1]))
        self.assertIn("allowAirDrop", shown["supervised_keys"])
        self.assertTrue(shown["header"].startswith("A high-security profile"))
        text = run("stdlib", "show", "stdlib:restrictions/ios-high-security")
        self.assertEqual(text.returncode, 0, text.stderr)
        self.assertRegex(text.stdout, r"\n  allowAirDrop += false +stdlib:restrictions/ios-high-security\.toml:\d+\n")

    def test_show_flattens_nested_tables(self):
        shown = json.loads(run("stdlib", "show", "wifi/wpa2-enterprise-eap-tls", "--format", "json").stdout)
        paths = [k["key"] for k in shown["keys"]]
        self.assertTrue(any(p.startswith("EAPClientConfiguration.") for p in paths), paths)

    def test_a_wrong_name_exits_2_with_a_suggestion(self):
        result = run("stdlib", "show", "restrictions/ios-basline")
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stdout, "")
        self.assertEqual(result.stderr, "profilec: error: no stdlib fragment 'restrictions/ios-basline' "
                                        "(did you mean 'stdlib:restrictions/ios-baseline'?)\n")
        result = run("stdlib", "show", "wifi")
        self.assertEqual(result.returncode, 2)
        self.assertIn("did you mean 'stdlib:wifi/wpa2-personal', 'stdlib:wifi/wpa3-personal' or", result.stderr)


class SuppressionCommentTest(TempDirTest):
    def typo_code(self):
        result = run("--format", "json", "check", "p.toml", cwd=self.tmp)
        self.assertEqual(result.returncode, 1, result.stderr)
        findings = json.loads(result.stdout)["diagnostics"]
        self.assertEqual(len(findings), 1)
        return findings[0]

    def test_allow_on_the_line_lets_check_and_build_pass(self):
        self.write("p.toml", TYPO_POLICY)
        finding = self.typo_code()
        for comment in (f"# profilec: allow {finding['code']}", f"# profilec: allow {finding['name']} -- vendor key"):
            with self.subTest(comment=comment):
                self.write("p.toml", TYPO_POLICY.replace("allowCamra = true", f"allowCamra = true  {comment}"))
                result = run("build", "p.toml", "-o", str(self.tmp / "out"), cwd=self.tmp)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertTrue((self.tmp / "out/p.mobileconfig").is_file())

    def test_allow_above_the_line_and_allow_file(self):
        self.write("p.toml", TYPO_POLICY)
        code = self.typo_code()["code"]
        above = TYPO_POLICY.replace("allowCamra = true", f"# profilec: allow {code}\n# why: vendor key\nallowCamra = true")
        self.write("p.toml", above)
        self.assertEqual(run("check", "p.toml", cwd=self.tmp).returncode, 0)
        self.write("p.toml", f"# profilec: allow-file {code}\n" + TYPO_POLICY)
        self.assertEqual(run("check", "p.toml", cwd=self.tmp).returncode, 0)
        # Another rule's code suppresses nothing.
        self.write("p.toml", TYPO_POLICY.replace("allowCamra = true", "allowCamra = true # profilec: allow PC0010"))
        self.assertEqual(run("check", "p.toml", cwd=self.tmp).returncode, 1)

    def test_unknown_rule_in_a_comment_is_a_warning(self):
        self.write("p.toml", RESTRICTIONS.replace("allowCamera = false", "allowCamera = false  # profilec: allow PC99"))
        result = run("--color", "never", "check", "p.toml", cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)
        line = (self.tmp / "p.toml").read_text().splitlines()[6]
        self.assertIn(f"p.toml:7:{line.index('PC99') + 1}: warning[PC0012]: unknown rule 'PC99' in a suppression",
                      result.stderr)


if __name__ == "__main__":
    unittest.main()


def restrictions(identifier, target, keys):
    return (f'[profile]\nid = "{identifier}"\n\n[target]\n{target}\n\n'
            f'[payload.restrictions]\ntype = "com.apple.applicationaccess"\n{keys}\n')


IOS = 'platforms = { iOS = "17.0" }\nsupervised = true'
MACOS = 'platforms = { macOS = "14.0" }\nsupervised = true'


class AnalysisAcrossFilesTest(TempDirTest):
    """`check DIR` sees conflicts and duplicates across files; `effective` merges them."""

    def setUp(self):
        super().setUp()
        self.write("repo/policies/baseline.toml",
                   restrictions("com.example.baseline", IOS, "allowCamera = false\nratingApps = 200"))
        self.write("repo/policies/team.toml",
                   restrictions("com.example.team", IOS, "allowCamera = true\nratingApps = 1000\nallowAirDrop = false"))
        self.write("repo/policies/mac.toml",
                   restrictions("com.example.mac", MACOS, "allowCamera = true"))

    def test_check_reports_combinable_conflicts_as_warnings(self):
        result = run("--color", "never", "check", "repo", cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("policies/team.toml:10:1: warning[PC4001]: allowCamera resolves to false: "
                      "the most restrictive value wins", result.stderr)
        self.assertIn("ratingApps resolves to 200", result.stderr)
        self.assertIn("policies/baseline.toml:10:1: note: allowCamera is set to false here", result.stderr)
        # The macOS-only profile reaches none of the iOS devices.
        self.assertNotIn("mac.toml", result.stderr)

    def test_check_reports_undefined_conflicts_and_duplicates_as_errors(self):
        self.write("repo/policies/usb.toml",
                   restrictions("com.example.usb", IOS, "allowUSBRestrictedMode = true"))
        self.write("repo/policies/usb2.toml",
                   restrictions("com.example.usb2", IOS, "allowUSBRestrictedMode = false"))
        self.write("repo/policies/copy.toml",
                   restrictions("com.example.team", IOS, "allowAirDrop = false"))
        result = run("--format", "json", "check", "repo", cwd=self.tmp)
        self.assertEqual(result.returncode, 1, result.stderr)
        codes = [d["code"] for d in json.loads(result.stdout)["diagnostics"]]
        self.assertIn("PC4002", codes)
        self.assertIn("PC3001", codes)

    def test_effective_human(self):
        result = run("effective", "repo", "--platform", "iOS", "--supervised", cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout,
                         "effective policy for iOS, supervised, device enrollment: 2 profiles\n"
                         "\n"
                         "com.apple.applicationaccess\n"
                         "  allowAirDrop = false  (repo/policies/team.toml:12)\n"
                         "  allowCamera = false  (repo/policies/baseline.toml:10)  [boolean-and]\n"
                         "    overrides true (repo/policies/team.toml:10)\n"
                         "  ratingApps = 200  (repo/policies/baseline.toml:11)  [number-min]\n"
                         "    overrides 1000 (repo/policies/team.toml:11)\n")

    def test_effective_json_and_other_targets(self):
        result = run("--format", "json", "effective", "repo", "--platform", "macOS", "--supervised", cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)
        document = json.loads(result.stdout)
        self.assertEqual(document["profiles"], ["repo/policies/mac.toml"])
        [setting] = document["settings"]
        self.assertEqual((setting["key"], setting["value"], setting["resolution"]), ("allowCamera", True, "single"))
        self.assertEqual(setting["source"], {"value": True, "file": "repo/policies/mac.toml", "line": 10})
        # Unsupervised devices receive none of the supervised profiles.
        nothing = run("effective", "repo", "--platform", "iOS", cwd=self.tmp)
        self.assertEqual(nothing.stdout, "effective policy for iOS, device enrollment: 0 profiles\n")
        self.assertEqual(run("effective", "repo", cwd=self.tmp).returncode, 2)  # --platform is required

    def test_examples_stay_clean(self):
        result = run("check", str(EXAMPLES / "acme-corp"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn("PC3", result.stderr)
        self.assertNotIn("PC4", result.stderr)


def mobileconfig_from(test, name, policy_text):
    """Builds `policy_text` and returns the XML of the .mobileconfig it makes."""
    test.write(f"src-{name}/{name}.toml", policy_text)
    out = test.tmp / f"built-{name}"
    result = run("build", str(test.tmp / f"src-{name}"), "-o", str(out))
    test.assertEqual(result.returncode, 0, result.stderr)
    return (out / f"{name}.mobileconfig").read_text()


TYPO_XML_KEY = "<key>allowCamra</key>\n\t\t\t<true/>\n\t\t\t<key>allowCamera</key>"


class RepeatableOptionsTest(TempDirTest):
    """A repeatable option takes one value each time: the paths after it stay paths."""

    def setUp(self):
        super().setUp()
        xml = mobileconfig_from(self, "r", RESTRICTIONS)
        self.assertIn("<key>allowCamera</key>", xml)
        # An unknown key: an error that names the file, so a swallowed path shows.
        self.write("a.mobileconfig", xml.replace("<key>allowCamera</key>", TYPO_XML_KEY.replace("\t", ""), 1))
        self.write("b.mobileconfig", xml.replace("com.example.restrictions", "com.example.other"))

    def check_names_a(self, result, flags):
        self.assertEqual(result.returncode, 1, (flags, result.stderr))
        self.assertIn("a.mobileconfig:", result.stderr, flags)

    def test_check_platform_before_paths(self):
        for flags in (["--platform", "macOS:14.0"], ["--platform=macOS:14.0"], ["--platform", "iOS"],
                      ["--platform", "iOS:17.0", "--platform", "macOS"], ["--exclude", "elsewhere"],
                      ["--exclude=elsewhere"]):
            with self.subTest(flags=flags):
                result = run("--color", "never", "check", *flags, "b.mobileconfig", "a.mobileconfig", cwd=self.tmp)
                self.check_names_a(result, flags)

    def test_build_and_effective_exclude_before_paths(self):
        self.write("p/r.toml", RESTRICTIONS)
        result = run("build", "--exclude", "elsewhere", "p", "-o", "out", cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "out: 1 written, 0 unchanged, 0 removed\n")
        result = run("effective", "--exclude", "elsewhere", "p", "--platform", "iOS", cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(result.stdout.startswith("effective policy for iOS, device enrollment: 1 profile\n"),
                        result.stdout)

    def test_schema_dir_before_paths(self):
        (self.tmp / "schemas").mkdir()
        for args in (["--schema-dir", "schemas", "check", "b.mobileconfig", "a.mobileconfig"],
                     ["check", "--schema-dir", "schemas", "b.mobileconfig", "a.mobileconfig"]):
            with self.subTest(args=args):
                self.check_names_a(run(*args, cwd=self.tmp), args)


class PlatformOptionTest(TempDirTest):
    """`check` and `effective` take the same --platform: PLATFORM or PLATFORM:VERSION."""

    def setUp(self):
        super().setUp()
        self.write("a.mobileconfig", mobileconfig_from(self, "a", RESTRICTIONS))

    def test_malformed_values_are_usage_errors_in_both_commands(self):
        cases = {
            "ios": "profilec: error: unknown platform 'ios' in --platform ios: use iOS, macOS, tvOS, visionOS or "
                   "watchOS\n",
            "Android:1": "profilec: error: unknown platform 'Android' in --platform Android:1: use iOS, macOS, "
                         "tvOS, visionOS or watchOS\n",
            "iOS:x": "profilec: error: 'x' in --platform iOS:x is not an OS version such as 17.0\n",
            "iOS:": "profilec: error: '' in --platform iOS: is not an OS version such as 17.0\n",
        }
        for value, message in cases.items():
            for command in ("check", "effective"):
                with self.subTest(value=value, command=command):
                    result = run(command, "--platform", value, "a.mobileconfig", cwd=self.tmp)
                    self.assertEqual(result.returncode, 2)
                    self.assertEqual(result.stderr, message)

    def test_check_without_a_version_skips_the_minimum_version_checks(self):
        policy = RESTRICTIONS.replace("allowCamera = false", f"{NEW_KEY} = false")
        self.write("new.mobileconfig", mobileconfig_from(self, "new", policy))
        old = run("--format", "json", "check", "--platform", f"iOS:{OLD_IOS}", "--supervised", "new.mobileconfig",
                  cwd=self.tmp)
        self.assertEqual(old.returncode, 0, old.stdout)
        self.assertEqual([d["code"] for d in json.loads(old.stdout)["diagnostics"]], ["PC2004"])
        any_version = run("--format", "json", "check", "--platform", "iOS", "--supervised", "new.mobileconfig",
                          cwd=self.tmp)
        self.assertEqual(any_version.returncode, 0, any_version.stdout)
        self.assertEqual(json.loads(any_version.stdout)["diagnostics"], [])
        # A platform's availability is still checked without a version.
        self.write("mac.mobileconfig", mobileconfig_from(self, "mac", MAC_ONLY_POLICY))
        tv = run("--format", "json", "check", "--platform", "tvOS", "mac.mobileconfig", cwd=self.tmp)
        self.assertIn("PC2001", [d["code"] for d in json.loads(tv.stdout)["diagnostics"]])

    def test_effective_uses_a_version(self):
        self.write("repo/old.toml", restrictions("com.example.old", 'platforms = { iOS = "16.0" }', "allowCamera = false"))
        self.write("repo/new.toml", restrictions("com.example.new", 'platforms = { iOS = "18.0" }', "allowAirDrop = false"))
        result = run("effective", "repo", "--platform", "iOS:17.0", cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout,
                         "effective policy for iOS 17.0, device enrollment: 1 profile\n"
                         "\n"
                         "com.apple.applicationaccess\n"
                         "  allowCamera = false  (repo/old.toml:9)\n")
        every = run("effective", "repo", "--platform", "iOS", cwd=self.tmp)
        self.assertTrue(every.stdout.startswith("effective policy for iOS, device enrollment: 2 profiles\n"),
                        every.stdout)


NEW_KEY = "allowAppClips"
OLD_IOS = "12.0"
MAC_ONLY_POLICY = """\
[profile]
id = "com.example.firewall"

[payload.firewall]
type = "com.apple.security.firewall"
EnableFirewall = true
"""
NOTE_PROJECT = '[rules]\nPC0010 = "note"\n'
EMPTY_POLICY = '[profile]\nid = "com.example.empty"\n'


class FailOnTest(TempDirTest):
    """--fail-on and profilec.toml's fail_on: the exit code on each side of the threshold."""

    def setUp(self):
        super().setUp()
        # PC0010 (empty profile) is a warning; the project below makes it a note.
        self.write("warning/empty.toml", EMPTY_POLICY)
        self.write("note/empty.toml", EMPTY_POLICY)
        self.write("note/profilec.toml", NOTE_PROJECT)
        self.write("clean/r.toml", RESTRICTIONS)

    def codes(self, folder, *flags, command="check"):
        extra = ["-o", str(self.tmp / "out" / folder)] if command == "build" else []
        return run(command, folder, *flags, *extra, cwd=self.tmp).returncode

    def test_thresholds_for_check_and_build(self):
        expected = {
            # (folder, flags): exit code
            ("clean", ()): 0, ("clean", ("--fail-on", "note")): 0,
            ("warning", ()): 0, ("warning", ("--fail-on", "error")): 0,
            ("warning", ("--fail-on", "warning")): 1, ("warning", ("--fail-on=note",)): 1,
            ("note", ()): 0, ("note", ("--fail-on", "warning")): 0, ("note", ("--fail-on", "note")): 1,
        }
        for command in ("check", "build"):
            for (folder, flags), code in expected.items():
                with self.subTest(command=command, folder=folder, flags=flags):
                    self.assertEqual(self.codes(folder, *flags, command=command), code)
        # build writes nothing when it fails on a warning.
        self.assertFalse((self.tmp / "out/warning-fail").exists())
        self.assertEqual(run("build", "warning", "--fail-on", "warning", "-o", "out/warning-fail",
                             cwd=self.tmp).returncode, 1)
        self.assertFalse((self.tmp / "out/warning-fail").exists())

    def test_profilec_toml_sets_it_and_the_flag_wins(self):
        self.write("warning/profilec.toml", 'fail_on = "warning"\n')
        self.assertEqual(self.codes("warning"), 1)
        self.assertEqual(self.codes("warning", "--fail-on", "error"), 0)
        self.assertEqual(self.codes("warning", command="build"), 1)
        self.write("note/profilec.toml", 'fail_on = "warning"\n' + NOTE_PROJECT)
        self.assertEqual(self.codes("note"), 0)
        self.write("note/profilec.toml", 'fail_on = "note"\n' + NOTE_PROJECT)
        self.assertEqual(self.codes("note"), 1)

    def test_bad_values(self):
        result = run("check", "clean", "--fail-on", "warn", cwd=self.tmp)
        self.assertEqual(result.returncode, 2)
        self.assertTrue(result.stderr.startswith("profilec: error: --fail-on 'warn' is not one of error, warning, note\n"
                                                 "  help: did you mean 'warning'?\n"), result.stderr)
        self.write("clean/profilec.toml", 'fail_on = "warn"\n')
        result = run("--color", "never", "check", "clean", cwd=self.tmp)
        self.assertEqual(result.returncode, 1)
        self.assertIn("clean/profilec.toml:1:11: error[PC0004]: fail_on must be \"error\", \"warning\" or \"note\", "
                      "found 'warn'\n", result.stderr)


class UnusedSuppressionTest(TempDirTest):
    def test_a_stale_suppression_is_a_warning(self):
        self.write("p.toml", RESTRICTIONS.replace("allowCamera = false", "allowCamera = false  # profilec: allow PC1002"))
        result = run("--color", "never", "check", "p.toml", cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("p.toml:7:40: warning[PC0025]: unused suppression: no 'PC1002' finding on line 7\n",
                      result.stderr)
        self.assertIn("  help: remove the rule from the comment (the whole comment if it names no other)\n",
                      result.stderr)
        self.assertEqual(run("check", "p.toml", "--fail-on", "warning", cwd=self.tmp).returncode, 1)
        # Used again once the finding is back.
        self.write("p.toml", TYPO_POLICY.replace("allowCamra = true", "allowCamra = true  # profilec: allow PC1002"))
        result = run("check", "p.toml", "--fail-on", "warning", cwd=self.tmp)
        self.assertEqual((result.returncode, result.stderr), (0, ""))


class BuiltOutputTest(TempDirTest):
    """Built output is never read back as sources."""

    def setUp(self):
        super().setUp()
        self.write("repo/policies/r.toml", RESTRICTIONS)

    def test_build_twice_into_different_folders(self):
        first = run("build", ".", "-o", "out", cwd=self.tmp / "repo")
        self.assertEqual((first.returncode, first.stdout), (0, "out: 1 written, 0 unchanged, 0 removed\n"),
                         first.stderr)
        self.assertTrue((self.tmp / "repo/out/policies/r.mobileconfig").is_file())
        marker = self.tmp / "repo/out/.profilec-output"
        self.assertTrue(marker.read_text().startswith("This folder was written by `profilec build`."))
        second = run("build", ".", "-o", "out2", cwd=self.tmp / "repo")
        self.assertEqual((second.returncode, second.stderr), (0, ""))
        self.assertEqual(second.stdout, "out2: 1 written, 0 unchanged, 0 removed\n")
        self.assertTrue((self.tmp / "repo/out2/policies/r.mobileconfig").is_file())
        check = run("check", ".", cwd=self.tmp / "repo")
        self.assertEqual((check.returncode, check.stderr), (0, ""))
        # Without the marker, out/ is read again (PC3001 names the duplicate).
        marker.unlink()
        again = run("check", ".", cwd=self.tmp / "repo")
        self.assertIn("PC3001", again.stderr)

    def test_exclude_in_profilec_toml_and_effective_exclude(self):
        self.write("repo/old/r.mobileconfig", mobileconfig_from(self, "r", RESTRICTIONS))
        dirty = run("check", "repo", cwd=self.tmp)
        self.assertIn("PC3001", dirty.stderr)
        effective = run("effective", "repo", "--platform", "iOS", "--exclude", "repo/old", cwd=self.tmp)
        self.assertEqual((effective.returncode, effective.stderr), (0, ""))
        self.assertTrue(effective.stdout.startswith("effective policy for iOS, device enrollment: 1 profile\n"))
        self.write("repo/profilec.toml", 'exclude = ["old"]\n')
        for command in (["check", "repo"], ["effective", "repo", "--platform", "iOS"]):
            result = run(*command, cwd=self.tmp)
            self.assertEqual((result.returncode, result.stderr), (0, ""), command)


class EffectiveMobileconfigTest(TempDirTest):
    def test_read_profiles_are_merged(self):
        self.write("repo/camera.mobileconfig", mobileconfig_from(self, "camera", RESTRICTIONS))
        result = run("effective", "repo", "--platform", "iOS", cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)
        line = next(i for i, text in enumerate((self.tmp / "repo/camera.mobileconfig").read_text().splitlines(), 1)
                    if "<key>allowCamera</key>" in text)
        self.assertEqual(result.stdout,
                         "effective policy for iOS, device enrollment: 1 profile\n"
                         "\n"
                         "com.apple.applicationaccess\n"
                         f"  allowCamera = false  (repo/camera.mobileconfig:{line})\n")
