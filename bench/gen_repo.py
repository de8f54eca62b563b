#!/usr/bin/env python3
"""Generates a realistic policy repository of N policies for the benchmarks,
and, with --mobileconfig, the same profiles as .mobileconfig files written by
python3's plistlib (what the baselines work on).

Policies cycle through four kinds, as a tenant's set would: restrictions
(20-40 keys), passcode, WPA2 Wi-Fi, and a root certificate (~1.2 KB DER).
Identifiers differ per policy, so no two profiles collide."""

import argparse
import base64
import pathlib
import plistlib
import subprocess
import sys
import uuid

RESTRICTION_KEYS = [
    "allowAccountModification", "allowAddingGameCenterFriends", "allowAirDrop", "allowAppCellularDataModification",
    "allowAppInstallation", "allowAppRemoval", "allowAssistant", "allowAssistantWhileLocked", "allowBluetoothModification",
    "allowBookstore", "allowCamera", "allowCloudBackup", "allowCloudDocumentSync", "allowCloudPhotoLibrary",
    "allowDiagnosticSubmission", "allowEnterpriseAppTrust", "allowEraseContentAndSettings", "allowExplicitContent",
    "allowFingerprintForUnlock", "allowGameCenter", "allowInAppPurchases", "allowManagedAppsCloudSync",
    "allowMultiplayerGaming", "allowOpenFromManagedToUnmanaged", "allowOpenFromUnmanagedToManaged",
    "allowPassbookWhileLocked", "allowPasscodeModification", "allowSafari", "allowScreenShot",
    "allowSharedStream", "allowUIConfigurationProfileInstallation", "allowUntrustedTLSPrompt", "allowVideoConferencing",
    "allowWallpaperModification", "allowDefinitionLookup", "allowDictation", "forceEncryptedBackup", "forceAirDropUnmanaged",
    "forceWatchWristDetection", "allowActivityContinuation",
]


def make_certificate(path):
    """One RSA-2048 root certificate (~1.2 KB DER), made once with openssl."""
    key = path.with_suffix(".key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "7300", "-keyout", str(key),
                    "-out", str(path.with_suffix(".pem")), "-subj",
                    "/C=US/O=Bench Corp/OU=Infrastructure/CN=Bench Corp Internal Root Certification Authority G2"],
                   check=True, capture_output=True)
    der = subprocess.run(["openssl", "x509", "-in", str(path.with_suffix(".pem")), "-outform", "DER"], check=True,
                         capture_output=True).stdout
    path.write_bytes(der)
    key.unlink()
    return der


def policy(i, cert_name):
    kind = i % 4
    head = f'[profile]\nid = "com.bench.p{i}"\nname = "Bench policy {i}"\norganization = "Bench Corp"\n\n'
    head += '[target]\nplatforms = { iOS = "17.0" }\nsupervised = true\n\n'
    if kind == 0:
        count = 20 + i % 21
        keys = "".join(f"{k} = {'false' if n % 3 else 'true'}\n" for n, k in enumerate(RESTRICTION_KEYS[:count]))
        return head + '[payload.restrictions]\ntype = "com.apple.applicationaccess"\n' + keys
    if kind == 1:
        return head + ('[payload.passcode]\ntype = "com.apple.mobiledevice.passwordpolicy"\nforcePIN = true\n'
                       f'minLength = 8\nmaxFailedAttempts = 10\nmaxInactivity = 5\nrequireAlphanumeric = true\n')
    if kind == 2:
        return head + ('[payload.wifi]\ntype = "com.apple.wifi.managed"\n'
                       f'SSID_STR = "Bench-{i}"\nEncryptionType = "WPA2"\nAutoJoin = true\n'
                       f'Password = "bench-password-{i}"\n')
    return head + f'[payload.root]\ntype = "com.apple.security.root"\nPayloadContent = {{ file = "{cert_name}" }}\n'


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--mobileconfig", type=pathlib.Path, help="also write the profiles, made with plistlib")
    args = parser.parse_args()
    policies = args.out / "policies"
    policies.mkdir(parents=True, exist_ok=True)
    # The repository root: the policies' { file = "../root.cer" } lies above
    # their folder, inside the repository (docs/security.md).
    (args.out / "profilec.toml").write_text("")
    der = make_certificate(args.out / "root.cer")
    for i in range(args.count):
        (policies / f"p{i:05}.toml").write_text(policy(i, "../root.cer"))
    if args.mobileconfig:
        write_mobileconfigs(args.count, der, args.mobileconfig)


def plist_of(i, der):
    """The same profile as policy(i), as plistlib data."""
    kind = i % 4
    ident = f"com.bench.p{i}"
    if kind == 0:
        payload = {k: not bool(n % 3) for n, k in enumerate(RESTRICTION_KEYS[:20 + i % 21])}
        ptype = "com.apple.applicationaccess"
    elif kind == 1:
        payload = {"forcePIN": True, "minLength": 8, "maxFailedAttempts": 10, "maxInactivity": 5,
                   "requireAlphanumeric": True}
        ptype = "com.apple.mobiledevice.passwordpolicy"
    elif kind == 2:
        payload = {"SSID_STR": f"Bench-{i}", "EncryptionType": "WPA2", "AutoJoin": True,
                   "Password": f"bench-password-{i}"}
        ptype = "com.apple.wifi.managed"
    else:
        payload = {"PayloadContent": der}
        ptype = "com.apple.security.root"
    payload.update({"PayloadType": ptype, "PayloadVersion": 1, "PayloadIdentifier": f"{ident}.payload",
                    "PayloadUUID": str(uuid.uuid5(uuid.NAMESPACE_DNS, ident + ".payload")).upper()})
    return {"PayloadType": "Configuration", "PayloadVersion": 1, "PayloadIdentifier": ident,
            "PayloadUUID": str(uuid.uuid5(uuid.NAMESPACE_DNS, ident)).upper(), "PayloadDisplayName": f"Bench policy {i}",
            "PayloadOrganization": "Bench Corp", "PayloadContent": [payload]}


def write_mobileconfigs(count, der, out):
    out.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        with (out / f"p{i:05}.mobileconfig").open("wb") as f:
            plistlib.dump(plist_of(i, der), f)


if __name__ == "__main__":
    sys.exit(main())
