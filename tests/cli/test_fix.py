"""check --fix and check --diff (docs/cli.md#fixes-check---fix-and---diff):
the fixes the rules attach to their findings, written atomically or shown
as a unified diff. Each test runs the binary a few times on a small
repository in a temporary folder: the file takes about a second.
"""
import os
import stat
import subprocess
import tempfile
import unittest

PROFILEC = os.environ["PROFILEC"]

# A typo'd key (PC1002), quoted,
# a typo'd [profile] field (PC0003) and a typo'd payload type (PC1001).
POLICY = """\
[profile]
id = "com.example.fix"
nmae = "Fix me"

[payload.restrictions]
type = "com.apple.applicationacess"
x = { "é" = 1 }
"allowAirDorp" = false
"""

FIXED = """\
[profile]
id = "com.example.fix"
name = "Fix me"

[payload.restrictions]
type = "com.apple.applicationaccess"
x = { "é" = 1 }
allowAirDrop = false
"""


def run(cwd, *args):
    return subprocess.run([PROFILEC, *args], capture_output=True, text=True, cwd=cwd, timeout=120,
                          env={**os.environ, "NO_COLOR": "1"})


class FixTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="profilec-fix-")
        self.dir = self.tmp.name
        with open(os.path.join(self.dir, "profilec.toml"), "w", encoding="utf-8") as f:
            f.write("")
        self.policy = os.path.join(self.dir, "policy.toml")
        with open(self.policy, "w", encoding="utf-8") as f:
            f.write(POLICY)

    def tearDown(self):
        self.tmp.cleanup()

    def read(self):
        with open(self.policy, encoding="utf-8") as f:
            return f.read()

    def test_fix_rewrites_then_checks_again(self):
        # Two rounds: the payload type and the field, then the key the
        # known type brings under its schema.
        result = run(self.dir, "check", "--fix", "policy.toml")
        self.assertIn("fixed 3 findings in 1 file", result.stdout + result.stderr)
        self.assertEqual(self.read(), FIXED)
        # The re-check reports what remains: x is not a Restrictions key
        # and nothing is certain about it, so it stays.
        self.assertNotIn("nmae", result.stderr)
        self.assertNotIn("allowAirDorp", result.stderr)
        self.assertIn("'x'", result.stderr)
        # A second run changes nothing.
        again = run(self.dir, "check", "--fix", "policy.toml")
        self.assertNotIn("fixed", again.stdout + again.stderr)
        self.assertEqual(self.read(), FIXED)
        self.assertEqual(again.returncode, result.returncode)
        self.assertEqual(sorted(os.listdir(self.dir)), ["policy.toml", "profilec.toml"])  # no temporary file left

    def test_fix_leaves_a_clean_file_clean(self):
        with open(self.policy, "w", encoding="utf-8") as f:
            f.write(FIXED.replace('x = { "é" = 1 }\n', ""))
        result = run(self.dir, "check", "--fix", "policy.toml")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn("fixed", result.stdout + result.stderr)

    def test_diff_prints_the_edits_and_writes_nothing(self):
        # The first round's edits: allowAirDorp is checked (and fixed by
        # --fix) only once the payload type is known.
        result = run(self.dir, "check", "--diff", "policy.toml")
        self.assertEqual(result.stdout, """\
--- policy.toml
+++ policy.toml
@@ -1,8 +1,8 @@
 [profile]
 id = "com.example.fix"
-nmae = "Fix me"
+name = "Fix me"
 
 [payload.restrictions]
-type = "com.apple.applicationacess"
+type = "com.apple.applicationaccess"
 x = { "é" = 1 }
 "allowAirDorp" = false
""")
        self.assertEqual(result.returncode, 1)  # check's: the file as it is has errors
        self.assertEqual(self.read(), POLICY)

    def test_diff_and_fix_exclude_each_other(self):
        result = run(self.dir, "check", "--diff", "--fix", "policy.toml")
        self.assertEqual(result.returncode, 2)
        self.assertEqual(self.read(), POLICY)

    def test_a_read_only_file_is_refused_whole(self):
        os.chmod(self.policy, stat.S_IRUSR | stat.S_IRGRP)
        result = run(self.dir, "check", "--fix", "policy.toml")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("policy.toml", result.stderr)
        self.assertIn("read-only", result.stderr)
        self.assertEqual(self.read(), POLICY)
        self.assertEqual(sorted(os.listdir(self.dir)), ["policy.toml", "profilec.toml"])

    def test_a_mobileconfig_is_never_rewritten(self):
        path = os.path.join(self.dir, "p.mobileconfig")
        text = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
<key>PayloadContent</key><array><dict>
<key>PayloadType</key><string>com.apple.applicationaccess</string>
<key>PayloadIdentifier</key><string>a.b</string>
<key>PayloadUUID</key><string>9A7D3D5E-1E0B-4B7B-9C1F-0B8F8B2B7C11</string>
<key>PayloadVersion</key><integer>1</integer>
<key>allowAirDorp</key><false/>
</dict></array>
<key>PayloadIdentifier</key><string>a</string>
<key>PayloadType</key><string>Configuration</string>
<key>PayloadUUID</key><string>1A7D3D5E-1E0B-4B7B-9C1F-0B8F8B2B7C11</string>
<key>PayloadVersion</key><integer>1</integer>
</dict></plist>
"""
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        result = run(self.dir, "check", "--fix", "p.mobileconfig")
        self.assertIn("allowAirDorp", result.stderr)  # reported
        self.assertNotIn("fixed", result.stdout + result.stderr)
        with open(path, encoding="utf-8") as f:
            self.assertEqual(f.read(), text)


if __name__ == "__main__":
    unittest.main()
