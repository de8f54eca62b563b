"""Installing profilec (issue 8): `cmake --install` into a temporary prefix,
and the Debian package from `cpack -G DEB`, unpacked with `dpkg-deb -x` so no
root is needed. The installed binaries run `--version` and check an example.

Exits 77 (reported as skipped by ctest) when dpkg-deb or cpack is missing and
everything else passed.
"""
import gzip
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

PROFILEC = os.environ["PROFILEC"]
SOURCE_DIR = pathlib.Path(os.environ["PROFILEC_SOURCE_DIR"])
BUILD_DIR = pathlib.Path(os.environ["PROFILEC_BUILD_DIR"])
EXAMPLE = SOURCE_DIR / "examples" / "acme-corp"
HAVE_DEB_TOOLS = all(shutil.which(tool) for tool in ("dpkg-deb", "cpack"))

# What an install puts where, below the prefix.
INSTALLED = (
    "bin/profilec",
    "share/man/man1/profilec.1.gz",
    "share/bash-completion/completions/profilec",
    "share/zsh/vendor-completions/_profilec",
    "share/fish/vendor_completions.d/profilec.fish",
)
# Libraries the binary links (ldd), by the Debian package that ships them.
DEPENDS = ("libtomlplusplus3", "libpugixml1v5", "libplist3", "libssl3", "libfmt9", "libstdc++6", "libc6")


def run(argv, **kwargs):
    return subprocess.run(argv, capture_output=True, text=True, timeout=240, **kwargs)


def version():
    r = run([PROFILEC, "--version"])
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


class InstalledBinary:
    def assert_runs(self, binary):
        r = run([str(binary), "--version"])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), version())
        self.assertRegex(r.stdout, r"^profilec \d+\.\d+\.\d+")
        r = run([str(binary), "check", str(EXAMPLE)])
        self.assertEqual((r.returncode, r.stderr), (0, ""))
        r = run([str(binary), "check", str(SOURCE_DIR / "examples" / "gitops")])
        self.assertEqual((r.returncode, r.stderr), (0, ""))


class CmakeInstallTest(unittest.TestCase, InstalledBinary):
    def test_install_into_a_prefix(self):
        with tempfile.TemporaryDirectory() as prefix:
            r = run(["cmake", "--install", str(BUILD_DIR), "--prefix", prefix])
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            root = pathlib.Path(prefix)
            installed = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
            self.assertEqual(installed, sorted(INSTALLED))
            self.assertTrue(os.access(root / "bin/profilec", os.X_OK))
            self.assertEqual(gzip.decompress((root / "share/man/man1/profilec.1.gz").read_bytes()),
                             (SOURCE_DIR / "docs/man/profilec.1").read_bytes())
            for path, committed in (("share/bash-completion/completions/profilec", "profilec.bash"),
                                         ("share/zsh/vendor-completions/_profilec", "_profilec"),
                                         ("share/fish/vendor_completions.d/profilec.fish", "profilec.fish")):
                self.assertEqual((root / path).read_text(),
                                 (SOURCE_DIR / "completions" / committed).read_text(), path)
            self.assert_runs(root / "bin/profilec")

    @unittest.skipUnless(shutil.which("groff"), "no groff")
    def test_man_page_renders_without_warnings(self):
        r = run(["groff", "-man", "-Tutf8", "-ww", "-z", str(SOURCE_DIR / "docs/man/profilec.1")])
        self.assertEqual((r.returncode, r.stderr), (0, ""))

    def test_man_page_knows_every_command(self):
        """The completions are generated from the commands and tested by
        test_completions.py (cli.completions_*)."""
        r = run([PROFILEC, "--help"])
        commands = [line.split()[0] for line in r.stdout.split("Subcommands:")[-1].splitlines() if line.strip()]
        self.assertIn("init", commands)
        man = (SOURCE_DIR / "docs/man/profilec.1").read_text()
        for command in commands:
            self.assertIn(f".BR {command} ", man.replace('.BR "schema list"', ".BR schema "), command)


@unittest.skipUnless(HAVE_DEB_TOOLS, "dpkg-deb or cpack missing")
class DebianPackageTest(unittest.TestCase, InstalledBinary):
    @classmethod
    def setUpClass(cls):
        cls.tmp = pathlib.Path(tempfile.mkdtemp(prefix="profilec-deb-"))
        r = run(["cpack", "-G", "DEB", "-B", str(cls.tmp), "--config", str(BUILD_DIR / "CPackConfig.cmake")])
        assert r.returncode == 0, r.stdout + r.stderr
        debs = list(cls.tmp.glob("*.deb"))
        assert len(debs) == 1, debs
        cls.deb = debs[0]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_package_metadata(self):
        r = run(["dpkg-deb", "-f", str(self.deb), "Package", "Version", "Depends"])
        self.assertEqual(r.returncode, 0, r.stderr)
        fields = dict(line.split(": ", 1) for line in r.stdout.splitlines())
        self.assertEqual(fields["Package"], "profilec")
        self.assertEqual("profilec " + fields["Version"], version())
        depends = [d.split()[0] for d in fields["Depends"].split(", ")]
        for package in DEPENDS:
            self.assertIn(package, depends)
        self.assertRegex(self.deb.name, r"^profilec_\d+\.\d+\.\d+_[a-z0-9]+\.deb$")

    def test_package_contents(self):
        r = run(["dpkg-deb", "-c", str(self.deb)])
        self.assertEqual(r.returncode, 0, r.stderr)
        paths = {line.split()[-1] for line in r.stdout.splitlines()}
        for path in INSTALLED:
            self.assertIn(f"./usr/{path}", paths)

    def test_unpacked_package_runs(self):
        root = self.tmp / "root"
        r = run(["dpkg-deb", "-x", str(self.deb), str(root)])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assert_runs(root / "usr/bin/profilec")


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    if not result.wasSuccessful():
        sys.exit(1)
    sys.exit(0 if HAVE_DEB_TOOLS else 77)
