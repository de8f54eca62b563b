#!/usr/bin/env python3
"""A pre-commit `profilec check` of one policy with a 300-manifest
ProfileManifests folder configured (issue 20, item 5: under 10 ms), cold
and warm manifest cache (docs/app-schemas.md#the-cache), against the same
check with the cache turned off and with only the policy's own manifest. Prints a Markdown
table of medians; docs/performance.md records a run.

    bench/manifest_cache_bench.py [--profilec build/profilec] [--count 300] [--keys 40]
                                  [--repeat 21] [--chrt]

--chrt runs each profilec under `chrt -f 10` (needs root), ahead of the
builds of a loaded machine, for wall times that resemble an idle one.
Wall time is of the whole process (start-up included), measured around
the subprocess; CPU is the child's user + system time (resource.getrusage).
"""

import argparse
import os
import pathlib
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import gen_manifests  # noqa: E402

POLICY = """\
[profile]
id = "com.example.app7"

[target]
platforms = { macOS = "14.0" }

[payload.app]
type = "com.example.app7"
Setting0 = "One"
Setting1 = 50
Setting2 = true
"""


def timed(command, env, cwd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profilec", default=str(HERE.parent / "build" / "profilec"))
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--keys", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--chrt", action="store_true")
    args = parser.parse_args()
    profilec = str(pathlib.Path(args.profilec).resolve())
    prefix = ["chrt", "-f", "10"] if args.chrt else []

    with tempfile.TemporaryDirectory(prefix="profilec-manifest-bench-") as tmp:
        root = pathlib.Path(tmp)
        repo = root / "repo"
        (repo / "policies").mkdir(parents=True)
        (repo / "policies" / "one.toml").write_text(POLICY)
        manifests = repo / "vendor" / "ProfileManifests"
        folder = manifests / "Manifests" / "ManagedPreferencesApplications"
        folder.mkdir(parents=True)
        for i in range(args.count):
            (folder / f"com.example.app{i}.plist").write_text(gen_manifests.manifest(i, args.keys))
        size = sum(p.stat().st_size for p in folder.iterdir())
        (repo / "profilec.toml").write_text('[schemas]\ndirs = ["vendor/ProfileManifests"]\n')
        # The baseline: the same check with only the policy's own manifest.
        bare = root / "bare"
        (bare / "policies").mkdir(parents=True)
        (bare / "policies" / "one.toml").write_text(POLICY)
        (bare / "apps").mkdir()
        (bare / "apps" / "com.example.app7.plist").write_text(gen_manifests.manifest(7, args.keys))
        (bare / "profilec.toml").write_text('[schemas]\ndirs = ["apps"]\n')
        cache = root / "cache"
        env = {k: v for k, v in os.environ.items() if k != "PROFILEC_NO_MANIFEST_CACHE"}
        env["PROFILEC_CACHE_DIR"] = str(cache)
        check = [*prefix, profilec, "check", "policies/one.toml"]

        def clear():
            shutil.rmtree(cache, ignore_errors=True)

        cases = [
            ("1 manifest (the policy's app), cache off", [*prefix, profilec, "--no-manifest-cache", "check",
                                                          "policies/one.toml"], bare, None),
            ("300 manifests, cache off (`--no-manifest-cache`)", [*prefix, profilec, "--no-manifest-cache", "check",
                                                                  "policies/one.toml"], repo, None),
            ("300 manifests, cold cache (parse, write the cache)", check, repo, clear),
            ("300 manifests, warm cache", check, repo, None),
        ]
        timed(check, env, repo)  # the cache warm, the binary in the page cache
        rows = []
        for name, command, cwd, before in cases:
            walls, cpus = [], []
            for _ in range(args.repeat):
                if before:
                    before()
                wall, cpu = timed(command, env, cwd)
                walls.append(wall)
                cpus.append(cpu)
            rows.append((name, statistics.median(walls), min(walls), max(walls), statistics.median(cpus)))
        cache_bytes = sum(p.stat().st_size for p in cache.iterdir())

    print(f"{args.count} manifests x {args.keys} keys ({size / 1e6:.1f} MB); cache file {cache_bytes / 1e6:.2f} MB; "
          f"{args.repeat} runs each{', under chrt -f 10' if args.chrt else ''}; load average "
          f"{os.getloadavg()[0]:.1f}")
    print()
    print("| `profilec check policies/one.toml` | wall, median | wall, min-max | CPU (user + sys), median |")
    print("|---|---|---|---|")
    for name, wall, low, high, cpu in rows:
        print(f"| {name} | {wall * 1000:.1f} ms | {low * 1000:.1f}-{high * 1000:.1f} ms | {cpu * 1000:.1f} ms |")
    warm, base = rows[-1], rows[0]
    print()
    print(f"warm-cache check: {warm[1] * 1000:.1f} ms wall ({(warm[1] - base[1]) * 1000:+.1f} ms against one manifest), "
          f"{warm[4] * 1000:.1f} ms CPU ({(warm[4] - base[4]) * 1000:+.1f} ms); target 10 ms wall: "
          f"{'met' if warm[1] < 0.010 else 'not met on this run'}")


if __name__ == "__main__":
    main()
