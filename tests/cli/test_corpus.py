"""profilec check on every real-world profile in ../shared/corpus.

For each file: no crash (exit 0, 1 or 2; no signal; no "internal error"),
valid JSON findings, and no reading error (PC0017, PC0018, PC0021, PC0023)
on a file that the corpus INDEX says Python's plistlib parses. The findings
per file (code, severity, count) are compared with corpus_expectations.tsv,
so that a change in what profilec reports on real profiles shows up as a
diff to review (docs/corpus-findings.md says why each finding is right).

    PROFILEC_UPDATE_CORPUS=1 python3 test_corpus.py   # rewrite the expectations

Under the sanitizers (PROFILEC_SAMPLE_EVERY=N, tests/cli/sampling.py) only
every Nth INDEX.tsv row is checked, against its own expectation, and the
runner says so; the Release run checks every file.

Exit 77 (skipped) when the corpus is not beside the repository, unless
PROFILEC_REQUIRE_TEST_INPUTS=1 (as in CI), where that fails.
"""
import collections
import csv
import os
import pathlib
import sys

from corpus_support import check_json, corpus_or_exit_code, finish
from sampling import is_sampled, sample_every

PROFILEC = os.environ["PROFILEC"]
CORPUS = pathlib.Path(os.environ.get("PROFILEC_CORPUS", ""))
EXPECTATIONS = pathlib.Path(__file__).with_name("corpus_expectations.tsv")
READING_ERRORS = {"PC0017", "PC0018", "PC0021", "PC0023"}
# Certificate dates (signers, payload certificates) are judged on a fixed
# day, so the expectations do not change as the corpus ages.
ENV = dict(os.environ, PROFILEC_NOW="2026-11-23T00:00:00Z")


def summary(diagnostics):
    counts = collections.Counter((d["code"], d["severity"]) for d in diagnostics)
    return " ".join(f"{code}:{severity}x{n}" for (code, severity), n in sorted(counts.items())) or "-"


def main():
    missing = corpus_or_exit_code(CORPUS)
    if missing is not None:
        return missing
    index = CORPUS / "INDEX.tsv"
    rows = list(csv.DictReader(index.open(), delimiter="\t"))
    every = sample_every()
    if every > 1:
        if os.environ.get("PROFILEC_UPDATE_CORPUS"):
            print("PROFILEC_UPDATE_CORPUS needs every file: unset PROFILEC_SAMPLE_EVERY", file=sys.stderr)
            return 2
        rows = [row for i, row in enumerate(rows) if is_sampled(i, every)]
        print(f"sampled: INDEX.tsv rows 0, {every}, {2 * every}, ... (every {every}th, {len(rows)} files);"
              " the Release run checks every file")
    failures = []
    seen = {}
    for row in rows:
        path = row["path"]
        diagnostics, failure = check_json(PROFILEC, path, CORPUS, ENV, timeout=60)
        if failure:
            failures.append(failure)
            continue
        if row["parse_ok"] == "yes":
            for d in diagnostics:
                if d["code"] in READING_ERRORS and d["severity"] == "error":
                    failures.append(f"{path}: plistlib reads it, profilec does not: {d['code']} {d['message']}")
        seen[path] = summary(diagnostics)

    if os.environ.get("PROFILEC_UPDATE_CORPUS"):
        with EXPECTATIONS.open("w") as out:
            out.write("# path\tfindings (code:severity x count), from tests/cli/test_corpus.py\n")
            for path in sorted(seen):
                out.write(f"{path}\t{seen[path]}\n")
        print(f"wrote {EXPECTATIONS}")
    else:
        expected = {}
        for line in EXPECTATIONS.read_text().splitlines():
            if line.startswith("#") or not line:
                continue
            path, findings = line.split("\t")
            expected[path] = findings
        if every > 1:
            sampled = {row["path"] for row in rows}
            expected = {path: findings for path, findings in expected.items() if path in sampled}
        for path in sorted(set(seen) | set(expected)):
            if seen.get(path) != expected.get(path):
                failures.append(f"{path}: findings {seen.get(path)!r}, expected {expected.get(path)!r}")

    return finish(failures, [row["path"] for row in rows])


if __name__ == "__main__":
    sys.exit(main())
