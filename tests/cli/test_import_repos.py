"""Whole-repository import over the real-world corpus (../shared/corpus):
each source repository (a top-level folder) is imported as one folder with
`profilec import REPO -o DIR`, and then:

- import exits 0: `profilec build DIR` must succeed (the tree builds);
- import exits 1 or 2: nothing is written, and every error it names is at a
  place in a .mobileconfig of that repository (file:line): what blocks the
  tree is a problem of the source files, never of the policies import
  would have written.

The outcome per repository (files, files refused, errors across files by
code) is recorded in tests/cli/import_repos_expectations.tsv, so that a
change shows up as a diff to review (docs/import.md says why each is right):

    PROFILEC_UPDATE_CORPUS=1 python3 test_import_repos.py   # rewrite the record

Exit 77 (skipped) when the corpus is not beside the repository, unless
PROFILEC_REQUIRE_TEST_INPUTS=1 (as in CI): then a missing corpus is a failure.
"""
import collections
import os
import pathlib
import re
import shutil
import sys
import tempfile

from corpus_support import corpus_or_exit_code
from import_support import run

SOURCE_DIR = pathlib.Path(os.environ["PROFILEC_SOURCE_DIR"])
CORPUS = pathlib.Path(os.environ.get("PROFILEC_CORPUS", SOURCE_DIR.parent / "shared" / "corpus"))
EXPECTATIONS = pathlib.Path(__file__).with_name("import_repos_expectations.tsv")
FINDING = re.compile(r"^(?P<path>.+?):(?P<line>\d+)(?::\d+)?: error\[(?P<code>PC\d{4})\]", re.MULTILINE)
NO_SPAN = re.compile(r"^(?P<path>[^:\n]+): error\[(?P<code>PC\d{4})\]", re.MULTILINE)
# Findings of the reader and of import on one file: the file is refused.
PER_FILE = {"PC0017", "PC0018", "PC0019", "PC0020", "PC0021", "PC0022", "PC0023", "PC0030", "PC1012"}


def files_in(folder):
    return sorted(p for p in pathlib.Path(folder).rglob("*") if p.is_file()) if pathlib.Path(folder).exists() else []


def outcome(repo, work):
    """(record, problems) for importing `repo` as one folder and building the result."""
    problems = []
    out = work / "policies"
    result = run("import", str(repo), "-o", str(out))
    mobileconfigs = [p for p in files_in(repo) if p.suffix.lower() == ".mobileconfig" and
                     not any(part.startswith(".") for part in p.relative_to(repo).parts)]
    errors = [(m["path"], m["code"]) for m in FINDING.finditer(result.stderr)]
    errors += [(m["path"], m["code"]) for m in NO_SPAN.finditer(result.stderr)]
    refused = sorted({path for path, code in errors if code in PER_FILE})
    across = collections.Counter(code for path, code in errors if code not in PER_FILE)
    if result.returncode == 0:
        # Secrets became { env = } references: any value builds.
        env_example = out / ".env.example"
        env = {}
        if env_example.exists():
            for line in env_example.read_text().splitlines():
                if line and not line.startswith("#") and line.endswith("="):
                    env[line[:-1]] = "secret"
        built = run("build", str(out), "-o", str(work / "built"), env=env)
        if built.returncode != 0:
            problems.append(f"import succeeded but build of its tree exited {built.returncode}: "
                            f"{built.stderr.strip()[-800:]}")
        verdict = "builds"
    else:
        verdict = f"blocked (import exit {result.returncode})"
        if result.returncode not in (1, 2):
            problems.append(f"import exited {result.returncode}: {result.stderr.strip()[-800:]}")
        if files_in(out):
            problems.append(f"import failed but wrote {len(files_in(out))} files")
        if not errors:
            problems.append(f"import failed without naming what blocks it: {result.stderr.strip()[-800:]}")
        for path, code in errors:
            p = pathlib.Path(path)
            if p.suffix.lower() != ".mobileconfig" or not p.resolve().is_relative_to(repo.resolve()):
                problems.append(f"{code} is not at a .mobileconfig of the repository: {path}")
    summary = ", ".join(f"{code} x{count}" for code, count in sorted(across.items())) or "-"
    record = f"{repo.name}\t{len(mobileconfigs)}\t{len(refused)}\t{summary}\t{verdict}"
    return record, problems


def main():
    if (code := corpus_or_exit_code(CORPUS)) is not None:
        return code
    repos = sorted(p for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("."))
    records, failures = [], []
    root = pathlib.Path(tempfile.mkdtemp(prefix="profilec-import-repos-"))
    try:
        for i, repo in enumerate(repos):
            record, problems = outcome(repo, root / str(i))
            records.append(record)
            failures += [f"{repo.name}: {p}" for p in problems]
            shutil.rmtree(root / str(i), ignore_errors=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)

    header = "# repository\t.mobileconfig files\tfiles refused\terrors across files\toutcome, from tests/cli/test_import_repos.py"
    if os.environ.get("PROFILEC_UPDATE_CORPUS"):
        EXPECTATIONS.write_text("\n".join([header, *records]) + "\n")
        print(f"wrote {EXPECTATIONS}")
    else:
        expected = [line for line in EXPECTATIONS.read_text().splitlines() if line and not line.startswith("#")]
        for line in sorted(set(expected) - set(records)):
            failures.append(f"expected, not seen: {line}")
        for line in sorted(set(records) - set(expected)):
            failures.append(f"seen, not expected: {line}")
    for record in records:
        print(record)
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
