"""profilec check on each source repository of ../shared/corpus as one folder,
as a new user's first `profilec check .` on their repository would run.

Per repository and rule, how many findings of each severity: compared with
corpus_rule_counts.tsv, so that a change in noise (or a finding that goes
missing) shows up as a diff to review. test_corpus.py does the same per
file; this one also sees the findings across files (PC3xxx, PC4xxx).

Also asserted, whatever the counts:
- no crash, valid JSON;
- the corpus has no profilec.toml, so every file's target is assumed
  (docs/reading.md, "Which target"): no finding of a rule that compares
  targets (PC3001, PC3005, PC4001, PC4002) is an error, and each of them
  says in its help what it assumed. PC3002 between payloads copied into two
  profiles is assumed too; PC3002 between items with different identifiers
  does not depend on targets and may be an error.

    PROFILEC_UPDATE_CORPUS=1 python3 test_corpus_repositories.py   # rewrite the counts

Exit 77 (skipped) when the corpus is not beside the repository, unless
PROFILEC_REQUIRE_TEST_INPUTS=1 (as in CI): then a missing corpus fails the test.
"""
import collections
import os
import pathlib
import sys

from corpus_support import check_json, corpus_or_exit_code, finish

PROFILEC = os.environ["PROFILEC"]
CORPUS = pathlib.Path(os.environ.get("PROFILEC_CORPUS", ""))
COUNTS = pathlib.Path(__file__).with_name("corpus_rule_counts.tsv")
ENV = dict(os.environ, PROFILEC_NOW="2026-11-23T00:00:00Z")
TARGET_RULES = {"PC3001", "PC3005", "PC4001", "PC4002"}


def main():
    missing = corpus_or_exit_code(CORPUS)
    if missing is not None:
        return missing
    repos = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
    failures = []
    seen = {}
    for repo in repos:
        diagnostics, failure = check_json(PROFILEC, repo, CORPUS, ENV, timeout=300)
        if failure:
            failures.append(failure)
            continue
        counts = collections.Counter((d["code"], d["severity"]) for d in diagnostics)
        seen[repo] = counts
        for d in diagnostics:
            assumed = "assumed target:" in d.get("help", "")
            where = f"{d.get('path', '?')}:{d.get('line', '?')}"
            if d["code"] in TARGET_RULES:
                if d["severity"] == "error":
                    failures.append(f"{repo}: {d['code']} is an error on an assumed target at {where}")
                if not assumed:
                    failures.append(f"{repo}: {d['code']} at {where} does not say what it assumed")
            if assumed and d["severity"] == "error":
                failures.append(f"{repo}: {d['code']} rests on an assumed target but is an error at {where}")

    if os.environ.get("PROFILEC_UPDATE_CORPUS"):
        with COUNTS.open("w") as out:
            out.write("# repository\tcode\tseverity\tcount, from tests/cli/test_corpus_repositories.py\n")
            for repo in sorted(seen):
                for (code, severity), n in sorted(seen[repo].items()):
                    out.write(f"{repo}\t{code}\t{severity}\t{n}\n")
        print(f"wrote {COUNTS}")
    else:
        expected = collections.defaultdict(collections.Counter)
        for line in COUNTS.read_text().splitlines():
            if line.startswith("#") or not line:
                continue
            repo, code, severity, n = line.split("\t")
            expected[repo][(code, severity)] = int(n)
        for repo in sorted(set(seen) | set(expected)):
            got, want = seen.get(repo, collections.Counter()), expected.get(repo, collections.Counter())
            for key in sorted(set(got) | set(want)):
                if got[key] != want[key]:
                    failures.append(f"{repo}: {key[0]} {key[1]}: {got[key]} findings, expected {want[key]}")

    return finish(failures, repos)


if __name__ == "__main__":
    sys.exit(main())
