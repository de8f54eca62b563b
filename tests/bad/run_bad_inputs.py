"""The bad-input suite (issue 9): every case of cases.json run against the
built profilec, in a fresh folder of its own, asserting the exact exit code,
that one exact line appears in stderr, and that no output appears where none
may.

Case fields:
  name      unique, a few words
  files     {relative path: content}; content is a string (written as UTF-8,
            may hold \\u escapes for control characters), or an object:
              {"hex": "..."}                  raw bytes
              {"generate": "kind", ...}       built at test time (big files,
                                              signed profiles, "sparse" files)
              {"symlink": "target"}, {"fifo": true}
              {"dir": true}                   an empty folder
              {"text": "...", "mode": 0}      chmod after writing (unreadable)
  args      the command line; "{pki}" is the folder of the test identity
            (cert.pem, key.pem, id.p12 with password "secret", other.pem)
  env       extra environment
  exit      the exact exit code
  line      one exact line of the output (stderr, then stdout)
  absent    paths (relative to the case folder) that must not exist after
  needs_non_root  skipped when run as root (who reads any file)
  needs_memory_limit  skipped when PROFILEC_NO_MEMORY_LIMIT=1 (set by ctest
            for sanitizer builds, which set no memory limit)

Environment: PROFILEC (the binary). With --record, prints what each case
actually does instead of asserting (to write or review the manifest).
"""

import json
import os
import pathlib
import plistlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
PROFILEC = os.environ.get("PROFILEC", "profilec")

SIMPLE_POLICY = """\
[profile]
id = "com.example.bad"
name = "Bad"

[payload.restrictions]
type = "com.apple.applicationaccess"
allowCamera = false
"""


def simple_profile():
    return plistlib.dumps({
        "PayloadType": "Configuration", "PayloadVersion": 1,
        "PayloadIdentifier": "com.example.bad", "PayloadUUID": "6F1E3C1A-3E36-4B71-9F5B-1E2C6C7B0A11",
        "PayloadDisplayName": "Bad",
        "PayloadContent": [{
            "PayloadType": "com.apple.applicationaccess", "PayloadVersion": 1,
            "PayloadIdentifier": "com.example.bad.r", "PayloadUUID": "0B7D8E52-37A4-4C0E-8D53-6C1B1F2D3E44",
            "allowCamera": False}]})


def generate(spec, pki):
    kind = spec["generate"]
    n = spec.get("n", 0)
    if kind == "deep_toml_array":
        return (SIMPLE_POLICY + "x = " + "[" * n + "]" * n + "\n").encode()
    if kind == "deep_toml_table":
        return (SIMPLE_POLICY + "x = " + "{ a = " * n + "1" + " }" * n + "\n").encode()
    if kind == "deep_plist_array":
        return (b'<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n'
                + b"<array>" * n + b"</array>" * n + b"\n</plist>\n")
    if kind == "deep_plist_dict":
        return (b'<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n'
                + b"<dict><key>k</key>" * n + b"<true/>" + b"</dict>" * n + b"\n</plist>\n")
    if kind == "profile":
        return simple_profile()
    if kind == "large_plist_array":  # n <true/> in one array: megabytes of values from a few of text
        return (b'<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict><key>PayloadType</key>'
                b'<string>Configuration</string><key>x</key><array>' + b"<true/>" * n + b"</array></dict>\n</plist>\n")
    if kind == "large_toml_array":
        return (SIMPLE_POLICY + "x = [" + "1, " * n + "1]\n").encode()
    if kind == "deep_toml_frag":
        return ('[fragment]\ntype = "com.apple.applicationaccess"\n\n[keys]\nx = '
                + "[" * n + "]" * n + "\n").encode()
    if kind == "binary_profile":
        data = bytearray(plistlib.dumps(plistlib.loads(simple_profile()), fmt=plistlib.FMT_BINARY))
        # The 32-byte trailer: 6 unused, offset size, ref size, then three
        # big-endian 64-bit numbers: object count, top object, offset table.
        field = {"count": -24, "top": -16, "offset_table": -8}.get(spec.get("patch_trailer"))
        if field is not None:
            data[field:field + 8 if field + 8 < 0 else None] = (2**62).to_bytes(8, "big")
        if "truncate" in spec:
            data = data[:spec["truncate"]]
        return bytes(data)
    if kind == "signed_profile" or kind == "signed_flipped":
        with tempfile.TemporaryDirectory() as tmp:
            src, out = pathlib.Path(tmp, "p.mobileconfig"), pathlib.Path(tmp, "s.mobileconfig")
            src.write_bytes(simple_profile())
            r = subprocess.run([PROFILEC, "sign", str(src), "-o", str(out), "--sign-cert", str(pki / "cert.pem"),
                                "--sign-key", str(pki / "key.pem")], capture_output=True, text=True)
            if r.returncode != 0:
                raise RuntimeError("cannot sign the fixture: " + r.stderr)
            data = bytearray(out.read_bytes())
        if kind == "signed_flipped":
            at = data.find(b"allowCamera")  # inside the signed content
            data[at] ^= 0x01
        if "truncate" in spec:
            data = data[:spec["truncate"]]
        return bytes(data)
    raise ValueError("unknown generator " + kind)


def make_pki(folder):
    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True)
    subj = ["-subj", "/CN=profilec bad-input test"]
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(folder / "key.pem"),
            "-out", str(folder / "cert.pem"), "-days", "3650", *subj)
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(folder / "other-key.pem"),
            "-out", str(folder / "other.pem"), "-days", "3650", *subj)
    openssl("pkcs12", "-export", "-in", str(folder / "cert.pem"), "-inkey", str(folder / "key.pem"),
            "-out", str(folder / "id.p12"), "-passout", "pass:secret")


def materialise(root, files, pki):
    modes = []
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_bytes(content.encode("utf-8", "surrogatepass"))
            continue
        if content.get("dir"):
            path.mkdir(exist_ok=True)
        elif "symlink" in content:
            path.symlink_to(content["symlink"])
        elif content.get("fifo"):
            os.mkfifo(path)
        elif "hex" in content:
            path.write_bytes(bytes.fromhex(content["hex"]))
        elif "generate" in content:
            if content["generate"] == "sparse":
                with open(path, "wb") as f:
                    f.truncate(content["size"])
            else:
                path.write_bytes(generate(content, pki))
        elif "text" in content:
            path.write_bytes(content["text"].encode("utf-8"))
        if "mode" in content:
            modes.append((path, content["mode"]))
    for path, mode in modes:
        path.chmod(mode)
    return modes


def run_case(case, work, pki, record):
    root = work / case["name"].replace(" ", "_")
    root.mkdir()
    modes = materialise(root, case.get("files", {}), pki)
    args = [a.replace("{pki}", str(pki)) for a in case["args"]]
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "PROFILEC_NOW", "SOURCE_DATE_EPOCH")}
    env["NO_COLOR"] = "1"
    env.update(case.get("env", {}))
    result = subprocess.run([PROFILEC, *args], cwd=root, env=env, capture_output=True, timeout=120)
    for path, _ in modes:
        path.chmod(0o700 if path.is_dir() else 0o600)
    # The findings of verify go to stdout, everything else to stderr; paths
    # of the test identity are shown as {pki}.
    output = (result.stderr + result.stdout).decode("utf-8", "replace").replace(str(pki), "{pki}")
    lines = output.splitlines()
    if record:
        print(json.dumps({"name": case["name"], "exit": result.returncode, "stderr": lines[:6]}))
        return []
    problems = []
    if result.returncode != case["exit"]:
        problems.append(f"exit {result.returncode}, expected {case['exit']}")
    if case["line"] not in lines:
        problems.append(f"no line {case['line']!r}")
    if result.returncode < 0 or result.returncode > 4:  # 3: out of memory (the run's limit), 4: verify without --ca; clear results
        problems.append("crashed")
    for rel in case.get("absent", []):
        if (root / rel).exists():
            problems.append(f"{rel} exists")
    leftovers = [str(p.relative_to(root)) for p in root.rglob("*.tmp.*")]
    if leftovers:
        problems.append(f"temporary files left: {leftovers}")
    if problems:
        problems.insert(0, "stderr was:\n    " + "\n    ".join(lines))
    return problems


def main():
    record = "--record" in sys.argv
    only = [a for a in sys.argv[1:] if not a.startswith("--")]
    cases = json.loads((HERE / "cases.json").read_text())["cases"]
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    skipped = []
    if os.geteuid() == 0:
        # root reads files whatever their mode: those cases cannot fail here.
        skipped += [f"{sum(1 for c in cases if c.get('needs_non_root'))} need a user other than root"]
        cases = [c for c in cases if not c.get("needs_non_root")]
    if os.environ.get("PROFILEC_NO_MEMORY_LIMIT") == "1":
        # A sanitizer build reserves its shadow memory up front and sets no limit.
        skipped += [f"{sum(1 for c in cases if c.get('needs_memory_limit'))} need the memory limit, "
                    "which a sanitizer build does not set"]
        cases = [c for c in cases if not c.get("needs_memory_limit")]
    failed = 0
    with tempfile.TemporaryDirectory(prefix="profilec-bad-") as tmp:
        work = pathlib.Path(tmp)
        pki = work / "_pki"
        pki.mkdir()
        make_pki(pki)
        for case in cases:
            if only and not any(o in case["name"] for o in only):
                continue
            problems = run_case(case, work, pki, record)
            if problems:
                failed += 1
                print(f"FAIL {case['name']}: " + "\n  ".join(problems))
    print(f"{len(cases) - failed} of {len(cases)} bad-input cases pass"
          + (f" (skipped: {'; '.join(skipped)})" if skipped else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
