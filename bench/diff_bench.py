#!/usr/bin/env python3
"""`profilec diff` of two revisions of a repository (issue 21): under 2 s for
10,000 policies.

    bench/diff_bench.py [--profilec build/profilec] [--count 10000] [--repeat 5] [--smoke]

The repository is bench/gen_repo.py's, committed to a git repository made
here; the second commit changes what a pull request would: one key in ten
policies, one policy's id (a second profile on devices), one policy removed
and one added. `profilec diff HEAD~1 HEAD` reads both revisions through git
(no checkout), compiles both and compares them; each run's JSON is checked
(the changes above and nothing else), so a wrong or empty answer cannot pass
as fast. Wall clock, median of --repeat runs; also the CPU time (user +
system of the process and its git children).

--smoke (the test suite's bench.diff_smoke, 200 policies) checks the answer
only: no time is judged in a test.
"""

import argparse
import json
import os
import pathlib
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import gen_repo  # noqa: E402  (beside this file)

PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false"]


def git(repo, *args):
    subprocess.run([*GIT, *args], cwd=repo, check=True, capture_output=True)


def make_repository(work, count):
    repo = work / "repo"
    subprocess.run([PYTHON, str(HERE / "gen_repo.py"), str(count), str(repo)], check=True)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    policies = repo / "policies"
    # Ten restrictions policies (i % 4 == 0) change allowCamera.
    changed = [i for i in range(0, count, 4)][:10]
    for i in changed:
        path = policies / f"p{i:05}.toml"
        text = path.read_text()
        assert "allowCamera = " in text, path
        text = text.replace("allowCamera = false", "allowCamera = TRUE").replace("allowCamera = true", "allowCamera = false")
        path.write_text(text.replace("allowCamera = TRUE", "allowCamera = true"))
    # One passcode policy gets a new id, one Wi-Fi policy goes, one arrives.
    renamed = policies / "p00001.toml"
    renamed.write_text(renamed.read_text().replace('id = "com.bench.p1"', 'id = "com.bench.p1-v2"'))
    (policies / "p00002.toml").unlink()
    (policies / "new.toml").write_text(gen_repo.policy(count + 1, "../root.cer"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "change")
    return repo, len(changed)


def run_diff(profilec, repo, fmt="json"):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run([profilec, "diff", "HEAD~1", "HEAD", "--format", fmt], cwd=repo, capture_output=True,
                         text=True, timeout=600)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        sys.exit(f"profilec diff failed ({out.returncode}): {out.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return out.stdout, wall, cpu


def check_answer(document, changed):
    summary = document["summary"]
    expected = {"profiles_added": 1, "profiles_removed": 1, "profiles_changed": changed + 1}
    got = {k: summary[k] for k in expected}
    if got != expected:
        sys.exit(f"wrong diff: {got}, expected {expected}")
    kinds = sorted(c["kind"] for c in document["consequences"])
    if kinds != ["identifier-changed", "profile-removed"]:
        sys.exit(f"wrong consequences: {kinds}")
    # allowCamera merges across the restrictions profiles (the most
    # restrictive wins), so the device classes see it change only where the
    # merge does; every changed profile shows it.
    cameras = [k for p in document["profiles"] for pl in p["payloads"] for k in pl["keys"] if k["key"] == "allowCamera"]
    if len(cameras) != changed:
        sys.exit(f"{len(cameras)} profiles show allowCamera changed, expected {changed}")
    if not document["devices"]:
        sys.exit("no device class changes (the removed and added Wi-Fi networks should show)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--profilec", default=str(HERE.parent / "build" / "profilec"))
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="200 policies, one run, the answer checked, no time")
    args = parser.parse_args()
    args.profilec = str(pathlib.Path(args.profilec).resolve())
    if args.smoke:
        args.count, args.repeat = 200, 1
    with tempfile.TemporaryDirectory(prefix="profilec-diff-bench-") as tmp:
        repo, changed = make_repository(pathlib.Path(tmp), args.count)
        walls, cpus = [], []
        for _ in range(args.repeat):
            out, wall, cpu = run_diff(args.profilec, repo)
            check_answer(json.loads(out), changed)
            walls.append(wall)
            cpus.append(cpu)
        if args.smoke:
            print(f"diff of {args.count} policies: the answer is right")
            return 0
        markdown, md_wall, _ = run_diff(args.profilec, repo, "markdown")
        wall = statistics.median(walls)
        print(f"| `profilec diff HEAD~1 HEAD` of {args.count:,} policies | {wall:.3f} s (CPU {statistics.median(cpus):.2f} s) "
              f"| `--format markdown` {md_wall:.3f} s, {len(markdown.encode()):,} bytes | target < 2 s: "
              f"{'met' if wall < 2 else 'NOT met'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
