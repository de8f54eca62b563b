#!/usr/bin/env python3
"""Incremental `build` (issue 21): a rebuild of 10,000 policies with one
changed, against a clean build into the same folder on disk.

    bench/incremental_bench.py [--profilec build/profilec] [--count 10000] [--repeat 5] [--work-dir DIR] [--out FILE]

The repository is bench/gen_repo.py's. In --work-dir (default: a new
folder under the current one, so on this machine's disk, not tmpfs) it
times, as whole processes with start-up included (medians of --repeat;
wall clock, and CPU = user + sys of the child):
  clean      the output folder deleted, then `build` into it (every file new)
  nothing    `build` again with no policy changed (writes nothing)
  one        one policy's display name changed, then `build` (writes one file)
  uncached   the same with --no-cache: every policy compiled (the rebuild
             before the result cache, in the same binary and run)
  check      `check` of the same repository (the compile and analysis alone)
Each rebuild's summary line must say what it wrote ("1 written, 9999
unchanged, 0 removed"): a run that wrote more is an error, not a figure.
docs/performance.md records a run.
"""

import argparse
import os
import pathlib
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent


def timed(command, cwd=None):
    """(wall s, cpu s, stdout) of one run; exits on failure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=cwd)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))} exited {result.returncode}: {result.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result.stdout


def counts(stdout):
    match = re.search(r": (\d+) written, (\d+) unchanged, (\d+) removed$", stdout.strip())
    if not match:
        sys.exit(f"no summary line in {stdout!r}")
    return tuple(int(n) for n in match.groups())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profilec", default=str(HERE.parent / "build" / "profilec"))
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work-dir", type=pathlib.Path, default=pathlib.Path.cwd())
    parser.add_argument("--out", type=pathlib.Path)
    args = parser.parse_args()
    profilec = str(pathlib.Path(args.profilec).resolve())
    work = pathlib.Path(tempfile.mkdtemp(prefix="profilec-incremental-", dir=args.work_dir))
    try:
        repo = work / "repo"
        subprocess.run([sys.executable, str(HERE / "gen_repo.py"), str(args.count), str(repo)], check=True,
                       capture_output=True)
        policies = sorted((repo / "policies").rglob("*.toml"))
        out = work / "out"
        build = [profilec, "build", str(repo / "policies"), "-o", str(out)]
        series = {"clean": [], "nothing": [], "one": [], "uncached": [], "check": []}
        for i in range(args.repeat):
            shutil.rmtree(out, ignore_errors=True)
            wall, cpu, stdout = timed(build)
            if counts(stdout) != (args.count, 0, 0):
                sys.exit(f"clean build: {stdout}")
            series["clean"].append((wall, cpu))
            wall, cpu, stdout = timed(build)
            if counts(stdout) != (0, args.count, 0):
                sys.exit(f"rebuild of nothing: {stdout}")
            series["nothing"].append((wall, cpu))
            changed = policies[(i * 7919) % len(policies)]
            changed.write_text(changed.read_text().replace('name = "', f'name = "v{i} ', 1))
            wall, cpu, stdout = timed(build)
            if counts(stdout) != (1, args.count - 1, 0):
                sys.exit(f"rebuild of one: {stdout}")
            series["one"].append((wall, cpu))
            changed.write_text(changed.read_text().replace('name = "', 'name = "u', 1))
            wall, cpu, stdout = timed(build + ["--no-cache"])
            if counts(stdout) != (1, args.count - 1, 0):
                sys.exit(f"rebuild of one without the cache: {stdout}")
            series["uncached"].append((wall, cpu))
            wall, cpu, _ = timed([profilec, "check", str(repo / "policies")])
            series["check"].append((wall, cpu))
        med = {name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
               for name, runs in series.items()}
        lines = [
            f"#### Incremental build, {args.count:,} policies, {os.cpu_count()} cores, output on "
            f"{args.work_dir} (medians of {args.repeat})",
            "",
            "| job | wall | CPU |",
            "|---|---|---|",
            f"| clean build into the same folder (every file new) | {med['clean'][0]:.3f} s | {med['clean'][1]:.3f} s |",
            f"| rebuild, nothing changed (0 written) | {med['nothing'][0]:.3f} s | {med['nothing'][1]:.3f} s |",
            f"| rebuild, one policy changed (1 written) | {med['one'][0]:.3f} s | {med['one'][1]:.3f} s |",
            f"| rebuild, one policy changed, `--no-cache` (every policy compiled) | {med['uncached'][0]:.3f} s | "
            f"{med['uncached'][1]:.3f} s |",
            f"| `check` of the same repository | {med['check'][0]:.3f} s | {med['check'][1]:.3f} s |",
            "",
            f"Rebuild of one against the clean build: {med['clean'][0] / med['one'][0]:.1f}x faster "
            f"(target: under 0.5 s and at least 5x; "
            f"{'met' if med['one'][0] < 0.5 and med['clean'][0] >= 5 * med['one'][0] else '**missed**'}).",
        ]
        text = "\n".join(lines) + "\n"
        print(text)
        if args.out:
            args.out.write_text(text)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
