"""Round trip over the real-world corpus (../shared/corpus): every profile
python3's plistlib can read is imported, built again with its secrets set to
their original values, and must come back identical -- same keys, values and
value types at every depth (the signature aside). Files plistlib cannot read
must fail to import cleanly: exit 2, a message, nothing written. So must
plists that policy source cannot hold (no PayloadIdentifier, ...).

Under the sanitizers (PROFILEC_SAMPLE_EVERY, sampling.py) every file that must be refused or read without its
preamble is still imported, and every Nth of the others round-trips (by INDEX.tsv order); the runner prints how many.

One exception: an XML plist that plistlib refuses only for its preamble
(blanks before it, no <?xml ...?> declaration) is read by profilec as by
devices, so it must round-trip against plistlib's reading of the same bytes
with the preamble repaired.

Exit 77 (skipped) when the corpus is not beside the repository, unless
PROFILEC_REQUIRE_TEST_INPUTS=1: then a missing corpus is a failure.
"""
import csv
import os
import pathlib
import plistlib
import shutil
import sys
import tempfile

from corpus_support import corpus_or_exit_code
from import_support import (first_difference, importable, load_plist, load_plist_without_preamble, run,
                            secret_values, tagged)
from sampling import is_sampled, sample_every

SOURCE_DIR = pathlib.Path(os.environ["PROFILEC_SOURCE_DIR"])
CORPUS = pathlib.Path(os.environ.get("PROFILEC_CORPUS", SOURCE_DIR.parent / "shared" / "corpus"))


def files_in(folder):
    return sorted(p for p in pathlib.Path(folder).rglob("*") if p.is_file()) if pathlib.Path(folder).exists() else []


def round_trip(path, original, work):
    """None when `path` imports and builds back into `original`, else what went wrong."""
    policies, built = work / "policies", work / "built"
    result = run("import", str(path), "-o", str(policies))
    if result.returncode != 0:
        return f"import exited {result.returncode}: {result.stderr.strip()[-600:]}"
    written = [p for p in files_in(policies) if p.suffix == ".toml"]
    if len(written) != 1:
        return f"import wrote {len(written)} policies"
    env = secret_values(written[0], original)
    result = run("build", str(policies), "-o", str(built), env=env)
    if result.returncode != 0:
        return f"build exited {result.returncode}: {result.stderr.strip()[-600:]}"
    # build's marker and manifest are no profiles
    outputs = [p for p in files_in(built) if p.name not in (".profilec-output", ".profilec-build.json",
                                                                  ".profilec-build-cache")]
    if len(outputs) != 1:
        return f"build wrote {len(outputs)} files"
    with outputs[0].open("rb") as fh:
        rebuilt = plistlib.load(fh)
    difference = first_difference(tagged(original), tagged(rebuilt))
    return None if difference is None else f"differs at {difference}"


def refused_cleanly(path, work):
    """None when importing `path` fails as it must (exit 2, a message, no output), else what went wrong."""
    out = work / "policies"
    result = run("import", str(path), "-o", str(out))
    problems = []
    if result.returncode != 2:
        problems.append(f"exit {result.returncode}, not 2")
    if "error" not in result.stderr:
        problems.append("no error message")
    if files_in(out):
        problems.append(f"wrote {[p.name for p in files_in(out)]}")
    return "; ".join(problems) or None


def main():
    if (code := corpus_or_exit_code(CORPUS)) is not None:
        return code
    with (CORPUS / "INDEX.tsv").open(newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    counts = {"files": 0, "round-tripped": 0, "read without preamble": 0, "with secrets": 0,
              "refused (not holdable)": 0, "refused (unreadable)": 0}
    every = sample_every()
    if every > 1:
        counts["round trips not sampled"] = 0
    failures = []
    root = pathlib.Path(tempfile.mkdtemp(prefix="profilec-import-corpus-"))
    try:
        for i, row in enumerate(rows):
            path = CORPUS / row["path"]
            counts["files"] += 1
            work = root / str(i)
            original = load_plist(path, signed=row["signed"] == "yes")
            without_preamble = False
            if original is None and row["signed"] != "yes":
                original = load_plist_without_preamble(path)
                without_preamble = original is not None
                counts["read without preamble"] += without_preamble
            if original is None:
                counts["refused (unreadable)"] += 1
                problem = refused_cleanly(path, work)
            elif importable(original) is not None:
                counts["refused (not holdable)"] += 1
                problem = refused_cleanly(path, work)
            elif not without_preamble and not is_sampled(i, every):
                counts["round trips not sampled"] += 1
                continue
            else:
                problem = round_trip(path, original, work)
                if problem is None:
                    counts["round-tripped"] += 1
                    if (work / "policies" / ".env.example").exists():
                        counts["with secrets"] += 1
            if problem is not None:
                failures.append(f"{row['path']}: {problem}")
            shutil.rmtree(work, ignore_errors=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(", ".join(f"{name}: {count}" for name, count in counts.items()))
    if every > 1:
        print(f"sampled: the round trips of INDEX.tsv rows 0, {every}, {2 * every}, ... (every {every}th,"
              f" PROFILEC_SAMPLE_EVERY={every}); every file that must be refused or is read without"
              " its preamble was imported")
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
