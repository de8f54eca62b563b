"""Releases (issue 17, docs/releasing.md): one version everywhere, the Apple
data release in `--version` from schemas/UPSTREAM, the changelog and
copyright of the package, and `scripts/release` (make release).

The release runs build the .deb with cpack and a tarball with git archive,
twice: about 28 s of CPU in all (92 s wall on the loaded 2-core development
machine). Exits 77 (skipped) when git, cpack or dpkg is missing and
everything else passed.
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import unittest

PROFILEC = os.environ["PROFILEC"]
SCHEMA_COMPILE = os.environ["SCHEMA_COMPILE"]
SOURCE_DIR = pathlib.Path(os.environ["PROFILEC_SOURCE_DIR"])
BUILD_DIR = pathlib.Path(os.environ["PROFILEC_BUILD_DIR"])
UPSTREAM_DIR = pathlib.Path(os.environ.get("PROFILEC_UPSTREAM_DIR", SOURCE_DIR.parent / "shared" / "upstream" /
                                           "apple-device-management"))
HAVE_RELEASE_TOOLS = all(shutil.which(tool) for tool in ("git", "cpack", "dpkg", "sha256sum"))
IS_GIT_CHECKOUT = subprocess.run(["git", "-C", str(SOURCE_DIR), "rev-parse", "HEAD"],
                                 capture_output=True).returncode == 0 if shutil.which("git") else False

# Every file that names a release of profilec for users to copy, and how it
# names it. templates/init and examples/gitops are what `init` writes and
# what the docs show.
VERSION_MENTIONS = {
    ".pre-commit-hooks.yaml": r"^#\s+rev: v(\S+)$",
    "docs/cli.md": r"^\s+rev: v(\S+)$",
    "templates/init/.pre-commit-config.yaml": r"^\s+rev: v(\S+)$",
    "examples/gitops/.pre-commit-config.yaml": r"^\s+rev: v(\S+)$",
    "templates/init/.github/workflows/profiles.yml": r'^\s+PROFILEC_VERSION: "(\S+)"',
    "examples/gitops/.github/workflows/profiles.yml": r'^\s+PROFILEC_VERSION: "(\S+)"',
    "docs/gitops.md": r'^\s+PROFILEC_VERSION: "(\S+)"',
    "docs/man/profilec.1": r'^\.TH PROFILEC 1 "[^"]*" "profilec (\S+)"',
    "CHANGELOG.md": r"^## (\S+) \(",  # the first: the newest release
}


def run(argv, **kwargs):
    return subprocess.run(argv, capture_output=True, text=True, timeout=240, **kwargs)


def cmake_version():
    text = (SOURCE_DIR / "CMakeLists.txt").read_text()
    return re.search(r"^project\(profilec VERSION (\d+\.\d+\.\d+) ", text, re.M).group(1)


class OneVersionTest(unittest.TestCase):
    def test_every_snippet_names_the_project_version(self):
        version = cmake_version()
        for path, pattern in VERSION_MENTIONS.items():
            found = re.findall(pattern, (SOURCE_DIR / path).read_text(), re.M)
            self.assertTrue(found, f"{path} names no version")
            if path == "CHANGELOG.md":
                found = found[:1]
            self.assertEqual(set(found), {version}, path)

    def test_the_binary_has_the_project_version(self):
        r = run([PROFILEC, "--version"])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.startswith(f"profilec {cmake_version()} ("), r.stdout)

    def test_the_changelog_fails_the_build_when_it_is_behind_the_version(self):
        r = run([sys.executable, str(SOURCE_DIR / "scripts/debian-changelog"), str(SOURCE_DIR / "CHANGELOG.md"),
                 "9.9.9", "A <a@example.com>"])
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stderr, r"CHANGELOG\.md:\d+: error: the newest release is \d+\.\d+\.\d+, "
                                   r"but the project's version is 9\.9\.9\n")
        self.assertEqual(r.stdout, "")

    def test_the_changelog_names_the_line_of_a_bad_heading(self):
        with tempfile.TemporaryDirectory() as tmp:
            changelog = pathlib.Path(tmp) / "CHANGELOG.md"
            changelog.write_text("# Changelog\n\n## 1.0.0 (2026-01-02)\n\n- one\n  two\n\n## 0.9 (2025-01-01)\n")
            r = run([sys.executable, str(SOURCE_DIR / "scripts/debian-changelog"), str(changelog), "1.0.0", "A <a@b.c>"])
            self.assertEqual((r.returncode, r.stdout), (1, ""))
            self.assertIn("CHANGELOG.md:8: error: a release heading is '## X.Y.Z (YYYY-MM-DD)'", r.stderr)
            changelog.write_text("## 1.0.0 (2026-01-02)\n\n- one\n  two\n")
            r = run([sys.executable, str(SOURCE_DIR / "scripts/debian-changelog"), str(changelog), "1.0.0", "A <a@b.c>"])
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stdout, "profilec (1.0.0) unstable; urgency=medium\n\n  * one two\n\n"
                                       " -- A <a@b.c>  Fri, 02 Jan 2026 00:00:00 +0000\n")


class AppleDataReleaseTest(unittest.TestCase):
    def upstream(self):
        with open(SOURCE_DIR / "schemas/UPSTREAM", "rb") as f:
            return tomllib.load(f)

    def test_version_names_the_release_schemas_upstream_records(self):
        upstream = self.upstream()
        self.assertRegex(upstream["commit"], r"^[0-9a-f]{40}$")
        r = run([PROFILEC, "--version"])
        self.assertEqual(r.stdout, f"profilec {cmake_version()} (Apple device-management data "
                                   f"{upstream['release']}, {upstream['commit'][:7]})\n")

    def test_no_source_spells_the_release(self):
        """The release reaches the binary only through schemas/UPSTREAM."""
        release = self.upstream()["release"]
        for path in sorted((SOURCE_DIR / "compiler").rglob("*")) + sorted((SOURCE_DIR / "tools").rglob("*")):
            if path.is_file():
                self.assertNotIn(release, path.read_text(errors="replace"), path)

    def schema_copy(self, tmp, upstream_text):
        """schema-compile over a copy of schemas/ with UPSTREAM replaced."""
        tmp = tempfile.mkdtemp(dir=tmp)
        schemas = pathlib.Path(tmp) / "schemas"
        shutil.copytree(SOURCE_DIR / "schemas", schemas)
        (schemas / "UPSTREAM").write_text(upstream_text)
        files = sorted(str(p) for p in schemas.rglob("*.toml"))
        out = pathlib.Path(tmp) / "compiled.cc"
        return run([SCHEMA_COMPILE, str(out), str(schemas), *files]), out

    def test_the_compiled_release_is_what_upstream_says(self):
        text = (SOURCE_DIR / "schemas/UPSTREAM").read_text()
        old = self.upstream()["release"]
        with tempfile.TemporaryDirectory() as tmp:
            r, out = self.schema_copy(tmp, text.replace(old, "Release_iOS-99-0_macOS-99-0"))
            self.assertEqual(r.returncode, 0, r.stderr)
            compiled = out.read_text()
            self.assertIn('"Release_iOS-99-0_macOS-99-0"', compiled)
            self.assertNotIn(old, compiled)

    def test_a_schema_from_another_commit_fails_the_build(self):
        text = (SOURCE_DIR / "schemas/UPSTREAM").read_text()
        commit = self.upstream()["commit"]
        with tempfile.TemporaryDirectory() as tmp:
            r, out = self.schema_copy(tmp, text.replace(commit, "0" * 40))
            self.assertEqual(r.returncode, 1)
            self.assertRegex(r.stderr, rf"^schemas/\S+\.toml:0:0: error: generated from apple/device-management@"
                                       rf"{commit}, but schemas/UPSTREAM says apple/device-management@0{{40}}\n")
            self.assertFalse(out.exists())
            r, out = self.schema_copy(tmp, text.replace("release = ", "relase = "))
            self.assertEqual(r.returncode, 1)
            self.assertIn("schemas/UPSTREAM:5:1: error: unknown key 'relase'", r.stderr)


class CopyrightTest(unittest.TestCase):
    def test_apple_licence_is_upstreams(self):
        """packaging/copyright's Expat paragraph is Apple's LICENSE.txt word
        for word, and names its copyright."""
        licence = UPSTREAM_DIR / "LICENSE.txt"
        if not licence.is_file():
            if os.environ.get("PROFILEC_REQUIRE_TEST_INPUTS") == "1":
                self.fail(f"{licence} missing, and PROFILEC_REQUIRE_TEST_INPUTS=1 requires it")
            self.skipTest(f"upstream data not found at {UPSTREAM_DIR}")
        lines = licence.read_text().rstrip("\n").split("\n")
        holder = re.match(r"Copyright © (.*)$", lines[0]).group(1)
        copyright_file = (SOURCE_DIR / "packaging/copyright").read_text()
        self.assertIn(f"Copyright: {holder}\nLicense: Expat\n", copyright_file)
        paragraph = copyright_file.split("\nLicense: Expat\n", 2)[-1]
        self.assertEqual([line[1:] if line != " ." else "" for line in paragraph.rstrip("\n").split("\n")],
                         lines[2:])


@unittest.skipUnless(HAVE_RELEASE_TOOLS and IS_GIT_CHECKOUT, "git, cpack or dpkg missing, or no git checkout")
class MakeReleaseTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = pathlib.Path(tempfile.mkdtemp(prefix="profilec-release-"))
        # The suite runs in working trees with changes: the tarball is HEAD's either way.
        env = dict(os.environ, PROFILEC_RELEASE_ALLOW_DIRTY="1")
        cls.runs = [run([str(SOURCE_DIR / "scripts/release"), str(BUILD_DIR), str(cls.tmp / name)], env=env)
                    for name in ("a", "b")]
        cls.version = cmake_version()
        cls.arch = run(["dpkg", "--print-architecture"]).stdout.strip()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_the_three_files(self):
        for r in self.runs:
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        files = sorted(p.name for p in (self.tmp / "a").iterdir())
        self.assertEqual(files, sorted(["SHA256SUMS", f"profilec-{self.version}.tar.gz",
                                        f"profilec_{self.version}_{self.arch}.deb"]))
        r = run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=self.tmp / "a")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(len(r.stdout.splitlines()), 2, r.stdout)

    def test_the_tarball_is_heads_source_and_the_same_bytes_every_time(self):
        name = f"profilec-{self.version}.tar.gz"
        self.assertEqual((self.tmp / "a" / name).read_bytes(), (self.tmp / "b" / name).read_bytes())
        r = run(["tar", "-tzf", str(self.tmp / "a" / name)])
        self.assertEqual(r.returncode, 0, r.stderr)
        members = r.stdout.splitlines()
        self.assertTrue(all(m.startswith(f"profilec-{self.version}/") for m in members), members[:3])
        for path in ("CMakeLists.txt", "CHANGELOG.md", "schemas/UPSTREAM", "packaging/copyright"):
            self.assertTrue(f"profilec-{self.version}/{path}" in members, f"{path} is not in the tarball")
        self.assertFalse(any("/build/" in m for m in members))

    def test_the_package_is_this_version(self):
        deb = self.tmp / "a" / f"profilec_{self.version}_{self.arch}.deb"
        r = run(["dpkg-deb", "-f", str(deb), "Version"])
        self.assertEqual((r.returncode, r.stdout.strip()), (0, self.version), r.stderr)

    def test_a_dirty_tree_is_refused(self):
        """Uncommitted changes stop a release: the script run from a scratch
        repository (its own location is the repository) with one change."""
        repo = self.tmp / "repo"
        (repo / "scripts").mkdir(parents=True)
        shutil.copy(SOURCE_DIR / "scripts/release", repo / "scripts/release")
        (repo / "README.md").write_text("one\n")
        git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com"]
        for argv in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "one"]):
            self.assertEqual(run(git + argv).returncode, 0)
        (repo / "README.md").write_text("two\n")
        env = {k: v for k, v in os.environ.items() if k != "PROFILEC_RELEASE_ALLOW_DIRTY"}
        r = run([str(repo / "scripts/release"), str(BUILD_DIR), str(self.tmp / "dirty")], env=env)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("the working tree has uncommitted changes", r.stderr)
        self.assertIn(" M README.md", r.stderr)
        self.assertFalse((self.tmp / "dirty").exists())

if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    if not result.wasSuccessful():
        sys.exit(1)
    sys.exit(0 if HAVE_RELEASE_TOOLS and IS_GIT_CHECKOUT else 77)
