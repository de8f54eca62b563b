"""The shell completions (`profilec completion bash|zsh|fish`, completions/).

`fresh`: the committed files in completions/ are what the binary prints.
`bash`, `zsh`, `fish`: each shell completes real command lines with the
script the binary prints: bash with bash-completion's own helpers (COMP_WORDS,
COMPREPLY), zsh through compsys on a pseudo-terminal (zsh_complete.zsh), fish
with `complete -C`. A missing shell is a skip (exit 77), said loudly, except
under PROFILEC_REQUIRE_TEST_INPUTS=1 (CI), where scripts/install-deps has
installed all three.

usage: test_completions.py fresh|bash|zsh|fish
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

PROFILEC = os.environ["PROFILEC"]
SOURCE_DIR = pathlib.Path(os.environ["PROFILEC_SOURCE_DIR"])
HERE = pathlib.Path(__file__).resolve().parent
SKIP = 77
# Each shell's script, by its file in completions/.
FILES = {"bash": "profilec.bash", "zsh": "_profilec", "fish": "profilec.fish"}
BASH_COMPLETION = pathlib.Path("/usr/share/bash-completion/bash_completion")


def run(argv, **kwargs):
    return subprocess.run(argv, capture_output=True, text=True, timeout=60, **kwargs)


def generated(shell):
    r = run([PROFILEC, "completion", shell])
    assert r.returncode == 0 and r.stderr == "", r.stderr
    return r.stdout


def platforms():
    """The platforms profilec knows: the columns of `schema list`."""
    header = run([PROFILEC, "schema", "list"]).stdout.splitlines()[0].split()
    assert header[:2] == ["payload", "type"], header
    return header[2:]


def rule_codes(prefix):
    return [line.split()[0] for line in run([PROFILEC, "explain"]).stdout.splitlines() if line.startswith(prefix)]


class FreshTest(unittest.TestCase):
    def test_committed_completions_are_what_profilec_prints(self):
        for shell, name in FILES.items():
            committed = (SOURCE_DIR / "completions" / name).read_text()
            self.assertTrue(committed == generated(shell),
                            f"completions/{name} differs from `profilec completion {shell}`: "
                            "run `ninja -C build update-completions` and commit the result")

    def test_every_command_is_in_every_script(self):
        r = run([PROFILEC, "--help"])
        commands = [line.split()[0] for line in r.stdout.split("Subcommands:")[-1].splitlines() if line.strip()]
        self.assertIn("completion", commands)
        for shell in FILES:
            script = generated(shell)
            for command in commands:
                self.assertIn(command, script, (shell, command))

    def test_an_unknown_shell_is_a_usage_error(self):
        r = run([PROFILEC, "completion", "tcsh"])
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stdout, "")
        self.assertIn("tcsh", r.stderr)


class ShellCases:
    """The same command lines in every shell. `complete(line)` returns the
    set of candidates the shell offers with the cursor at the end of line."""

    def test_commands(self):
        self.assertEqual(self.complete("profilec "), {
            "build", "check", "completion", "diff", "effective", "explain", "import", "init", "lsp", "report", "schema", "sign",
            "stdlib", "unsign", "verify"})
        self.assertEqual(self.complete("profilec ch"), {"check"})
        self.assertEqual(self.complete("profilec report --b"), {"--baseline"})

    def test_options_of_check(self):
        options = self.complete("profilec check --")
        for option in ("--exclude", "--device-cert", "--device-key", "--device-key-env", "--device-chain",
                       "--device-p12", "--platform", "--enrollment", "--fail-on", "--format", "--schema-dir",
                       "--help"):
            self.assertIn(option, options)
        self.assertNotIn("--output", options)   # build's
        self.assertNotIn("--version", options)  # profilec's alone
        self.assertEqual(self.complete("profilec check --dev"),
                         {"--device-cert", "--device-key", "--device-key-env", "--device-chain", "--device-p12"})

    def test_help_is_offered_once(self):
        self.assertEqual(self.complete_list("profilec check --he"), ["--help"])

    def test_values_of_format_and_platform(self):
        self.assertEqual(self.complete("profilec --format "), {"human", "json", "sarif", "github"})
        self.assertEqual(self.complete("profilec check --format s"), {"sarif"})
        self.assertEqual(self.complete("profilec schema list --format "), {"human", "json"})
        self.assertEqual(self.complete("profilec check --platform "), set(platforms()))
        self.assertEqual(self.complete("profilec effective --enrollment "), {"device", "user", "automated"})

    def test_payload_types_after_schema_show(self):
        self.assertEqual(self.complete("profilec schema "), {"list", "show", "export"})
        self.assertEqual(self.complete("profilec schema show com.apple.wi"), {"com.apple.wifi.managed"})
        types = self.complete("profilec schema show com.apple.")
        self.assertGreater(len(types), 100)
        self.assertIn("com.apple.applicationaccess", types)

    def test_rules_after_explain(self):
        self.assertEqual(self.complete("profilec explain PC000"), set(rule_codes("PC000")))
        self.assertEqual(len(rule_codes("PC000")), 9)
        self.assertEqual(self.complete("profilec explain toml-"), {"toml-syntax"})

    def test_files_after_build(self):
        with tempfile.TemporaryDirectory() as folder:
            for name in ("a.toml", "b.mobileconfig", "notes.txt"):
                (pathlib.Path(folder) / name).write_text("")
            (pathlib.Path(folder) / "sub").mkdir()
            found = {name.rstrip("/") for name in self.complete("profilec build ", cwd=folder)}
            self.assertEqual(found, {"a.toml", "b.mobileconfig", "sub"})
            found = {name.rstrip("/") for name in self.complete("profilec build -o ", cwd=folder)}
            self.assertEqual(found, {"sub"})

    def complete(self, line, cwd=None):
        return set(self.complete_list(line, cwd))


class BashTest(unittest.TestCase, ShellCases):
    DRIVER = r'''
source /usr/share/bash-completion/bash_completion
source "$1"
COMP_LINE=$2; COMP_POINT=${#COMP_LINE}
read -ra COMP_WORDS <<< "$2"; [[ $2 == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
_profilec profilec "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
'''

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.script = pathlib.Path(cls.tmp.name) / "profilec.bash"
        cls.script.write_text(generated("bash"))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def complete_list(self, line, cwd=None):
        r = run(["bash", "-c", self.DRIVER, "bash", str(self.script), line], cwd=cwd)
        self.assertEqual((r.returncode, r.stderr), (0, ""), line)
        return [word for word in r.stdout.splitlines() if word]


class ZshTest(unittest.TestCase, ShellCases):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        (pathlib.Path(cls.tmp.name) / "_profilec").write_text(generated("zsh"))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_syntax(self):
        r = run(["zsh", "-n", str(pathlib.Path(self.tmp.name) / "_profilec")])
        self.assertEqual((r.returncode, r.stderr), (0, ""))

    def complete_list(self, line, cwd=None):
        env = dict(os.environ, PATH=f"{pathlib.Path(PROFILEC).parent}:{os.environ['PATH']}")
        r = run(["zsh", "-f", str(HERE / "zsh_complete.zsh"), self.tmp.name, line], cwd=cwd, env=env)
        self.assertEqual((r.returncode, r.stderr), (0, ""), line)
        return [word.strip() for word in r.stdout.splitlines() if word.strip()]


class FishTest(unittest.TestCase, ShellCases):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.script = pathlib.Path(cls.tmp.name) / "profilec.fish"
        cls.script.write_text(generated("fish"))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def complete_list(self, line, cwd=None):
        r = run(["fish", "--no-config", "-c", 'source $argv[1]; complete -C $argv[2]', str(self.script), line],
                cwd=cwd)
        self.assertEqual((r.returncode, r.stderr), (0, ""), line)
        return [word.split("\t")[0] for word in r.stdout.splitlines() if word]


def main():
    which = sys.argv[1] if len(sys.argv) > 1 else ""
    cases = {"fresh": FreshTest, "bash": BashTest, "zsh": ZshTest, "fish": FishTest}
    if which not in cases:
        sys.exit(__doc__)
    missing = None
    if which != "fresh" and not shutil.which(which):
        missing = f"no {which} on PATH"
    elif which == "bash" and not BASH_COMPLETION.exists():
        missing = f"no {BASH_COMPLETION} (Debian: bash-completion)"
    if missing:
        if os.environ.get("PROFILEC_REQUIRE_TEST_INPUTS") == "1":
            print(f"FAIL: {missing}, and PROFILEC_REQUIRE_TEST_INPUTS=1 requires it (scripts/install-deps)")
            sys.exit(1)
        print(f"SKIPPED: {missing} (scripts/install-deps installs it)", file=sys.stderr)
        sys.exit(SKIP)
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(cases[which])
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    sys.exit(0 if result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
