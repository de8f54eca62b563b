"""Command lines CLI11 cannot parse: every kind of CLI11 ParseError that
profilec's options can produce comes out in profilec's error style
(compiler/cli/usage_error.cc, docs/cli.md#usage-errors), exit 2, nothing on
standard output. --help and --version are not errors: standard output, exit 0.

Each case runs the binary once and stops at the parse (no file is read), so
the whole file takes well under a second.
"""
import os
import subprocess
import tempfile
import unittest

PROFILEC = os.environ["PROFILEC"]

COMMANDS = "build, check, completion, diff, effective, explain, import, init, lsp, report, schema, sign, stdlib, unsign, verify"


def run(*args):
    with tempfile.TemporaryDirectory(prefix="profilec-usage-") as cwd:
        return subprocess.run([PROFILEC, *args], capture_output=True, text=True, cwd=cwd, timeout=60)


class UsageErrorTest(unittest.TestCase):
    def assertUsageError(self, args, *lines):
        result = run(*args)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertEqual(result.stdout, "")
        self.assertEqual(result.stderr, "".join(line + "\n" for line in lines))

    # RequiredError::Subcommand
    def test_no_command(self):
        self.assertUsageError([], "profilec: error: no command given",
                              f"  help: the commands are {COMMANDS} (profilec --help describes them)")

    def test_unknown_command(self):
        self.assertUsageError(["chek"], "profilec: error: unknown command 'chek'", "  help: did you mean 'check'?",
                              f"  help: the commands are {COMMANDS} (profilec --help describes them)")

    def test_unknown_command_without_a_near_one(self):
        self.assertUsageError(["frobnicate"], "profilec: error: unknown command 'frobnicate'",
                              f"  help: the commands are {COMMANDS} (profilec --help describes them)")

    def test_subcommand_missing(self):
        self.assertUsageError(["schema"], "profilec: error: 'profilec schema' needs a command",
                              "  help: the commands are list, show, export (profilec schema --help describes them)")

    def test_unknown_subcommand(self):
        self.assertUsageError(["schema", "lst"], "profilec: error: unknown command 'lst' for 'profilec schema'",
                              "  help: did you mean 'list'?",
                              "  help: the commands are list, show, export (profilec schema --help describes them)")

    def test_unknown_option_before_the_command(self):
        self.assertUsageError(["--qiet"], "profilec: error: unknown option '--qiet' for 'profilec'",
                              "  help: did you mean '--quiet'?",
                              f"  help: the commands are {COMMANDS} (profilec --help describes them)")

    # ExtrasError
    def test_unknown_option(self):
        self.assertUsageError(["check", "--platfrom", "iOS", "."],
                              "profilec: error: unknown option '--platfrom' for 'profilec check'",
                              "  help: did you mean '--platform'?", "  help: profilec check --help describes its options")

    def test_unknown_option_with_a_value_after_equals(self):
        self.assertUsageError(["effective", "--platfrom=iOS"],
                              "profilec: error: unknown option '--platfrom' for 'profilec effective'",
                              "  help: did you mean '--platform'?",
                              "  help: profilec effective --help describes its options")

    def test_unknown_option_finds_global_options_after_the_command(self):
        self.assertUsageError(["check", "--memory-limt", "3G"],
                              "profilec: error: unknown option '--memory-limt' for 'profilec check'",
                              "  help: did you mean '--memory-limit'?",
                              "  help: profilec check --help describes its options")

    def test_unknown_option_of_a_nested_command(self):
        self.assertUsageError(["schema", "list", "--fromat", "json"],
                              "profilec: error: unknown option '--fromat' for 'profilec schema list'",
                              "  help: did you mean '--format'?",
                              "  help: profilec schema list --help describes its options")

    def test_long_option_with_one_dash(self):
        self.assertUsageError(["build", "-exclude", "x", "-o", "out"],
                              "profilec: error: unknown option '-exclude' for 'profilec build'",
                              "  help: did you mean '--exclude'?", "  help: profilec build --help describes its options")

    def test_an_option_of_another_command_gets_no_guess(self):
        # --output is build's; verify has nothing near it.
        self.assertUsageError(["verify", "a.mobileconfig", "--output", "x"],
                              "profilec: error: unknown option '--output' for 'profilec verify'",
                              "  help: profilec verify --help describes its options")

    def test_unknown_short_option_gets_no_guess(self):
        self.assertUsageError(["check", "-x"], "profilec: error: unknown option '-x' for 'profilec check'",
                              "  help: profilec check --help describes its options")

    def test_too_many_positionals(self):
        self.assertUsageError(["explain", "PC0001", "PC0002"],
                              "profilec: error: unexpected argument 'PC0002' for 'profilec explain'",
                              "  help: profilec explain --help describes the arguments it takes")
        self.assertUsageError(["schema", "show", "com.apple.wifi.managed", "SSID_STR", "more"],
                              "profilec: error: unexpected argument 'more' for 'profilec schema show'",
                              "  help: profilec schema show --help describes the arguments it takes")

    def test_a_typo_is_named_before_the_required_option_it_left_out(self):
        self.assertUsageError(["build", "--ouput", "out"],
                              "profilec: error: unknown option '--ouput' for 'profilec build'",
                              "  help: did you mean '--output'?", "  help: profilec build --help describes its options")

    # RequiredError
    def test_required_option(self):
        self.assertUsageError(["build"], "profilec: error: 'profilec build' needs --output",
                              "  help: -o,--output: Folder to write the .mobileconfig files to",
                              "  help: profilec build --help describes its options")
        self.assertUsageError(["effective", "."], "profilec: error: 'profilec effective' needs --platform",
                              "  help: --platform: The device's platform (iOS, macOS, tvOS, visionOS or watchOS), "
                              "optionally with its OS version: iOS or iOS:17.0",
                              "  help: profilec effective --help describes its options")

    def test_required_positional(self):
        self.assertUsageError(["verify"], "profilec: error: 'profilec verify' needs its 'files' argument",
                              "  help: files: Signed .mobileconfig files",
                              "  help: profilec verify --help describes its options")
        self.assertUsageError(["schema", "show"], "profilec: error: 'profilec schema show' needs its 'type' argument",
                              "  help: type: Payload type, e.g. com.apple.wifi.managed",
                              "  help: profilec schema show --help describes its options")

    # ValidationError: IsMember, ExistingDirectory, Range
    def test_value_not_allowed(self):
        self.assertUsageError(["check", "--format", "humann"],
                              "profilec: error: --format 'humann' is not one of human, json, sarif, github",
                              "  help: did you mean 'human'?",
                              "  help: --format: Findings as: human, json, sarif (2.1.0), github (Actions annotations)",
                              "  help: profilec check --help describes its options")

    def test_value_not_allowed_finds_the_value_it_begins(self):
        self.assertUsageError(["check", "--fail-on", "warn"],
                              "profilec: error: --fail-on 'warn' is not one of error, warning, note",
                              "  help: did you mean 'warning'?",
                              "  help: --fail-on: Exit 1 when a finding is at this level or above: error (default), "
                              "warning or note",
                              "  help: profilec check --help describes its options")

    def test_value_not_allowed_in_another_letter_case(self):
        self.assertUsageError(["schema", "list", "--platform", "ios"],
                              "profilec: error: --platform 'ios' is not one of iOS, macOS, tvOS, visionOS, watchOS",
                              "  help: did you mean 'iOS'?",
                              "  help: --platform: Only types available on this platform (iOS, macOS, ...)",
                              "  help: profilec schema list --help describes its options")

    def test_value_not_allowed_without_a_near_one(self):
        self.assertUsageError(["--color", "sometimes", "check"],
                              "profilec: error: --color 'sometimes' is not one of auto, always, never",
                              "  help: --color: Colour diagnostics: auto, always, never",
                              "  help: profilec check --help describes its options")

    def test_folder_that_does_not_exist(self):
        self.assertUsageError(["--schema-dir", "/nonexistent/schemas", "check"],
                              "profilec: error: --schema-dir '/nonexistent/schemas': no such folder",
                              "  help: --schema-dir: Add or replace payload schemas from a folder of profilec schemas, "
                              "ProfileManifests or JSON Schema manifests (repeatable; docs/app-schemas.md)",
                              "  help: profilec check --help describes its options")

    def test_folder_that_is_a_file(self):
        self.assertUsageError(["--schema-dir", PROFILEC, "check"],
                              f"profilec: error: --schema-dir '{PROFILEC}' is a file, not a folder",
                              "  help: --schema-dir: Add or replace payload schemas from a folder of profilec schemas, "
                              "ProfileManifests or JSON Schema manifests (repeatable; docs/app-schemas.md)",
                              "  help: profilec check --help describes its options")

    def test_number_out_of_range(self):
        self.assertUsageError(["verify", "a", "--expiry-warning-days", "3651"],
                              "profilec: error: --expiry-warning-days 3651 is out of range: give a number from 0 to "
                              "3650",
                              "  help: --expiry-warning-days: Warn about certificates that expire within this many "
                              "days (PC5003)",
                              "  help: profilec verify --help describes its options")

    # ConversionError
    def test_not_a_number(self):
        for value in ("x", "-3", "99999999999999999999"):
            with self.subTest(value=value):
                self.assertUsageError(["build", "-o", "out", "--jobs", value],
                                      f"profilec: error: --jobs '{value}' is not a whole number, 0 or more",
                                      "  help: -j,--jobs: Files compiled and profiles signed at once (default: every "
                                      "core)",
                                      "  help: profilec build --help describes its options")

    def test_flag_given_a_value(self):
        self.assertUsageError(["check", "--supervised=maybe"],
                              "profilec: error: --supervised is a flag: give it without a value, not 'maybe'",
                              "  help: --supervised: For .mobileconfig files: the devices are supervised",
                              "  help: profilec check --help describes its options")

    # ArgumentMismatch
    def test_option_given_twice(self):
        self.assertUsageError(["build", "-o", "a", "--output", "b"],
                              "profilec: error: --output is given 2 times, but takes one value",
                              "  help: give --output once", "  help: -o,--output: Folder to write the .mobileconfig "
                              "files to", "  help: profilec build --help describes its options")

    def test_option_without_its_value(self):
        self.assertUsageError(["sign", "in.mobileconfig", "-o"], "profilec: error: --output needs a value",
                              "  help: -o,--output: Where to write the signed profile",
                              "  help: profilec sign --help describes its options")


class NotAnErrorTest(unittest.TestCase):
    def test_help_goes_to_standard_output(self):
        for args in (["--help"], ["check", "--help"], ["schema", "show", "--help"]):
            with self.subTest(args=args):
                result = run(*args)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stderr, "")
                self.assertIn("Usage: profilec", result.stdout)

    def test_version_goes_to_standard_output(self):
        result = run("--version")
        self.assertEqual(result.returncode, 0)
        self.assertEqual(result.stderr, "")
        self.assertTrue(result.stdout.startswith("profilec "), result.stdout)


if __name__ == "__main__":
    unittest.main()
