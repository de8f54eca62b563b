"""GitOps integration (issue 8): `profilec init`, the examples/gitops
repository, its CI workflow and the pre-commit hook of .pre-commit-hooks.yaml.

Outputs are parsed with python3's plistlib and the YAML files with PyYAML
(python3-yaml), independent of profilec.
"""
import base64
import hashlib
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


WORKFLOWS = {"example": EXAMPLE, "init template": SOURCE_DIR / "templates/init"}
WORKFLOW = ".github/workflows/profiles.yml"


def load_workflow(root):
    return yaml.safe_load((root / WORKFLOW).read_text())


def triggers(workflow):
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    return workflow.get("on", workflow.get(True))


def step(job, name):
    return next(s for s in job["steps"] if s.get("name") == name)


def uses(job, action):
    return next(s for s in job["steps"] if s.get("uses", "").startswith(action + "@"))


def run_step(script, cwd, env, path_dirs=()):
    """A `run:` script as the workflow's `shell: bash` runs it (bash -eo
    pipefail), with profilec (and any stubs) first on PATH."""
    path = ":".join([*map(str, path_dirs), str(pathlib.Path(PROFILEC).resolve().parent), os.environ["PATH"]])
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "PROFILEC_NOW", "SOURCE_DATE_EPOCH")}
    full_env.update(env, PATH=path)
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd,
                          env=full_env, capture_output=True, text=True, timeout=120)


class WorkflowTest(unittest.TestCase):
    """The CI recipe (docs/gitops.md), for the example and for what `init`
    writes: check -> code-scanning (optional), check -> sign, and on pull
    requests review -> review-comment (optional)."""

    def test_workflow_runs_the_recipe(self):
        for name, root in WORKFLOWS.items():
            with self.subTest(name):
                workflow = load_workflow(root)
                self.assertEqual(sorted(workflow["jobs"]), ["check", "code-scanning", "review", "review-comment", "sign"])
                self.assertRegex((root / WORKFLOW).read_text(), r'\n  PROFILEC_VERSION: "\d+\.\d+\.\d+"')
                self.assertEqual(workflow["defaults"]["run"]["shell"], "bash")
                check, scanning, sign = (workflow["jobs"][j] for j in ("check", "code-scanning", "sign"))
                script = step(check, "Check")["run"]
                self.assertIn("profilec --color never check . 2> findings.txt", script)
                self.assertIn("profilec --format github check .", script)
                self.assertIn("profilec --format sarif check . > results.sarif", script)
                self.assertIn('"$GITHUB_STEP_SUMMARY"', script)
                self.assertEqual(check["outputs"]["sarif"], "${{ steps.check.outputs.sarif }}")
                self.assertEqual(uses(check, "actions/upload-artifact")["with"]["path"], "results.sarif")
                self.assertEqual(uses(scanning, "actions/download-artifact")["with"]["name"],
                                 uses(check, "actions/upload-artifact")["with"]["name"])
                upload = uses(scanning, "github/codeql-action/upload-sarif")
                self.assertEqual(upload["with"], {"sarif_file": "results.sarif", "category": "profilec"})
                script = step(sign, "Build and sign")["run"]
                self.assertIn("profilec build . -o out --sign", script)
                self.assertIn("xargs -0 -r profilec verify --ca keys/signing-cert.pem", script)
                self.assertIn("-nokeys -clcerts", script)
                artifact = uses(sign, "actions/upload-artifact")
                self.assertEqual(artifact["with"]["path"], "out/")
                self.assertEqual(artifact["with"]["if-no-files-found"], "error")

    def test_profilec_comes_from_the_release_deb_verified_against_its_checksums(self):
        for name, root in WORKFLOWS.items():
            with self.subTest(name):
                jobs = load_workflow(root)["jobs"]
                install = step(jobs["check"], "Install profilec")
                # One install, the same in every job that runs profilec.
                self.assertEqual(step(jobs["sign"], "Install profilec"), install)
                self.assertEqual(step(jobs["review"], "Install profilec"), install)
                for job in ("check", "sign", "review"):
                    self.assertEqual(jobs[job]["container"], "debian:12", job)  # the .deb is built on Debian 12
                    self.assertEqual(jobs[job]["steps"][0], install, job)
                script = install["run"]
                self.assertIn('gh release download "v$PROFILEC_VERSION" -R profilec/profilec', script)
                self.assertIn('-p "profilec_${PROFILEC_VERSION}_amd64.deb" -p SHA256SUMS', script)
                self.assertLess(script.index("sha256sum --check"),
                                script.index('apt-get install -y -qq --no-install-recommends "./profilec_'))
                self.assertEqual(install["env"], {"GH_TOKEN": "${{ github.token }}"})
                self.assertNotIn("cmake", script)  # no 10-minute build from source

    def test_every_secret_the_build_reads_comes_from_secrets(self):
        for name, root in WORKFLOWS.items():
            with self.subTest(name):
                sign = step(load_workflow(root)["jobs"]["sign"], "Build and sign")
                project = (root / "profilec.toml").read_text()
                needed = set(re.findall(r'password_env\s*=\s*"([^"]+)"', project))
                for policy in (root / "policies").rglob("*.toml"):
                    needed |= set(ENV_REFERENCE.findall(policy.read_text()))
                self.assertIn("SIGNING_P12_PASSWORD", needed)
                for variable in needed:
                    self.assertEqual(sign["env"].get(variable), "${{ secrets.%s }}" % variable, variable)
                self.assertIn('keys/signing.p12', project)
                self.assertIn("keys/signing.p12", sign["run"])


class WorkflowTrustBoundaryTest(unittest.TestCase):
    """docs/security.md, for the workflow: a pull request never reaches the
    signing identity or a write token."""

    def test_only_push_to_main_and_pull_request_trigger_it(self):
        for name, root in WORKFLOWS.items():
            with self.subTest(name):
                # Never pull_request_target or workflow_run: they run a pull
                # request's code with the repository's secrets.
                self.assertEqual(triggers(load_workflow(root)), {"push": {"branches": ["main"]}, "pull_request": None})

    def test_secrets_reach_only_the_signing_step_which_runs_only_on_main(self):
        for name, root in WORKFLOWS.items():
            with self.subTest(name):
                workflow = load_workflow(root)
                sign_job = workflow["jobs"]["sign"]
                self.assertEqual(sign_job["if"], "github.event_name == 'push' && github.ref == 'refs/heads/main'")
                self.assertEqual(sign_job["needs"], "check")
                sign = step(sign_job, "Build and sign")
                for job_name, job in workflow["jobs"].items():
                    for s in job["steps"]:
                        text = yaml.safe_dump(s)
                        if s is sign:
                            continue
                        self.assertNotIn("secrets.", text, (job_name, s.get("name")))
                        self.assertNotIn("keys/", text, (job_name, s.get("name")))
                    self.assertNotIn("secrets.", yaml.safe_dump({k: v for k, v in job.items() if k != "steps"}))
                self.assertNotIn("secrets.", yaml.safe_dump({k: v for k, v in workflow.items() if k != "jobs"}))
                # The key is deleted in the step that wrote it, before verify.
                script = sign["run"]
                self.assertLess(script.index("base64 -d > keys/signing.p12"), script.index("rm -f keys/signing.p12"))
                self.assertLess(script.index("rm -f keys/signing.p12"), script.index("profilec verify"))
                self.assertTrue(script.startswith("umask 077\n"))

    def test_least_permissions_per_job(self):
        for name, root in WORKFLOWS.items():
            with self.subTest(name):
                workflow = load_workflow(root)
                self.assertEqual(workflow["permissions"], {})
                jobs = workflow["jobs"]
                self.assertEqual(jobs["check"]["permissions"], {"contents": "read"})
                self.assertEqual(jobs["sign"]["permissions"], {"contents": "read"})
                self.assertEqual(jobs["code-scanning"]["permissions"],
                                 {"contents": "read", "security-events": "write", "actions": "read"})
                self.assertEqual(jobs["review"]["permissions"], {"contents": "read"})
                self.assertEqual(jobs["review-comment"]["permissions"], {"pull-requests": "write"})
                # No checkout leaves the token in .git/config; review-comment
                # checks nothing out (it runs no code of the pull request).
                self.assertFalse(any("actions/checkout" in s.get("uses", "") for s in jobs["review-comment"]["steps"]))
                for job in (j for name, j in jobs.items() if name != "review-comment"):
                    checkout = uses(job, "actions/checkout")
                    self.assertIs(checkout["with"]["persist-credentials"], False)

    def test_the_diff_runs_on_pull_requests_and_comments_only_where_it_may_write(self):
        for name, root in WORKFLOWS.items():
            with self.subTest(name):
                jobs = load_workflow(root)["jobs"]
                review, comment = jobs["review"], jobs["review-comment"]
                self.assertEqual(review["if"], "github.event_name == 'pull_request'")
                self.assertEqual(uses(review, "actions/checkout")["with"]["fetch-depth"], 0)
                diff = step(review, "Diff against the base branch")
                self.assertEqual(diff["env"], {"BASE_SHA": "${{ github.event.pull_request.base.sha }}"})
                self.assertIn('profilec --color never diff "$BASE_SHA" HEAD\n', diff["run"])  # in the log
                self.assertIn('cat diff.md >> "$GITHUB_STEP_SUMMARY"', diff["run"])
                self.assertEqual(comment["needs"], "review")
                self.assertIn("vars.PROFILEC_DIFF_COMMENT == 'true'", comment["if"])
                self.assertIn("github.event.pull_request.head.repo.full_name == github.repository", comment["if"])
                self.assertEqual(uses(comment, "actions/download-artifact")["with"]["name"],
                                 uses(review, "actions/upload-artifact")["with"]["name"])
                self.assertIn("--body-file diff.md", step(comment, "Comment on the pull request")["run"])

    def test_sarif_is_uploaded_only_where_it_can_work_and_never_fails_the_run(self):
        for name, root in WORKFLOWS.items():
            with self.subTest(name):
                jobs = load_workflow(root)["jobs"]
                condition = jobs["code-scanning"]["if"]
                self.assertIn("vars.PROFILEC_CODE_SCANNING == 'true'", condition)
                self.assertIn("github.event.pull_request.head.repo.full_name == github.repository", condition)
                self.assertIn("needs.check.outputs.sarif == 'true'", condition)  # also after a failed check
                self.assertIn("!cancelled()", condition)
                self.assertIs(uses(jobs["code-scanning"], "github/codeql-action/upload-sarif")["continue-on-error"],
                              True)
                self.assertIn("vars.PROFILEC_CODE_SCANNING == 'true'",
                              uses(jobs["check"], "actions/upload-artifact")["if"])


class WorkflowStepsTest(unittest.TestCase):
    """The workflow's own scripts, run here with bash as the runner would."""

    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="profilec-workflow-"))
        self.addCleanup(shutil.rmtree, self.tmp)
        self.repo = self.tmp / "repo"
        shutil.copytree(EXAMPLE, self.repo)
        self.jobs = load_workflow(EXAMPLE)["jobs"]

    def run_check_step(self):
        summary, output = self.tmp / "summary.md", self.tmp / "output"
        summary.write_text("")
        output.write_text("")
        r = run_step(step(self.jobs["check"], "Check")["run"], self.repo,
                     {"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(output)})
        return r, summary.read_text(), output.read_text()

    def test_review_step_writes_the_diff_to_the_log_and_the_summary(self):
        def git(*args):
            r = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=self.repo,
                               capture_output=True, text=True, timeout=60)
            self.assertEqual(r.returncode, 0, r.stderr)
            return r.stdout.strip()

        git("init", "-q")
        git("add", "-A")
        git("commit", "-q", "-m", "base")
        base = git("rev-parse", "HEAD")
        wifi = self.repo / "policies" / "shared" / "office-wifi.toml"
        wifi.unlink()
        git("commit", "-q", "-a", "-m", "remove the Wi-Fi")
        summary = self.tmp / "summary.md"
        summary.write_text("")
        r = run_step(step(self.jobs["review"], "Diff against the base branch")["run"], self.repo,
                     {"GITHUB_STEP_SUMMARY": str(summary), "BASE_SHA": base,
                      "GIT_CONFIG_GLOBAL": str(self.tmp / "gitconfig")})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("profile-removed", r.stdout)  # the log
        text = summary.read_text()
        self.assertTrue(text.startswith(f"## profilec diff: {base} → HEAD\n"), text)
        self.assertIn("| profile-removed | policies/shared/office-wifi.toml:", text)
        # The removed Wi-Fi's key, read from { env = "NORTHWIND_WIFI_PSK" }: a secret, never its value.
        self.assertRegex(text, r"\n\| [^|]* \| Password \| removed \| \(secret\) \|  \| policies/shared/office-wifi.toml:\d+ \|\n")

    def test_check_step_shows_findings_in_the_log_annotations_and_summary(self):
        r, summary, output = self.run_check_step()
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "", ""))
        self.assertEqual(summary, "### profilec check\nNo findings.\n")
        self.assertEqual(output, "sarif=true\n")
        self.assertEqual(json.loads((self.repo / "results.sarif").read_text())["runs"][0]["results"], [])

        # A warning: shown everywhere, the step passes.
        (self.repo / "policies/ios/unsupervised.toml").write_text(
            '[profile]\nid = ".unsupervised"\n[target]\nplatforms = { iOS = "17.0" }\nsupervised = false\n'
            '[payload.r]\ntype = "com.apple.applicationaccess"\nallowAppRemoval = false\n')
        r, summary, output = self.run_check_step()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("policies/ios/unsupervised.toml:8:1: warning[PC2008]", r.stderr)
        self.assertIn("::warning file=policies/ios/unsupervised.toml,line=8,", r.stdout)
        self.assertIn("<pre>\npolicies/ios/unsupervised.toml:8:1: warning[PC2008]", summary)
        self.assertEqual(output, "sarif=true\n")

        # An error: the step fails with check's exit code, after writing all.
        policy = self.repo / "policies/shared/passcode.toml"
        policy.write_text(policy.read_text().replace("maxPINAgeInDays = 365", 'maxPINAgeInDays = "<b>365"'))
        r, summary, output = self.run_check_step()
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("policies/shared/passcode.toml:11:19: error[PC1003]", r.stderr)
        self.assertIn("::error file=policies/shared/passcode.toml,line=11,", r.stdout)
        self.assertIn("error[PC1003]", summary)
        # Policy text is escaped: it cannot add HTML to the summary.
        self.assertIn("&lt;b&gt;365", summary)
        self.assertNotIn("<b>", summary)
        self.assertEqual(output, "sarif=true\n")
        codes = {r["ruleId"] for r in json.loads((self.repo / "results.sarif").read_text())["runs"][0]["results"]}
        self.assertIn("PC1003", codes)

    def test_build_and_sign_step_signs_verifies_and_deletes_the_key(self):
        p12 = self.tmp / "identity" / "signing.p12"
        make_p12(p12, "ci-secret")
        sign = step(self.jobs["sign"], "Build and sign")
        env = {"SIGNING_P12_BASE64": base64.b64encode(p12.read_bytes()).decode(),
               "SIGNING_P12_PASSWORD": "ci-secret", **EXAMPLE_ENV}
        self.assertEqual(set(env), set(sign["env"]))
        r = run_step(sign["run"], self.repo, env)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        policies = len(list((EXAMPLE / "policies").rglob("*.toml")))
        self.assertEqual(len(list((self.repo / "out").rglob("*.mobileconfig"))), policies)
        self.assertEqual(r.stdout.count("signature valid"), policies)
        self.assertFalse((self.repo / "keys/signing.p12").exists())
        self.assertEqual((self.repo / "keys/signing-cert.pem").stat().st_mode & 0o077, 0)  # umask 077

        # Another identity's certificate: verify --ca fails the step.
        other = self.tmp / "other" / "signing.p12"
        make_p12(other, "ci-secret")
        r = run_step(sign["run"].replace("rm -f keys/signing.p12\n", "rm -f keys/signing.p12\ncp '%s' "
                                         "keys/signing-cert.pem\n" % signing_certificate(other, "ci-secret")),
                     self.repo, env)
        self.assertNotEqual(r.returncode, 0, r.stdout)

    def test_verifying_an_empty_output_folder_is_not_an_error(self):
        verify = next(line for line in step(self.jobs["sign"], "Build and sign")["run"].splitlines()
                      if "profilec verify" in line)
        (self.repo / "out").mkdir()
        (self.repo / "keys").mkdir()
        r = run_step(verify, self.repo, {})
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        # The same line without -r: xargs runs verify with no file (exit 123).
        r = run_step(verify.replace("xargs -0 -r", "xargs -0"), self.repo, {})
        self.assertEqual(r.returncode, 123, r.stdout + r.stderr)

    def install(self, sums):
        """The install step with stand-ins for gh (the release's two files)
        and apt-get (records what it would install)."""
        release, stubs, temp = self.tmp / "release", self.tmp / "stubs", self.tmp / "runner-temp"
        for folder in (release, stubs, temp):
            folder.mkdir(exist_ok=True)
        version = re.search(r'PROFILEC_VERSION: "([^"]+)"', (EXAMPLE / WORKFLOW).read_text()).group(1)
        deb = release / f"profilec_{version}_amd64.deb"
        deb.write_bytes(b"!<arch>\nnot a real package\n")
        (release / "SHA256SUMS").write_text(sums(deb))
        log = self.tmp / "apt-get.log"
        log.unlink(missing_ok=True)
        (stubs / "gh").write_text(f'#!/bin/sh\n[ "$GH_TOKEN" = token ] || exit 1\ncp "{release}"/* .\n')
        (stubs / "apt-get").write_text(f'#!/bin/sh\necho "$@" >> "{log}"\n')
        for stub in stubs.iterdir():
            stub.chmod(0o755)
        r = run_step(step(self.jobs["check"], "Install profilec")["run"], self.repo,
                     {"RUNNER_TEMP": str(temp), "PROFILEC_VERSION": version, "GH_TOKEN": "token"}, [stubs])
        installed = [line for line in log.read_text().splitlines() if ".deb" in line] if log.exists() else []
        return r, installed, deb.name

    def test_install_step_installs_the_deb_only_when_its_checksum_matches(self):
        def digest(path):
            return hashlib.sha256(path.read_bytes()).hexdigest()

        r, installed, name = self.install(lambda deb: f"{'0' * 64}  profilec-0.2.0.tar.gz\n{digest(deb)}  {deb.name}\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(installed, [f"install -y -qq --no-install-recommends ./{name}"])
        self.assertIn("profilec ", r.stdout)  # profilec --version

        for sums in (lambda deb: f"{'0' * 64}  {deb.name}\n",      # tampered or corrupt
                     lambda deb: f"{digest(deb)}  profilec-0.2.0.tar.gz\n",  # the .deb not listed
                     lambda deb: ""):
            r, installed, _ = self.install(sums)
            self.assertNotEqual(r.returncode, 0, r.stdout)
            self.assertEqual(installed, [])


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
        hooks = {h["id"]: h for h in yaml.safe_load((SOURCE_DIR / ".pre-commit-hooks.yaml").read_text())}
        self.assertEqual(sorted(hooks), ["profilec-check", "profilec-check-strict"])
        self.assertEqual(hooks["profilec-check"]["entry"], "profilec check")
        self.assertEqual(hooks["profilec-check-strict"]["entry"], "profilec check --fail-on warning")
        for hook in hooks.values():
            self.assertEqual(hook["language"], "system")
            # Every commit, whatever is staged: policies read files of any
            # name ({ file = }), and a deleted file is never "staged".
            self.assertIs(hook["always_run"], True)
            self.assertNotIn("files", hook)
            self.assertIs(hook["pass_filenames"], False)
            self.assertIs(hook["require_serial"], True)
            # A passing hook's output (the warnings) is shown.
            self.assertIs(hook["verbose"], True)
        same = {k: v for k, v in hooks["profilec-check"].items() if k not in ("id", "name", "description", "entry")}
        self.assertEqual(same, {k: v for k, v in hooks["profilec-check-strict"].items()
                                if k not in ("id", "name", "description", "entry")})

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

            def git_ok(*args, cwd):
                r = subprocess.run(git + list(args), cwd=cwd, capture_output=True, text=True)
                self.assertEqual(r.returncode, 0, (args, r.stderr))

            hooks = tmp / "hooks"
            hooks.mkdir()
            shutil.copy(SOURCE_DIR / ".pre-commit-hooks.yaml", hooks)
            for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "hooks"]):
                git_ok(*args, cwd=hooks)
            rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hooks, capture_output=True, text=True).stdout.strip()

            repo = tmp / "repo"
            shutil.copytree(EXAMPLE, repo)
            config = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())
            config["repos"][0].update(repo=str(hooks), rev=rev)
            self.assertEqual(run("build", ".", "-o", "out", cwd=repo, env=EXAMPLE_ENV).returncode, 0)

            env = {**os.environ, "PATH": f"{pathlib.Path(PROFILEC).resolve().parent}:{os.environ['PATH']}",
                   "PRE_COMMIT_HOME": str(tmp / "cache")}
            env.pop("NO_COLOR", None)

            def configure(hook_config=None):
                config["repos"][0]["hooks"] = [{"id": "profilec-check", "args": ["--exclude", "out"],
                                                **(hook_config or {})}]
                (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
                git_ok("add", ".pre-commit-config.yaml", cwd=repo)

            def pre_commit(hook_config=None, all_files=False):
                """`pre-commit run` as `git commit` runs it: on what is staged."""
                configure(hook_config)
                command = ["pre-commit", "run", "--color", "never"] + (["--all-files"] if all_files else [])
                return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=120)

            def reset():
                git_ok("reset", "-q", "--hard", cwd=repo)
                git_ok("clean", "-qfd", cwd=repo)

            git_ok("init", "-q", cwd=repo)
            configure()
            git_ok("add", "-A", cwd=repo)
            git_ok("commit", "-qm", "policies", cwd=repo)

            r = pre_commit(all_files=True)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertRegex(r.stdout, r"profilec check\.+Passed")

            # A commit with a warning passes, and shows the warning: the
            # hook's `verbose: true`. The same hook with verbose turned off
            # in the repository's configuration hides it.
            (repo / "policies/ios/unsupervised.toml").write_text(
                '[profile]\nid = ".unsupervised"\n[target]\nplatforms = { iOS = "17.0" }\nsupervised = false\n'
                '[payload.r]\ntype = "com.apple.applicationaccess"\nallowAppRemoval = false\n')
            git_ok("add", "-A", cwd=repo)
            warning = "policies/ios/unsupervised.toml:8:1: warning[PC2008]"
            r = pre_commit()
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertRegex(r.stdout, r"profilec check\.+Passed")
            self.assertIn(warning, r.stdout)
            r = pre_commit({"verbose": False})
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertNotIn("PC2008", r.stdout)
            # profilec-check-strict refuses it.
            r = pre_commit({"id": "profilec-check-strict"})
            self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
            self.assertRegex(r.stdout, r"profilec check \(fail on warnings\)\.+Failed")
            self.assertIn(warning, r.stdout)
            reset()

            # A staged certificate, and nothing else, runs the check.
            (repo / "certs/northwind-example-root-ca.cer").write_bytes(b"not a certificate\n")
            git_ok("add", "-A", cwd=repo)
            r = pre_commit()
            self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
            self.assertIn("policies/shared/root-ca.toml:13:30: error[PC5008]", r.stdout)
            reset()

            # So does a commit that only deletes it.
            git_ok("rm", "-q", "certs/northwind-example-root-ca.cer", cwd=repo)
            r = pre_commit()
            self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
            self.assertIn("policies/shared/root-ca.toml:13:30: error[PC0007]", r.stdout)
            reset()

            policy = repo / "policies/shared/passcode.toml"
            policy.write_text(policy.read_text().replace("maxPINAgeInDays = 365", 'maxPINAgeInDays = "365"'))
            git_ok("add", "-A", cwd=repo)
            r = pre_commit()
            self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
            self.assertRegex(r.stdout, r"profilec check\.+Failed")
            self.assertIn("policies/shared/passcode.toml:11:19: error[PC1003]", r.stdout)


if __name__ == "__main__":
    unittest.main()
