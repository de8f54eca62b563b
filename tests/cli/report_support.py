"""What the report tests share (tests/cli/test_report.py and
test_report_browser.py): a small repository that exercises every section of
`profilec report` (docs/report.md), and the HTML's shape through Python's
html.parser."""
import html.parser
import os
import pathlib
import shutil
import subprocess

PROFILEC = os.environ["PROFILEC"]
SOURCE_DIR = pathlib.Path(os.environ["PROFILEC_SOURCE_DIR"])
SECTIONS = ("summary", "profiles", "effective", "conflicts", "certificates", "baseline")

BASE = """[profile]
id = "com.example.baseline"
name = "Baseline <all devices>"

[target]
platforms = { iOS = "17.0", macOS = "14.0" }

[payload.passcode]
type = "com.apple.mobiledevice.passwordpolicy"
forcePIN = true
minLength = 4

[payload.restrictions]
type = "com.apple.applicationaccess"
allowCamera = true

[payload.root]
type = "com.apple.security.root"
PayloadContent = { file = "../certs/root.cer" }
"""

TEAM = """[profile]
id = "com.example.team"
name = "Team"

[target]
platforms = { iOS = "17.0" }
supervised = true

[payload.restrictions]
type = "com.apple.applicationaccess"
allowCamera = false
"""

PPPC = """[profile]
id = "com.example.pppc"
name = "Zoom privacy"

[target]
platforms = { macOS = "14.0" }

[payload.zoom]
type = "com.apple.TCC.configuration-profile-policy"
Services = { Camera = [{ Identifier = "us.zoom.xos", IdentifierType = "bundleID", CodeRequirement = 'identifier "us.zoom.xos" and anchor apple generic', Allowed = true }] }
"""


def run(*args, cwd=None, env=None):
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([PROFILEC, *args], capture_output=True, text=True, cwd=cwd, env=full_env, timeout=60)


def make_repository(root):
    """Three policies: a conflict on supervised iPhones, a nested PPPC value
    on Macs, a root certificate (valid 2026-11-23 to 2046-11-18)."""
    (root / "policies").mkdir(parents=True)
    (root / "certs").mkdir()
    shutil.copy(SOURCE_DIR / "examples/acme-corp/certs/acme-root-ca.cer", root / "certs/root.cer")
    (root / "policies/base.toml").write_text(BASE)
    (root / "policies/team.toml").write_text(TEAM)
    (root / "policies/pppc.toml").write_text(PPPC)


class Shape(html.parser.HTMLParser):
    """Checks that elements nest (every end tag closes the innermost open
    element; void elements never close) and collects ids, sections, links,
    and the text of each section."""

    VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr", "source", "area", "base", "embed", "track"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.errors = []
        self.tags = []
        self.sections = []
        self.ids = []
        self.references = []  # (tag, attribute, value) of every href / src
        self.text = {}  # section id -> its text
        self.doctype = None

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append(tag)
        for name in ("href", "src", "action", "srcset"):
            if name in attributes:
                self.references.append((tag, name, attributes[name]))
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag == "section":
            self.sections.append(attributes.get("data-section"))
        if tag not in self.VOID:
            self.stack.append((tag, attributes.get("data-section")))

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in self.VOID:
            self.errors.append(f"<{tag}/> is not a void element")

    def handle_endtag(self, tag):
        if tag in self.VOID:
            self.errors.append(f"</{tag}> closes a void element")
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> at line {self.getpos()[0]} closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        for _, section in self.stack:
            if section:
                self.text[section] = self.text.get(section, "") + data

    def close(self):
        super().close()
        if self.stack:
            self.errors.append(f"left open: {[t for t, _ in self.stack]}")


def parse(text):
    shape = Shape()
    shape.feed(text)
    shape.close()
    return shape
