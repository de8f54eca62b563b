#!/usr/bin/env python3
"""profilec against the tools an admin would use instead (issue 9), in one
run on one machine. Prints Markdown tables of medians and ratios, each row
with its target and whether this run met it; docs/performance.md records a
run.

    bench/run_bench.py [--profilec build/profilec] [--sizes 100,1000,10000] [--repeat 5] [--out FILE]

Every repository comes from bench/gen_repo.py (restrictions with 20-40 keys,
passcode, WPA2 Wi-Fi, a root certificate of 1.2 KB DER, in turn), and the
same profiles as .mobileconfig files written by python3's plistlib: what the
baselines work on.

The jobs (times are wall clock, whole processes, start-up included):
  sign     compile + sign 1,000 profiles, RSA-2048 and ECDSA P-256: profilec
           build --sign against plistlib + one `openssl smime` per file,
           python3-cryptography's PKCS#7 signing in one process, and
           `openssl speed`'s raw signature rate on the same cores
  hook     check one policy (a pre-commit call) against a plistlib parse of
           one profile
  repo     check 10,000 policies (conflict analysis included) against a
           plistlib parse of the 10,000 profiles; peak RSS
  fix      check --fix against check on 10,000 policies: nothing to fix,
           and 1 % of the files fixed (issue 18)
  scaling  check, build and build --sign at each size
  lsp      `profilec lsp`: diagnostics after an edit and completion in a
           1,000-line policy of a 1,000-policy repository, against `check`
           after each save (issue 18; bench/lsp_bench.py, also runnable alone)
"""

import argparse
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import lsp_bench

HERE = pathlib.Path(__file__).resolve().parent
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable

KEYS = {"RSA-2048": ["-newkey", "rsa:2048"], "ECDSA P-256": ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]}
SPEED = {"RSA-2048": "rsa2048", "ECDSA P-256": "ecdsap256"}

# Each baseline program times itself and prints seconds (its own start-up
# excluded, so the baselines are not charged for python3's start).
CRYPTOGRAPHY_SIGNER = r"""
import pathlib, sys, time
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7
cert = x509.load_pem_x509_certificate(pathlib.Path(sys.argv[1]).read_bytes())
key = serialization.load_pem_private_key(pathlib.Path(sys.argv[2]).read_bytes(), None)
files = sorted(pathlib.Path(sys.argv[3]).glob("*.mobileconfig"))
out = pathlib.Path(sys.argv[4])
start = time.perf_counter()
for f in files:
    der = (pkcs7.PKCS7SignatureBuilder().set_data(f.read_bytes()).add_signer(cert, key, hashes.SHA256())
           .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary]))
    (out / f.name).write_bytes(der)
print(time.perf_counter() - start)
"""

PLISTLIB_PIPELINE = r"""
import pathlib, plistlib, subprocess, sys, time
sys.path.insert(0, sys.argv[5])
import gen_repo
count, der = int(sys.argv[1]), pathlib.Path(sys.argv[2]).read_bytes()
cert, key, out = sys.argv[3], sys.argv[4], pathlib.Path(sys.argv[6])
start = time.perf_counter()
for i in range(count):
    plain = out / f"p{i:05}.plist"
    with plain.open("wb") as f:
        plistlib.dump(gen_repo.plist_of(i, der), f)
    subprocess.run(["openssl", "smime", "-sign", "-nodetach", "-binary", "-outform", "der", "-in", str(plain),
                    "-signer", cert, "-inkey", key, "-out", str(out / f"p{i:05}.mobileconfig")], check=True)
print(time.perf_counter() - start)
"""

PLISTLIB_PARSE_ALL = r"""
import pathlib, plistlib, sys, time
start = time.perf_counter()
for f in sorted(pathlib.Path(sys.argv[1]).glob("*.mobileconfig")):
    with f.open("rb") as fp:
        plistlib.load(fp)
print(time.perf_counter() - start)
"""


def run(cmd, expect=(0,)):
    """Wall seconds and peak RSS (MiB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if code not in expect:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {code}:\n{err[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def median_run(cmd, repeat):
    times, rss = [], []
    for _ in range(repeat):
        t, m = run(cmd)
        times.append(t)
        rss.append(m)
    return statistics.median(times), max(rss)


def self_timed(program, *args):
    out = subprocess.run([PYTHON, "-c", program, *map(str, args)], check=True, capture_output=True, text=True)
    return float(out.stdout)


def openssl_speed(name, multi):
    args = ["openssl", "speed", "-seconds", "3"] + (["-multi", str(multi)] if multi > 1 else []) + [SPEED[name]]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    # "rsa 2048 bits 0.000543s 0.000016s   1841.6  62500.0" /
    # " 256 bits ecdsa (nistp256)   0.0000s   0.0001s  45000.0  15000.0"
    for line in text.splitlines():
        if ("rsa" in line and "2048 bits" in line) or ("nistp256" in line and "ecdsa" in line):
            numbers = re.findall(r"\d+\.\d+", line)
            if len(numbers) >= 4:
                return float(numbers[2])
    raise RuntimeError("cannot read openssl speed output:\n" + text)


def verdict(ok):
    return "met" if ok else "**missed**"


class Bench:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.profilec = str(pathlib.Path(args.profilec).resolve())
        self.cores = os.cpu_count() or 1
        self.repos = {}
        self.lines = []
        self.folders = 0

    def say(self, text=""):
        print(text, flush=True)
        self.lines.append(text)

    def repo(self, n):
        """(policy repository, folder of the same profiles made by plistlib)"""
        if n not in self.repos:
            repo, plain = self.work / f"repo{n}", self.work / f"plain{n}"
            subprocess.run([PYTHON, str(HERE / "gen_repo.py"), str(n), str(repo), "--mobileconfig", str(plain)],
                           check=True)
            self.repos[n] = (repo, plain)
        return self.repos[n]

    def identity(self, name):
        cert, key = self.work / f"{name[:3]}.pem", self.work / f"{name[:3]}.key"
        if not cert.exists():
            subprocess.run(["openssl", "req", "-x509", *KEYS[name], "-nodes", "-days", "365", "-subj",
                            "/CN=bench signer", "-keyout", str(key), "-out", str(cert)], check=True,
                           capture_output=True)
        return cert, key

    def fresh_folder(self):
        """A new, empty output folder. Outputs are deleted only at the end:
        creating thousands of files right after deleting thousands makes
        ext4's inode allocator slow (it skips recently deleted inodes), for
        every tool alike."""
        self.folders += 1
        path = self.work / "out" / str(self.folders)
        path.mkdir(parents=True)
        return path

    def build(self, n, sign=None, jobs=None):
        repo, _ = self.repo(n)
        times, rss = [], []
        for _ in range(self.args.repeat):
            cmd = [self.profilec, "build", str(repo / "policies"), "-o", str(self.fresh_folder()), "-q"]
            if sign:
                cert, key = self.identity(sign)
                cmd += ["--sign", "--sign-cert", str(cert), "--sign-key", str(key)]
            if jobs:
                cmd += ["-j", str(jobs)]
            t, m = run(cmd)
            times.append(t)
            rss.append(m)
        return statistics.median(times), max(rss)

    def check(self, n, jobs=None):
        repo, _ = self.repo(n)
        cmd = [self.profilec, "check", str(repo / "policies"), "-q"] + (["-j", str(jobs)] if jobs else [])
        return median_run(cmd, self.args.repeat)

    def sign_jobs(self):
        n = 1000
        repo, plain = self.repo(n)
        self.say(f"### Compile + sign {n:,} profiles\n")
        self.say(f"| key | plistlib + `openssl smime` per file | python3-cryptography, one process (sign only) "
                 f"| `openssl speed` raw signatures, {self.cores} cores | profilec build (no signing) "
                 f"| profilec build --sign -j 1 | profilec build --sign | vs per file | vs raw signing |")
        self.say("|---|---|---|---|---|---|---|---|---|")
        targets = []
        for name in KEYS:
            cert, key = self.identity(name)
            baseline = statistics.median(
                self_timed(PLISTLIB_PIPELINE, n, repo / "root.cer", cert, key, HERE, self.fresh_folder())
                for _ in range(self.args.baseline_repeat))
            crypto = statistics.median(self_timed(CRYPTOGRAPHY_SIGNER, cert, key, plain, self.fresh_folder())
                                       for _ in range(self.args.baseline_repeat))
            raw_rate = openssl_speed(name, self.cores)
            raw = n / raw_rate
            unsigned, _ = self.build(n)
            serial, _ = self.build(n, sign=name, jobs=1)
            ours, _ = self.build(n, sign=name)
            self.say(f"| {name} | {baseline:.2f} s ({baseline / n * 1000:.1f} ms a profile) | {crypto:.3f} s "
                     f"| {raw:.3f} s ({raw_rate:,.0f}/s) | {unsigned:.3f} s | {serial:.3f} s | {ours:.3f} s "
                     f"| {baseline / ours:.1f}x | {ours / raw:.2f}x |")
            wanted = 20 if name.startswith("RSA") else 50
            targets.append((f"compile + sign {n:,}, {name}: >= {wanted}x the per-file baseline",
                            f"{baseline / ours:.1f}x", baseline / ours >= wanted))
            if name.startswith("RSA"):
                targets.append((f"compile + sign {n:,}, {name}: within 1.5x of `openssl speed` on {self.cores} cores",
                                f"{ours / raw:.2f}x", ours / raw <= 1.5))
            targets.append((f"compile + sign {n:,}, {name}: faster than python3-cryptography signing alone",
                            f"{ours:.3f} s vs {crypto:.3f} s", ours < crypto))
        self.say()
        return targets

    def hook_job(self):
        repo, plain = self.repo(1000)
        policy = repo / "policies" / "p00000.toml"
        profile = plain / "p00000.mobileconfig"
        ours, _ = median_run([self.profilec, "check", str(policy)], self.args.hook_repeat)
        parse, _ = median_run([PYTHON, "-c", "import plistlib,sys; plistlib.load(open(sys.argv[1], 'rb'))",
                               str(profile)], self.args.hook_repeat)
        self.say("### One policy (a pre-commit call), start-up included\n")
        self.say("| profilec check (one restrictions policy, 20 keys) | python3 plistlib parse of the profile | ratio |")
        self.say("|---|---|---|")
        self.say(f"| {ours * 1000:.1f} ms | {parse * 1000:.1f} ms | {parse / ours:.1f}x |")
        self.say()
        return [("check 1 policy: < 10 ms wall", f"{ours * 1000:.1f} ms", ours < 0.010)]

    def repo_job(self, n):
        repo, plain = self.repo(n)
        ours, rss = self.check(n)
        serial, serial_rss = self.check(n, jobs=1)
        parse = statistics.median(self_timed(PLISTLIB_PARSE_ALL, plain) for _ in range(self.args.baseline_repeat))
        built, build_rss = self.build(n, sign="RSA-2048")
        self.say(f"### A repository of {n:,} policies\n")
        self.say(f"| profilec check ({self.cores} cores) | profilec check -j 1 | python3 plistlib parse only "
                 f"| vs parse | peak RSS check | peak RSS build --sign RSA |")
        self.say("|---|---|---|---|---|---|")
        self.say(f"| {ours:.3f} s | {serial:.3f} s | {parse:.3f} s | {parse / ours:.1f}x | {rss:.0f} MiB "
                 f"| {build_rss:.0f} MiB ({built:.2f} s) |")
        self.say()
        return [(f"check {n:,} policies: faster than the plistlib parse", f"{ours:.3f} s vs {parse:.3f} s",
                 ours < parse),
                (f"check {n:,} policies: < 2 s on {self.cores} cores", f"{ours:.3f} s", ours < 2.0),
                (f"peak RSS, {n:,} policies: < 300 MB", f"{max(rss, build_rss) * 1.048576:.0f} MB",
                 max(rss, build_rss) * 1.048576 < 300)]

    def fix_job(self, n):
        """check --fix against check on the same n policies (issue 18): on
        the clean repository (the steady state: nothing to fix), and with a
        key written in lower case in 1 % of the policies, on a fresh copy
        each run (the copy is not timed; --fix then writes those files and
        checks everything again)."""
        repo, _ = self.repo(n)
        plain_check, _ = self.check(n)
        fix_clean, _ = median_run([self.profilec, "check", str(repo / "policies"), "-q", "--fix"], self.args.repeat)
        typo_times = []
        for attempt in range(self.args.repeat):
            copy = self.work / "fix" / str(attempt)
            shutil.copytree(repo, copy)
            policies = sorted((copy / "policies").rglob("*.toml"))
            for path in policies[::100]:
                text = path.read_text()
                match = re.search(r"^(allow[A-Za-z]+) =", text, re.M)
                if match:
                    text = text[:match.start(1)] + match.group(1).lower() + text[match.end(1):]
                    path.write_text(text)
            typo_times.append(run([self.profilec, "check", str(copy / "policies"), "-q", "--fix"], expect=(0, 1))[0])
        fix_typos = statistics.median(typo_times)
        self.say(f"### check --fix on {n:,} policies\n")
        self.say("| profilec check | check --fix, nothing to fix | vs check | check --fix, 1 % of the files fixed "
                 "| vs check |")
        self.say("|---|---|---|---|---|")
        self.say(f"| {plain_check:.3f} s | {fix_clean:.3f} s | {fix_clean / plain_check:.2f}x | {fix_typos:.3f} s "
                 f"| {fix_typos / plain_check:.2f}x |")
        self.say()
        return [(f"check --fix on {n:,} policies (nothing to fix): within 20 % of check",
                 f"{fix_clean:.3f} s vs {plain_check:.3f} s", fix_clean <= 1.2 * plain_check)]

    def scaling(self, sizes):
        self.say("### Scaling (microseconds a policy in brackets)\n")
        self.say("| policies | check | build | build --sign RSA-2048 | build --sign ECDSA P-256 |")
        self.say("|---|---|---|---|---|")
        for n in sizes:
            cells = [self.check(n)[0], self.build(n)[0], self.build(n, sign="RSA-2048")[0],
                     self.build(n, sign="ECDSA P-256")[0]]
            self.say(f"| {n:,} | " + " | ".join(f"{t:.3f} s ({t / n * 1e6:.0f})" for t in cells) + " |")
        self.say()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profilec", default=str(HERE.parent / "build" / "profilec"))
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each profilec command (median)")
    parser.add_argument("--baseline-repeat", type=int, default=3, help="runs of each python3 baseline (median)")
    parser.add_argument("--hook-repeat", type=int, default=30, help="runs of the one-policy check (median)")
    parser.add_argument("--out", type=pathlib.Path, help="also write the tables to this file")
    parser.add_argument("--work-dir", type=pathlib.Path,
                        help="where the repositories and outputs go (default: the system's temporary folder); "
                             "/dev/shm keeps the file system's cost of creating thousands of files out of the figures")
    parser.add_argument("--enforce", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = pathlib.Path(tempfile.mkdtemp(prefix="profilec-bench-", dir=args.work_dir))
    try:
        bench = Bench(args, work)
        cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
                   "unknown CPU")
        fs = subprocess.run(["findmnt", "-n", "-o", "FSTYPE", "-T", str(work)], capture_output=True,
                            text=True).stdout.strip().split("\n")[0] or "an unknown file system"
        bench.say(f"## profilec bench, {time.strftime('%Y-%m-%d')}, {bench.cores} cores ({cpu}), files on {fs}\n")
        targets = bench.sign_jobs()
        targets += bench.hook_job()
        targets += bench.repo_job(max(sizes))
        targets += bench.fix_job(max(sizes))
        bench.scaling(sizes)
        targets += lsp_bench.measure(bench.profilec, work, bench.say)
        bench.say("### Targets (issues 9 and 18)\n")
        bench.say("| target | this run | |")
        bench.say("|---|---|---|")
        for what, figure, ok in targets:
            bench.say(f"| {what} | {figure} | {verdict(ok)} |")
        if args.out:
            args.out.write_text("\n".join(bench.lines) + "\n")
        return 1 if args.enforce and not all(ok for _, _, ok in targets) else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
