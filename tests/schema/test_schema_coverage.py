"""Every payload type and every key of Apple's upstream YAML, at every depth,
is known to the built profilec binary, with the same type, presence, allowed
values and default; and each key's platform facts, resolved by this test's
own reading of the upstream inheritance rule, equal the binary's.

Walks the upstream YAML itself (PyYAML) and asks the binary through
`profilec schema show TYPE --format json`: no counts are hard-coded.
"""
import collections
import json
import os
import pathlib
import subprocess
import sys
import unittest

import yaml

PROFILEC = os.environ["PROFILEC"]
UPSTREAM = pathlib.Path(os.environ.get("PROFILEC_UPSTREAM", ""))
FACTS = ["introduced", "deprecated", "removed", "multiple", "supervised", "devicechannel", "userchannel",
         "requiresdep", "userapprovedmdm", "allowmanualinstall"]
PLATFORMS = ["iOS", "macOS", "tvOS", "visionOS", "watchOS"]


def flatten(facts):
    """Upstream nests sharedipad/userenrollment; the binary flattens them."""
    out = {}
    for name, value in (facts or {}).items():
        if isinstance(value, dict):
            for sub, v in value.items():
                out[f"{name}_{sub}"] = v
        else:
            out[name] = value
    return out


def resolve(levels, platform):
    """The upstream rule: each level overrides the facts it states."""
    facts, stated = {}, False
    for level in levels:
        entry = (level or {}).get(platform)
        if entry is None:
            continue
        stated = True
        facts.update(flatten(entry))
    return facts if stated else None


def scalar(v):
    return str(v) if isinstance(v, str) else v


def show(payload_type):
    result = subprocess.run([PROFILEC, "schema", "show", payload_type, "--format", "json"],
                            capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise AssertionError(f"profilec schema show {payload_type}: {result.stderr}")
    return json.loads(result.stdout)


@unittest.skipUnless((UPSTREAM / "profiles").is_dir(), "upstream data not found (set PROFILEC_UPSTREAM)")
class SchemaCoverageTest(unittest.TestCase):
    def setUp(self):
        self.by_type = collections.defaultdict(list)
        for path in sorted((UPSTREAM / "profiles").glob("*.yaml")):
            with path.open() as fh:
                data = yaml.safe_load(fh)
            self.by_type[data["payload"]["payloadtype"]].append((path.name, data))

    def test_every_type_and_key_is_known_with_the_same_facts(self):
        self.assertGreater(len(self.by_type), 0)
        keys_compared = 0
        for payload_type, files in sorted(self.by_type.items()):
            shown = show(payload_type)
            self.assertEqual(shown["payloadtype"], payload_type)
            groups = {g["file"]: g for g in shown["groups"]}
            for file_name, data in files:
                with self.subTest(file=file_name):
                    self.assertIn(file_name, groups, f"{payload_type}: no group for {file_name}")
                    payload_os = data["payload"].get("supportedOS")
                    keys_compared += self.compare_keys(
                        f"{payload_type}", data.get("payloadkeys") or [], groups[file_name]["keys"],
                        shown["types"], [payload_os], set())
        print(f"\n{len(self.by_type)} payload types, {keys_compared} key uses compared", file=sys.stderr)

    def compare_keys(self, where, yaml_keys, shown_keys, types, levels, visiting):
        self.assertEqual([k["key"] for k in yaml_keys], [k["name"] for k in shown_keys], where)
        count = 0
        for yk, sk in zip(yaml_keys, shown_keys):
            path = f"{where}.{yk['key']}"
            count += 1
            self.assertEqual(yk["type"].strip("<>"), sk["type"], path)
            if "presence" in yk:
                self.assertEqual(yk["presence"], sk.get("presence"), path)
            if "rangelist" in yk:
                self.assertEqual([scalar(v) for v in yk["rangelist"]], sk.get("rangelist"), path)
            if "default" in yk and yk["type"] in ("<string>", "<integer>", "<real>", "<boolean>"):
                self.assertEqual(scalar(yk["default"]), sk.get("default"), path)
            key_levels = levels + [yk.get("supportedOS")]
            if "platforms" in sk:  # keys reached through a named type are resolved at their place of use
                for platform in PLATFORMS:
                    expected = resolve(key_levels, platform)
                    got = sk["platforms"].get(platform)
                    if expected is None:
                        self.assertIsNone(got, f"{path} on {platform}")
                        continue
                    self.assertIsNotNone(got, f"{path} on {platform}")
                    for fact in FACTS:
                        if fact in expected:
                            self.assertEqual(str(expected[fact]) if fact in ("introduced", "deprecated", "removed")
                                             else expected[fact], got.get(fact), f"{path} {platform} {fact}")
                    for fact in ("sharedipad_mode", "userenrollment_mode"):
                        if fact in expected:
                            self.assertEqual(expected[fact], got.get(fact), f"{path} {platform} {fact}")
            sub = yk.get("subkeys")
            if sub:
                if id(sub) in visiting:  # a recursive structure: already being compared
                    continue
                shown_sub = types[sk["subkeys_type"]] if "subkeys_type" in sk else sk.get("subkeys")
                self.assertIsNotNone(shown_sub, f"{path} has no subkeys in profilec")
                # Keys inside a named type carry no resolved facts; their levels stop here.
                count += self.compare_keys(path, sub, shown_sub, types, key_levels, visiting | {id(sub)})
        return count



# Declarations' lists of enrollments and scopes, one boolean fact per value.
LIST_FACTS = {"allowed-enrollments": ("enrollment", ["supervised", "device", "user", "local"]),
              "allowed-scopes": ("scope", ["system", "user"])}
DECLARATION_FOLDERS = {"configurations": "configuration", "assets": "asset", "activations": "activation",
                       "management": "management"}


def declaration_facts(entry):
    """An upstream declaration's supportedOS entry -> the binary's facts."""
    out = {}
    for name, value in (entry or {}).items():
        if name in LIST_FACTS:
            prefix, values = LIST_FACTS[name]
            out.update({f"{prefix}_{v}": v in value for v in values})
        elif name == "sharedipad":
            out.update({f"sharedipad_scope_{v}": v in value.get("allowed-scopes", [])
                        for v in ["system", "user"]})
        else:
            out[name] = str(value)
    return out


@unittest.skipUnless((UPSTREAM / "declarative" / "declarations").is_dir(), "upstream data not found")
class DeclarationCoverageTest(unittest.TestCase):
    def test_every_declaration_type_is_known_with_its_facts(self):
        root = UPSTREAM / "declarative" / "declarations"
        upstream = {}
        for folder, cls in DECLARATION_FOLDERS.items():
            for path in sorted((root / folder).glob("*.yaml")):
                with path.open() as fh:
                    data = yaml.safe_load(fh)
                upstream[data["payload"]["declarationtype"]] = (cls, data)
        self.assertGreater(len(upstream), 30)
        listed = subprocess.run([PROFILEC, "schema", "list", "--kind", "declaration", "--format", "json"],
                                capture_output=True, text=True, timeout=60, check=True)
        self.assertEqual(sorted(e["payloadtype"] for e in json.loads(listed.stdout)), sorted(upstream))
        keys_compared = 0
        for declaration_type, (cls, data) in sorted(upstream.items()):
            with self.subTest(type=declaration_type):
                shown = show(declaration_type)
                self.assertEqual(shown["kind"], "declaration")
                self.assertEqual(shown.get("class"), cls)
                self.assertEqual(shown.get("apply"), data["payload"].get("apply"))
                for platform, entry in (data["payload"].get("supportedOS") or {}).items():
                    got = shown["platforms"].get(platform)
                    self.assertIsNotNone(got, f"{declaration_type} on {platform}")
                    for fact, value in declaration_facts(entry).items():
                        self.assertEqual(value, got.get(fact), f"{declaration_type} {platform} {fact}")
                shown_keys = {k["name"]: k for k in shown["groups"][0]["keys"]}
                self.assertEqual([k["key"] for k in data.get("payloadkeys") or []], list(shown_keys))
                for yk in data.get("payloadkeys") or []:
                    sk = shown_keys[yk["key"]]
                    keys_compared += 1
                    self.assertEqual(yk["type"].strip("<>"), sk["type"], yk["key"])
                    self.assertEqual(yk.get("combinetype"), sk.get("combinetype"), yk["key"])
                    self.assertEqual(yk.get("assettypes"), sk.get("references"), yk["key"])
                    if "presence" in yk:
                        self.assertEqual(yk["presence"], sk.get("presence"), yk["key"])
        print(f"\n{len(upstream)} declaration types, {keys_compared} top-level keys compared", file=sys.stderr)


if __name__ == "__main__":
    unittest.main()
