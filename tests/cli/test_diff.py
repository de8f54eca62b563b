"""`profilec diff` (issue 21, docs/diff.md): each kind of change in a small
git repository made here, revisions read through git, folders too.

Markdown is checked by an independent reading of its tables (every row has
the header's column count), JSON by python's json, HTML by html.parser.
About 2 s: some 20 runs of profilec on a handful of policies.
"""
import html.parser
import json
import os
import pathlib
import re
import subprocess
import tempfile
import unittest

PROFILEC = os.environ["PROFILEC"]
SECRET = "diff-test-secret-value-0123"

RESTRICTIONS = """\
[profile]
id = "com.example.restrictions"
name = "Restrictions"

[target]
platforms = {{ iOS = "17.0" }}
supervised = {supervised}

[payload.restrictions]
type = "com.apple.applicationaccess"
allowCamera = {camera}
allowScreenShot = true
"""

WIFI = """\
[profile]
id = "{id}"
name = "Wi-Fi"

[target]
platforms = {{ iOS = "17.0" }}

[payload.wifi]
type = "com.apple.wifi.managed"
SSID_STR = "Corp"
EncryptionType = "WPA2"
AutoJoin = true
Password = {{ env = "{variable}" }}
"""

PASSCODE = """\
[profile]
id = "{id}"
name = "Passcode"
{uuid}
[target]
platforms = {{ iOS = "17.0" }}

[payload.passcode]
type = "com.apple.mobiledevice.passwordpolicy"
minLength = {length}
"""

OTHER = """\
[profile]
id = "com.example.other"
name = "Other"

[target]
platforms = {{ iOS = "17.0" }}
{payload}"""

MOVED_PAYLOAD = """
[payload.passcode]
type = "com.apple.mobiledevice.passwordpolicy"
minLength = 8
"""


def run(*args, cwd, env=None):
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full_env["PROFILEC_WIFI_PSK"] = SECRET
    full_env.update(env or {})
    return subprocess.run([PROFILEC, *args], capture_output=True, text=True, cwd=cwd, env=full_env, timeout=120)


def git(cwd, *args):
    r = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false",
                        *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout


def markdown_tables(text):
    """Each table as (header cells, rows of cells), split on unescaped pipes."""
    tables, current = [], None
    for line in text.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if current is None:
                current = (cells, [])
                tables.append(current)
            else:
                current[1].append(cells)
        else:
            current = None
    return tables


class HtmlChecker(html.parser.HTMLParser):
    VOID = {"meta", "br", "hr", "img", "link", "input"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.ids, self.text = [], [], set(), []

    def handle_starttag(self, tag, attrs):
        self.ids.update(v for k, v in attrs if k == "id")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


class DiffTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.repo = pathlib.Path(self.tmp.name) / "repo"
        (self.repo / "policies").mkdir(parents=True)
        git(self.repo, "init", "-q", "-b", "main")
        self.write("restrictions.toml", RESTRICTIONS.format(supervised="true", camera="false"))
        self.write("wifi.toml", WIFI.format(id="com.example.wifi", variable="PROFILEC_WIFI_PSK"))
        self.write("passcode.toml", PASSCODE.format(id="com.example.passcode", uuid="", length=6))
        self.write("other.toml", OTHER.format(payload=""))
        self.commit("first")

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        (self.repo / "policies" / name).write_text(text)

    def commit(self, message):
        git(self.repo, "add", "-A")
        git(self.repo, "commit", "-q", "-m", message)

    def diff(self, *args, ok=True):
        r = run("diff", *args, cwd=self.repo)
        if ok:
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stderr, "")
        return r

    def diff_json(self, old="HEAD~1", new="HEAD"):
        return json.loads(self.diff(old, new, "--format", "json").stdout)

    def kinds(self, document):
        return sorted(c["kind"] for c in document["consequences"])

    def test_a_setting_change_per_device_class_with_old_and_new_values_and_sources(self):
        self.write("restrictions.toml", RESTRICTIONS.format(supervised="true", camera="true"))
        self.commit("camera")
        document = self.diff_json()
        self.assertEqual(document["summary"]["profiles_changed"], 1)
        labels = [d["label"] for d in document["devices"]]
        # Supervised iPhones and iPads, device and automated enrollment; no unsupervised class gets the profile.
        self.assertEqual(labels, ["iOS, supervised, device enrollment", "iOS, supervised, automated enrollment"])
        setting = document["devices"][0]["settings"]
        self.assertEqual(len(setting), 1)
        self.assertEqual(setting[0]["key"], "allowCamera")
        self.assertEqual(setting[0]["payload"], "com.apple.applicationaccess")
        self.assertEqual(setting[0]["change"], "changed")
        self.assertEqual(setting[0]["old"], {"value": False, "file": "policies/restrictions.toml", "line": 11})
        self.assertEqual(setting[0]["new"], {"value": True, "file": "policies/restrictions.toml", "line": 11})
        self.assertEqual(document["consequences"], [])
        human = self.diff("HEAD~1", "HEAD").stdout
        self.assertIn("effective settings, iOS, supervised, device enrollment", human)
        self.assertIn("allowCamera: false -> true  (policies/restrictions.toml:11)", human)

    def test_added_removed_and_changed_payloads_and_keys(self):
        self.write("other.toml", OTHER.format(payload="""
[payload.vpn-less]
type = "com.apple.applicationaccess"
allowAirDrop = false
"""))
        self.write("passcode.toml", PASSCODE.format(id="com.example.passcode", uuid="", length=8)
                   + "maxPINAgeInDays = 90\n")
        self.commit("payloads")
        document = self.diff_json()
        profiles = {p["identifier"]: p for p in document["profiles"]}
        self.assertEqual(sorted(profiles), ["com.example.other", "com.example.passcode"])
        other = profiles["com.example.other"]["payloads"]
        self.assertEqual([(p["change"], p["type"]) for p in other], [("added", "com.apple.applicationaccess")])
        self.assertEqual([(k["key"], k["change"]) for k in other[0]["keys"]], [("allowAirDrop", "added")])
        keys = {k["key"]: k for k in profiles["com.example.passcode"]["payloads"][0]["keys"]}
        self.assertEqual(keys["minLength"]["old"]["value"], 6)
        self.assertEqual(keys["minLength"]["new"]["value"], 8)
        self.assertEqual(keys["maxPINAgeInDays"]["change"], "added")
        self.assertIsNone(keys["maxPINAgeInDays"]["old"])

    def test_secrets_are_changed_or_unchanged_never_their_value(self):
        self.write("wifi.toml", WIFI.format(id="com.example.wifi", variable="PROFILEC_WIFI_PSK_2"))
        self.commit("secret")
        for fmt in ("human", "markdown", "json", "html"):
            out = self.diff("HEAD~1", "HEAD", "--format", fmt, ).stdout
            self.assertNotIn(SECRET, out, fmt)
            self.assertNotIn("WIFI_PSK", out, fmt)  # not even the placeholder names it
        document = self.diff_json()
        key = document["profiles"][0]["payloads"][0]["keys"][0]
        self.assertEqual((key["key"], key["change"], key["secret"]), ("Password", "changed", True))
        self.assertNotIn("value", key["old"])
        self.assertNotIn("value", key["new"])
        self.assertIn("Password: (secret) changed", self.diff("HEAD~1", "HEAD").stdout)
        # The same variable on both sides: unchanged, not listed.
        self.assertTrue(self.diff_json("HEAD", "HEAD")["profiles"] == [])

    def test_changed_identifier_installs_a_second_profile(self):
        self.write("passcode.toml", PASSCODE.format(id="com.example.passcode2", uuid="", length=6))
        self.commit("identifier")
        document = self.diff_json()
        self.assertEqual(self.kinds(document), ["identifier-changed"])
        consequence = document["consequences"][0]
        self.assertEqual(consequence["file"], "policies/passcode.toml")
        self.assertEqual(consequence["line"], 2)
        self.assertIn("'com.example.passcode' becomes 'com.example.passcode2'", consequence["message"])
        human = self.diff("HEAD~1", "HEAD").stdout
        self.assertIn("installs beside the old one", human)

    def test_changed_uuid_reinstalls(self):
        self.write("passcode.toml", PASSCODE.format(
            id="com.example.passcode", uuid='uuid = "11111111-2222-4333-8444-555555555555"\n', length=6))
        self.commit("uuid")
        document = self.diff_json()
        self.assertEqual(self.kinds(document), ["uuid-changed"])
        self.assertIn("-> 11111111-2222-4333-8444-555555555555", document["consequences"][0]["message"])

    def test_removed_profile_stays_until_the_mdm_is_told(self):
        (self.repo / "policies" / "wifi.toml").unlink()
        self.commit("remove")
        document = self.diff_json()
        self.assertEqual(self.kinds(document), ["profile-removed"])
        self.assertEqual(document["summary"]["profiles_removed"], 1)
        self.assertEqual(document["profiles"][0]["old_path"], "policies/wifi.toml")
        self.assertIsNone(document["profiles"][0]["new_path"])

    def test_payload_moving_between_profiles(self):
        (self.repo / "policies" / "passcode.toml").unlink()
        self.write("other.toml", OTHER.format(payload=MOVED_PAYLOAD))
        self.write("passcode.toml", PASSCODE.format(id="com.example.passcode", uuid="", length=8))
        self.commit("before move")
        (self.repo / "policies" / "passcode.toml").unlink()
        self.write("other.toml", OTHER.format(payload=MOVED_PAYLOAD.replace("[payload.passcode]", "[payload.passcode]")))
        self.write("extra.toml", OTHER.format(payload="").replace("com.example.other", "com.example.extra")
                   + MOVED_PAYLOAD.replace("minLength = 8", "minLength = 8\nmaxPINAgeInDays = 1").replace("[payload.passcode]", "[payload.pc]"))
        self.commit("move")
        document = self.diff_json()
        self.assertIn("profile-removed", self.kinds(document))
        moved = [c for c in document["consequences"] if c["kind"] == "payload-moved"]
        self.assertEqual(len(moved), 0, moved)  # different settings: not the same payload
        # Now the same settings, moved from passcode.toml's profile to a new one.
        self.write("passcode.toml", PASSCODE.format(id="com.example.passcode", uuid="", length=7))
        (self.repo / "policies" / "extra.toml").unlink()
        self.commit("again")
        (self.repo / "policies" / "passcode.toml").unlink()
        self.write("extra.toml", OTHER.format(payload="").replace("com.example.other", "com.example.extra")
                   + MOVED_PAYLOAD.replace("minLength = 8", "minLength = 7"))
        self.commit("moved")
        document = self.diff_json()
        moved = [c for c in document["consequences"] if c["kind"] == "payload-moved"]
        self.assertEqual(len(moved), 1, document["consequences"])
        self.assertIn("from profile 'com.example.passcode' to 'com.example.extra'", moved[0]["message"])
        self.assertEqual(moved[0]["file"], "policies/extra.toml")

    def test_a_key_that_needs_supervision_the_target_lacks(self):
        self.write("restrictions.toml", RESTRICTIONS.format(supervised="false", camera="false"))
        self.commit("unsupervised")
        self.write("restrictions.toml", RESTRICTIONS.format(supervised="false", camera="false")
                   + "allowAirDrop = false\nallowSafari = false\n")
        self.commit("supervised-only key")
        document = self.diff_json()
        needing = [c for c in document["consequences"] if c["kind"] == "needs-supervision"]
        # allowAirDrop needs supervision on iOS; allowSafari does not (since iOS 13? Apple's data decides).
        self.assertTrue(any(c["message"].startswith("allowAirDrop ") for c in needing), needing)
        self.assertTrue(all(c["file"] == "policies/restrictions.toml" for c in needing))
        # The same change for supervised devices is no consequence.
        self.write("restrictions.toml", RESTRICTIONS.format(supervised="true", camera="false"))
        self.commit("supervised")
        self.write("restrictions.toml", RESTRICTIONS.format(supervised="true", camera="false")
                   + "allowAirDrop = false\n")
        self.commit("supervised key")
        self.assertEqual(self.diff_json()["consequences"], [])

    def test_target_change_moves_settings_between_device_classes(self):
        self.write("restrictions.toml", RESTRICTIONS.format(supervised="false", camera="false"))
        self.commit("unsupervised")
        document = self.diff_json()
        profile = document["profiles"][0]
        self.assertIn("supervised", profile["target"]["old"])
        self.assertNotIn("supervised", profile["target"]["new"])
        labels = [d["label"] for d in document["devices"]]
        self.assertIn("iOS, device enrollment", labels)  # unsupervised iPhones now get it

    def test_folders_and_a_revision_against_a_folder(self):
        old = pathlib.Path(self.tmp.name) / "old"
        subprocess.run(["cp", "-r", str(self.repo / "policies"), str(old)], check=True)
        self.write("restrictions.toml", RESTRICTIONS.format(supervised="true", camera="true"))
        r = self.diff(str(old), "policies", "--format", "json")
        document = json.loads(r.stdout)
        self.assertEqual(document["old"]["label"], str(old))
        self.assertEqual(document["profiles"][0]["new_path"], "restrictions.toml")
        self.assertEqual(document["devices"][0]["settings"][0]["key"], "allowCamera")
        # A revision is the whole repository; "." the working tree: same paths.
        document = json.loads(self.diff("HEAD", ".", "--format", "json").stdout)
        self.assertEqual([p["new_path"] for p in document["profiles"]], ["policies/restrictions.toml"])
        self.assertEqual(json.loads(self.diff("HEAD", "HEAD", "--format", "json").stdout)["profiles"], [])

    def test_raw_mobileconfig_files_are_compared_too(self):
        out = self.repo / "out"
        r = run("build", "policies", "-o", str(out), cwd=self.repo)
        self.assertEqual(r.returncode, 0, r.stderr)
        (self.repo / "profiles").mkdir()
        built = out / "passcode.mobileconfig"
        (self.repo / "profiles" / "passcode.mobileconfig").write_bytes(built.read_bytes())
        subprocess.run(["rm", "-r", str(out)], check=True)
        self.commit("raw")
        text = (self.repo / "profiles" / "passcode.mobileconfig").read_text()
        (self.repo / "profiles" / "passcode.mobileconfig").write_text(
            text.replace("<integer>6</integer>", "<integer>9</integer>"))
        self.commit("raw change")
        document = self.diff_json()
        [profile] = document["profiles"]
        self.assertEqual(profile["new_path"], "profiles/passcode.mobileconfig")
        [key] = profile["payloads"][0]["keys"]
        self.assertEqual((key["key"], key["old"]["value"], key["new"]["value"]), ("minLength", 6, 9))

    def test_errors_name_the_problem_with_exit_code_2(self):
        r = self.diff("HEAD", "no-such-revision", ok=False)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stdout, "")
        self.assertRegex(r.stderr, r"^profilec: error: unknown revision 'no-such-revision': neither a folder nor "
                                   r"a commit of the repository at .*\n$")
        r = self.diff("HEAD", "--", ok=False)
        self.assertEqual(r.returncode, 2)
        outside = pathlib.Path(self.tmp.name) / "not-a-repo"
        outside.mkdir()
        r = run("diff", "HEAD~1", "HEAD", cwd=outside, env={"GIT_CEILING_DIRECTORIES": self.tmp.name})
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, r"^profilec: error: not a git repository.*: to diff a revision, run profilec "
                                   r"inside its repository\n$")
        r = run("diff", "HEAD", cwd=self.repo, env={"PATH": "/nonexistent"})
        self.assertEqual(r.returncode, 2)
        r = run("diff", "HEAD", "HEAD", "--format", "yaml", cwd=self.repo)
        self.assertEqual(r.returncode, 2)

    def test_markdown_tables_and_the_size_limit(self):
        self.write("restrictions.toml", RESTRICTIONS.format(supervised="false", camera="true")
                   + 'allowAirDrop = false\n')
        self.write("passcode.toml", PASSCODE.format(id="com.example.passcode2", uuid="", length=8))
        (self.repo / "policies" / "wifi.toml").unlink()
        self.commit("many")
        markdown = self.diff("HEAD~1", "HEAD", "--format", "markdown").stdout
        lines = markdown.splitlines()
        self.assertTrue(lines[0].startswith("## profilec diff: HEAD~1 → HEAD"))
        self.assertTrue(lines[2].startswith("**Summary:** 3 profiles (0 added, 1 removed, 2 changed)"))
        tables = markdown_tables(markdown)
        self.assertGreaterEqual(len(tables), 4)
        for header, rows in tables:
            self.assertTrue(rows and set(rows[0]) == {"---"}, header)
            for row in rows:
                self.assertEqual(len(row), len(header), row)
        self.assertNotIn("Truncated", markdown)
        for limit in (600, 1500):
            cut = self.diff("HEAD~1", "HEAD", "--format", "markdown", "--markdown-limit", str(limit)).stdout
            self.assertLessEqual(len(cut.encode()), limit)
            self.assertGreater(len(cut.encode()), limit // 3)
            self.assertIn("**Truncated:** this diff is", cut)
            self.assertIn(f"over the limit of {limit}", cut)
            self.assertTrue(markdown.startswith(cut[:cut.index("\n---\n**Truncated")]))
            for header, rows in markdown_tables(cut):
                for row in rows:
                    self.assertEqual(len(row), len(header), row)
        unlimited = self.diff("HEAD~1", "HEAD", "--format", "markdown", "--markdown-limit", "0").stdout
        self.assertEqual(unlimited, markdown)

    def test_html_is_one_well_formed_page(self):
        self.write("restrictions.toml", RESTRICTIONS.format(supervised="true", camera="true")
                   + 'allowAirDrop = false\n')
        (self.repo / "policies" / "wifi.toml").unlink()
        self.commit("html")
        page = self.diff("HEAD~1", "HEAD", "--format", "html").stdout
        checker = HtmlChecker()
        checker.feed(page)
        checker.close()
        self.assertEqual(checker.errors, [])
        self.assertEqual(checker.stack, [])
        self.assertEqual(checker.ids, {"consequences", "devices", "profiles"})
        self.assertNotRegex(page, r"(src|href)=")  # self-contained: nothing to fetch
        text = "".join(checker.text)
        self.assertIn("allowCamera", text)
        self.assertIn("profile-removed", text)

    def test_no_change(self):
        self.assertEqual(self.diff("HEAD", "HEAD").stdout, "diff HEAD -> HEAD: no change to any profile or device\n")
        document = self.diff_json("HEAD", "HEAD")
        self.assertEqual(document["summary"], {"profiles_added": 0, "profiles_removed": 0, "profiles_changed": 0,
                                               "settings_changed": 0, "device_classes": 0, "consequences": 0})


if __name__ == "__main__":
    unittest.main()
