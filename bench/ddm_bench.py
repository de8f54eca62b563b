#!/usr/bin/env python3
"""A declaration repository of 1,000 declarations (issue 19): 200 policies of
five declarations each (passcode settings, a user identity asset, a mail
account naming it, a software update enforcement, an activation naming the
three configurations), checked by `profilec check` (wall clock and CPU time, the whole process,
start-up included). Prints the medians of --repeat runs and whether the wall
clock met the target (0.2 s); docs/performance.md records a run.

With --json, the same 1,000 declarations as declaration JSON files too (the
output of `profilec build` of that repository, one file per declaration,
docs/ddm.md "Declaration files"), and the same JSON files among 1,000
unrelated JSON files that `check` must look at and leave alone; the three
checks alternate within each repetition (paired runs).

    bench/ddm_bench.py [--profilec build/profilec] [--policies 200] [--repeat 5] [--json]
"""

import argparse
import pathlib
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_SECONDS = 0.2

POLICY = """\
[target]
platforms = {{ iOS = "17.0" }}

[declaration.passcode]
type = "com.apple.configuration.passcode.settings"
MinimumLength = {length}
RequireAlphanumericPasscode = true

[declaration.user]
type = "com.apple.asset.useridentity"
FullName = "User {i}"
EmailAddress = "user{i}@example.com"

[declaration.mail]
type = "com.apple.configuration.account.mail"
UserIdentityAssetReference = {{ declaration = "user" }}
IncomingServer = {{ ServerType = "IMAP", HostName = "imap.example.com", AuthenticationMethod = "None" }}
OutgoingServer = {{ HostName = "smtp.example.com", AuthenticationMethod = "None" }}

[declaration.update]
type = "com.apple.configuration.softwareupdate.enforcement.specific"
TargetOSVersion = "17.{minor}"
TargetLocalDateTime = "2030-01-01T09:00:00"

[declaration.activate]
type = "com.apple.activation.simple"
StandardConfigurations = [{{ declaration = "passcode" }}, {{ declaration = "mail" }}, {{ declaration = "update" }}]
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--profilec", default="build/profilec")
    ap.add_argument("--policies", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", action="store_true", help="also check the declarations as JSON files (paired)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="profilec-ddm-bench-") as tmp:
        repo = pathlib.Path(tmp)
        (repo / "profilec.toml").write_text("")
        for i in range(args.policies):
            (repo / f"policy-{i:04}.toml").write_text(POLICY.format(i=i, length=6 + i % 10, minor=i % 7))
        jobs = [(f"check, {args.policies * 5} declarations in {args.policies} policies", repo)]
        if args.json:
            out = pathlib.Path(tmp + "-json")
            r = subprocess.run([args.profilec, "build", str(repo), "-o", str(out)], capture_output=True, text=True)
            if r.returncode != 0:
                print(r.stdout + r.stderr, file=sys.stderr)
                return 1
            files = sorted(f for f in out.rglob("*.json") if f.parent.name.endswith(".declarations"))
            jobs.append((f"check, the same {len(files)} declarations as JSON files", out))
            mixed = pathlib.Path(tmp + "-mixed")
            for i, f in enumerate(files):
                (mixed / f.relative_to(out)).parent.mkdir(parents=True, exist_ok=True)
                (mixed / f.relative_to(out)).write_bytes(f.read_bytes())
                (mixed / "other" / f"{i:04}").mkdir(parents=True, exist_ok=True)
                (mixed / "other" / f"{i:04}" / "package.json").write_text(
                    '{"name": "app-%d", "version": "1.0.%d", "dependencies": {"left-pad": "^1.3.0"}}\n' % (i, i))
            jobs.append((f"check, those {len(files)} JSON files and {len(files)} unrelated JSON files", mixed))
        times = {label: [] for label, _ in jobs}
        cpu = {label: [] for label, _ in jobs}
        try:
            for _ in range(args.repeat):
                for label, folder in jobs:
                    before = resource.getrusage(resource.RUSAGE_CHILDREN)
                    start = time.perf_counter()
                    r = subprocess.run([args.profilec, "check", str(folder)], capture_output=True, text=True)
                    times[label].append(time.perf_counter() - start)
                    after = resource.getrusage(resource.RUSAGE_CHILDREN)
                    cpu[label].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
                    if r.returncode != 0 or r.stdout:
                        print(r.stdout + r.stderr, file=sys.stderr)
                        return 1
        finally:
            for extra in ("-json", "-mixed"):
                shutil.rmtree(tmp + extra, ignore_errors=True)
    for label, _ in jobs:
        median = statistics.median(times[label])
        met = "yes" if median < TARGET_SECONDS else "NO"
        # CPU time (user + system) too: on a machine busy with other work the
        # wall clock measures the wait for a core as well.
        print(f"| {label} | {median:.3f} s wall, {statistics.median(cpu[label]):.3f} s CPU | < {TARGET_SECONDS} s "
              f"| {met} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
