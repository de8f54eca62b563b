#!/usr/bin/env python3
"""Inputs that used to take quadratic time or memory (issue 15, items 5 and
6), each generated at N and 10N and run as a whole process: the time and
peak RSS of each, and their ratios. Linear work gives a time ratio near 10;
quadratic work near 100.

    bench/linear_bench.py [--profilec build/profilec] [--scale 1.0] [--repeat 3]
                          [--cases a,b] [--enforce] [--generate-only DIR]

  --scale          multiplies every case's N (0.01 for a quick smoke run)
  --enforce        exit 1 when a time ratio is above --max-ratio (default
                   25: linear work is 10, with start-up and noise below it;
                   quadratic work is 100) or a case failed
  --generate-only  write each case's files at N into DIR and run nothing
  --smoke          run each case once at N (use a small --scale) and fail on
                   an exit code other than 0 or 1; no time is checked (what
                   ctest's bench.linear_smoke does)

The cases (N is each case's default size):
  xml_dict        one payload dictionary of N keys in an XML .mobileconfig
                  (N = 50,000), `check`
  duplicate_keys  the same, every key written twice (N = 50,000): N
                  duplicate-key findings, `check --format json`
  long_line       an XML .mobileconfig on one line, N unknown keys in it
                  (N = 5,000): N findings in one line, `check` (human)
  binary_array    a binary plist with an array of N strings
                  (N = 200,000), `check`
  fragment_chain  N fragments, each using the next and adding a key of its
                  own (N = 200), a policy using the first, `check`
  toml_array      a policy whose payload holds an array of N integers
                  (N = 100,000), `check`
  profile_keys    a policy whose [profile] holds N of Apple's keys
                  (N = 10,000), `check`
"""

import argparse
import json
import os
import pathlib
import plistlib
import statistics
import subprocess
import sys
import tempfile
import time

ENVELOPE_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
<key>PayloadType</key><string>Configuration</string>
<key>PayloadVersion</key><integer>1</integer>
<key>PayloadIdentifier</key><string>com.example.linear</string>
<key>PayloadUUID</key><string>6F1E3C1A-3E36-4B71-9F5B-1E2C6C7B0A11</string>
<key>PayloadDisplayName</key><string>Linear</string>
<key>PayloadContent</key><array><dict>
<key>PayloadType</key><string>com.apple.applicationaccess</string>
<key>PayloadVersion</key><integer>1</integer>
<key>PayloadIdentifier</key><string>com.example.linear.r</string>
<key>PayloadUUID</key><string>0B7D8E52-37A4-4C0E-8D53-6C1B1F2D3E44</string>
"""
ENVELOPE_TAIL = "</dict></array>\n</dict></plist>\n"


# Keys are numbered with a fixed width, so that a key costs the same at N
# and at 10N (the did-you-mean of an unknown key grows with its length).
def xml_profile(body, newline="\n"):
    text = ENVELOPE_HEAD + body + ENVELOPE_TAIL
    return text.replace("\n", newline) if newline != "\n" else text


def gen_xml_dict(folder, n):
    body = "".join(f"<key>customKey{i:07}</key><integer>{i}</integer>\n" for i in range(n))
    (folder / "p.mobileconfig").write_text(xml_profile(body))
    return ["check", "p.mobileconfig"]


def gen_duplicate_keys(folder, n):
    body = "".join(f"<key>customKey{i:07}</key><true/>\n<key>customKey{i:07}</key><false/>\n" for i in range(n))
    (folder / "p.mobileconfig").write_text(xml_profile(body))
    return ["check", "--format", "json", "p.mobileconfig"]


def gen_long_line(folder, n):
    # Unknown keys of an applicationaccess payload: one finding each, all on
    # line 1 of the file.
    body = "".join(f"<key>allowCamra{i:07}</key><true/>" for i in range(n))
    (folder / "p.mobileconfig").write_text(xml_profile(body, newline=""))
    return ["check", "p.mobileconfig"]


def gen_binary_array(folder, n):
    profile = plistlib.loads(xml_profile("").encode())
    profile["PayloadContent"][0]["customArray"] = [f"item {i}" for i in range(n)]
    (folder / "p.mobileconfig").write_bytes(plistlib.dumps(profile, fmt=plistlib.FMT_BINARY))
    return ["check", "p.mobileconfig"]


def gen_fragment_chain(folder, n):
    (folder / "profilec.toml").write_text("")
    frags = folder / "fragments"
    frags.mkdir()
    for i in range(n):
        use = f'use = ["fragments/f{i + 1}"]\n' if i + 1 < n else ""
        (frags / f"f{i}.toml").write_text(
            f'[fragment]\ntype = "com.apple.applicationaccess"\n{use}\n[keys]\ncustomKey{i} = {i}\n')
    (folder / "p.toml").write_text(
        '[profile]\nid = "com.example.linear"\nname = "Linear"\n\n'
        '[payload.r]\ntype = "com.apple.applicationaccess"\nuse = ["fragments/f0"]\n')
    return ["check", "p.toml"]


def gen_toml_array(folder, n):
    items = ", ".join(str(i) for i in range(n))
    (folder / "p.toml").write_text(
        '[profile]\nid = "com.example.linear"\nname = "Linear"\n\n'
        f'[payload.r]\ntype = "com.apple.applicationaccess"\ncustomArray = [{items}]\n')
    return ["check", "p.toml"]


def gen_profile_keys(folder, n):
    keys = "".join(f"Custom{i:07} = {i}\n" for i in range(n))
    (folder / "p.toml").write_text(
        f'[profile]\nid = "com.example.linear"\nname = "Linear"\n{keys}\n'
        '[payload.r]\ntype = "com.apple.applicationaccess"\n')
    return ["check", "p.toml"]


CASES = {
    "xml_dict": (gen_xml_dict, 50_000),
    "duplicate_keys": (gen_duplicate_keys, 50_000),
    "long_line": (gen_long_line, 5_000),
    "binary_array": (gen_binary_array, 200_000),
    "fragment_chain": (gen_fragment_chain, 200),
    "toml_array": (gen_toml_array, 100_000),
    "profile_keys": (gen_profile_keys, 10_000),
}


def run(profilec, folder, args):
    """Wall seconds, peak RSS (MiB) and exit code of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen([profilec, *args], cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def measure(profilec, name, n, repeat):
    with tempfile.TemporaryDirectory(prefix=f"linear-{name}-") as tmp:
        folder = pathlib.Path(tmp)
        # Generated by another process: a child forked from this one would
        # count the generator's memory in its peak RSS.
        out = subprocess.run([sys.executable, __file__, "--generate-case", name, "--n", str(n), "--dir", tmp],
                             check=True, capture_output=True, text=True).stdout
        args = json.loads(out)
        times, rss, codes = [], [], set()
        for _ in range(repeat):
            seconds, mib, code = run(profilec, folder, args)
            times.append(seconds)
            rss.append(mib)
            codes.add(code)
        return statistics.median(times), max(rss), codes


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profilec", default=str(pathlib.Path(__file__).resolve().parent.parent / "build/profilec"))
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--enforce", action="store_true")
    parser.add_argument("--max-ratio", type=float, default=25.0)
    parser.add_argument("--generate-only", metavar="DIR")
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--generate-case", help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate_case:
        print(json.dumps(CASES[args.generate_case][0](pathlib.Path(args.dir), args.n)))
        return 0
    args.profilec = os.path.abspath(args.profilec)  # each case runs in its own folder
    names = [c for c in args.cases.split(",") if c]
    unknown = [c for c in names if c not in CASES]
    if unknown:
        parser.error(f"unknown case(s) {', '.join(unknown)}; the cases are {', '.join(CASES)}")

    if args.generate_only:
        root = pathlib.Path(args.generate_only)
        for name in names:
            generate, n = CASES[name]
            folder = root / name
            folder.mkdir(parents=True, exist_ok=True)
            generate(folder, max(1, int(n * args.scale)))
            print(f"{name}: {' '.join(str(p.relative_to(folder)) for p in sorted(folder.rglob('*')))}")
        return 0

    if args.smoke:
        failed = []
        for name in names:
            n = max(1, int(CASES[name][1] * args.scale))
            _, _, codes = measure(args.profilec, name, n, 1)
            print(f"{name}: N = {n:,}, exit {', '.join(map(str, sorted(codes)))}")
            if any(c not in (0, 1) for c in codes):
                failed.append(name)
        if failed:
            print(f"FAIL exit codes of {', '.join(failed)}", file=sys.stderr)
        return 1 if failed else 0

    print("| case | N | time at N | time at 10N | ratio | peak RSS at N | peak RSS at 10N | exit |")
    print("|---|---|---|---|---|---|---|---|")
    failed = []
    for name in names:
        n = max(1, int(CASES[name][1] * args.scale))
        t1, m1, c1 = measure(args.profilec, name, n, args.repeat)
        t10, m10, c10 = measure(args.profilec, name, 10 * n, args.repeat)
        ratio = t10 / t1 if t1 > 0 else float("inf")
        codes = sorted(c1 | c10)
        print(f"| {name} | {n:,} | {t1:.3f} s | {t10:.3f} s | {ratio:.1f} | {m1:.0f} MiB | {m10:.0f} MiB | "
              f"{', '.join(map(str, codes))} |", flush=True)
        if ratio > args.max_ratio:
            failed.append(f"{name}: time ratio {ratio:.1f} > {args.max_ratio}")
        if any(c not in (0, 1) for c in codes):
            failed.append(f"{name}: exit code {codes} (a crash or a usage error)")
    for line in failed:
        print(f"FAIL {line}", file=sys.stderr)
    return 1 if failed and args.enforce else 0


if __name__ == "__main__":
    sys.exit(main())
