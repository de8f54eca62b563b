#!/usr/bin/env python3
"""The layering checker itself, on small trees planted in a temporary folder:
it passes a clean tree and fails, naming file and line, on a backward
include, a header that includes a PRIVATE dependency, a folder that is no
stage, stages that use each other in a circle, and a table of libraries in
the docs that says otherwise than the build."""

import json
import pathlib
import subprocess
import sys
import tempfile
import unittest

CHECKER = pathlib.Path(__file__).resolve().parent / "check_layering.py"

# base <- diag <- lang, as compiler/CMakeLists.txt would write it: lang's
# headers may include diag (PUBLIC), only its .cc files base (PRIVATE).
LAYERING = {
    "base": {"public": [], "private": []},
    "diag": {"public": ["base"], "private": []},
    "lang": {"public": ["diag"], "private": ["base"]},
}

CLEAN_TREE = {
    "base/span.h": "#pragma once\n#include <string>\n",
    "base/span.cc": '#include "base/span.h"\n',
    "diag/diagnostic.h": '#pragma once\n#include "base/span.h"\n',
    "diag/diagnostic.cc": '#include "diag/diagnostic.h"\n#include "base/span.h"\n',
    "lang/parse.h": '#pragma once\n#include "diag/diagnostic.h"\n',
    "lang/parse.cc": '#include "lang/parse.h"\n\n#include "base/span.h"\n#include "diag/diagnostic.h"\n',
    "lang/rules/rule.cc": '#include "lang/parse.h"\n#include "diag/diagnostic.h"\n',
}


# The table of docs/architecture.md for LAYERING.
ARCHITECTURE = """# Architecture

## Libraries

| library | may use (PUBLIC) | and in its `.cc` files (PRIVATE) | third-party |
|---|---|---|---|
| `profilec_base` | | | OpenSSL |
| `profilec_diag` | base | | |
| `profilec_lang` | diag | base (for its spans) | toml++ |
"""


class CheckLayeringTest(unittest.TestCase):
    def run_checker(self, tree, layering=LAYERING, architecture=None):
        with tempfile.TemporaryDirectory() as temporary:
            root = pathlib.Path(temporary)
            for name, text in tree.items():
                path = root / "compiler" / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
            (root / "layering.json").write_text(json.dumps(layering), encoding="utf-8")
            command = [sys.executable, str(CHECKER), str(root / "layering.json"), str(root / "compiler")]
            if architecture is not None:
                (root / "architecture.md").write_text(architecture, encoding="utf-8")
                command.append("architecture.md")
            result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=root)
        return result.returncode, result.stdout

    def test_a_clean_tree_passes(self):
        code, output = self.run_checker(CLEAN_TREE)
        self.assertEqual(code, 0, output)
        self.assertIn("6 includes across 3 stages, all allowed", output)

    def test_a_backward_include_fails_naming_file_and_line(self):
        tree = dict(CLEAN_TREE)
        tree["base/span.cc"] = '#include "base/span.h"\n\n#include "lang/parse.h"\n'
        code, output = self.run_checker(tree)
        self.assertEqual(code, 1, output)
        self.assertEqual(output.splitlines(), [
            'compiler/base/span.cc:3: base may not include "lang/parse.h": base uses no other stage '
            "(compiler/base/CMakeLists.txt)",
            "check_layering: 1 problem(s)",
        ])

    def test_an_include_of_a_stage_used_only_through_another_fails(self):
        # lang uses diag and base, diag uses base: a stage two steps away is not
        # usable just because a dependency uses it.
        layering = {"base": {}, "diag": {"public": ["base"]}, "lang": {"public": ["diag"]}}
        code, output = self.run_checker(CLEAN_TREE, layering)
        self.assertEqual(code, 1, output)
        self.assertIn('compiler/lang/parse.cc:3: lang may not include "base/span.h": lang uses diag '
                      "(compiler/lang/CMakeLists.txt)", output)
        self.assertIn("check_layering: 1 problem(s)", output)

    def test_an_include_in_a_subfolder_is_checked(self):
        tree = dict(CLEAN_TREE)
        tree["diag/render/human.cc"] = '// renders\n#  include "lang/parse.h"\n'
        code, output = self.run_checker(tree)
        self.assertEqual(code, 1, output)
        self.assertIn('compiler/diag/render/human.cc:2: diag may not include "lang/parse.h"', output)

    def test_a_header_including_a_private_dependency_fails(self):
        tree = dict(CLEAN_TREE)
        tree["lang/parse.h"] = '#pragma once\n#include "diag/diagnostic.h"\n#include "base/span.h"\n'
        code, output = self.run_checker(tree)
        self.assertEqual(code, 1, output)
        self.assertIn('compiler/lang/parse.h:3: a header of lang includes "base/span.h", but base is a PRIVATE '
                      "dependency of lang; make it PUBLIC (compiler/lang/CMakeLists.txt)", output)

    def test_a_folder_that_is_no_stage_fails(self):
        tree = dict(CLEAN_TREE)
        tree["extra/thing.cc"] = '#include "lang/parse.h"\n'
        code, output = self.run_checker(tree)
        self.assertEqual(code, 1, output)
        self.assertIn("compiler/extra/: a folder of compiler/ that is no stage library", output)

    def test_stages_using_each_other_in_a_circle_fail(self):
        layering = dict(LAYERING)
        layering["base"] = {"public": [], "private": ["lang"]}
        code, output = self.run_checker(CLEAN_TREE, layering)
        self.assertEqual(code, 1, output)
        self.assertIn("layering: the stages use each other in a circle: base -> lang -> base", output)

    def test_a_dependency_on_no_stage_fails(self):
        layering = dict(LAYERING)
        layering["lang"] = {"public": ["diag", "parser"], "private": ["base"]}
        code, output = self.run_checker(CLEAN_TREE, layering)
        self.assertEqual(code, 1, output)
        self.assertIn("layering: lang uses 'parser', which is no stage", output)

    def test_a_table_of_libraries_saying_the_same_passes(self):
        code, output = self.run_checker(CLEAN_TREE, architecture=ARCHITECTURE)
        self.assertEqual(code, 0, output)

    def test_a_table_of_libraries_saying_otherwise_fails(self):
        architecture = ARCHITECTURE.replace("| `profilec_lang` | diag | base (for its spans) |",
                                            "| `profilec_lang` | diag, base | |")
        code, output = self.run_checker(CLEAN_TREE, architecture=architecture)
        self.assertEqual(code, 1, output)
        self.assertEqual(output.splitlines(), [
            "architecture.md: profilec_lang uses diag PUBLIC (compiler/lang/CMakeLists.txt), the table says base, diag",
            "architecture.md: profilec_lang uses base PRIVATE (compiler/lang/CMakeLists.txt), the table says nothing",
            "check_layering: 2 problem(s)",
        ])

    def test_a_table_of_libraries_missing_a_stage_fails(self):
        architecture = ARCHITECTURE.replace("| `profilec_diag` | base | | |\n", "")
        code, output = self.run_checker(CLEAN_TREE, architecture=architecture)
        self.assertEqual(code, 1, output)
        self.assertIn("architecture.md: the table of libraries has no row for profilec_diag", output)

    def test_a_missing_table_is_a_usage_error(self):
        result = subprocess.run([sys.executable, str(CHECKER), "/nonexistent/layering.json", "."],
                                capture_output=True, text=True, check=False)
        self.assertEqual(result.returncode, 2)
        self.assertIn("cannot read /nonexistent/layering.json", result.stderr)


if __name__ == "__main__":
    unittest.main()
