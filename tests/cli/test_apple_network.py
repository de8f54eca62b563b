"""End-to-end tests of the rules that protect Apple's hosts (PC5009, PC5010).

Profiles are written with python3's plistlib, independent of profilec; the
findings are read from --format json. A warning alone keeps exit 0; [rules]
can make it an error (exit 1). A firewall profile must stay quiet.
"""
import json
import os
import plistlib
import subprocess
import unittest

from e2e_support import TempDirCase

PROFILEC = os.environ["PROFILEC"]


def run(*args, cwd):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    return subprocess.run([PROFILEC, *args], capture_output=True, env=env, cwd=cwd, timeout=120)


def profile(payload, identifier):
    payload = dict(payload, PayloadIdentifier=identifier + ".p", PayloadUUID="4B2D2F0C-5B1B-4C5E-9E1B-0A4C9F3E2D11",
                   PayloadVersion=1)
    return plistlib.dumps({
        "PayloadContent": [payload],
        "PayloadIdentifier": identifier,
        "PayloadType": "Configuration",
        "PayloadUUID": "0C6F2A51-2B9D-4F7B-8C4A-3E5D6F7A8B9C",
        "PayloadVersion": 1,
    })


DNS_POLICY = """\
[profile]
id = "com.example.dns"

[target]
platforms = { iOS = "17.0" }

[payload.dns]
type = "com.apple.dnsSettings.managed"
DNSSettings = { DNSProtocol = "HTTPS", ServerURL = "https://dns.corp.example.com/dns-query", SupplementalMatchDomains = ["corp.example.com", "apple.com"] }
"""


class AppleNetworkTest(TempDirCase):
    prefix = "profilec-apple-network-"

    def check(self, *args):
        result = run("--format", "json", "check", *args, cwd=self.tmp)
        self.assertIn(result.returncode, (0, 1), result.stderr)
        self.assertNotIn(b"internal error", result.stderr)
        return result, json.loads(result.stdout)["diagnostics"]

    def test_a_deny_list_entry_apple_com_is_a_located_warning(self):
        data = profile({"PayloadType": "com.apple.webcontent-filter", "FilterType": "BuiltIn",
                        "DenyListURLs": ["https://games.example.com", "apple.com"]}, "com.example.filter")
        self.write("filter.mobileconfig", data)
        result, findings = self.check("filter.mobileconfig", "--platform", "iOS:17.0", "--supervised")
        self.assertEqual(result.returncode, 0, findings)
        self.assertEqual([(d["code"], d["severity"]) for d in findings], [("PC5009", "warning")])
        line = data.decode().splitlines()[findings[0]["line"] - 1]
        self.assertIn("<string>apple.com</string>", line)
        self.assertIn("*.push.apple.com", findings[0]["message"])

    def test_a_firewall_that_blocks_incoming_connections_is_quiet(self):
        self.write("firewall.mobileconfig", profile({
            "PayloadType": "com.apple.security.firewall", "EnableFirewall": True, "BlockAllIncoming": True,
            "EnableStealthMode": True}, "com.example.firewall"))
        result, findings = self.check("firewall.mobileconfig", "--platform", "macOS:14.0")
        self.assertEqual(result.returncode, 0, findings)
        self.assertEqual(findings, [])

    def test_dns_match_domain_warns_and_rules_can_make_it_an_error(self):
        self.write("policies/dns.toml", DNS_POLICY)
        result, findings = self.check("policies/dns.toml")
        self.assertEqual(result.returncode, 0, findings)
        self.assertEqual([(d["code"], d["line"]) for d in findings], [("PC5010", 9)])
        self.assertIn("https://dns.corp.example.com/dns-query", findings[0]["message"])
        self.write("profilec.toml", '[rules]\ndns-routes-apple-domains = "error"\n')
        result, findings = self.check("policies/dns.toml")
        self.assertEqual(result.returncode, 1, findings)
        self.assertEqual([(d["code"], d["severity"]) for d in findings], [("PC5010", "error")])

    def test_explain_prints_the_pages(self):
        for code in ("PC5009", "filter-denies-apple-host", "PC5010"):
            result = run("explain", code, cwd=self.tmp)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn(b"## Why it matters", result.stdout)
            self.assertIn(b"apple-network.md", result.stdout)


if __name__ == "__main__":
    unittest.main()
