#!/usr/bin/env python3
"""Generates N ordinary profiles as an MDM would hand them over (a
Restrictions payload with 20 keys and a Passcode payload, UUIDs pinned, made
with python3's plistlib) and imports them with `profilec import`: the
policies `import` writes, the input of issue 22's compile-cost figures
(docs/performance.md).

usage: gen_imported.py PROFILEC N OUT   (writes the profiles to OUT/mobileconfig/ and
the repository, profilec.toml and policies/, to OUT/repo/)"""

import pathlib
import plistlib
import subprocess
import sys
import uuid

import gen_repo


def profile(i):
    ident = f"com.example.imported.p{i}"
    restrictions = {k: not bool(n % 3) for n, k in enumerate(gen_repo.RESTRICTION_KEYS[:20])}
    passcode = {"forcePIN": True, "minLength": 8, "maxFailedAttempts": 10, "maxInactivity": 5,
                "requireAlphanumeric": True, "maxPINAgeInDays": 90}
    payloads = []
    for name, ptype, keys in (("restrictions", "com.apple.applicationaccess", restrictions),
                              ("passcode", "com.apple.mobiledevice.passwordpolicy", passcode)):
        keys.update({"PayloadType": ptype, "PayloadVersion": 1, "PayloadIdentifier": f"{ident}.{name}",
                     "PayloadUUID": str(uuid.uuid4()).upper(), "PayloadDisplayName": name.title()})
        payloads.append(keys)
    return {"PayloadType": "Configuration", "PayloadVersion": 1, "PayloadIdentifier": ident,
            "PayloadUUID": str(uuid.uuid4()).upper(), "PayloadDisplayName": f"Imported policy {i}",
            "PayloadOrganization": "Example Corp", "PayloadScope": "System", "PayloadRemovalDisallowed": True,
            "PayloadContent": payloads}


def main():
    profilec, count, out = sys.argv[1], int(sys.argv[2]), pathlib.Path(sys.argv[3])
    profiles = out / "mobileconfig"
    profiles.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        with (profiles / f"p{i:05}.mobileconfig").open("wb") as f:
            plistlib.dump(profile(i), f)
    (out / "repo").mkdir(exist_ok=True)
    (out / "repo" / "profilec.toml").write_text("")
    subprocess.run([profilec, "import", str(profiles), "-o", str(out / "repo" / "policies")], check=True, stdout=subprocess.DEVNULL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
