"""Incremental builds (docs/cli.md, "Incremental builds"): a build into a
folder that holds its previous build writes only the profiles whose bytes
change, removes only the profiles it wrote itself that are no longer built,
and keeps a signed profile made from unchanged content byte for byte.

The manifest is read with python3's json and its digests recomputed with
hashlib; signatures are checked with the openssl tool. About 2 s of CPU
(three openssl keys, some 30 builds of three policies)."""

import hashlib
import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import unittest

PROFILEC = os.environ["PROFILEC"]
MANIFEST = ".profilec-build.json"


def policy(identifier, camera="false"):
    return (f'[profile]\nid = "com.example.{identifier}"\nname = "{identifier}"\n\n'
            f'[payload.restrictions]\ntype = "com.apple.applicationaccess"\nallowCamera = {camera}\n')


def run(*args, cwd=None, env=None):
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "SOURCE_DATE_EPOCH", "PROFILEC_NOW")}
    full_env.update(env or {})
    return subprocess.run([PROFILEC, *args], capture_output=True, text=True, cwd=cwd, env=full_env, timeout=60)


def openssl(*args):
    return subprocess.run(["openssl", *args], capture_output=True, timeout=60)


class IncrementalBuildTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.keys = pathlib.Path(tempfile.mkdtemp(prefix="profilec-incr-keys-"))
        for name, newkey in (("rsa", ["-newkey", "rsa:2048"]), ("rsb", ["-newkey", "rsa:2048"]),
                             ("ec", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"])):
            r = openssl("req", "-x509", *newkey, "-nodes", "-keyout", str(cls.keys / f"{name}.key"), "-out",
                        str(cls.keys / f"{name}.pem"), "-days", "365", "-subj", f"/CN=profilec incremental {name}")
            assert r.returncode == 0, r.stderr
            os.chmod(cls.keys / f"{name}.key", 0o600)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.keys, ignore_errors=True)

    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="profilec-incr-"))
        self.repo = self.tmp / "repo"
        self.out = self.tmp / "out"
        for name in ("a", "b", "c"):
            self.write_policy(name)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write_policy(self, name, camera="false"):
        path = self.repo / f"{name}.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(policy(name, camera))

    def build(self, *extra):
        return run("build", str(self.repo), "-o", str(self.out), *extra)

    def sign_args(self, key="rsa"):
        return ("--sign", "--sign-cert", str(self.keys / f"{key}.pem"), "--sign-key", str(self.keys / f"{key}.key"))

    def assert_built(self, result, written, unchanged, removed):
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, f"{self.out}: {written} written, {unchanged} unchanged, {removed} removed\n")

    def snapshot(self):
        """Every file of the output folder: bytes, mtime (ns) and inode."""
        return {p.relative_to(self.out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino)
                for p in sorted(self.out.rglob("*")) if p.is_file()}

    def manifest(self):
        return json.loads((self.out / MANIFEST).read_text())

    def assert_manifest_matches_disk(self):
        document = self.manifest()
        self.assertEqual((document["format"], document["version"]), ("profilec-build-manifest", 1))
        names = [entry["name"] for entry in document["files"]]
        self.assertEqual(names, sorted(names))
        for entry in document["files"]:
            self.assertEqual(hashlib.sha256((self.out / entry["name"]).read_bytes()).hexdigest(), entry["sha256"])
        return names

    def test_counts_written_unchanged_removed(self):
        self.assert_built(self.build(), 3, 0, 0)
        self.assertEqual(self.assert_manifest_matches_disk(),
                         ["a.mobileconfig", "b.mobileconfig", "c.mobileconfig"])
        before = self.snapshot()
        self.assert_built(self.build(), 0, 3, 0)
        self.assertEqual(self.snapshot(), before)  # not one file touched, the manifest included

        self.write_policy("b", camera="true")
        self.assert_built(self.build(), 1, 2, 0)
        after = self.snapshot()
        self.assertNotEqual(after["b.mobileconfig"][0], before["b.mobileconfig"][0])
        self.assertIn(b"<key>allowCamera</key>\n\t\t\t<true/>", after["b.mobileconfig"][0])
        for name in ("a.mobileconfig", "c.mobileconfig", ".profilec-output"):
            self.assertEqual(after[name], before[name], name)
        self.assert_manifest_matches_disk()

        (self.repo / "c.toml").unlink()
        self.assert_built(self.build(), 0, 2, 1)
        self.assertFalse((self.out / "c.mobileconfig").exists())
        self.assertEqual(self.assert_manifest_matches_disk(), ["a.mobileconfig", "b.mobileconfig"])

    def test_verbose_names_each_file(self):
        self.build()
        self.write_policy("a", camera="true")
        (self.repo / "c.toml").unlink()
        result = self.build("--verbose")
        self.assertEqual(result.returncode, 0, result.stderr)
        # First how the previous build's three files were found intact: how
        # many by their stamps depends on the clock ticks of the first build
        # (test_outputs_are_trusted_by_their_stamps pins them).
        first, *rest = result.stdout.splitlines()
        counted = re.fullmatch(r"previous build: (\d) files trusted by their stamps \(size, inode, mtime, ctime as "
                               + re.escape(f"{self.out}/{MANIFEST}") + r" records them\), (\d) read and hashed", first)
        self.assertIsNotNone(counted, first)
        self.assertEqual(int(counted[1]) + int(counted[2]), 3)
        # Then what the result cache did (b reused, a compiled; c is gone) and
        # how it was written (a journal of a and c would be over an eighth
        # of the base of three: docs/cli.md, "The result cache").
        self.assertEqual(rest, [
            f"result cache {self.out}/.profilec-build-cache: 1 reused, 1 compiled; 2 kept for the next build, "
            "written whole",
            f"wrote {self.out}/a.mobileconfig",
            f"unchanged {self.out}/b.mobileconfig",
            f"removed {self.out}/c.mobileconfig",
            f"{self.out}: 1 written, 1 unchanged, 1 removed",
        ])
        self.assertEqual(self.build("-q").stdout, "")

    def previous_build_line(self, result):
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout.splitlines()[0]

    def test_outputs_are_trusted_by_their_stamps(self):
        self.assert_built(self.build(), 3, 0, 0)
        for entry in self.manifest()["files"]:
            info = (self.out / entry["name"]).stat()
            self.assertEqual(entry["stamp"], [info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns])
        # The manifest's modification time after every file's change time:
        # no file is "racily clean", each is trusted by its stamp.
        manifest = self.out / MANIFEST
        later = manifest.stat().st_mtime_ns + 10**9
        os.utime(manifest, ns=(later, later))
        line = f"previous build: {{}} files trusted by their stamps (size, inode, mtime, ctime as {manifest} " \
               "records them), {} read and hashed"
        self.assertEqual(self.previous_build_line(self.build("-v")), line.format(3, 0))
        # Edited in place with as many bytes and its modification time put
        # back: its change time differs, so it is read, found changed and
        # written again.
        b = self.out / "b.mobileconfig"
        before = b.stat()
        original = b.read_bytes()
        b.write_bytes(original.replace(b"<false/>", b"<true />"))
        self.assertNotEqual(b.read_bytes(), original)
        os.utime(b, ns=(before.st_atime_ns, before.st_mtime_ns))
        self.assertEqual((b.stat().st_size, b.stat().st_mtime_ns, b.stat().st_ino),
                         (before.st_size, before.st_mtime_ns, before.st_ino))
        result = self.build("-v")
        self.assertEqual(self.previous_build_line(result), line.format(2, 1))
        self.assertIn(f"wrote {b}", result.stdout.splitlines())
        self.assertEqual(b.read_bytes(), original)
        self.assert_manifest_matches_disk()
        # Without stamps (a manifest of an earlier version) every file is hashed.
        document = self.manifest()
        for entry in document["files"]:
            del entry["stamp"]
        manifest.write_text(json.dumps(document))
        self.assertEqual(self.previous_build_line(self.build("-v")), line.format(0, 3))

    def test_a_manifest_in_another_json_layout_reads_the_same(self):
        self.assert_built(self.build(), 3, 0, 0)
        manifest = self.out / MANIFEST
        written = manifest.read_bytes()
        # Entries and members in reverse order, tabs, a member build does
        # not write: read by the generic JSON reader, to the same manifest.
        document = self.manifest()
        document["files"] = [dict(reversed(entry.items())) for entry in reversed(document["files"])]
        document["note"] = "rewritten by hand"
        manifest.write_text(json.dumps(dict(reversed(document.items())), indent="\t"))
        later = manifest.stat().st_mtime_ns + 10**9  # no file "racily clean"
        os.utime(manifest, ns=(later, later))
        result = self.build("-v")
        self.assertEqual(self.previous_build_line(result),
                         f"previous build: 3 files trusted by their stamps (size, inode, mtime, ctime as {manifest} "
                         "records them), 0 read and hashed")
        self.assertEqual(result.stdout.splitlines()[-1], f"{self.out}: 0 written, 3 unchanged, 0 removed")
        self.assertEqual(manifest.read_bytes(), written)  # written again, in build's own layout

    def test_a_file_not_in_the_manifest_is_never_removed(self):
        self.build()
        (self.out / "hand-made.mobileconfig").write_text("mine")
        (self.out / "sub").mkdir()
        (self.out / "sub/notes.txt").write_text("mine too")
        for name in ("a", "b", "c"):
            (self.repo / f"{name}.toml").unlink()
        self.write_policy("d")
        self.assert_built(self.build(), 1, 0, 3)
        self.assertEqual((self.out / "hand-made.mobileconfig").read_text(), "mine")
        self.assertEqual((self.out / "sub/notes.txt").read_text(), "mine too")
        self.assertEqual(self.assert_manifest_matches_disk(), ["d.mobileconfig"])

    def test_a_built_file_changed_by_hand_is_not_removed(self):
        self.build()
        (self.out / "c.mobileconfig").write_text("edited")
        (self.repo / "c.toml").unlink()
        result = self.build()
        self.assert_built(result, 0, 2, 0)
        self.assertIn(f"'{self.out}/c.mobileconfig' is no longer built but was changed since build wrote it; "
                      "left in place", result.stderr)
        self.assertEqual((self.out / "c.mobileconfig").read_text(), "edited")
        # A profile still built whose file was changed by hand is written again.
        (self.out / "a.mobileconfig").write_text("edited")
        self.assert_built(self.build(), 1, 1, 0)
        self.assertNotEqual((self.out / "a.mobileconfig").read_text(), "edited")

    def test_corrupt_or_foreign_manifest_writes_everything_and_removes_nothing(self):
        cases = {
            "not json": ("{", "not JSON at line 1, column 2"),
            "foreign": ('{"format": "other-tool", "files": []}', "not a profilec build manifest"),
            "newer": ('{"format": "profilec-build-manifest", "version": 2, "files": []}', "manifest version 2"),
            "escaping": (None, "names '../outside.mobileconfig', which is not a .mobileconfig inside the folder"),
        }
        for case, (text, why) in cases.items():
            with self.subTest(case=case):
                shutil.rmtree(self.out, ignore_errors=True)
                self.write_policy("c")
                self.build()
                outside = self.tmp / "outside.mobileconfig"
                outside.write_text("not build's")
                if text is None:  # a manifest listing a file outside the folder with its real digest
                    document = self.manifest()
                    document["files"].append({"name": "../outside.mobileconfig",
                                              "sha256": hashlib.sha256(b"not build's").hexdigest(),
                                              "made_from": "0" * 64})
                    text = json.dumps(document)
                (self.out / MANIFEST).write_text(text)
                (self.repo / "c.toml").unlink()
                result = self.build()
                self.assert_built(result, 2, 0, 0)
                self.assertTrue(result.stderr.startswith(
                    f"profilec: warning: ignoring the build manifest '{self.out}/{MANIFEST}': "), result.stderr)
                self.assertIn(why, result.stderr)
                self.assertIn("every profile is written, none removed", result.stderr)
                self.assertTrue((self.out / "c.mobileconfig").exists())  # not removed: nothing to trust
                self.assertTrue(outside.exists())
                self.assertEqual(self.assert_manifest_matches_disk(), ["a.mobileconfig", "b.mobileconfig"])
                self.assert_built(self.build(), 0, 2, 0)  # the manifest written over it is good again

    def test_a_folder_without_manifest_is_written_whole(self):
        self.out.mkdir()
        (self.out / "a.mobileconfig").write_text("older")
        result = self.build()
        self.assert_built(result, 3, 0, 0)
        self.assertIn("has no build manifest", result.stderr)
        self.assertTrue((self.out / "a.mobileconfig").read_text().startswith("<?xml"))

    def test_signed_unchanged_is_kept_byte_identical(self):
        for key in ("rsa", "ec"):
            with self.subTest(key=key):
                shutil.rmtree(self.out, ignore_errors=True)
                self.write_policy("b")
                self.assert_built(self.build(*self.sign_args(key)), 3, 0, 0)
                before = self.snapshot()
                # No SOURCE_DATE_EPOCH: signing again would change the signing
                # time (and, for ECDSA, the signature).
                self.assert_built(self.build(*self.sign_args(key)), 0, 3, 0)
                self.assertEqual(self.snapshot(), before)

                self.write_policy("b", camera="true")
                self.assert_built(self.build(*self.sign_args(key)), 1, 2, 0)
                after = self.snapshot()
                self.assertNotEqual(after["b.mobileconfig"][0], before["b.mobileconfig"][0])
                self.assertEqual(after["a.mobileconfig"], before["a.mobileconfig"])
                verified = openssl("cms", "-verify", "-inform", "DER", "-in", str(self.out / "b.mobileconfig"),
                                   "-CAfile", str(self.keys / f"{key}.pem"), "-purpose", "any", "-binary")
                self.assertEqual(verified.returncode, 0, verified.stderr)
                self.assertIn(b"<true/>", verified.stdout)
                self.assert_manifest_matches_disk()

    def test_another_signer_or_unsigned_rewrites_everything(self):
        self.build(*self.sign_args("rsa"))
        self.assert_built(self.build(*self.sign_args("rsb")), 3, 0, 0)
        issuer = openssl("cms", "-cmsout", "-print", "-inform", "DER", "-in", str(self.out / "a.mobileconfig"))
        self.assertIn(b"profilec incremental rsb", issuer.stdout)
        self.assert_built(self.build(), 3, 0, 0)
        self.assertTrue((self.out / "a.mobileconfig").read_bytes().startswith(b"<?xml"))
        self.assert_built(self.build(*self.sign_args("rsb")), 3, 0, 0)

    def test_a_failed_build_changes_nothing(self):
        self.build()
        before = self.snapshot()
        (self.repo / "c.toml").unlink()
        (self.repo / "b.toml").write_text("[profile]\nid = \n")
        result = self.build()
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(self.snapshot(), before)


if __name__ == "__main__":
    unittest.main()
