"""GitOps integration (issue 8): `profilec init`, the examples/gitops
repository, its CI workflow and the pre-commit hook of .pre-commit-hooks.yaml.

Outputs are parsed with python3's plistlib and the YAML files with PyYAML
(python3-yaml), independent of profilec.
"""
import json
import os
import pathlib
import plistlib
import re
import shlex
import shutil
import subprocess
import tempfile
import unittest

import yaml

PROFILEC = os.environ["PROFILEC"]
SOURCE_DIR = pathlib.Path(os.environ["PROFILEC_SOURCE_DIR"])
EXAMPLE = SOURCE_DIR / "examples" / "gitops"
EXAMPLE_ENV = {"NORTHWIND_WIFI_PSK": "e2e-test-psk-value"}
ENV_REFERENCE = re.compile(r'\{\s*env\s*=\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\}')


def run(*args, env=None, cwd=None, program=PROFILEC):
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "PROFILEC_NOW", "SOURCE_DATE_EPOCH")}
    full_env.update(env or {})
    return subprocess.run([program, *args], capture_output=True, text=True, env=full_env, cwd=cwd, timeout=120)


def snapshot(root):
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(pathlib.Path(root).rglob("*")) if p.is_file()}


def make_p12(path, password):
    """A throwaway signing identity, as CI would write it from a secret."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key, cert = path.with_suffix(".key"), path.with_suffix(".pem")
    for args in (["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "30",
                  "-subj", "/CN=profilec gitops test", "-addext", "keyUsage=critical,digitalSignature",
                  "-keyout", str(key), "-out", str(cert)],
                 ["pkcs12", "-export", "-inkey", str(key), "-in", str(cert), "-out", str(path),
                  "-passout", f"pass:{password}"]):
        r = subprocess.run(["openssl", *args], capture_output=True, timeout=60)
        assert r.returncode == 0, r.stderr
    key.unlink()
    cert.unlink()


def signing_certificate(p12, password):
    """What the workflow does before deleting the key: the public signing
    certificate out of the PKCS#12, for `verify --ca`."""
    cert = p12.with_name("signing-cert.pem")
    r = subprocess.run(["openssl", "pkcs12", "-in", str(p12), "-passin", "env:SIGNING_P12_PASSWORD", "-nokeys",
                        "-clcerts", "-out", str(cert)], capture_output=True, timeout=60,
                       env={**os.environ, "SIGNING_P12_PASSWORD": password})
    assert r.returncode == 0, r.stderr
    return cert


def built_profiles(out):
    files = sorted(pathlib.Path(out).rglob("*.mobileconfig"))
    return {str(f.relative_to(out)): plistlib.loads(f.read_bytes()) for f in files}


class InitTest(unittest.TestCase):
    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="profilec-init-"))
        self.addCleanup(shutil.rmtree, self.tmp)
        self.repo = self.tmp / "policies-repo"

    def init(self, *args):
        return run("init", str(self.repo), *args)

    def test_init_output_passes_check_and_builds(self):
        r = self.init()
        self.assertEqual(r.returncode, 0, r.stderr)
        for path in ("profilec.toml", "policies/ios/restrictions.toml", "policies/shared/passcode.toml",
                     "certs/README.md", ".pre-commit-config.yaml", ".github/workflows/profiles.yml",
                     ".gitignore", "README.md"):
            self.assertTrue((self.repo / path).is_file(), path)
            self.assertIn(f"wrote {self.repo / path}", r.stdout)
        self.assertEqual(r.stderr, "")

        r = run("check", str(self.repo))
        self.assertEqual((r.returncode, r.stderr), (0, ""))
        r = run("--format", "json", "check", str(self.repo))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["diagnostics"], [])

        out = self.tmp / "out"
        r = run("build", str(self.repo), "-o", str(out))
        self.assertEqual(r.returncode, 0, r.stderr)
        profiles = built_profiles(out)
        self.assertEqual(sorted(profiles), ["policies/ios/restrictions.mobileconfig",
                                            "policies/shared/passcode.mobileconfig"])
        passcode = profiles["policies/shared/passcode.mobileconfig"]
        self.assertEqual(passcode["PayloadIdentifier"], "com.example.passcode")
        self.assertEqual(passcode["PayloadOrganization"], "Example Organization")
        self.assertEqual(passcode["PayloadContent"][0]["minLength"], 6)  # from stdlib:passcode/baseline
        restrictions = profiles["policies/ios/restrictions.mobileconfig"]["PayloadContent"][0]
        self.assertIs(restrictions["allowOpenFromManagedToUnmanaged"], False)  # from stdlib:restrictions/ios-baseline

    def test_organization_and_id_prefix_are_filled_in(self):
        organization = 'Globex "IT" \\ Ops'
        r = self.init("--organization", organization, "--id-prefix", "com.globex-corp")
        self.assertEqual(r.returncode, 0, r.stderr)
        out = self.tmp / "out"
        r = run("build", str(self.repo), "-o", str(out))
        self.assertEqual(r.returncode, 0, r.stderr)
        for name, profile in built_profiles(out).items():
            self.assertEqual(profile["PayloadOrganization"], organization, name)
            self.assertTrue(profile["PayloadIdentifier"].startswith("com.globex-corp."), profile["PayloadIdentifier"])
        self.assertIn(organization, (self.repo / "README.md").read_text())

    def test_bad_options_are_usage_errors_and_write_nothing(self):
        for args in (["--id-prefix", "com..example"], ["--id-prefix", "com example"],
                     ["--organization", ""], ["--organization", "Evil\x1b[31m"]):
            r = self.init(*args)
            self.assertEqual(r.returncode, 2, args)
            self.assertIn("profilec: error:", r.stderr)
            self.assertFalse(self.repo.exists(), args)

    def test_a_second_init_changes_nothing_without_force(self):
        self.assertEqual(self.init().returncode, 0)
        (self.repo / "policies/shared/passcode.toml").write_text("# edited by hand\n")
        (self.repo / "README.md").unlink()
        before = snapshot(self.repo)
        r = self.init()
        self.assertEqual(r.returncode, 2)
        self.assertIn(f"'{self.repo / 'profilec.toml'}' already exists", r.stderr)
        self.assertIn("nothing written: pass --force", r.stderr)
        self.assertEqual(r.stdout, "")
        # All or nothing: the missing README.md is not written either.
        self.assertEqual(snapshot(self.repo), before)

        r = self.init("--force")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue((self.repo / "README.md").is_file())
        self.assertNotIn("edited by hand", (self.repo / "policies/shared/passcode.toml").read_text())

    def test_init_keeps_unrelated_files(self):
        self.repo.mkdir()
        (self.repo / "notes.txt").write_text("mine\n")
        r = self.init()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual((self.repo / "notes.txt").read_text(), "mine\n")

    def test_init_into_a_file_is_a_usage_error(self):
        target = self.tmp / "file"
        target.write_text("x")
        r = run("init", str(target))
        self.assertEqual(r.returncode, 2)
        self.assertIn("is not a folder", r.stderr)
        self.assertEqual(target.read_text(), "x")

    def test_init_defaults_to_the_current_folder(self):
        self.repo.mkdir()
        r = run("init", cwd=self.repo)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue((self.repo / "profilec.toml").is_file())
        self.assertEqual(run("check", cwd=self.repo).returncode, 0)

    def test_init_output_signs_with_its_signing_section(self):
        self.assertEqual(self.init().returncode, 0)
        make_p12(self.repo / "keys" / "signing.p12", "test-p12-password")
        out = self.tmp / "signed"
        r = run("build", ".", "-o", str(out), "--sign", cwd=self.repo,
                env={"SIGNING_P12_PASSWORD": "test-p12-password"})
        self.assertEqual(r.returncode, 0, r.stderr)
        signed = sorted(str(p) for p in out.rglob("*.mobileconfig"))
        self.assertEqual(len(signed), 2)
        cert = signing_certificate(self.repo / "keys" / "signing.p12", "test-p12-password")
        r = run("verify", "--ca", str(cert), *signed)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(r.stdout.count("signature valid"), 2)


class ExampleTest(unittest.TestCase):
    def test_example_checks_clean_without_secrets(self):
        r = run("check", str(EXAMPLE))
        self.assertEqual((r.returncode, r.stderr), (0, ""))

    def test_example_builds_every_policy(self):
        with tempfile.TemporaryDirectory() as tmp:
            r = run("build", str(EXAMPLE), "-o", tmp, env=EXAMPLE_ENV)
            self.assertEqual(r.returncode, 0, r.stderr)
            profiles = built_profiles(tmp)
        policies = sorted(str(p.relative_to(EXAMPLE).with_suffix(".mobileconfig"))
                          for p in (EXAMPLE / "policies").rglob("*.toml"))
        self.assertEqual(sorted(profiles), policies)
        wifi = profiles["policies/shared/office-wifi.mobileconfig"]["PayloadContent"][0]
        self.assertEqual(wifi["Password"], "e2e-test-psk-value")
        for profile in profiles.values():
            self.assertEqual(profile["PayloadOrganization"], "Northwind Example")

    def test_example_signs_as_ci_does(self):
        """The workflow's `Build and sign` step: keys/signing.p12 from a secret,
        the password in SIGNING_P12_PASSWORD, `build . -o out --sign`, `verify`."""
        with tempfile.TemporaryDirectory() as tmp:
            repo = pathlib.Path(tmp) / "repo"
            shutil.copytree(EXAMPLE, repo)
            make_p12(repo / "keys" / "signing.p12", "ci-secret")
            r = run("build", ".", "-o", "out", "--sign", cwd=repo,
                    env={**EXAMPLE_ENV, "SIGNING_P12_PASSWORD": "ci-secret"})
            self.assertEqual(r.returncode, 0, r.stderr)
            signed = sorted(str(p) for p in (repo / "out").rglob("*.mobileconfig"))
            policies = len(list((EXAMPLE / "policies").rglob("*.toml")))
            cert = signing_certificate(repo / "keys" / "signing.p12", "ci-secret")
            r = run("verify", "--ca", str(cert), *signed)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertEqual(r.stdout.count("signature valid"), policies)
            # Without --ca (the recipe before issue 15): intact, not valid, exit 4.
            r = run("verify", *signed)
            self.assertEqual(r.returncode, 4, r.stdout + r.stderr)
            self.assertEqual(r.stdout.count("signature intact, signer not verified (no --ca)"), policies)
            self.assertNotIn("signature valid", r.stdout)
            r = run("build", ".", "-o", "out2", "--sign", cwd=repo,
                    env={**EXAMPLE_ENV, "SIGNING_P12_PASSWORD": "wrong"})
            self.assertEqual(r.returncode, 2)
            self.assertFalse((repo / "out2").exists())

    def test_the_example_root_ca_is_marked_as_an_example_and_lasts_20_years(self):
        cert = next((EXAMPLE / "certs").glob("*.cer"))
        self.assertIn("example", cert.name)
        r = subprocess.run(["openssl", "x509", "-inform", "der", "-in", str(cert), "-noout", "-subject",
                            "-checkend", str(19 * 365 * 86400)], capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("EXAMPLE", r.stdout)

    def test_keys_and_output_are_git_ignored(self):
        for root in (EXAMPLE, SOURCE_DIR / "templates" / "init"):
            ignored = (root / ".gitignore").read_text().split()
            self.assertIn("keys/", ignored, root)
            self.assertIn("out/", ignored, root)


class WorkflowTest(unittest.TestCase):
    """The CI recipe, for the example and for what `init` writes."""

    def workflows(self):
        return {"example": (EXAMPLE, EXAMPLE / ".github/workflows/profiles.yml"),
                "init template": (SOURCE_DIR / "templates/init", SOURCE_DIR / "templates/init/.github/workflows/profiles.yml")}

    def test_workflow_runs_the_recipe(self):
        for name, (root, path) in self.workflows().items():
            with self.subTest(name):
                workflow = yaml.safe_load(path.read_text())
                self.assertEqual(workflow["permissions"]["security-events"], "write")
                steps = workflow["jobs"]["profiles"]["steps"]
                uses = [s.get("uses", "") for s in steps]
                self.assertIn("actions/checkout@v4", uses)
                self.assertIn("github/codeql-action/upload-sarif@v3", uses)
                self.assertIn("actions/upload-artifact@v4", uses)
                script = "\n".join(s.get("run", "") for s in steps)
                self.assertIn("profilec check --format sarif . > results.sarif", script)
                self.assertIn("profilec build . -o out --sign", script)
                self.assertIn("profilec verify --ca keys/signing-cert.pem", script)
                self.assertIn("-nokeys -clcerts", script)
                upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
                self.assertEqual(upload["with"]["sarif_file"], "results.sarif")
                self.assertEqual(upload["if"], "always()")
                artifact = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
                self.assertEqual(artifact["with"]["path"], "out/")

    def test_every_secret_the_build_reads_comes_from_secrets(self):
        for name, (root, path) in self.workflows().items():
            with self.subTest(name):
                steps = yaml.safe_load(path.read_text())["jobs"]["profiles"]["steps"]
                sign = next(s for s in steps if "--sign" in s.get("run", ""))
                project = (root / "profilec.toml").read_text()
                needed = set(re.findall(r'password_env\s*=\s*"([^"]+)"', project))
                for policy in (root / "policies").rglob("*.toml"):
                    needed |= set(ENV_REFERENCE.findall(policy.read_text()))
                self.assertIn("SIGNING_P12_PASSWORD", needed)
                for variable in needed:
                    self.assertEqual(sign["env"].get(variable), "${{ secrets.%s }}" % variable, variable)
                self.assertIn('keys/signing.p12', project)
                self.assertIn("keys/signing.p12", sign["run"])


class PreCommitHookTest(unittest.TestCase):
    def setUp(self):
        hooks = yaml.safe_load((SOURCE_DIR / ".pre-commit-hooks.yaml").read_text())
        self.hook = next(h for h in hooks if h["id"] == "profilec-check")

    def run_hook(self, repo):
        """What pre-commit does with pass_filenames: false: the hook's entry
        plus the args of the repository's .pre-commit-config.yaml, no file
        names, in the repository."""
        self.assertIs(self.hook["pass_filenames"], False)
        entry = shlex.split(self.hook["entry"])
        self.assertEqual(entry[0], "profilec")
        config = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())
        args = next(h for r in config["repos"] for h in r["hooks"] if h["id"] == "profilec-check").get("args", [])
        return run(*entry[1:], *args, cwd=repo)

    def test_hook_definition(self):
        self.assertEqual(self.hook["language"], "system")
        files = re.compile(self.hook["files"])
        for staged in ("policies/ios/wifi.toml", "profilec.toml", "fragments/lock.toml", "old/legacy.mobileconfig"):
            self.assertTrue(files.search(staged), staged)
        for staged in ("README.md", "certs/root.cer", ".github/workflows/profiles.yml"):
            self.assertFalse(files.search(staged), staged)

    def test_example_and_template_use_the_hook(self):
        for root in (EXAMPLE, SOURCE_DIR / "templates" / "init"):
            config = yaml.safe_load((root / ".pre-commit-config.yaml").read_text())
            ids = [h["id"] for repo in config["repos"] for h in repo["hooks"]]
            self.assertEqual(ids, ["profilec-check"], root)

    def test_hook_passes_a_clean_repository_and_fails_a_broken_one(self):
        with tempfile.TemporaryDirectory() as tmp:
            repo = pathlib.Path(tmp) / "repo"
            shutil.copytree(EXAMPLE, repo)
            # A pyproject.toml beside the policies is passed over, not an error.
            (repo / "pyproject.toml").write_text('[project]\nname = "tools"\n')
            r = self.run_hook(repo)
            self.assertEqual((r.returncode, r.stderr), (0, ""))

            # Profiles built into out/ are not sources: the repository's
            # hook args skip them (read as .mobileconfig inputs they would
            # duplicate every profile identifier).
            r = run("build", ".", "-o", "out", cwd=repo, env=EXAMPLE_ENV)
            self.assertEqual(r.returncode, 0, r.stderr)
            r = self.run_hook(repo)
            self.assertEqual((r.returncode, r.stderr), (0, ""))

            policy = repo / "policies/shared/passcode.toml"
            policy.write_text(policy.read_text().replace("maxPINAgeInDays = 365", 'maxPINAgeInDays = "365"'))
            r = self.run_hook(repo)
            self.assertEqual(r.returncode, 1)
            self.assertIn("policies/shared/passcode.toml:", r.stderr)

    @unittest.skipUnless(shutil.which("pre-commit") and shutil.which("git"), "pre-commit or git missing")
    def test_with_the_pre_commit_framework(self):
        """The real pre-commit (Debian's package) on a copy of the example:
        the hook comes from a git repository holding .pre-commit-hooks.yaml,
        as it would from profilec's, and runs the profilec on PATH."""
        with tempfile.TemporaryDirectory() as tmp:
            tmp = pathlib.Path(tmp)
            git = ["git", "-c", "user.email=test@example.invalid", "-c", "user.name=test", "-c", "init.defaultBranch=main"]
            hooks = tmp / "hooks"
            hooks.mkdir()
            shutil.copy(SOURCE_DIR / ".pre-commit-hooks.yaml", hooks)
            for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "hooks"]):
                self.assertEqual(subprocess.run(git + args, cwd=hooks, capture_output=True).returncode, 0, args)
            rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hooks, capture_output=True, text=True).stdout.strip()

            repo = tmp / "repo"
            shutil.copytree(EXAMPLE, repo)
            config = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())
            config["repos"][0].update(repo=str(hooks), rev=rev)
            (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
            self.assertEqual(run("build", ".", "-o", "out", cwd=repo, env=EXAMPLE_ENV).returncode, 0)
            self.assertEqual(subprocess.run(git + ["init", "-q"], cwd=repo).returncode, 0)
            self.assertEqual(subprocess.run(git + ["add", "-A"], cwd=repo).returncode, 0)

            env = {**os.environ, "PATH": f"{pathlib.Path(PROFILEC).resolve().parent}:{os.environ['PATH']}",
                   "PRE_COMMIT_HOME": str(tmp / "cache")}
            env.pop("NO_COLOR", None)
            pre_commit = ["pre-commit", "run", "--color", "never"]
            r = subprocess.run(pre_commit + ["--all-files"], cwd=repo, env=env, capture_output=True, text=True, timeout=120)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertRegex(r.stdout, r"profilec check\.+Passed")

            policy = repo / "policies/shared/passcode.toml"
            policy.write_text(policy.read_text().replace("maxPINAgeInDays = 365", 'maxPINAgeInDays = "365"'))
            self.assertEqual(subprocess.run(git + ["add", "-A"], cwd=repo).returncode, 0)
            r = subprocess.run(pre_commit, cwd=repo, env=env, capture_output=True, text=True, timeout=120)
            self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
            self.assertRegex(r.stdout, r"profilec check\.+Failed")
            self.assertIn("policies/shared/passcode.toml:11:19: error[PC1003]", r.stdout)


if __name__ == "__main__":
    unittest.main()
