"""The Homebrew formula, packaging/homebrew/profilec.rb (docs/macos.md).

It cannot be run here (no macOS, no Homebrew); what can drift is checked:

  formula  its url names the CMake project version (PROFILEC_VERSION) twice,
           its dependencies are docs/macos.md's `brew install` line less the
           test-only packages, every -D option it passes is an option() of
           CMakeLists.txt, and `ruby -c` accepts it (exit 77, skipped,
           without ruby).
  sha256   its sha256 is the line for profilec-VERSION.tar.gz in the
           SHA256SUMS `make release` wrote (PROFILEC_RELEASE_DIR); exit 77
           (skipped) when no release was made in this build folder.

Usage: test_homebrew_formula.py formula|sha256. A few milliseconds (ruby -c:
about 0.1 s).
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

SKIP = 77
SOURCE = Path(os.environ["PROFILEC_SOURCE_DIR"])
VERSION = os.environ["PROFILEC_VERSION"]
FORMULA = SOURCE / "packaging/homebrew/profilec.rb"
# In docs/macos.md's `brew install` line for building, not in the formula,
# which builds neither the tests nor the benchmarks.
TEST_ONLY = {"googletest", "google-benchmark"}

failures = []


def fail(message):
    failures.append(message)
    print(f"FAIL: {message}")


def check_formula(text):
    url = re.search(r'^\s*url "([^"]+)"', text, re.M)
    if not url:
        return fail("no url in the formula")
    found = re.fullmatch(r"https://github\.com/profilec/profilec/releases/download/v([^/]+)/profilec-([^/]+)\.tar\.gz",
                         url.group(1))
    if not found or found.group(1) != VERSION or found.group(2) != VERSION:
        fail(f"the formula's url {url.group(1)} does not name version {VERSION} (CMakeLists.txt's project version) "
             f"as .../v{VERSION}/profilec-{VERSION}.tar.gz: update url and sha256 (packaging/homebrew/profilec.rb)")
    else:
        print(f"ok: url names {VERSION}")

    depends = set(re.findall(r'^\s*depends_on "([^"]+)"', text, re.M))
    docs = (SOURCE / "docs/macos.md").read_text()
    line = re.search(r"^brew install (?!--)(.+)$", docs, re.M)
    if not line:
        return fail("docs/macos.md has no `brew install PACKAGES` line")
    documented = set(line.group(1).split()) - TEST_ONLY
    if depends != documented:
        fail(f"formula depends_on {sorted(depends)} but docs/macos.md installs {sorted(documented)} "
             f"(besides {sorted(TEST_ONLY)})")
    else:
        print(f"ok: {len(depends)} dependencies, as docs/macos.md says")

    options = set(re.findall(r"^option\((\w+)", (SOURCE / "CMakeLists.txt").read_text(), re.M))
    passed = set(re.findall(r"-D(PROFILEC_\w+)=", text))
    if not passed:
        fail("the formula passes no PROFILEC_ option (expected at least the tests and benchmarks off)")
    for name in sorted(passed - options):
        fail(f"the formula passes -D{name}, which CMakeLists.txt does not define")
    if passed <= options:
        print(f"ok: options {sorted(passed)} exist")


def check_ruby_syntax():
    ruby = shutil.which("ruby")
    if not ruby:
        print("SKIP: ruby is not installed; the formula's syntax was not checked (apt-get install ruby)")
        return False
    result = subprocess.run([ruby, "-c", str(FORMULA)], capture_output=True, text=True, timeout=60)
    if result.returncode != 0 or "Syntax OK" not in result.stdout:
        fail(f"ruby -c {FORMULA}: {result.stdout}{result.stderr}")
    else:
        print("ok: ruby -c: Syntax OK")
    return True


def check_sha256(text):
    sums = Path(os.environ["PROFILEC_RELEASE_DIR"]) / "SHA256SUMS"
    if not sums.exists():
        print(f"SKIP: no {sums} (`make release` makes it); the formula's sha256 was not compared")
        return False
    tarball = f"profilec-{VERSION}.tar.gz"
    expected = [line.split()[0] for line in sums.read_text().splitlines() if line.split()[-1:] == [tarball]]
    formula = re.search(r'^\s*sha256 "([0-9a-f]{64})"', text, re.M)
    if len(expected) != 1:
        fail(f"{sums} has {len(expected)} lines for {tarball}")
    elif not formula or formula.group(1) != expected[0]:
        fail(f"the formula's sha256 is not {expected[0]}, {tarball}'s in {sums}: set it after the release "
             "(packaging/homebrew/profilec.rb, RELEASE)")
    else:
        print(f"ok: sha256 is {tarball}'s")
    return True


def main():
    text = FORMULA.read_text()
    if sys.argv[1:] == ["formula"]:
        check_formula(text)
        ran = check_ruby_syntax()
    elif sys.argv[1:] == ["sha256"]:
        ran = check_sha256(text)
    else:
        print(__doc__)
        return 2
    if failures:
        return 1
    return 0 if ran else SKIP


if __name__ == "__main__":
    sys.exit(main())
