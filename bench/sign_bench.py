#!/usr/bin/env python3
"""Signing throughput (issue 6): profilec's in-process CMS signing against
the per-file `openssl smime` pipeline, python3-cryptography's in-process
PKCS#7 signing and `openssl speed`'s raw signature rate, for RSA-2048 and
ECDSA P-256, in one run on one machine. Prints a Markdown table of medians.

    bench/sign_bench.py [--profiles 1000] [--repeat 3] [--profilec build/profilec]
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

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import gen_repo  # noqa: E402

KEYS = {"RSA-2048": ["-newkey", "rsa:2048"], "ECDSA P-256": ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]}
SPEED = {"RSA-2048": "rsa2048", "ECDSA P-256": "ecdsap256"}

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


def timed(cmd, **kw):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - start


def openssl_speed(name, multi=None):
    args = ["openssl", "speed", "-seconds", "2"] + (["-multi", str(multi)] if multi else []) + [SPEED[name]]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    # "rsa 2048 bits 0.000543s 0.000016s   1841.6  62500.0" / "256 bits ecdsa (nistp256)   0.0000s ... sign/s verify/s"
    for line in text.splitlines():
        if ("rsa" in line and "2048 bits" in line and "s" in line) or ("nistp256" in line and "ecdsa" in line):
            numbers = re.findall(r"\d+\.\d+", line)
            if len(numbers) >= 4:
                return float(numbers[2])
    raise RuntimeError("cannot read openssl speed output:\n" + text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profilec", default=str(HERE.parent / "build" / "profilec"))
    args = parser.parse_args()
    n = args.profiles
    cores = os.cpu_count() or 1
    work = pathlib.Path(tempfile.mkdtemp(prefix="profilec-signbench-"))
    try:
        repo = work / "repo"
        subprocess.run([sys.executable, str(HERE / "gen_repo.py"), str(n), str(repo), "--mobileconfig",
                        str(work / "plain")], check=True)
        rows = []
        for name, newkey in KEYS.items():
            cert, key = work / f"{name[:3]}.pem", work / f"{name[:3]}.key"
            subprocess.run(["openssl", "req", "-x509", *newkey, "-nodes", "-days", "365", "-subj", "/CN=bench signer",
                            "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
            ours = {}
            for jobs in sorted({1, cores}):
                times = []
                for _ in range(args.repeat):
                    out = work / "out"
                    shutil.rmtree(out, ignore_errors=True)
                    times.append(timed([args.profilec, "build", str(repo), "-o", str(out), "--sign", "--sign-cert",
                                        str(cert), "--sign-key", str(key), "-j", str(jobs), "-q"]))
                ours[jobs] = statistics.median(times)
            unsigned = []
            for _ in range(args.repeat):
                shutil.rmtree(work / "out", ignore_errors=True)
                unsigned.append(timed([args.profilec, "build", str(repo), "-o", str(work / "out"), "-q"]))
            compile_only = statistics.median(unsigned)
            baseline_out = work / "baseline"
            shutil.rmtree(baseline_out, ignore_errors=True)
            baseline_out.mkdir()
            baseline = float(subprocess.run(
                ["/usr/bin/python3", "-c", PLISTLIB_PIPELINE, str(n), str(repo / "root.cer"), str(cert), str(key),
                 str(HERE), str(baseline_out)], check=True, capture_output=True, text=True).stdout)
            crypto_out = work / "crypto"
            shutil.rmtree(crypto_out, ignore_errors=True)
            crypto_out.mkdir()
            cryptography = statistics.median(float(subprocess.run(
                ["/usr/bin/python3", "-c", CRYPTOGRAPHY_SIGNER, str(cert), str(key), str(work / "plain"),
                 str(crypto_out)], check=True, capture_output=True, text=True).stdout) for _ in range(args.repeat))
            raw1 = openssl_speed(name)
            raw_all = openssl_speed(name, cores) if cores > 1 else raw1
            rows.append((name, n, baseline, cryptography, compile_only, ours, raw1, raw_all))
        cores_label = f"-j {cores}"
        print(f"{n} profiles, {cores} cores, medians of {args.repeat} runs (the per-file baseline: 1 run)\n")
        print(f"| key | plistlib + `openssl smime` per file | python3-cryptography in-process | profilec build (no signing) "
              f"| profilec build --sign -j 1 | profilec build --sign {cores_label} | speed-up vs baseline "
              f"| `openssl speed` raw signs/s (1 core / {cores}) | profilec signs/s ({cores_label}) |")
        print("|---|---|---|---|---|---|---|---|---|")
        for name, count, baseline, crypto, compile_only, ours, raw1, raw_all in rows:
            best = ours[max(ours)]
            print(f"| {name} | {baseline:.2f} s ({baseline / count * 1000:.1f} ms/profile) | {crypto:.3f} s "
                  f"| {compile_only:.3f} s | {ours[1]:.3f} s | {best:.3f} s | {baseline / best:.0f}x "
                  f"| {raw1:.0f} / {raw_all:.0f} | {count / best:.0f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
